/**
 * Parent-portal invitations (issue 12, PAR-1): the office of a site (people.manage) invites a parent or carer,
 * linking the account to one or more of their contact records. The parent then sees exactly the pupils those
 * contacts have parental responsibility for (pupils.repo childrenOfParent), and nothing else.
 */
import type { z } from 'zod';
import type { ZParentInvite } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { can, type Actor } from '../../core/policy/policy.ts';
import { conflict, fieldError, forbidden, notFound } from '../../core/http/errors.ts';
import { clockNow } from '../../core/time.ts';
import type { MailLog } from '../../core/mail/outbox.ts';
import { findPupil } from '../pupils/pupils.repo.ts';
import * as usersRepo from '../admin/users.repo.ts';
import * as repo from './invitations.repo.ts';
import { presentInvitation } from './invitations.presenter.ts';
import { requireMail, sendAfterCommit } from './invitations.mail.ts';
import { issueInvitation, presentById } from './invitations.service.ts';

export async function inviteParent(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZParentInvite>, log?: MailLog) {
  requireMail(deps);
  const db = deps.database.db;
  const ids = [...new Set(body.contactIds)];
  const found = await repo.contactsWithChildren(db, actor.trustId, ids);
  const byId = new Map(found.map((c) => [c.id, c]));
  const contacts = ids.map((id, i) => {
    const c = byId.get(id);
    if (!c) throw fieldError(`contactIds.${i}`, 'No such contact');
    return { c, i };
  });
  // every child of every contact must be at a site whose records the caller keeps (a wrong-site office is refused)
  for (const { c } of contacts) {
    for (const child of c.children) {
      if (!can(actor, 'people.manage', { trustId: actor.trustId, siteId: child.siteId })) {
        throw forbidden("One of these contacts has a child at a site whose records you do not keep. Ask that site's office or your trust administrator.");
      }
    }
  }
  for (const { c, i } of contacts) {
    if (!c.children.length) throw fieldError(`contactIds.${i}`, `${c.name} has no parental responsibility for a pupil, so has nothing to see in the parent portal`);
    if (c.userId) throw conflict(`${c.name} already has a parent portal account. Send them a new invitation from it instead.`, [{ field: `contactIds.${i}`, message: 'Already has an account' }]);
  }
  const first = contacts[0]!.c;
  const email = (body.email ?? first.email ?? '').trim().toLowerCase();
  if (!email) throw fieldError('email', `${first.name} has no email address on record: enter the address to send the invitation to`);
  if (await usersRepo.emailTaken(db, email)) throw conflict('A Haven account already uses this email address.', [{ field: 'email', message: 'Already in use' }]);
  const displayName = body.displayName ?? first.name;
  const siteIds = [...new Set(contacts.flatMap(({ c }) => c.children.map((ch) => ch.siteId)))].sort();
  const pupilIds = [...new Set(contacts.flatMap(({ c }) => c.children.map((ch) => ch.pupilId)))];

  const issued = await inTransaction(deps.database, ctx, async (tx, audit) => {
    const user = await usersRepo.insertUser(tx, { trustId: actor.trustId, email, displayName, passwordHash: null });
    for (const siteId of siteIds) await usersRepo.insertAssignment(tx, { trustId: actor.trustId, userId: user.id, role: 'parent', siteId });
    await repo.linkContactsToUser(tx, ids, user.id);
    audit.record({ action: 'parent.account.create', entityType: 'user', entityId: user.id, siteId: siteIds[0] ?? null,
      details: { after: { email, displayName, contactIds: ids, pupilIds, parentSites: siteIds } } });
    return issueInvitation(deps, tx, audit, actor, { userId: user.id, email, displayName, kind: 'parent', siteId: siteIds[0] ?? null });
  });
  sendAfterCommit(deps, issued.outgoing, log);
  return presentById(deps, actor, issued.id);
}

/** Each contact of a pupil and their parent-portal account, for the office on the pupil's profile. */
export async function portalAccessOf(deps: Deps, actor: Actor, pupilId: string) {
  const db = deps.database.db;
  const found = await findPupil(db, pupilId);
  if (!found || !can(actor, 'people.manage', found.pupil)) throw notFound('pupil');
  const rows = await repo.portalContactsOf(db, pupilId);
  const latest = await repo.latestOf(db, rows.flatMap((r) => (r.userId ? [r.userId] : [])));
  const now = clockNow(deps);
  return {
    items: rows.map((r) => {
      const inv = r.userId ? latest.get(r.userId) : undefined;
      const account = !r.userId ? 'none' as const : r.passwordSet ? 'active' as const : 'invited' as const;
      return {
        contactId: r.contactId, email: r.email, account,
        invitation: inv ? presentInvitation(inv, now, ['resend', 'revoke']) : null,
        allowed: account === 'none' && r.parentalResponsibility ? ['invite'] : [],
      };
    }),
  };
}
