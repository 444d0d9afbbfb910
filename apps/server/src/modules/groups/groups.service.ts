/**
 * Forms, classes and teaching groups kept by hand (SPEC §3): the office of a site or a trust administrator
 * (people.manage) lists a site's groups, adds, renames and archives them, and puts pupils in them or takes them out.
 * The writes are the people module's, shared with imports; each is one audited transaction.
 */
import type { TGroupKind, TPeopleGroup, TPeopleGroupDetail } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { allowedActions, type Actor } from '../../core/policy/policy.ts';
import { schoolToday } from '../../core/time.ts';
import { addGroupMembers, createGroup, removeGroupMember, updateGroup, type GroupRow } from '../people/people.groups.ts';
import { authorisePeopleSite, keptByCaller } from '../people/people.scope.ts';
import * as repo from './groups.repo.ts';

const ACTIONS = { update: 'people.manage', archive: 'people.manage', members: 'people.manage' } as const;

function present(actor: Actor, g: GroupRow, memberCount: number): TPeopleGroup {
  return {
    id: g.id, siteId: g.siteId, name: g.name, kind: g.kind as TGroupKind, yearGroup: g.yearGroup, memberCount,
    archivedAt: g.archivedAt ? g.archivedAt.toISOString() : null, allowed: allowedActions(actor, g, ACTIONS),
  };
}

async function detail(db: Executor, actor: Actor, g: GroupRow, today: string): Promise<TPeopleGroupDetail> {
  const members = await repo.membersOf(db, g.id, today);
  return { ...present(actor, g, members.filter((m) => m.onRoll).length), members };
}

async function load(db: Executor, actor: Actor, id: string): Promise<GroupRow> {
  return keptByCaller(actor, await repo.findGroup(db, id), 'group');
}

export async function list(deps: Deps, actor: Actor, q: { siteId: string; status: 'current' | 'archived' | 'all' }) {
  authorisePeopleSite(actor, q.siteId);
  const rows = await repo.listGroups(deps.database.db, q.siteId, q.status, schoolToday(deps));
  return { items: rows.map((r) => present(actor, r.group, r.memberCount)), total: rows.length };
}

export async function get(deps: Deps, actor: Actor, id: string) {
  const db = deps.database.db;
  return detail(db, actor, await load(db, actor, id), schoolToday(deps));
}

export async function create(deps: Deps, actor: Actor, ctx: AuditContext, body: { siteId: string; name: string; kind: TGroupKind; yearGroup: number | null }) {
  authorisePeopleSite(actor, body.siteId);
  const row = await inTransaction(deps.database, ctx, (tx, audit) =>
    createGroup(tx, audit, { trustId: actor.trustId, siteId: body.siteId }, { name: body.name, kind: body.kind, yearGroup: body.yearGroup }));
  return present(actor, row, 0);
}

export async function update(deps: Deps, actor: Actor, ctx: AuditContext, id: string, patch: { name?: string | undefined; kind?: TGroupKind | undefined; yearGroup?: number | null | undefined; archived?: boolean | undefined }) {
  const today = schoolToday(deps);
  const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Parameters<typeof updateGroup>[3];
  const row = await inTransaction(deps.database, ctx, async (tx, audit) => updateGroup(tx, audit, await load(tx, actor, id), clean, today));
  return present(actor, row, await repo.memberCount(deps.database.db, id, today));
}

export async function addMembers(deps: Deps, actor: Actor, ctx: AuditContext, id: string, pupilIds: string[]) {
  const today = schoolToday(deps);
  await inTransaction(deps.database, ctx, async (tx, audit) => addGroupMembers(tx, audit, await load(tx, actor, id), pupilIds, today));
  return get(deps, actor, id);
}

export async function removeMember(deps: Deps, actor: Actor, ctx: AuditContext, id: string, pupilId: string) {
  await inTransaction(deps.database, ctx, async (tx, audit) => removeGroupMember(tx, audit, await load(tx, actor, id), pupilId));
  return get(deps, actor, id);
}

export async function candidates(deps: Deps, actor: Actor, id: string, search: string) {
  const db = deps.database.db;
  const g = await load(db, actor, id);
  return { items: await repo.candidates(db, g, search, schoolToday(deps)) };
}
