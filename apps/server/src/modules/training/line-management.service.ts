/**
 * Line management (STF-1 reminders, STF-4 reviews): who manages whom, across sites, from a date until a date. Listed
 * for the sites where the caller reads training (a link shows when either person works there); recorded and ended by
 * whoever manages training at the managed person's site. One line manager at a time: an overlapping link is refused.
 */
import { and, asc, eq, gte, inArray, isNull, lte, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { ZLineManagementEnd, ZLineManagementInput, ZLineManagementQuery } from '@haven/contracts';
import type { Executor } from '../../core/db/client.ts';
import { inTransaction } from '../../core/db/tx.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Deps } from '../../core/http/context.ts';
import { conflict, fieldError, notFound, staleVersion } from '../../core/http/errors.ts';
import { can, type Actor } from '../../core/policy/policy.ts';
import { staffMembers } from '../../db/schema/pupils.ts';
import { lineManagement } from '../../db/schema/training.ts';
import { manageableStaff, readableSites, staffRecord } from './training.scope.ts';

const manager = alias(staffMembers, 'manager');
const columns = {
  l: lineManagement, staffSiteId: staffMembers.siteId, managerSiteId: manager.siteId,
  staffName: sql<string>`${staffMembers.forename} || ' ' || ${staffMembers.surname}`,
  managerName: sql<string>`${manager.forename} || ' ' || ${manager.surname}`,
};
type Row = { l: typeof lineManagement.$inferSelect; staffSiteId: string; managerSiteId: string; staffName: string; managerName: string };

function present(actor: Actor, r: Row) {
  return {
    id: r.l.id, staffId: r.l.staffId, staffName: r.staffName, staffSiteId: r.staffSiteId, managerStaffId: r.l.managerStaffId,
    managerName: r.managerName, managerSiteId: r.managerSiteId, startsOn: r.l.startsOn, endsOn: r.l.endsOn, version: r.l.version,
    allowed: can(actor, 'training.manage', { trustId: r.l.trustId, siteId: r.staffSiteId }) ? ['end'] : [],
  };
}

function query(db: Executor) {
  return db.select(columns).from(lineManagement)
    .innerJoin(staffMembers, eq(staffMembers.id, lineManagement.staffId)).innerJoin(manager, eq(manager.id, lineManagement.managerStaffId));
}

export async function list(deps: Deps, actor: Actor, q: z.infer<typeof ZLineManagementQuery>) {
  const siteIds = readableSites(actor, q.siteId);
  const rows = await query(deps.database.db).where(and(
    eq(lineManagement.trustId, actor.trustId), or(inArray(staffMembers.siteId, siteIds), inArray(manager.siteId, siteIds)),
    q.on ? and(lte(lineManagement.startsOn, q.on), or(isNull(lineManagement.endsOn), gte(lineManagement.endsOn, q.on))) : undefined,
  )).orderBy(asc(staffMembers.surname), asc(staffMembers.forename), asc(lineManagement.startsOn));
  return { items: rows.map((r) => present(actor, r)) };
}

async function one(db: Executor, actor: Actor, id: string) {
  const r = (await query(db).where(eq(lineManagement.id, id)).limit(1))[0];
  if (!r || r.l.trustId !== actor.trustId) throw notFound('line management');
  return r;
}

async function assertNoOverlap(tx: Executor, staffId: string, startsOn: string, endsOn: string | null, exceptId: string | null) {
  const clash = await tx.select({ id: lineManagement.id }).from(lineManagement).where(and(
    eq(lineManagement.staffId, staffId), exceptId ? ne(lineManagement.id, exceptId) : undefined,
    or(isNull(lineManagement.endsOn), gte(lineManagement.endsOn, startsOn)),
    endsOn ? lte(lineManagement.startsOn, endsOn) : undefined,
  )).limit(1);
  if (clash.length) throw conflict('They already have a line manager for some of those days: end that first.', [{ field: 'startsOn', message: 'Overlaps another line manager' }]);
}

export async function create(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZLineManagementInput>) {
  const id = await inTransaction(deps.database, ctx, async (tx, audit) => {
    const staff = await manageableStaff(tx, actor, body.staffId);
    const mgr = await staffRecord(tx, actor, body.managerStaffId).catch(() => { throw fieldError('managerStaffId', 'No such member of staff.'); });
    await assertNoOverlap(tx, staff.id, body.startsOn, body.endsOn, null);
    const lineId = uuidv7();
    await tx.insert(lineManagement).values({ id: lineId, trustId: actor.trustId, ...body, createdBy: actor.userId });
    audit.record({ action: 'line_management.create', entityType: 'line_management', entityId: lineId, siteId: staff.siteId, details: { after: { ...body, managerSiteId: mgr.siteId } } });
    return lineId;
  });
  return present(actor, await one(deps.database.db, actor, id));
}

export async function end(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZLineManagementEnd>) {
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    const r = await one(tx, actor, id);
    await manageableStaff(tx, actor, r.l.staffId);
    if (body.endsOn < r.l.startsOn) throw fieldError('endsOn', 'The end cannot be before the start.');
    const done = await tx.update(lineManagement).set({ endsOn: body.endsOn, version: body.version + 1, updatedAt: new Date() })
      .where(and(eq(lineManagement.id, id), eq(lineManagement.version, body.version))).returning({ id: lineManagement.id });
    if (!done.length) throw staleVersion('line management');
    audit.record({ action: 'line_management.end', entityType: 'line_management', entityId: id, siteId: r.staffSiteId, details: { before: { endsOn: r.l.endsOn }, after: { endsOn: body.endsOn } } });
  });
  return present(actor, await one(deps.database.db, actor, id));
}
