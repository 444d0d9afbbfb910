/**
 * Staff records kept by hand (SPEC §3): the office of a site or a trust administrator (people.manage) lists a site's
 * members of staff, adds those without an account (supply and visiting staff), edits them and marks them as left.
 * The writes are the people module's, shared with imports; each is one audited transaction.
 */
import type { TStaffRecord } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { allowedActions, type Actor } from '../../core/policy/policy.ts';
import { createStaffRecord, updateStaffRecord, type StaffFields, type StaffPatch, type StaffRow } from '../people/people.staff.ts';
import { authorisePeopleSite, keptByCaller } from '../people/people.scope.ts';
import * as repo from './staff.repo.ts';

const ACTIONS = { update: 'people.manage' } as const;

export function presentStaffRecord(actor: Actor, s: StaffRow): TStaffRecord {
  return {
    id: s.id, siteId: s.siteId, forename: s.forename, surname: s.surname, displayName: `${s.forename} ${s.surname}`.trim(),
    jobTitle: s.jobTitle, email: s.email, staffCode: s.staffCode, userId: s.userId, active: s.active,
    allowed: allowedActions(actor, s, ACTIONS),
  };
}

export async function listRecords(deps: Deps, actor: Actor, q: { siteId: string; status: 'current' | 'left' | 'all'; search?: string | undefined }) {
  authorisePeopleSite(actor, q.siteId);
  const rows = await repo.listStaffRecords(deps.database.db, q);
  return { items: rows.map((s) => presentStaffRecord(actor, s)), total: rows.length };
}

export async function getRecord(deps: Deps, actor: Actor, id: string) {
  return presentStaffRecord(actor, keptByCaller(actor, await repo.findStaffRecord(deps.database.db, id), 'member of staff'));
}

export async function createRecord(deps: Deps, actor: Actor, ctx: AuditContext, body: { siteId: string } & Omit<StaffFields, 'email' | 'staffCode'> & { email?: string | null | undefined; staffCode?: string | null | undefined }) {
  authorisePeopleSite(actor, body.siteId);
  const row = await inTransaction(deps.database, ctx, (tx, audit) => createStaffRecord(tx, audit, { trustId: actor.trustId, siteId: body.siteId }, {
    forename: body.forename, surname: body.surname, jobTitle: body.jobTitle, email: body.email ?? null, staffCode: body.staffCode ?? null,
  }));
  return presentStaffRecord(actor, row);
}

export async function updateRecord(deps: Deps, actor: Actor, ctx: AuditContext, id: string, patch: { [K in keyof StaffPatch]?: StaffPatch[K] | undefined }) {
  const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as StaffPatch;
  const row = await inTransaction(deps.database, ctx, async (tx, audit) =>
    updateStaffRecord(tx, audit, keptByCaller(actor, await repo.findStaffRecord(tx, id), 'member of staff'), clean));
  return presentStaffRecord(actor, row);
}
