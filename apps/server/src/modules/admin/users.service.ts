/** Trust administrators manage users and their role assignments (one role at one site, or trust-wide). */
import type { z } from 'zod';
import type { TRole, TUser, ZAssignmentInput, ZUserCreate, ZUserListQuery, ZUserUpdate } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext, AuditQueue } from '../../core/audit/audit.ts';
import { allowedActions, can, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { conflict, fieldError, forbidden, notFound, staleVersion } from '../../core/http/errors.ts';
import { hashPassword } from '../../core/auth/password.ts';
import type { Executor } from '../../core/db/client.ts';
import * as repo from './users.repo.ts';
import { revokeAllApiTokens, revokeAllSessions } from '../auth/auth.repo.ts';
import { ensureStaffRecord } from '../people/people.staff.ts';

const USER_ACTIONS = { update: 'user.manage', assign: 'user.manage' } as const;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

function present(actor: Actor, u: repo.UserRow, assignments: repo.AssignmentRow[]): TUser {
  return {
    id: u.id, email: u.email, displayName: u.displayName, active: u.active, totpEnabled: u.totpEnabled,
    lockedUntil: u.lockedUntil && u.lockedUntil.getTime() > Date.now() ? u.lockedUntil.toISOString() : null,
    lastLoginAt: iso(u.lastLoginAt),
    assignments: assignments.filter((a) => a.userId === u.id).map((a) => ({ id: a.id, role: a.role as TRole, siteId: a.siteId, siteName: a.siteName })),
    version: u.version,
    allowed: allowedActions(actor, { trustId: u.trustId }, USER_ACTIONS),
  };
}

export function assertManage(actor: Actor) {
  if (!can(actor, 'user.manage', { trustId: actor.trustId })) throw forbidden();
}

export async function load(db: Executor, actor: Actor, id: string): Promise<TUser> {
  const u = await repo.findUser(db, actor.trustId, id);
  if (!u) throw notFound('user');
  return present(actor, u, await repo.assignmentsOf(db, [u.id]));
}

export async function list(deps: Deps, actor: Actor, q: z.infer<typeof ZUserListQuery>) {
  assertManage(actor);
  const db = deps.database.db;
  const { rows, total } = await repo.listUsers(db, { trustId: actor.trustId, search: q.search, siteId: q.siteId, role: q.role }, q.page, q.pageSize);
  const assignments = await repo.assignmentsOf(db, rows.map((r) => r.id));
  return { items: rows.map((u) => present(actor, u, assignments)), total, page: q.page, pageSize: q.pageSize };
}

export async function get(deps: Deps, actor: Actor, id: string) {
  assertManage(actor);
  return load(deps.database.db, actor, id);
}

async function checkAssignment(db: Executor, actor: Actor, a: z.infer<typeof ZAssignmentInput>, field: string) {
  if (a.siteId && !(await repo.siteIdsOfTrust(db, actor.trustId)).includes(a.siteId)) throw fieldError(`${field}.siteId`, 'No such site in this trust');
}

/** The checks every new account passes (an unused email address, sites of this trust); the address normalised. */
export async function checkNewUser(db: Executor, actor: Actor, body: { email: string; assignments: z.infer<typeof ZAssignmentInput>[] }): Promise<string> {
  const email = body.email.trim().toLowerCase();
  if (await repo.emailTaken(db, email)) throw conflict('A user with that email address already exists.', [{ field: 'email', message: 'Already in use' }]);
  for (const [i, a] of body.assignments.entries()) await checkAssignment(db, actor, a, `assignments.${i}`);
  return email;
}

/** In the use case's transaction: the account, its roles and the audit entry. No password means it waits for an invitation. */
export async function insertNewUser(tx: Executor, audit: AuditQueue, actor: Actor,
  v: { email: string; displayName: string; passwordHash: string | null; assignments: z.infer<typeof ZAssignmentInput>[] }): Promise<string> {
  const u = await repo.insertUser(tx, { trustId: actor.trustId, email: v.email, displayName: v.displayName, passwordHash: v.passwordHash });
  for (const a of v.assignments) await repo.insertAssignment(tx, { trustId: actor.trustId, userId: u.id, role: a.role, siteId: a.siteId });
  audit.record({ action: 'user.create', entityType: 'user', entityId: u.id, details: {
    after: { email: v.email, displayName: v.displayName, assignments: v.assignments }, ...(v.passwordHash ? {} : { invited: true }) } });
  await ensureStaffRecord(tx, audit, u);
  return u.id;
}

export async function create(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZUserCreate>) {
  assertManage(actor);
  const db = deps.database.db;
  const email = await checkNewUser(db, actor, body);
  const passwordHash = await hashPassword(body.password);
  const id = await inTransaction(deps.database, ctx, (tx, audit) =>
    insertNewUser(tx, audit, actor, { email, displayName: body.displayName, passwordHash, assignments: body.assignments }));
  return load(db, actor, id);
}

export async function update(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZUserUpdate>) {
  assertManage(actor);
  const passwordHash = body.password ? await hashPassword(body.password) : undefined;
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    const before = await repo.findUser(tx, actor.trustId, id);
    if (!before) throw notFound('user');
    if (id === actor.userId && body.active === false) throw fieldError('active', 'You cannot deactivate your own account');
    const patch: Parameters<typeof repo.updateUser>[3] = {};
    if (body.displayName !== undefined) patch.displayName = body.displayName;
    if (body.active !== undefined) patch.active = body.active;
    if (passwordHash) patch.passwordHash = passwordHash;
    if (body.resetTotp) Object.assign(patch, { totpEnabled: false, totpSecret: null, totpLastStep: null });
    if (body.unlock) Object.assign(patch, { lockedUntil: null, failedLoginCount: 0 });
    // Deactivation revokes the user's API tokens for good: reactivating the account does not bring them back
    // (migration 0010's trigger does the same for any other path that deactivates a user).
    const tokensRevoked = body.active === false && before.active ? await revokeAllApiTokens(tx, id) : 0;
    const after = await repo.updateUser(tx, id, body.version, patch);
    if (!after) throw staleVersion('user');
    // Deactivation, a new password or a two-factor reset ends every session of that user.
    if (body.active === false || passwordHash || body.resetTotp) await revokeAllSessions(tx, id);
    audit.record({ action: 'user.update', entityType: 'user', entityId: id, details: {
      changed: Object.keys(patch).filter((k) => k !== 'passwordHash' && k !== 'totpSecret'),
      passwordReset: !!passwordHash, totpReset: !!body.resetTotp, unlocked: !!body.unlock, ...(tokensRevoked ? { apiTokensRevoked: tokensRevoked } : {}),
      before: { displayName: before.displayName, active: before.active }, after: { displayName: after.displayName, active: after.active } } });
  });
  return load(deps.database.db, actor, id);
}

export async function addAssignment(deps: Deps, actor: Actor, ctx: AuditContext, userId: string, a: z.infer<typeof ZAssignmentInput>) {
  assertManage(actor);
  await checkAssignment(deps.database.db, actor, a, 'body');
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    const u = await repo.findUser(tx, actor.trustId, userId);
    if (!u) throw notFound('user');
    const existing = await repo.assignmentsOf(tx, [userId]);
    if (existing.some((e) => e.role === a.role && e.siteId === a.siteId)) throw conflict('The user already has that role there.', [{ field: 'role', message: 'Already assigned' }]);
    const row = await repo.insertAssignment(tx, { trustId: actor.trustId, userId, role: a.role, siteId: a.siteId });
    await repo.bumpUserVersion(tx, userId);
    audit.record({ action: 'user.assignment.add', entityType: 'user', entityId: userId, siteId: a.siteId, details: { assignmentId: row.id, role: a.role, siteId: a.siteId } });
    await ensureStaffRecord(tx, audit, u);
  });
  return load(deps.database.db, actor, userId);
}

export async function removeAssignment(deps: Deps, actor: Actor, ctx: AuditContext, userId: string, assignmentId: string) {
  assertManage(actor);
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    const u = await repo.findUser(tx, actor.trustId, userId);
    if (!u) throw notFound('user');
    const removed = await repo.deleteAssignment(tx, userId, assignmentId);
    if (!removed) throw notFound('role assignment');
    if (userId === actor.userId && removed.role === 'trust_admin') throw fieldError('assignmentId', 'You cannot remove your own trust administrator role');
    await repo.bumpUserVersion(tx, userId);
    audit.record({ action: 'user.assignment.remove', entityType: 'user', entityId: userId, siteId: removed.siteId, details: { before: { assignmentId, role: removed.role, siteId: removed.siteId } } });
  });
  return load(deps.database.db, actor, userId);
}
