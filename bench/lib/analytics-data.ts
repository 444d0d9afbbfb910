/**
 * A synthetic trust for the analytics benchmark, generated inside the database (INSERT … SELECT over
 * generate_series, seeded with setseed: deterministic, and faster than streaming rows through COPY because nothing
 * crosses the wire). Same SQL on PostgreSQL and PGlite.
 *
 * Shapes follow SPEC §9's DfE figures: negative behaviour concentrates on a minority of pupils (a pupil's chance
 * rises with rank, cubic), boys about 1.5 times and FSM pupils several times as likely to be involved, special
 * schools (SEMH, AP) with higher rates than the rest; persistent disruption is half the negative events, then verbal
 * abuse of an adult, then assault on a pupil; every record falls on a school day of the England calendar.
 */
import { englandTermDates, listSchoolDays } from '../../apps/server/src/core/calendar/calendar.ts';
import type { Database } from '../../apps/server/src/core/db/client.ts';

export interface TrustShape { sites: number; pupils: number; events: number; firstYear: number; years: number }

export const BENCH_TRUST_ID = '0b3c0000-0000-4000-8000-000000000001';
const T = `'${BENCH_TRUST_ID}'::uuid`;
const STAFF_PER_SITE = 40;

const NEGATIVE: [string, string, number][] = [
  ['PD', 'Persistent disruption', 50], ['VA', 'Verbal abuse of an adult', 15], ['PP', 'Physical assault against a pupil', 10],
  ['VP', 'Verbal abuse of a pupil', 8], ['PA', 'Physical assault against an adult', 6], ['DM', 'Damage', 5], ['BU', 'Bullying', 3], ['RA', 'Racist abuse', 3],
];
const POSITIVE: [string, string, number][] = [['EF', 'Effort', 40], ['KI', 'Kindness', 25], ['RE', 'Respect', 20], ['LE', 'Leadership', 15]];
const NEUTRAL: [string, string, number][] = [['OB', 'Observation', 100]];
const LOCATIONS: [string, number][] = [['CLASS', 55], ['CORR', 15], ['YARD', 12], ['DINE', 8], ['TOIL', 4], ['OFFS', 2], ['', 4]];
const PERIODS: [string, string, string, number][] = [
  ['REG', '08:45', '09:00', 5], ['P1', '09:00', '10:00', 14], ['P2', '10:00', '11:00', 15], ['BRK', '11:00', '11:20', 10],
  ['P3', '11:20', '12:20', 15], ['LUN', '12:20', '13:10', 14], ['P4', '13:10', '14:10', 15], ['P5', '14:10', '15:10', 12],
];

/** 100 buckets, each naming one entry, in proportion to the weights. */
function buckets<T>(entries: readonly T[], weight: (e: T) => number): T[] {
  const total = entries.reduce((s, e) => s + weight(e), 0);
  const out: T[] = [];
  for (const e of entries) for (let i = 0; i < Math.round((weight(e) / total) * 100); i++) out.push(e);
  while (out.length < 100) out.push(entries[0]!);
  return out.slice(0, 100);
}

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const mins = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function calendarSql(shape: TrustShape): { sql: string; days: string[] } {
  const parts: string[] = [];
  const days: string[] = [];
  for (let y = shape.firstYear; y < shape.firstYear + shape.years; y++) {
    const cal = englandTermDates(y);
    const yid = `bench_uid('year${y}')`;
    parts.push(`insert into academic_years (id, trust_id, label, start_date, end_date) values (${yid}, ${T}, ${q(cal.academicYear.label)}, ${q(cal.academicYear.startDate)}, ${q(cal.academicYear.endDate)});`);
    parts.push(`insert into terms (id, trust_id, academic_year_id, site_id, term, half_term, name, start_date, end_date) values ${cal.terms.map((t, i) =>
      `(bench_uid('term${y}-${i}'), ${T}, ${yid}, null, ${q(t.term)}, ${t.halfTerm}, ${q(t.name)}, ${q(t.startDate)}, ${q(t.endDate)})`).join(', ')};`);
    if (cal.closures.length) {
      parts.push(`insert into closure_days (id, trust_id, academic_year_id, site_id, date, reason, kind) values ${cal.closures.map((c, i) =>
        `(bench_uid('closure${y}-${i}'), ${T}, ${yid}, null, ${q(c.date)}, ${q(c.reason)}, ${q(c.kind)})`).join(', ')};`);
    }
    days.push(...listSchoolDays(cal, cal.academicYear.startDate, cal.terms.at(-1)!.endDate));
  }
  return { sql: parts.join('\n'), days };
}

/** Generates the trust; returns the school days it covers. Triggers and foreign-key checks are off during the load. */
export async function generateTrust(database: Database, shape: TrustShape): Promise<{ days: string[] }> {
  const { sql: calendar, days } = calendarSql(shape);
  const perSite = Math.floor(shape.pupils / shape.sites);
  const incidents = Math.round(shape.events / 50);
  const cats = [...NEGATIVE.map((c) => ['negative', ...c] as const), ...POSITIVE.map((c) => ['positive', ...c] as const), ...NEUTRAL.map((c) => ['neutral', ...c] as const)];
  const pick = (polarity: string, list: [string, string, number][]) => buckets(list, (c) => c[2]).map((c, i) => `(${q(polarity)}, ${i}, ${q(c[0])})`);
  await database.exec(`
    set session_replication_role = replica;
    -- a deterministic, well-formed (version 4) uuid from a text
    create or replace function bench_uid(t text) returns uuid language sql immutable as
      $$ select (substr(md5(t), 1, 12) || '4' || substr(md5(t), 14, 3) || '8' || substr(md5(t), 18, 15))::uuid $$;
    select setseed(0.42);
    insert into trusts (id, name) values (${T}, 'Benchmark Learning Trust');
    create temp table bench_sites as
      select g as no, bench_uid('site' || g) as id, case g % 4 when 0 then 'AP' when 1 then 'SEMH' when 2 then 'ASC' else 'MLD' end as kind,
             case g % 4 when 0 then 3.0 when 1 then 2.0 when 2 then 1.0 else 0.7 end as weight
        from generate_series(1, ${shape.sites}) g;
    insert into sites (id, trust_id, name, short_name, phase, kind, urn)
      select id, ${T}, 'Bench ' || kind || ' School ' || no, 'B' || no, 'secondary', kind, (200000 + no)::text from bench_sites;
    ${calendar}
    create temp table bench_days as select (row_number() over (order by d) - 1)::int as idx, d::date as day from unnest('{${days.join(',')}}'::date[]) d;
    insert into users (id, trust_id, email, display_name)
      select bench_uid('user' || s.no || '-' || k), ${T}, 'bench-' || s.no || '-' || k || '@bench.haven.test', 'Staff ' || s.no || '.' || k
        from bench_sites s, generate_series(0, ${STAFF_PER_SITE - 1}) k;
    insert into behaviour_categories (id, trust_id, site_id, code, name, polarity, severity, points)
      values ${cats.map(([pol, code, name], i) => `(bench_uid('cat${i}'), ${T}, null, ${q(code)}, ${q(name)}, ${q(pol)}, ${pol === 'negative' ? 2 : 0}, ${pol === 'positive' ? 1 : pol === 'negative' ? -1 : 0})`).join(', ')};
    insert into policy_options (id, trust_id, site_id, kind, code, label, details)
      values ${LOCATIONS.filter((l) => l[0]).map(([code], i) => `(bench_uid('loc${i}'), ${T}, null, 'location', ${q(code)}, ${q(code)}, '{}')`).join(', ')},
             ${PERIODS.map(([code, s, e], i) => `(bench_uid('per${i}'), ${T}, null, 'period', ${q(code)}, ${q(code)}, '{"start":"${s}","end":"${e}"}')`).join(', ')};
    create temp table bench_cat (polarity text, b int, code text);
    insert into bench_cat values ${[...pick('negative', NEGATIVE), ...pick('positive', POSITIVE), ...pick('neutral', NEUTRAL)].join(', ')};
    create temp table bench_loc (b int, code text);
    insert into bench_loc values ${buckets(LOCATIONS, (l) => l[1]).map((l, i) => `(${i}, ${l[0] ? q(l[0]) : 'null'})`).join(', ')};
    create temp table bench_per (b int, code text, start_min int, len int);
    insert into bench_per values ${buckets(PERIODS, (p) => p[3]).map((p, i) => `(${i}, ${q(p[0])}, ${mins(p[1])}, ${mins(p[2]) - mins(p[1])})`).join(', ')};
    create temp table bench_site_pick as
      select b, (select no from (select no, sum(weight) over (order by no) / sum(weight) over () as c from bench_sites) x where x.c * 100 > b order by no limit 1) as no
        from generate_series(0, 99) b;

    create temp table bench_pupils as
      select g, bench_uid('pupil' || g) as id, 1 + (g - 1) % ${shape.sites} as site_no, random() r1, random() r2, random() r3, random() r4, random() r5, random() r6, random() r7, random() r8, random() r9
        from generate_series(1, ${perSite * shape.sites}) g;
    insert into pupils (id, trust_id, site_id, upn, legal_forename, legal_surname, date_of_birth, sex, year_group, enrolment_start, enrolment_end,
                        sen_status, pupil_premium, fsm, looked_after, eal, ethnicity)
      select p.id, ${T}, s.id, 'X' || lpad(p.g::text, 12, '0'), 'Pupil', 'Number ' || p.g, '2012-01-01',
             case when r1 < 0.68 then 'M' else 'F' end, 7 + (p.g % 5),
             case when r2 < 0.75 then '${days[0]}'::date else '${days[0]}'::date + (r3 * 1400)::int end,
             case when r2 >= 0.75 and r4 < 0.5 then '${days[0]}'::date + (r3 * 1400)::int + 200 + (r4 * 1000)::int end,
             case when r5 < 0.45 then 'ehcp' when r5 < 0.75 then 'sen_support' else 'none' end,
             r6 < 0.5, r6 < 0.42, r7 < 0.06, r8 < 0.12,
             case when r9 < 0.72 then 'WBRI' when r9 < 0.78 then 'WOTH' when r9 < 0.84 then 'MWBC' when r9 < 0.89 then 'BCRB' when r9 < 0.94 then 'APKN' else 'AOTH' end
        from bench_pupils p join bench_sites s on s.no = p.site_no;
    -- a pupil's propensity for negative behaviour: boys ×1.5, FSM ×3, EHCP ×1.8, with wide individual variation
    create temp table bench_rank as
      select p.site_no, (row_number() over (partition by p.site_no order by
               (case when r1 < 0.68 then 1.5 else 1 end) * (case when r6 < 0.42 then 3 else 1 end) * (case when r5 < 0.45 then 1.8 else 1 end) * exp(random() * 2.5) desc) - 1)::int as rk,
             p.id as pupil_id
        from bench_pupils p;
    create index on bench_rank (site_no, rk);
    analyze bench_rank; analyze bench_days;

    insert into behaviour_events (id, trust_id, site_id, pupil_id, batch_id, category_id, category_code, polarity, severity, points,
                                  occurred_at, occurred_on, period_code, location_code, recorded_by)
      select e.id, ${T}, s.id, r.pupil_id, e.id, bench_uid('cat' || 0), c.code, c.polarity, case c.polarity when 'negative' then 2 else 0 end,
             case c.polarity when 'positive' then 1 when 'negative' then -1 else 0 end,
             (d.day + make_interval(mins => pe.start_min + floor(e.m * pe.len)::int))::timestamp at time zone 'Europe/London', d.day,
             pe.code, l.code, bench_uid('user' || e.site_no || '-' || e.staff)
        from (select gen_random_uuid() as id, sp.no as site_no, floor(random() * ${days.length})::int as di, random() as k, random() as pr,
                     floor(random() * 100)::int as cb, floor(random() * 100)::int as lb, floor(random() * 100)::int as pb, random() as m,
                     floor(random() * ${STAFF_PER_SITE})::int as staff
                from generate_series(1, ${shape.events}) g join bench_site_pick sp on sp.b = (g::bigint * 7919) % 100) e
        join bench_sites s on s.no = e.site_no
        join bench_days d on d.idx = e.di
        join bench_rank r on r.site_no = e.site_no and r.rk = floor(${perSite} * case when e.k < 0.35 then e.pr ^ 3 else e.pr end)::int
        join bench_cat c on c.polarity = case when e.k < 0.35 then 'negative' when e.k < 0.95 then 'positive' else 'neutral' end and c.b = e.cb
        join bench_loc l on l.b = e.lb
        join bench_per pe on pe.b = e.pb;

    create temp table bench_inc as
      select bench_uid('inc' || g) as id, sp.no as site_no, floor(random() * ${days.length})::int as di, random() as pr, random() as st,
             floor(random() * 100)::int as cb, floor(random() * 100)::int as cb2, floor(random() * 100)::int as lb, floor(random() * 100)::int as pb,
             random() as m, floor(random() * ${STAFF_PER_SITE})::int as staff, random() as two, random() as pi, random() as h
        from generate_series(1, ${incidents}) g join bench_site_pick sp on sp.b = (g::bigint * 104729) % 100;
    insert into incidents (id, trust_id, site_id, status, occurred_at, occurred_on, location_code, period_code, severity, category_codes,
                           behaviour, physical_intervention, serious, created_by, created_at, first_submitted_at, submitted_at, signed_off_at, voided_at)
      select i.id, ${T}, s.id, case when i.st < 0.03 then 'draft' when i.st < 0.07 then 'submitted' when i.st < 0.09 then 'returned' else 'signed_off' end,
             at, d.day, l.code, pe.code, 3,
             case when i.cb2 < 20 and c2.code <> c.code then jsonb_build_array(c.code, c2.code) else jsonb_build_array(c.code) end,
             'Synthetic incident', i.pi < 0.12, i.pi < 0.12, bench_uid('user' || i.site_no || '-' || i.staff), at,
             case when i.st >= 0.03 then at + interval '2 hours' end, case when i.st >= 0.03 then at + interval '2 hours' end,
             case when i.st >= 0.09 then at + make_interval(hours => 2 + floor(i.h * 90)::int) end,
             case when i.h > 0.98 then at + interval '1 day' end
        from bench_inc i
        join bench_sites s on s.no = i.site_no
        join bench_days d on d.idx = i.di
        join bench_cat c on c.polarity = 'negative' and c.b = i.cb
        join bench_cat c2 on c2.polarity = 'negative' and c2.b = i.cb2
        join bench_loc l on l.b = i.lb
        join bench_per pe on pe.b = i.pb
        cross join lateral (select (d.day + make_interval(mins => pe.start_min + floor(i.m * pe.len)::int))::timestamp at time zone 'Europe/London' as at) t;
    insert into incident_pupils (incident_id, pupil_id, trust_id, role)
      select i.id, r.pupil_id, ${T}, case when i.two < 0.5 then 'instigator' else 'involved' end
        from bench_inc i join bench_rank r on r.site_no = i.site_no and r.rk = floor(${perSite} * i.pr ^ 3)::int;
    insert into incident_pupils (incident_id, pupil_id, trust_id, role)
      select i.id, r.pupil_id, ${T}, case when i.two < 0.15 then 'affected' when i.two < 0.3 then 'witness' else 'involved' end
        from bench_inc i join bench_rank r on r.site_no = i.site_no and r.rk = (floor(${perSite} * i.pr ^ 3)::int + 1 + floor(i.m * 50)::int) % ${perSite}
       where i.two < 0.4;
    insert into physical_interventions (id, incident_id, trust_id, site_id, pupil_id, started_at, ended_at, duration_minutes, staff_techniques,
                                        pupil_injured, staff_injured, pupil_debrief_at, staff_debrief_at, parent_informed_at, parent_informed_how)
      select bench_uid('pi' || x.id || ip.pupil_id), x.id, ${T}, x.site_id, ip.pupil_id, x.occurred_at, x.occurred_at + make_interval(mins => 1 + (abs(hashtext(x.id::text)) % 20)),
             1 + (abs(hashtext(x.id::text)) % 20),
             jsonb_build_array(jsonb_build_object('staffId', x.created_by, 'techniqueCodes', jsonb_build_array(case when abs(hashtext(x.id::text)) % 3 = 0 then 'SINGLE_ELBOW' else 'FRIENDLY_HOLD' end))),
             abs(hashtext(x.id::text)) % 25 = 0, abs(hashtext(x.id::text)) % 30 = 0,
             case when abs(hashtext(x.id::text)) % 10 <> 0 then x.occurred_at + interval '3 hours' end,
             case when abs(hashtext(x.id::text)) % 8 <> 0 then x.occurred_at + interval '4 hours' end,
             case when abs(hashtext(x.id::text)) % 12 <> 0 then x.occurred_at + interval '5 hours' end, 'phone'
        from incidents x join incident_pupils ip on ip.incident_id = x.id and ip.role in ('instigator', 'involved')
       where x.trust_id = ${T} and x.physical_intervention;
    set session_replication_role = default;
    analyze;
  `);
  return { days };
}

/** A trust-wide head (every record, every site) for the benchmark's requests. */
export async function benchHeadUserId(database: Database): Promise<string> {
  await database.exec(`
    insert into users (id, trust_id, email, display_name) values (bench_uid('bench-head'), ${T}, 'bench-head@bench.haven.test', 'Bench Head')
      on conflict do nothing;
    insert into role_assignments (id, trust_id, user_id, role, site_id) values (bench_uid('bench-head-role'), ${T}, bench_uid('bench-head'), 'head', null)
      on conflict do nothing;`);
  const rows = await database.query<{ id: string }>(`select bench_uid('bench-head')::text as id`);
  return rows[0]!.id;
}
