/**
 * Subject access queries: requests, decisions and releases; and the gathering — every source's rows about the pupil
 * (subject-access.sources.ts), the people and sites those rows refer to, and the names to look for in free text.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { STAFF_ROLE_LIST } from '../../core/policy/permissions.ts';
import type { Executor } from '../../core/db/client.ts';
import { pupils } from '../../db/schema/pupils.ts';
import { users } from '../../db/schema/users.ts';
import { subjectAccessDecisions, subjectAccessReleases, subjectAccessRequests } from '../../db/schema/subject-access.ts';
import { pgTimestampToIso } from '../../core/time.ts';
import { pupilNames, type NamedPerson } from './subject-access.names.ts';
import type { GatheredRecord, Person } from './subject-access.redact.ts';
import { SAR_SOURCES, type SarSource } from './subject-access.sources.ts';

export type RequestRow = typeof subjectAccessRequests.$inferSelect;
export type DecisionRow = typeof subjectAccessDecisions.$inferSelect;

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

export async function findPupil(db: Executor, id: string) {
  const r = await db.select({ id: pupils.id, trustId: pupils.trustId, siteId: pupils.siteId, yearGroup: pupils.yearGroup,
    legalForename: pupils.legalForename, legalSurname: pupils.legalSurname, preferredForename: pupils.preferredForename, preferredSurname: pupils.preferredSurname })
    .from(pupils).where(eq(pupils.id, id)).limit(1);
  return r[0];
}
export type PupilRow = NonNullable<Awaited<ReturnType<typeof findPupil>>>;

export async function find(db: Executor, trustId: string, id: string, lock = false) {
  const q = db.select().from(subjectAccessRequests).where(and(eq(subjectAccessRequests.trustId, trustId), eq(subjectAccessRequests.id, id))).limit(1);
  return (await (lock ? q.for('update') : q))[0];
}

export async function list(db: Executor, trustId: string, siteIds: string[], statuses: readonly string[] | null) {
  if (siteIds.length === 0) return [];
  return db.select().from(subjectAccessRequests)
    .where(and(eq(subjectAccessRequests.trustId, trustId), inArray(subjectAccessRequests.siteId, siteIds), statuses ? inArray(subjectAccessRequests.status, [...statuses]) : undefined))
    .orderBy(desc(subjectAccessRequests.receivedOn), desc(subjectAccessRequests.id));
}

export async function insert(db: Executor, row: typeof subjectAccessRequests.$inferInsert) {
  await db.insert(subjectAccessRequests).values(row);
}

export async function update(db: Executor, id: string, set: Partial<typeof subjectAccessRequests.$inferInsert>) {
  await db.update(subjectAccessRequests).set({ ...set, updatedAt: new Date(), version: sql`${subjectAccessRequests.version} + 1` }).where(eq(subjectAccessRequests.id, id));
}

export async function decisions(db: Executor, requestId: string): Promise<DecisionRow[]> {
  return db.select().from(subjectAccessDecisions).where(eq(subjectAccessDecisions.requestId, requestId));
}

export async function saveDecision(db: Executor, row: typeof subjectAccessDecisions.$inferInsert) {
  await db.insert(subjectAccessDecisions).values(row).onConflictDoUpdate({
    target: [subjectAccessDecisions.requestId, subjectAccessDecisions.recordKey],
    set: { action: row.action, fields: row.fields, reason: row.reason, decidedBy: row.decidedBy, decidedAt: new Date() },
  });
}

export async function release(db: Executor, requestId: string) {
  return (await db.select().from(subjectAccessReleases).where(eq(subjectAccessReleases.requestId, requestId)).limit(1))[0];
}

/** The release's facts without its files (for summaries). */
export async function releaseFacts(db: Executor, requestIds: string[]) {
  if (requestIds.length === 0) return [];
  return db.select({ requestId: subjectAccessReleases.requestId, pdfSha256: subjectAccessReleases.pdfSha256, archiveSha256: subjectAccessReleases.archiveSha256,
    recordCount: subjectAccessReleases.recordCount, withheldCount: subjectAccessReleases.withheldCount, releasedBy: subjectAccessReleases.releasedBy, releasedAt: subjectAccessReleases.releasedAt })
    .from(subjectAccessReleases).where(inArray(subjectAccessReleases.requestId, requestIds));
}

export async function insertRelease(db: Executor, row: typeof subjectAccessReleases.$inferInsert) {
  await db.insert(subjectAccessReleases).values(row);
}

export async function userNames(db: Executor, ids: (string | null)[]): Promise<Map<string, string>> {
  const want = [...new Set(ids.filter((x): x is string => !!x))];
  if (want.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, want));
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ---------------------------------------------------------------- gathering

export interface Gathered { source: SarSource; records: GatheredRecord[] }

const toAt = (v: string | null): string | null => (v === null ? null : /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : pgTimestampToIso(v));

/** Every source's rows about the pupil; sealed sources only when asked (the DSL). */
export async function gather(db: Executor, pupilId: string, includeSealed: boolean, only?: { kind: string; id: string }): Promise<Gathered[]> {
  const out: Gathered[] = [];
  for (const source of SAR_SOURCES) {
    if ((source.sealed && !includeSealed) || (only !== undefined && source.kind !== only.kind)) continue;
    // one record (a decision): the planner filters before the per-row subqueries of the select list run
    const query = only ? sql`select * from (${source.query(pupilId)}) x where x.id = ${only.id}` : source.query(pupilId);
    const rows = rowsOf<{ id: string; at: string | null; data: Record<string, unknown> | string }>(await db.execute(query));
    out.push({
      source,
      records: rows.map((r) => ({ kind: source.kind, id: r.id, at: toAt(r.at), title: source.label, data: typeof r.data === 'string' ? JSON.parse(r.data) as Record<string, unknown> : r.data })),
    });
  }
  return out;
}

const UUID_IN = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Ids anywhere in the gathered records (people and places are looked up among them). */
export function idsIn(gathered: readonly Gathered[]): string[] {
  const ids = new Set<string>();
  for (const g of gathered) for (const r of g.records) for (const m of JSON.stringify(r.data).matchAll(UUID_IN)) ids.add(m[0].toLowerCase());
  return [...ids];
}

/** Who each id is (the pupil, another pupil, a member of staff, a parent or other user) and which ids are sites. */
export async function peopleAndPlaces(db: Executor, trustId: string, pupilId: string, ids: string[]) {
  const people = new Map<string, Person>();
  const places = new Map<string, string>();
  if (ids.length === 0) return { people, places };
  const list = sql`(select unnest(${`{${ids.join(',')}}`}::uuid[]))`;
  const pupilRows = rowsOf<{ id: string; name: string }>(await db.execute(sql`select id::text, coalesce(preferred_forename, legal_forename) || ' ' || coalesce(preferred_surname, legal_surname) as name
    from pupils where trust_id = ${trustId} and id in ${list}`));
  for (const p of pupilRows) people.set(p.id, { kind: p.id === pupilId ? 'subject' : 'pupil', name: p.name });
  const staffRows = rowsOf<{ id: string; name: string }>(await db.execute(sql`select id::text, forename || ' ' || surname as name from staff_members where trust_id = ${trustId} and id in ${list}`));
  for (const s of staffRows) people.set(s.id, { kind: 'staff', name: s.name });
  const userRows = rowsOf<{ id: string; name: string; staff: boolean }>(await db.execute(sql`select u.id::text, u.display_name as name,
      exists (select 1 from role_assignments ra where ra.user_id = u.id and ra.role in ${sql`(${sql.join(STAFF_ROLE_LIST.map((r) => sql`${r}`), sql`, `)})`}) as staff
    from users u where u.trust_id = ${trustId} and u.id in ${list}`));
  for (const u of userRows) people.set(u.id, { kind: u.staff ? 'staff' : 'person', name: u.name });
  const contactRows = rowsOf<{ id: string; name: string }>(await db.execute(sql`select id::text, concat_ws(' ', title, forename, surname) as name from contacts where trust_id = ${trustId} and id in ${list}`));
  for (const c of contactRows) people.set(c.id, { kind: 'person', name: c.name });
  const siteRows = rowsOf<{ id: string; name: string }>(await db.execute(sql`select id::text, name from sites where trust_id = ${trustId} and id in ${list}`));
  for (const s of siteRows) places.set(s.id, s.name);
  return { people, places };
}

/** The names to look for in free text: the trust's other pupils and its staff (records and staff users). */
export async function namesToFind(db: Executor, trustId: string, pupilId: string): Promise<NamedPerson[]> {
  const pupilRows = rowsOf<{ legal_forename: string; legal_surname: string; preferred_forename: string | null; preferred_surname: string | null }>(
    await db.execute(sql`select legal_forename, legal_surname, preferred_forename, preferred_surname from pupils where trust_id = ${trustId} and id <> ${pupilId}`));
  const staffRows = rowsOf<{ name: string }>(await db.execute(sql`select forename || ' ' || surname as name from staff_members where trust_id = ${trustId}
    union select u.display_name from users u where u.trust_id = ${trustId}
      and exists (select 1 from role_assignments ra where ra.user_id = u.id and ra.role in ${sql`(${sql.join(STAFF_ROLE_LIST.map((r) => sql`${r}`), sql`, `)})`})`));
  return [
    ...pupilRows.map((p) => ({ kind: 'pupil' as const, names: pupilNames({ legalForename: p.legal_forename, legalSurname: p.legal_surname, preferredForename: p.preferred_forename, preferredSurname: p.preferred_surname }) })),
    ...staffRows.map((s) => ({ kind: 'staff' as const, names: [s.name] })),
  ];
}

export async function siteName(db: Executor, siteId: string): Promise<string> {
  const r = rowsOf<{ name: string }>(await db.execute(sql`select name from sites where id = ${siteId}`));
  return r[0]?.name ?? '';
}
