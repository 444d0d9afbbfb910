/**
 * The one SQL definition of what every figure counts (SPEC §9), over the raw records. The rollup is materialised from
 * it, the drill-down lists its rows, the filtered dashboard groups it directly, and the benchmark's naive floor is
 * the same GROUP BY over it: one definition, so the pre-aggregated answer can only equal the raw one.
 *
 * One row per counted thing, with its measure:
 *   pos / neg / neu  a quick behaviour event (one per pupil), by the category's polarity
 *   inc              an incident record
 *   inv              a pupil involvement: (incident, pupil) with the pupil's role involved or instigator
 *   pi               a physical intervention (one per pupil restrained)
 * Voided records and drafts never count. Dimensions: cats (an incident counts once under each of its categories),
 * loc, wp (ISO weekday ':' period; the recorded period, else the timetable period containing its time), staff (who
 * recorded it), pupil (events, involvements and interventions only; materialised in its own wide table,
 * analytics_pupil_rollup: analytics.pupils.ts).
 */
import { sql, type SQL } from 'drizzle-orm';

export const MEASURES = ['pos', 'neg', 'neu', 'inc', 'inv', 'pi'] as const;
export type Measure = typeof MEASURES[number];
export const DIMS = ['all', 'cat', 'loc', 'wp', 'staff', 'pupil'] as const;
export type Dim = typeof DIMS[number];

/** A PostgreSQL array literal of uuids, passed as one text parameter (works on both drivers). */
export function uuidArray(ids: readonly string[]): SQL {
  return sql`${`{${ids.join(',')}}`}::uuid[]`;
}

/** Which records: given (site, date) pairs (the refresh), or sites and an inclusive date range. */
export type SourceScope =
  | { kind: 'days'; pairs: readonly { siteId: string; day: string }[] }
  | { kind: 'range'; siteIds: readonly string[]; from: string; to: string };

/** Pupil attributes a dashboard can be filtered by (current values on the pupil's record). */
export interface PupilFilter { yearGroup?: number | undefined; group?: PupilGroupKey | undefined }

export type PupilGroupKey =
  | 'sen_support' | 'ehcp' | 'sen_any' | 'pupil_premium' | 'fsm' | 'looked_after' | 'eal'
  | `sex:${string}` | `ethnicity:${string}` | `year:${string}`;

export interface SourceFilter { pupil?: PupilFilter; categoryCode?: string | undefined }

/** SQL condition on pupils aliased `p`, or null when the filter is empty. */
export function pupilCondition(f: PupilFilter | undefined): SQL | null {
  if (!f) return null;
  const parts: SQL[] = [];
  if (f.yearGroup !== undefined) parts.push(sql`p.year_group = ${f.yearGroup}`);
  if (f.group) parts.push(groupCondition(f.group));
  return parts.length ? sql.join(parts, sql` and `) : null;
}

export function groupCondition(g: PupilGroupKey): SQL {
  switch (g) {
    case 'sen_support': return sql`p.sen_status = 'sen_support'`;
    case 'ehcp': return sql`p.sen_status = 'ehcp'`;
    case 'sen_any': return sql`p.sen_status <> 'none'`;
    case 'pupil_premium': return sql`p.pupil_premium`;
    case 'fsm': return sql`p.fsm`;
    case 'looked_after': return sql`p.looked_after`;
    case 'eal': return sql`p.eal`;
    default: {
      const [kind, value] = g.split(':') as [string, string];
      if (kind === 'year') return sql`p.year_group = ${Number(value)}`;
      return kind === 'sex' ? sql`p.sex = ${value}` : sql`p.ethnicity = ${value}`;
    }
  }
}

function scopeOf(scope: SourceScope, siteCol: SQL, dayCol: SQL): { join: SQL; where: SQL } {
  if (scope.kind === 'days') {
    const json = JSON.stringify(scope.pairs.map((p) => ({ site_id: p.siteId, day: p.day })));
    return {
      join: sql`join (select distinct site_id, day from jsonb_to_recordset(${json}::jsonb) as x(site_id uuid, day date)) dd on dd.site_id = ${siteCol} and dd.day = ${dayCol}`,
      where: sql`true`,
    };
  }
  return { join: sql``, where: sql`${siteCol} = any(${uuidArray(scope.siteIds)}) and ${dayCol} between ${scope.from}::date and ${scope.to}::date` };
}

const wp = (alias: string) => sql.raw(
  `extract(isodow from ${alias}.occurred_on)::int || ':' || coalesce(${alias}.period_code, analytics_period_at(${alias}.trust_id, ${alias}.site_id, ${alias}.occurred_at), '')`);
const incidentCats = sql.raw(
  `case when jsonb_array_length(i.category_codes) = 0 then array['']::text[] else array(select distinct c from jsonb_array_elements_text(i.category_codes) c) end`);

/** Which incidents count anywhere (SPEC §9): voided records and drafts never do. The incident is aliased `i`. */
const COUNTED_INCIDENT = sql.raw(`i.voided_at is null and i.status <> 'draft' and i.occurred_on is not null`);

/**
 * The pupil involvements (measure 'inv': role involved or instigator, counted incidents only) of these pupils in the
 * trust from `from` to `to` inclusive, one row per (incident, pupil): pupil, day, incident_id, role, categories.
 * Support-intervention impact (ANA-5) counts these, so its rates are the dashboards' own.
 */
export function involvementsOfPupilsSql(trustId: string, pupilIds: readonly string[] | SQL, from: string, to: string): SQL {
  // the pupils: a list of ids, or a query of pupil ids (a long list costs more to send and plan than the query)
  const pupils = Array.isArray(pupilIds) ? sql`= any(${uuidArray(pupilIds)})` : sql`in (${pupilIds as SQL})`;
  return sql`
    select ip.pupil_id::text as pupil, i.occurred_on::text as day, i.id::text as incident_id, ip.role, i.category_codes as categories, i.status
      from incident_pupils ip join incidents i on i.id = ip.incident_id
     where ip.pupil_id ${pupils} and ip.role in ('involved', 'instigator') and i.trust_id = ${trustId}
       and ${COUNTED_INCIDENT} and i.occurred_on between ${from}::date and ${to}::date`;
}

/**
 * The counted rows: record_type, record_id, occurred_at, trust_id, site_id, day, m, cats, loc, wp, staff, pupil.
 * `filter.pupil` keeps events, involvements and interventions of matching pupils, and incidents with at least one
 * matching pupil involved or instigating; `filter.categoryCode` keeps records of that category.
 */
export function sourceSql(scope: SourceScope, filter: SourceFilter = {}): SQL {
  const pc = pupilCondition(filter.pupil);
  const cat = filter.categoryCode;
  const e = scopeOf(scope, sql`e.site_id`, sql`e.occurred_on`);
  const i = scopeOf(scope, sql`i.site_id`, sql`i.occurred_on`);
  const pupilJoin = (col: string) => (pc ? sql`join pupils p on p.id = ${sql.raw(col)} and ${pc}` : sql``);
  const incCat = cat ? sql`and i.category_codes ? ${cat}` : sql``;
  const incCols = sql`i.trust_id, i.site_id, i.occurred_on as day`;
  const incCommon = sql`${incidentCats} as cats, coalesce(i.location_code, '') as loc, ${wp('i')} as wp, i.created_by::text as staff`;
  const incWhere = sql`${COUNTED_INCIDENT} and ${i.where} ${incCat}`;
  return sql`
    select 'event'::text as record_type, e.id as record_id, e.occurred_at, e.trust_id, e.site_id, e.occurred_on as day,
           case e.polarity when 'positive' then 'pos' when 'negative' then 'neg' else 'neu' end as m,
           array[e.category_code] as cats, coalesce(e.location_code, '') as loc, ${wp('e')} as wp,
           e.recorded_by::text as staff, e.pupil_id::text as pupil
      from behaviour_events e ${e.join} ${pupilJoin('e.pupil_id')}
     where e.voided_at is null and ${e.where} ${cat ? sql`and e.category_code = ${cat}` : sql``}
    union all
    select 'incident', i.id, i.occurred_at, ${incCols}, 'inc', ${incCommon}, null::text
      from incidents i ${i.join}
     where ${incWhere} ${pc ? sql`and exists (select 1 from incident_pupils ip join pupils p on p.id = ip.pupil_id
                                               where ip.incident_id = i.id and ip.role in ('involved', 'instigator') and ${pc})` : sql``}
    union all
    select 'incident', i.id, i.occurred_at, ${incCols}, 'inv', ${incCommon}, ip.pupil_id::text
      from incidents i ${i.join} join incident_pupils ip on ip.incident_id = i.id and ip.role in ('involved', 'instigator') ${pupilJoin('ip.pupil_id')}
     where ${incWhere}
    union all
    select 'incident', i.id, i.occurred_at, ${incCols}, 'pi', ${incCommon}, x.pupil_id::text
      from incidents i ${i.join} join physical_interventions x on x.incident_id = i.id ${pupilJoin('x.pupil_id')}
     where ${incWhere}`;
}

/**
 * The (dim, key) pairs of analytics_rollup each counted row contributes: `all` once, each of its categories, and so
 * on. The pupil dimension is analytics_pupil_rollup's (analytics.pupils.ts).
 */
export function dimKeysSql(alias: string, categoryCode?: string): SQL {
  const a = sql.raw(alias);
  return sql`cross join lateral (
      select 'all'::text as dim, ''::text as key
      union all select 'loc', ${a}.loc union all select 'wp', ${a}.wp union all select 'staff', ${a}.staff
      union all select 'cat', c from unnest(${a}.cats) c ${categoryCode ? sql`where c = ${categoryCode}` : sql``}
    ) dk`;
}

/** The key expression of one dimension on the source alias (for grouping a single figure over the raw rows). */
export function dimKeySql(alias: string, dim: Exclude<Dim, 'cat'>): SQL {
  return dim === 'all' ? sql`''` : sql.raw(`${alias}.${dim}`);
}
