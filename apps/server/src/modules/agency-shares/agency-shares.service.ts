/**
 * Agency shares (issue 12, SPEC §1 agency role; SUP-5): what this module owns. A DSL, a behaviour lead or a trust
 * administrator shares named records and reports (share-kinds.ts: incidents, the pupil summary, the agency report,
 * professional reports) about one pupil with an agency professional — a social worker, CAMHS, an educational psychologist —
 * until a last day, inviting them by the same emailed set-password link as staff and parents. The professional
 * reads only those records, only until the share expires or is revoked; every share, revocation and read is audited.
 */
import type { z } from 'zod';
import type { TAgencyRecordType, TAgencyShare, ZAgencyShareCreate } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { allowedActions, can, type Actor } from '../../core/policy/policy.ts';
import { conflict, fieldError, notFound } from '../../core/http/errors.ts';
import { clockNow } from '../../core/time.ts';
import { londonIsoDate } from '../../core/calendar/dates.ts';
import type { MailLog } from '../../core/mail/outbox.ts';
import { findPupil } from '../pupils/pupils.repo.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import * as usersRepo from '../admin/users.repo.ts';
import { findUserByEmail, rolesOfUser } from '../auth/auth.repo.ts';
import { issueInvitation, type Issued } from '../invitations/invitations.service.ts';
import { requireMail, sendAfterCommit } from '../invitations/invitations.mail.ts';
import * as invitationsRepo from '../invitations/invitations.repo.ts';
import { presentInvitation } from '../invitations/invitations.presenter.ts';
import { shareExpiry } from '../invitations/invitations.rules.ts';
import * as repo from './agency-shares.repo.ts';
import { SHARE_KINDS, type SharedFile } from './share-kinds.ts';

async function present(deps: Deps, actor: Actor, rows: repo.ShareListRow[]): Promise<TAgencyShare[]> {
  const db = deps.database.db;
  const now = clockNow(deps);
  const records = await repo.recordsOf(db, rows.map((r) => r.share.id));
  const labels = new Map<string, string>();
  for (const type of new Set(records.map((r) => r.type))) {
    const kind = SHARE_KINDS[type as TAgencyRecordType];
    if (!kind) continue;
    for (const [id, label] of await kind.labels(db, records.filter((r) => r.type === type).map((r) => r.id))) labels.set(`${type}:${id}`, label);
  }
  const invitations = await invitationsRepo.latestOf(db, [...new Set(rows.map((r) => r.share.userId))]);
  return rows.map((r) => {
    const s = r.share;
    const active = !s.revokedAt && s.expiresAt.getTime() > now.getTime();
    const inv = invitations.get(s.userId);
    return {
      id: s.id, pupilId: s.pupilId, pupilName: displayName(r), siteId: r.siteId, userId: s.userId, agencyName: r.agencyName, agencyEmail: r.agencyEmail,
      expiresAt: s.expiresAt.toISOString(), revokedAt: s.revokedAt ? s.revokedAt.toISOString() : null, active,
      records: records.filter((x) => x.shareId === s.id).map((x) => ({ type: x.type as TAgencyRecordType, id: x.id, label: labels.get(`${x.type}:${x.id}`) ?? x.type })),
      invitation: inv ? presentInvitation(inv, now, []) : null,
      allowed: active ? allowedActions(actor, { trustId: s.trustId, siteId: r.siteId }, { revoke: 'agency.share.manage' }) : [],
    };
  });
}

async function pupilInScope(deps: Deps, actor: Actor, pupilId: string) {
  const found = await findPupil(deps.database.db, pupilId);
  if (!found || !can(actor, 'agency.share.manage', found.pupil)) throw notFound('pupil');
  return found.pupil;
}

export async function listForPupil(deps: Deps, actor: Actor, pupilId: string) {
  await pupilInScope(deps, actor, pupilId);
  return { items: await present(deps, actor, await repo.sharesOfPupil(deps.database.db, actor.trustId, pupilId)) };
}

export async function create(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZAgencyShareCreate>, log?: MailLog) {
  const db = deps.database.db;
  const pupil = await pupilInScope(deps, actor, body.pupilId);
  const expiry = shareExpiry(body.expiresOn, clockNow(deps));
  if ('error' in expiry) throw fieldError('expiresOn', expiry.error);
  const shareable = new Map<string, Set<string>>();
  for (const type of new Set(body.records.map((r) => r.type))) {
    shareable.set(type, await SHARE_KINDS[type].shareable(db, pupil, body.records.filter((r) => r.type === type).map((r) => r.id)));
  }
  for (const [i, r] of body.records.entries()) {
    if (!shareable.get(r.type)?.has(r.id)) throw fieldError(`records.${i}.id`, 'Not a submitted record about this pupil at their school');
  }
  const email = body.email.trim().toLowerCase();
  const existing = await findUserByEmail(db, email);
  if (existing) {
    const roles = await rolesOfUser(db, existing.id);
    if (existing.trustId !== actor.trustId || roles.some((r) => r !== 'agency')) {
      throw conflict('That email address belongs to an account that is not an agency professional’s. Use their work address at the agency.', [{ field: 'email', message: 'Not an agency account' }]);
    }
    if (!existing.active) throw conflict('That agency account is deactivated: ask your trust administrator to reactivate it.', [{ field: 'email', message: 'Deactivated' }]);
  }
  const needsInvitation = !existing || existing.passwordHash === null;
  if (needsInvitation) requireMail(deps);
  const records = [...new Map(body.records.map((r) => [`${r.type}:${r.id}`, r])).values()];

  const out = await inTransaction(deps.database, ctx, async (tx, audit) => {
    let userId = existing?.id;
    if (!userId) {
      const u = await usersRepo.insertUser(tx, { trustId: actor.trustId, email, displayName: body.displayName, passwordHash: null });
      userId = u.id;
      audit.record({ action: 'user.create', entityType: 'user', entityId: userId, siteId: pupil.siteId, details: { after: { email, displayName: body.displayName, assignments: [{ role: 'agency', siteId: pupil.siteId }] }, invited: true } });
    }
    const assignments = await usersRepo.assignmentsOf(tx, [userId]);
    if (!assignments.some((a) => a.role === 'agency' && a.siteId === pupil.siteId)) {
      await usersRepo.insertAssignment(tx, { trustId: actor.trustId, userId, role: 'agency', siteId: pupil.siteId });
    }
    const shareId = await repo.insertShare(tx, { trustId: actor.trustId, pupilId: pupil.id, userId, grantedBy: actor.userId, expiresAt: expiry.at }, records);
    audit.record({ action: 'agency.share.create', entityType: 'agency_share', entityId: shareId, siteId: pupil.siteId,
      details: { pupilId: pupil.id, userId, email, expiresAt: expiry.at.toISOString(), records: records.map((r) => ({ type: r.type, id: r.id })) } });
    let issued: Issued | null = null;
    if (needsInvitation) issued = await issueInvitation(deps, tx, audit, actor, { userId, email, displayName: existing?.displayName ?? body.displayName, kind: 'agency', siteId: pupil.siteId });
    return { shareId, issued };
  });
  if (out.issued) sendAfterCommit(deps, out.issued.outgoing, log);
  const row = await repo.findShare(db, actor.trustId, out.shareId);
  return (await present(deps, actor, [row!]))[0]!;
}

export async function revoke(deps: Deps, actor: Actor, ctx: AuditContext, id: string) {
  const db = deps.database.db;
  const row = await repo.findShare(db, actor.trustId, id);
  if (!row || !can(actor, 'agency.share.manage', { trustId: row.share.trustId, siteId: row.siteId })) throw notFound('share');
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    if (!(await repo.revokeShare(tx, id, clockNow(deps)))) throw conflict('This share has already been revoked.');
    audit.record({ action: 'agency.share.revoke', entityType: 'agency_share', entityId: id, siteId: row.siteId, details: { pupilId: row.share.pupilId, userId: row.share.userId } });
  });
  return (await present(deps, actor, [(await repo.findShare(db, actor.trustId, id))!]))[0]!;
}

/** The agency professional's own shares that are open now (expired and revoked ones are simply gone). */
export async function myShares(deps: Deps, actor: Actor, ctx: AuditContext) {
  const rows = await repo.activeSharesOf(deps.database.db, actor.userId, clockNow(deps));
  const items = await present(deps, actor, rows.filter((r) => r.share.trustId === actor.trustId));
  await inTransaction(deps.database, ctx, async (_tx, audit) => {
    audit.record({ action: 'agency.shares.read', entityType: 'user', entityId: actor.userId, details: { shares: items.map((s) => s.id), pupils: items.map((s) => s.pupilId) } });
  });
  return { items: items.map((s) => ({ ...s, invitation: null, allowed: [] })) };
}

/** One shared incident, while the share is open: an audited read; no other pupil and no member of staff named. */
export async function readIncident(deps: Deps, actor: Actor, ctx: AuditContext, shareId: string, incidentId: string) {
  const db = deps.database.db;
  const now = clockNow(deps);
  const share = (await repo.activeSharesOf(db, actor.userId, now)).find((r) => r.share.id === shareId && r.share.trustId === actor.trustId);
  if (!share) throw notFound('share');
  const inc = await repo.incidentForShare(db, shareId, incidentId);
  if (!inc || inc.voidedAt) throw notFound('record');
  const codes = Array.isArray(inc.categoryCodes) ? inc.categoryCodes.filter((c): c is string => typeof c === 'string') : [];
  const names = await repo.categoryNames(db, inc.trustId, inc.siteId, codes);
  await inTransaction(deps.database, ctx, async (_tx, audit) => {
    audit.record({ action: 'agency.record.read', entityType: 'incident', entityId: inc.id, siteId: inc.siteId, details: { shareId, pupilId: share.share.pupilId, specialCategory: true } });
  });
  return {
    id: inc.id, occurredAt: inc.occurredAt ? inc.occurredAt.toISOString() : null, occurredOn: inc.occurredOn ?? (inc.occurredAt ? londonIsoDate(inc.occurredAt) : null),
    location: inc.locationCode, severity: inc.severity, categories: codes.map((c) => names.get(c) ?? c),
    antecedent: inc.antecedent, behaviour: inc.behaviour, consequence: inc.consequence, physicalIntervention: inc.physicalIntervention,
  };
}

/** A shared document (the pupil summary, the agency report, a professional report's file), while the share is open: audited. */
export async function readDocument(deps: Deps, actor: Actor, ctx: AuditContext, shareId: string, type: TAgencyRecordType, id: string): Promise<SharedFile> {
  const db = deps.database.db;
  const share = (await repo.activeSharesOf(db, actor.userId, clockNow(deps))).find((r) => r.share.id === shareId && r.share.trustId === actor.trustId);
  if (!share) throw notFound('share');
  const kind = SHARE_KINDS[type];
  if (!kind.read || !(await repo.shareNames(db, shareId, type, id))) throw notFound('record');
  const pupil = { id: share.share.pupilId, siteId: share.siteId, trustId: share.share.trustId };
  return kind.read({ deps, ctx, shareId, pupil, grantedByName: await repo.userName(db, share.share.grantedBy) }, id);
}
