/**
 * Writing forms, classes and teaching groups of a site and who is in them. A group is matched by its name at the
 * site. The source is the group's list: members it names are added, and members of a named group it leaves out are
 * taken off that group (reported as left; the pupils themselves are untouched). A pupil put in a form has it as
 * their form.
 */
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Executor, Tx } from '../../core/db/client.ts';
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
      const changed = changedFields(base, wanted, ['kind', 'yearGroup']);
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
      await bulkUpdate(tx, pupilGroups, [...groupUpdates.values()].map((u) => u.row), ['kind', 'yearGroup']);
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
