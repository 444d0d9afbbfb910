/** Escalation-rule queries (POL-3): the rules, the one aggregate the engine reads, and the tasks it creates. */
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Executor } from '../../core/db/client.ts';
import { pgArray, runStatement, statement } from '../../core/db/prepared.ts';
import { escalationRules } from '../../db/schema/policy.ts';
import { tasks } from '../../db/schema/workflow.ts';
import { pupils } from '../../db/schema/pupils.ts';
import type { Occurrence, OccurrenceCategory, Polarity } from './escalation.rules.ts';

export type RuleRow = typeof escalationRules.$inferSelect;

export function listRules(db: Executor, trustId: string, siteId: string | null): Promise<RuleRow[]> {
  return db.select().from(escalationRules)
    .where(and(eq(escalationRules.trustId, trustId), siteId === null ? isNull(escalationRules.siteId) : or(isNull(escalationRules.siteId), eq(escalationRules.siteId, siteId))))
    .orderBy(asc(escalationRules.name), asc(escalationRules.id));
}

/** Rules in force at a site: the trust's active rules and the site's own. */
export function activeRulesAt(db: Executor, trustId: string, siteId: string): Promise<RuleRow[]> {
  return db.select().from(escalationRules)
    .where(and(eq(escalationRules.trustId, trustId), eq(escalationRules.active, true),
      or(isNull(escalationRules.siteId), eq(escalationRules.siteId, siteId))))
    .orderBy(asc(escalationRules.name), asc(escalationRules.id));
}

export async function findRule(db: Executor, trustId: string, id: string): Promise<RuleRow | undefined> {
  const rows = await db.select().from(escalationRules).where(and(eq(escalationRules.trustId, trustId), eq(escalationRules.id, id))).limit(1);
  return rows[0];
}

export async function insertRule(db: Executor, v: Omit<typeof escalationRules.$inferInsert, 'id'>): Promise<RuleRow> {
  const rows = await db.insert(escalationRules).values({ id: uuidv7(), ...v }).returning();
  return rows[0]!;
}

export async function updateRule(db: Executor, id: string, version: number, patch: Partial<typeof escalationRules.$inferInsert>): Promise<RuleRow | undefined> {
  const rows = await db.update(escalationRules).set({ ...patch, version: version + 1, updatedAt: new Date() })
    .where(and(eq(escalationRules.id, id), eq(escalationRules.version, version))).returning();
  return rows[0];
}

interface AggregateCategory { code: string; polarity: string | null; pointsAbs: number }
export interface AggregateRow { pupil_id: string; day: string; weight: number; categories: AggregateCategory[] | string }

const asPolarity = (p: string | null): Polarity | null => (p === 'positive' || p === 'negative' || p === 'neutral' ? p : null);

const RECENT = statement(`
    with w as (select coalesce($4::date, $5::date - (select coalesce(max(r.period_days), 1) - 1 from escalation_rules r
                 where r.trust_id = $1::uuid and r.active and (r.site_id is null or r.site_id = $2::uuid))) as from_day)
    select e.pupil_id, e.occurred_on::text as day, count(*)::int as weight,
           json_build_array(json_build_object('code', e.category_code, 'polarity', e.polarity, 'pointsAbs', sum(abs(e.points))::int)) as categories
      from (select b.trust_id, b.site_id, b.pupil_id, b.occurred_on, b.category_code, b.polarity, b.points, b.voided_at
              from behaviour_events b
             where b.pupil_id = any($3::uuid[])
               and b.occurred_at >= ((select from_day from w) - 2)::timestamp at time zone 'UTC'
            offset 0) e, w
     where e.trust_id = $1::uuid and e.site_id = $2::uuid
       and e.voided_at is null and e.occurred_on between w.from_day and $5::date
     group by e.pupil_id, e.occurred_on, e.category_code, e.polarity
    union all
    select ip.pupil_id, i.occurred_on::text as day, 1 as weight,
           coalesce((select json_agg(json_build_object('code', c.code, 'polarity', cat.polarity, 'pointsAbs', abs(coalesce(cat.points, 0))))
                       from jsonb_array_elements_text(i.category_codes) as c(code)
                       left join lateral (select bc.polarity, bc.points from behaviour_categories bc
                                           where bc.trust_id = i.trust_id and bc.code = c.code and (bc.site_id = i.site_id or bc.site_id is null)
                                           order by bc.site_id is null limit 1) cat on true), '[]'::json) as categories
      from incidents i join incident_pupils ip on ip.incident_id = i.id, w
     where i.trust_id = $1::uuid and i.site_id = $2::uuid and ip.pupil_id = any($3::uuid[])
       and ip.role in ('involved', 'instigator') and i.status <> 'draft' and i.voided_at is null
       and i.occurred_on between w.from_day and $5::date`);

/**
 * The pupils' behaviour at the site between two days, in one query: quick events grouped by pupil, day and category
 * (their own polarity and points, as recorded), and each counted incident with its categories (polarity and points
 * from the site's policy: the site entry for a code, else the trust entry). Voided records and drafts never count;
 * an incident counts only for pupils whose role is involved or instigator. `from` null: the start of the longest
 * period among the rules in force at the site (so a caller can read this before it has read the rules).
 * One fixed text, prepared once per connection (core/db/prepared.ts). The quick events are found through the pupils'
 * own index (pupil, time; from two days before the window's first school date, a bound no London date can pass) and
 * only then filtered by site and date: `offset 0` keeps the planner from also reading the site's whole window through
 * the site-and-day index (every event of the school in up to 30 days, for each log, which it chose in its generic plan).
 */
export async function recentBehaviour(db: Executor, q: { trustId: string; siteId: string; pupilIds: readonly string[]; from: string | null; to: string }): Promise<Occurrence[]> {
  if (q.pupilIds.length === 0) return [];
  const rows = await runStatement<AggregateRow>(db, RECENT, [q.trustId, q.siteId, pgArray(q.pupilIds), q.from, q.to]);
  return occurrencesOf(rows);
}

/** The aggregate's rows as the pure rules take them. */
export function occurrencesOf(rows: readonly AggregateRow[]): Occurrence[] {
  return rows.map((r) => {
    // json columns arrive parsed from pg and as text from some drivers
    const cats = typeof r.categories === 'string' ? (JSON.parse(r.categories) as AggregateCategory[]) : r.categories;
    const categories: OccurrenceCategory[] = cats.map((c) => ({ code: c.code, polarity: asPolarity(c.polarity), pointsAbs: Number(c.pointsAbs) || 0 }));
    return { pupilId: r.pupil_id, day: String(r.day).slice(0, 10), weight: Number(r.weight), categories };
  });
}

/** The (rule, pupil) pairs that already have an open escalation task. */
export async function openEscalationTasks(db: Executor, trustId: string, ruleIds: readonly string[], pupilIds: readonly string[]): Promise<Set<string>> {
  if (ruleIds.length === 0 || pupilIds.length === 0) return new Set();
  const rows = await db.select({ ruleId: tasks.sourceId, pupilId: tasks.pupilId }).from(tasks)
    .where(and(eq(tasks.trustId, trustId), eq(tasks.sourceType, 'escalation_rule'), eq(tasks.status, 'open'),
      inArray(tasks.sourceId, [...ruleIds]), inArray(tasks.pupilId, [...pupilIds])));
  return new Set(rows.map((r) => `${r.ruleId}:${r.pupilId}`));
}

/**
 * Makes concurrent evaluations for the same (rule, pupil) take turns for the rest of the transaction, so two
 * writers cannot both see "no open task" and both create one. Taken only when a threshold is reached.
 */
export async function lockEscalation(db: Executor, ruleId: string, pupilId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(7421339, hashtext(${`${ruleId}:${pupilId}`}))`);
}

export async function pupilNames(db: Executor, trustId: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: pupils.id, legalForename: pupils.legalForename, legalSurname: pupils.legalSurname,
    preferredForename: pupils.preferredForename, preferredSurname: pupils.preferredSurname })
    .from(pupils).where(and(eq(pupils.trustId, trustId), inArray(pupils.id, [...ids])));
  return new Map(rows.map((p) => [p.id, `${p.preferredForename ?? p.legalForename} ${p.preferredSurname ?? p.legalSurname}`]));
}

export async function insertTasks(db: Executor, rows: Omit<typeof tasks.$inferInsert, 'id'>[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const withIds = rows.map((r) => ({ id: uuidv7(), ...r }));
  await db.insert(tasks).values(withIds);
  return withIds.map((r) => r.id);
}
