/**
 * Writing forms, classes and teaching groups of a site and who is in them. A group is matched by its name at the
 * site. The source is the group's list: members it names are added, and members of a named group it leaves out are
 * taken off that group (reported as left; the pupils themselves are untouched). A pupil put in a form has it as
 * their form. Kept by hand too, with the same rules: a name names one group at a site; a pupil put in a form by hand
 * moves there from their old form; an archived group keeps its members for the records and is hidden from pickers,
 * and an import that names it again brings it back.
 */
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Executor, Tx } from '../../core/db/client.ts';
import type { AuditQueue } from '../../core/audit/audit.ts';
import { diff } from '../../core/audit/diff.ts';
import { conflict, fieldError, notFound } from '../../core/http/errors.ts';
import { pupilGroupMembers, pupilGroups, pupils } from '../../db/schema/pupils.ts';
import { bulkDeletePairs, bulkInsert, bulkUpdate, inValues } from './people.bulk.ts';
import { insertMemberships } from './people.pupils.ts';
import { LEFT_OUT_LIMIT, auditMany, changedFields, type Plan, type PlanInput } from './people.types.ts';

export async function planGroups(db: Executor, input: PlanInput): Promise<Plan> {
  const { target, records, given } = input;
  const upns = [...new Set(records.map((r) => r.upn as string | null).filter((u): u is string => !!u))];
  const [groups, pupilRows] = await Promise.all([
    db.select().from(pupilGroups).where(eq(pupilGroups.siteId, target.siteId)),
    upns.length ? db.select({ id: pupils.id, upn: pupils.upn, formGroupId: pupils.formGroupId }).from(pupils)
      .where(and(eq(pupils.trustId, target.trustId), eq(pupils.siteId, target.siteId), inValues(pupils.upn, upns))) : Promise.resolve([]),
  ]);
  const groupByName = new Map(groups.map((g) => [g.name.toLowerCase(), g]));
  const groupById = new Map(groups.map((g) => [g.id, g]));
  const pupilByUpn = new Map(pupilRows.map((p) => [p.upn, p]));
  const pupilById = new Map(pupilRows.map((p) => [p.id, p]));
  const newByName = new Map<string, { id: string }>();
  const problems: Plan['problems'] = [];
  const newGroups = new Map<string, typeof pupilGroups.$inferInsert>();
  const groupUpdates = new Map<string, { row: Record<string, unknown>; changed: string[] }>();
  const wantedMembers = new Map<string, Set<string>>();
  for (const rec of records) {
    const name = rec.name as string;
    let group: { id: string } | undefined = groupByName.get(name.toLowerCase()) ?? newByName.get(name.toLowerCase());
    const wanted: Record<string, unknown> = {};
    if (given.has('kind')) wanted.kind = rec.kind;
    if (given.has('yearGroup') && rec.yearGroup !== null) wanted.yearGroup = rec.yearGroup;
    if (!group) {
      const id = uuidv7();
      const g = { id, trustId: target.trustId, siteId: target.siteId, name, kind: (wanted.kind as string | undefined) ?? 'form', yearGroup: (wanted.yearGroup as number | undefined) ?? null };
      newGroups.set(id, g);
      newByName.set(name.toLowerCase(), g);
      group = g;
    } else if (!newGroups.has(group.id)) {
      const base = groupUpdates.get(group.id)?.row ?? groupByName.get(name.toLowerCase())!;
      if (base.archivedAt) wanted.archivedAt = null;
      const changed = changedFields(base, wanted, ['kind', 'yearGroup', 'archivedAt']);
      if (changed.length) groupUpdates.set(group.id, { row: { ...base, ...wanted }, changed });
    }
    if (!wantedMembers.has(group.id)) wantedMembers.set(group.id, new Set());
    if (!rec.upn) continue;
    const pupil = pupilByUpn.get(rec.upn as string);
    if (!pupil) { problems.push({ row: rec.row, column: input.columnOf('upn'), message: `No pupil with the UPN ${String(rec.upn)} at this school: import the pupils first.` }); continue; }
    wantedMembers.get(group.id)!.add(pupil.id);
  }
  const named = [...wantedMembers.keys()].filter((id) => !newGroups.has(id));
  const current = named.length ? await db.select().from(pupilGroupMembers).where(inValues(pupilGroupMembers.groupId, named, 'uuid')) : [];
  const currentSet = new Set(current.map((m) => `${m.groupId}|${m.pupilId}`));
  const joins: [string, string][] = [];
  let unchanged = 0;
  for (const [groupId, members] of wantedMembers) {
    for (const pupilId of members) {
      if (currentSet.has(`${groupId}|${pupilId}`)) unchanged += 1; else joins.push([groupId, pupilId]);
    }
  }
  const leaves = current.filter((m) => !wantedMembers.get(m.groupId)?.has(m.pupilId)).map((m): [string, string] => [m.groupId, m.pupilId]);
  const kindOf = (id: string) => newGroups.get(id)?.kind ?? groupUpdates.get(id)?.row.kind ?? groupById.get(id)?.kind;
  const formOf = new Map<string, string | null>();
  for (const [g, p] of leaves) if (kindOf(g) === 'form' && pupilById.get(p)?.formGroupId === g) formOf.set(p, null);
  for (const [g, p] of joins) if (kindOf(g) === 'form') formOf.set(p, g);
  const nameOf = (id: string) => newGroups.get(id)?.name ?? groupById.get(id)?.name ?? '';
  const upnOf = new Map(pupilRows.map((p) => [p.id, p.upn]));
  return {
    problems,
    counts: { rows: records.length, added: joins.length + newGroups.size, changed: groupUpdates.size, unchanged, left: leaves.length },
    leftOut: leaves.slice(0, LEFT_OUT_LIMIT).map(([g, p]) => `${upnOf.get(p) ?? p} from ${nameOf(g)}`),
    async apply(tx: Tx, audit, source) {
      await bulkInsert(tx, pupilGroups, [...newGroups.values()]);
      await bulkUpdate(tx, pupilGroups, [...groupUpdates.values()].map((u) => u.row), ['kind', 'yearGroup', 'archivedAt']);
      await bulkDeletePairs(tx, pupilGroupMembers, 'group_id', 'pupil_id', leaves);
      await insertMemberships(tx, target.trustId, joins);
      await bulkUpdate(tx, pupils, [...formOf].map(([id, formGroupId]) => ({ id, formGroupId })), ['formGroupId']);
      const e = { siteId: target.siteId, importId: source.importId };
      auditMany(audit, { ...e, action: 'group.created', entityType: 'pupil_group' }, [...newGroups.values()].map((g) => ({ id: g.id!, details: { name: g.name, kind: g.kind } })));
      auditMany(audit, { ...e, action: 'group.updated', entityType: 'pupil_group' }, [...groupUpdates].map(([id, u]) => ({ id, details: { changed: u.changed } })));
      auditMany(audit, { ...e, action: 'group.member.added', entityType: 'pupil_group' }, joins.map(([g, p]) => ({ id: g, details: { pupilId: p } })));
      auditMany(audit, { ...e, action: 'group.member.removed', entityType: 'pupil_group' }, leaves.map(([g, p]) => ({ id: g, details: { pupilId: p } })));
    },
  };
}

export type GroupRow = typeof pupilGroups.$inferSelect;
export interface GroupFields { name: string; kind: string; yearGroup: number | null }

/** A group's name names one group at its site (case aside): imports find groups by name. */
async function checkName(db: Executor, siteId: string, name: string, exceptId?: string): Promise<void> {
  const same = await db.select({ id: pupilGroups.id, archivedAt: pupilGroups.archivedAt }).from(pupilGroups)
    .where(and(eq(pupilGroups.siteId, siteId), sql`lower(${pupilGroups.name}) = ${name.toLowerCase()}`, exceptId ? ne(pupilGroups.id, exceptId) : undefined)).limit(1);
  if (same[0]) {
    throw conflict(`This school already has a group called ${name}${same[0].archivedAt ? ' (archived: bring it back instead)' : ''}.`,
      [{ field: 'name', message: same[0].archivedAt ? 'An archived group has this name' : 'Another group has this name' }]);
  }
}

/** Pupils on roll today whose form is this group. */
async function formPupilsOnRoll(db: Executor, groupId: string, today: string): Promise<number> {
  const rows = await db.select({ n: sql<number>`count(*)::int` }).from(pupils)
    .where(and(eq(pupils.formGroupId, groupId), sql`${pupils.enrolmentStart} <= ${today}`, sql`(${pupils.enrolmentEnd} is null or ${pupils.enrolmentEnd} >= ${today})`));
  return Number(rows[0]?.n ?? 0);
}

export async function createGroup(tx: Tx, audit: AuditQueue, target: { trustId: string; siteId: string }, v: GroupFields): Promise<GroupRow> {
  await checkName(tx, target.siteId, v.name);
  const row = (await tx.insert(pupilGroups).values({ id: uuidv7(), trustId: target.trustId, siteId: target.siteId, ...v }).returning())[0]!;
  audit.record({ action: 'group.created', entityType: 'pupil_group', entityId: row.id, siteId: row.siteId, details: { importId: null, name: row.name, kind: row.kind, yearGroup: row.yearGroup } });
  return row;
}

/**
 * Renames a group, changes its kind or year, archives it or brings it back. A form that is still the form of pupils
 * on roll cannot be archived or made another kind of group: they would be left without a form.
 */
export async function updateGroup(tx: Tx, audit: AuditQueue, before: GroupRow, patch: Partial<GroupFields> & { archived?: boolean }, today: string): Promise<GroupRow> {
  const { archived, ...fields } = patch;
  if (fields.name !== undefined && fields.name.toLowerCase() !== before.name.toLowerCase()) await checkName(tx, before.siteId, fields.name, before.id);
  const leavingForm = before.kind === 'form' && ((archived === true && !before.archivedAt) || (fields.kind !== undefined && fields.kind !== 'form'));
  if (leavingForm) {
    const n = await formPupilsOnRoll(tx, before.id, today);
    if (n > 0) {
      const field = archived === true ? 'archived' : 'kind';
      throw conflict(`${n} pupil${n === 1 ? ' on roll has' : 's on roll have'} ${before.name} as their form: put them in another form first.`, [{ field, message: 'Pupils on roll still have this form' }]);
    }
  }
  const set: Partial<typeof pupilGroups.$inferInsert> = { ...fields };
  if (archived === true && !before.archivedAt) set.archivedAt = new Date();
  if (archived === false && before.archivedAt) set.archivedAt = null;
  const keys = Object.keys(set).filter((k) => (set as Record<string, unknown>)[k] !== before[k as keyof GroupRow]);
  if (keys.length === 0) return before;
  const after = (await tx.update(pupilGroups).set(set).where(eq(pupilGroups.id, before.id)).returning())[0]!;
  const e = { entityType: 'pupil_group', entityId: before.id, siteId: before.siteId };
  if ('archivedAt' in set) audit.record({ ...e, action: set.archivedAt ? 'group.archived' : 'group.restored', details: { importId: null, name: after.name } });
  const changed = keys.filter((k) => k !== 'archivedAt');
  if (changed.length) audit.record({ ...e, action: 'group.updated', details: { importId: null, changed, ...diff(before, after, changed) } });
  return after;
}

/**
 * Puts pupils on roll at the group's site in it (those already in it are left as they are). A form becomes their
 * form, and they leave the form they were in. Returns how many joined.
 */
export async function addGroupMembers(tx: Tx, audit: AuditQueue, group: GroupRow, pupilIds: readonly string[], today: string): Promise<number> {
  if (group.archivedAt) throw conflict(`${group.name} is archived: bring it back before putting pupils in it.`, [{ field: 'pupilIds', message: 'The group is archived' }]);
  const ids = [...new Set(pupilIds)];
  const rows = await tx.select({ id: pupils.id, siteId: pupils.siteId, formGroupId: pupils.formGroupId, enrolmentStart: pupils.enrolmentStart, enrolmentEnd: pupils.enrolmentEnd })
    .from(pupils).where(and(eq(pupils.trustId, group.trustId), inArray(pupils.id, ids)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  pupilIds.forEach((id, i) => {
    const p = byId.get(id);
    if (!p || p.siteId !== group.siteId || p.enrolmentStart > today || (p.enrolmentEnd !== null && p.enrolmentEnd < today)) throw fieldError(`pupilIds.${i}`, 'Not a pupil on roll at this school');
  });
  const current = new Set((await tx.select({ pupilId: pupilGroupMembers.pupilId }).from(pupilGroupMembers)
    .where(and(eq(pupilGroupMembers.groupId, group.id), inArray(pupilGroupMembers.pupilId, ids)))).map((m) => m.pupilId));
  const joining = ids.filter((id) => !current.has(id));
  const e = { entityType: 'pupil_group', siteId: group.siteId };
  if (group.kind === 'form') {
    const moves = ids.map((id) => byId.get(id)!).filter((p) => p.formGroupId !== group.id);
    const leaving = moves.filter((p) => p.formGroupId).map((p): [string, string] => [p.formGroupId!, p.id]);
    await bulkDeletePairs(tx, pupilGroupMembers, 'group_id', 'pupil_id', leaving);
    await bulkUpdate(tx, pupils, moves.map((p) => ({ id: p.id, formGroupId: group.id })), ['formGroupId']);
    for (const [formId, pupilId] of leaving) {
      audit.record({ ...e, action: 'group.member.removed', entityId: formId, details: { importId: null, count: 1, records: [{ id: formId, pupilId, movedTo: group.id }] } });
    }
  }
  await insertMemberships(tx, group.trustId, joining.map((id): [string, string] => [group.id, id]));
  if (joining.length) audit.record({ ...e, action: 'group.member.added', entityId: group.id, details: { importId: null, count: joining.length, records: joining.map((pupilId) => ({ id: group.id, pupilId })) } });
  return joining.length;
}

/** Takes a pupil off a group; a form they had as their form leaves them without one. */
export async function removeGroupMember(tx: Tx, audit: AuditQueue, group: GroupRow, pupilId: string): Promise<void> {
  const removed = await tx.delete(pupilGroupMembers).where(and(eq(pupilGroupMembers.groupId, group.id), eq(pupilGroupMembers.pupilId, pupilId))).returning();
  if (!removed.length) throw notFound('member of this group');
  await tx.update(pupils).set({ formGroupId: null }).where(and(eq(pupils.id, pupilId), eq(pupils.formGroupId, group.id)));
  audit.record({ action: 'group.member.removed', entityType: 'pupil_group', entityId: group.id, siteId: group.siteId, details: { importId: null, count: 1, records: [{ id: group.id, pupilId }] } });
}
