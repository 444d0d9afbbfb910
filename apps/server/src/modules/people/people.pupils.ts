/**
 * Writing pupils (SPEC §3): matched by UPN, which is never duplicated within the trust (a UPN held by a pupil of
 * another school is refused, not moved). Forms named in the source are found or created at the site and the pupil's
 * form and membership follow. Pupils on roll at the site whom the source leaves out are reported, never removed.
 */
import { and, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Executor, Tx } from '../../core/db/client.ts';
import { pupilGroupMembers, pupilGroups, pupils } from '../../db/schema/pupils.ts';
import { bulkDeletePairs, bulkInsert, bulkUpdate } from './people.bulk.ts';
import { LEFT_OUT_LIMIT, auditMany, changedFields, type Plan, type PlanInput } from './people.types.ts';

/** Pupil fields a source may give, compared and written as given. */
export const PUPIL_FIELDS = [
  'legalForename', 'legalSurname', 'preferredForename', 'preferredSurname', 'dateOfBirth', 'sex', 'yearGroup',
  'enrolmentStart', 'enrolmentEnd', 'senStatus', 'primaryNeed', 'pupilPremium', 'fsm', 'lookedAfter', 'eal',
  'firstLanguage', 'ethnicity', 'medicalFlag',
  // kept by hand only (no import column): pupil-records.write.ts
  'previouslyLookedAfter', 'medicalNotes',
] as const;
const WRITTEN = [...PUPIL_FIELDS, 'formGroupId'] as const;

type PupilRow = typeof pupils.$inferSelect;

export async function planPupils(db: Executor, input: PlanInput): Promise<Plan> {
  const { target, records, given } = input;
  const upns = records.map((r) => r.upn as string);
  const [existing, onRoll, forms] = await Promise.all([
    upns.length ? db.select().from(pupils).where(and(eq(pupils.trustId, target.trustId), inArray(pupils.upn, upns))) : Promise.resolve([] as PupilRow[]),
    db.select({ upn: pupils.upn, forename: pupils.legalForename, surname: pupils.legalSurname }).from(pupils)
      .where(and(eq(pupils.siteId, target.siteId), or(isNull(pupils.enrolmentEnd), gte(pupils.enrolmentEnd, target.today)))),
    db.select({ id: pupilGroups.id, name: pupilGroups.name, kind: pupilGroups.kind }).from(pupilGroups).where(eq(pupilGroups.siteId, target.siteId)),
  ]);
  const byUpn = new Map(existing.map((p) => [p.upn, p]));
  const formByName = new Map(forms.filter((g) => g.kind === 'form').map((g) => [g.name.toLowerCase(), g.id]));
  const newForms: (typeof pupilGroups.$inferInsert)[] = [];
  const formId = (name: string, yearGroup: number): string => {
    const key = name.toLowerCase();
    let id = formByName.get(key);
    if (!id) {
      id = uuidv7();
      formByName.set(key, id);
      newForms.push({ id, trustId: target.trustId, siteId: target.siteId, name, kind: 'form', yearGroup });
    }
    return id;
  };

  const problems: Plan['problems'] = [];
  const inserts: (typeof pupils.$inferInsert)[] = [];
  const updates: { row: Record<string, unknown>; changed: string[] }[] = [];
  const joins: [string, string][] = [];
  const leaves: [string, string][] = [];
  let unchanged = 0;
  for (const rec of records) {
    const upn = rec.upn as string;
    const stored = byUpn.get(upn);
    if (stored && stored.siteId !== target.siteId) {
      problems.push({ row: rec.row, column: input.columnOf('upn'), message: `The UPN ${upn} belongs to a pupil at another school of the trust: a UPN is never used twice. Move that pupil to this school first, or correct the UPN.` });
      continue;
    }
    const wanted: Record<string, unknown> = {};
    for (const f of PUPIL_FIELDS) if (given.has(f) && rec[f] !== undefined) wanted[f] = rec[f];
    if (given.has('form')) wanted.formGroupId = rec.form ? formId(rec.form as string, rec.yearGroup as number) : null;
    // In the file but marked as left in Haven, and the file says nothing of leaving: they have re-joined.
    if (stored && !given.has('enrolmentEnd') && stored.enrolmentEnd && stored.enrolmentEnd < target.today) wanted.enrolmentEnd = null;
    if (!stored) {
      const id = uuidv7();
      inserts.push({
        id, trustId: target.trustId, siteId: target.siteId, upn,
        ...(wanted as Partial<typeof pupils.$inferInsert>),
        legalForename: rec.legalForename as string, legalSurname: rec.legalSurname as string, dateOfBirth: rec.dateOfBirth as string,
        sex: rec.sex as string, yearGroup: rec.yearGroup as number, enrolmentStart: (rec.enrolmentStart as string | null) ?? target.today,
      });
      if (wanted.formGroupId) joins.push([wanted.formGroupId as string, id]);
      continue;
    }
    if (wanted.enrolmentStart === null) delete wanted.enrolmentStart; // a blank admission date keeps the one Haven has
    const changed = changedFields(stored, wanted, WRITTEN);
    if (changed.length === 0) { unchanged += 1; continue; }
    updates.push({ row: { ...stored, ...wanted }, changed });
    if (changed.includes('formGroupId')) {
      if (stored.formGroupId) leaves.push([stored.formGroupId, stored.id]);
      if (wanted.formGroupId) joins.push([wanted.formGroupId as string, stored.id]);
    }
  }
  const inFile = new Set(upns);
  const left = onRoll.filter((p) => !inFile.has(p.upn));
  return {
    problems,
    counts: { rows: records.length, added: inserts.length, changed: updates.length, unchanged, left: left.length },
    leftOut: left.slice(0, LEFT_OUT_LIMIT).map((p) => `${p.upn} ${p.forename} ${p.surname}`),
    async apply(tx: Tx, audit, source) {
      await bulkInsert(tx, pupilGroups, newForms);
      await bulkInsert(tx, pupils, inserts);
      await bulkUpdate(tx, pupils, updates.map((u) => u.row), WRITTEN, sql`version = t.version + 1, updated_at = now()`);
      await bulkDeletePairs(tx, pupilGroupMembers, 'group_id', 'pupil_id', leaves);
      await insertMemberships(tx, target.trustId, joins);
      const e = { siteId: target.siteId, importId: source.importId };
      auditMany(audit, { ...e, action: 'group.created', entityType: 'pupil_group' }, newForms.map((g) => ({ id: g.id, details: { name: g.name, kind: 'form' } })));
      auditMany(audit, { ...e, action: 'pupil.created', entityType: 'pupil' }, inserts.map((p) => ({ id: p.id!, details: { upn: p.upn } })));
      auditMany(audit, { ...e, action: 'pupil.updated', entityType: 'pupil' }, updates.map((u) => ({ id: u.row.id as string, details: { upn: u.row.upn, changed: u.changed } })));
    },
  };
}

/** Group memberships added in one statement; a membership that already exists is left as it is. */
export async function insertMemberships(tx: Tx, trustId: string, pairs: readonly [string, string][]): Promise<void> {
  for (let i = 0; i < pairs.length; i += 2000) {
    const chunk = pairs.slice(i, i + 2000);
    await tx.execute(sql`insert into ${pupilGroupMembers} (group_id, pupil_id, trust_id)
      select a, b, ${trustId}::uuid from unnest(${`{${chunk.map((p) => p[0]).join(',')}}`}::uuid[], ${`{${chunk.map((p) => p[1]).join(',')}}`}::uuid[]) as v(a, b)
      on conflict do nothing`);
  }
}
