/**
 * Invitations (issue 12): what this module owns. A trust administrator invites a member of staff (the account is
 * made without a password) or sends an existing user a set-password link; a site's office invites a parent
 * (parents.service.ts); a DSL invites an agency professional with a share (modules/agency-shares). Every link is
 * single-use, expires after HAVEN_INVITATION_DAYS, and is replaced (the old one withdrawn) when sent again.
 * The public half — checking a link and setting the password — is invitations.accept.ts.
 */
import type { z } from 'zod';
import type { TInvitationKind, TRole, ZStaffInvite } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext, AuditQueue } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { can, type Actor } from '../../core/policy/policy.ts';
import { conflict, forbidden, notFound } from '../../core/http/errors.ts';
import { clockNow } from '../../core/time.ts';
import type { MailLog } from '../../core/mail/outbox.ts';
import { hashSecret, newSecret } from '../auth/tokens.ts';
import { findUserById, rolesOfUser } from '../auth/auth.repo.ts';
import { assertManage, checkNewUser, insertNewUser } from '../admin/users.service.ts';
import * as repo from './invitations.repo.ts';
import { invitationExpiry, invitationStatus } from './invitations.rules.ts';
import { presentInvitation } from './invitations.presenter.ts';
import { requireMail, sendAfterCommit, type Outgoing } from './invitations.mail.ts';

const ACTIONS = ['resend', 'revoke'];

export interface Issued { outgoing: Outgoing; id: string }

/**
 * In the use case's transaction: withdraws the user's open links, makes a new one and audits it (the address and
 * expiry, never the token). The caller sends `outgoing` after commit.
 */
export async function issueInvitation(deps: Deps, tx: Executor, audit: AuditQueue, actor: Actor,
  p: { userId: string; email: string; displayName: string; kind: TInvitationKind; siteId: string | null }): Promise<Issued> {
  const now = clockNow(deps);
  const replaced = await repo.revokeOpenInvitations(tx, p.userId, now);
  const token = newSecret();
  const expiresAt = invitationExpiry(now, deps.config.invitations.days);
  const row = await repo.insertInvitation(tx, {
    trustId: actor.trustId, userId: p.userId, kind: p.kind, siteId: p.siteId, email: p.email, tokenHash: hashSecret(token),
    expiresAt, createdBy: actor.userId,
  });
  audit.record({ action: 'invitation.send', entityType: 'invitation', entityId: row.id, siteId: p.siteId,
    details: { kind: p.kind, userId: p.userId, email: p.email, expiresAt: expiresAt.toISOString(), ...(replaced.length ? { replaced } : {}) } });
  const outgoing = { invitationId: row.id, kind: p.kind, email: p.email, displayName: p.displayName, token, expiresAt, trustName: await repo.trustName(tx, actor.trustId) };
  return { outgoing, id: row.id };
}

export async function presentById(deps: Deps, actor: Actor, id: string) {
  const row = await repo.findInvitation(deps.database.db, actor.trustId, id);
  if (!row) throw notFound('invitation');
  return presentInvitation(row, clockNow(deps), ACTIONS);
}

/** A new member of staff: the account (no password) and its roles, and the link to set a password. */
export async function inviteStaff(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZStaffInvite>, log?: MailLog) {
  assertManage(actor);
  requireMail(deps);
  const email = await checkNewUser(deps.database.db, actor, body);
  const issued = await inTransaction(deps.database, ctx, async (tx, audit) => {
    const userId = await insertNewUser(tx, audit, actor, { email, displayName: body.displayName, passwordHash: null, assignments: body.assignments });
    return issueInvitation(deps, tx, audit, actor, { userId, email, displayName: body.displayName, kind: 'staff', siteId: null });
  });
  sendAfterCommit(deps, issued.outgoing, log);
  return presentById(deps, actor, issued.id);
}

/** The kind of invitation an account gets from the users page: by its roles. */
function kindOfRoles(roles: TRole[]): TInvitationKind {
  if (roles.length && roles.every((r) => r === 'parent')) return 'parent';
  if (roles.length && roles.every((r) => r === 'agency')) return 'agency';
  return 'staff';
}

/** A set-password link for an existing account (never signed in, or a forgotten password), from the users page. */
export async function inviteExistingUser(deps: Deps, actor: Actor, ctx: AuditContext, userId: string, log?: MailLog) {
  assertManage(actor);
  requireMail(deps);
  const issued = await inTransaction(deps.database, ctx, async (tx, audit) => {
    const user = await findUserById(tx, userId);
    if (!user || user.trustId !== actor.trustId) throw notFound('user');
    if (!user.active) throw conflict('This account is deactivated: reactivate it before sending an invitation.');
    const kind = kindOfRoles(await rolesOfUser(tx, userId));
    return issueInvitation(deps, tx, audit, actor, { userId, email: user.email, displayName: user.displayName, kind, siteId: null });
  });
  sendAfterCommit(deps, issued.outgoing, log);
  return presentById(deps, actor, issued.id);
}

/** The user's password state and latest invitation, for the users page. */
export async function stateOfUser(deps: Deps, actor: Actor, userId: string) {
  assertManage(actor);
  const db = deps.database.db;
  const user = await findUserById(db, userId);
  if (!user || user.trustId !== actor.trustId) throw notFound('user');
  const latest = (await repo.latestOf(db, [userId])).get(userId);
  return { passwordSet: user.passwordHash !== null, invitation: latest ? presentInvitation(latest, clockNow(deps), ACTIONS) : null };
}

/**
 * Who may resend or withdraw an invitation: a trust administrator any; the office (people.manage) a parent's, at
 * every site of that parent's children; a DSL (agency.share.manage) an agency professional's at the share's site.
 */
async function assertMayHandle(db: Executor, actor: Actor, inv: repo.InvitationRow): Promise<void> {
  if (can(actor, 'user.manage', { trustId: inv.trustId })) return;
  if (inv.kind === 'parent') {
    const sites = await repo.childSitesOfParent(db, inv.userId);
    if (sites.length && sites.every((siteId) => can(actor, 'people.manage', { trustId: inv.trustId, siteId }))) return;
  }
  if (inv.kind === 'agency' && inv.siteId && can(actor, 'agency.share.manage', { trustId: inv.trustId, siteId: inv.siteId })) return;
  throw forbidden('You cannot manage this invitation.');
}

async function loadForChange(deps: Deps, actor: Actor, tx: Executor, id: string) {
  const inv = await repo.findInvitation(tx, actor.trustId, id);
  if (!inv) throw notFound('invitation');
  await assertMayHandle(tx, actor, inv);
  if (inv.usedAt) throw conflict('This invitation has already been accepted: the person has set their password.');
  return inv;
}

/** A new link replacing this one (which stops working), by email. */
export async function resend(deps: Deps, actor: Actor, ctx: AuditContext, id: string, log?: MailLog) {
  requireMail(deps);
  const issued = await inTransaction(deps.database, ctx, async (tx, audit) => {
    const inv = await loadForChange(deps, actor, tx, id);
    const user = await findUserById(tx, inv.userId);
    if (!user?.active) throw conflict('This account is deactivated: reactivate it before sending an invitation.');
    return issueInvitation(deps, tx, audit, actor, { userId: inv.userId, email: user.email, displayName: user.displayName, kind: inv.kind as TInvitationKind, siteId: inv.siteId });
  });
  sendAfterCommit(deps, issued.outgoing, log);
  return presentById(deps, actor, issued.id);
}

/** Withdraws the link (the account stays, without a password, until invited again). */
export async function revoke(deps: Deps, actor: Actor, ctx: AuditContext, id: string) {
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    const inv = await loadForChange(deps, actor, tx, id);
    const status = invitationStatus(inv, clockNow(deps));
    if (status !== 'pending') throw conflict(`This invitation is already ${status}.`);
    const withdrawn = await repo.revokeOpenInvitations(tx, inv.userId, clockNow(deps));
    audit.record({ action: 'invitation.revoke', entityType: 'invitation', entityId: id, siteId: inv.siteId, details: { kind: inv.kind, userId: inv.userId, withdrawn } });
  });
  return presentById(deps, actor, id);
}
