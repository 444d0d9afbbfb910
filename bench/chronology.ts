/**
 * Chronology benchmark (issue 16, SUP-6): the whole chronology of a pupil with 5,000 records of every kind (points,
 * incidents, detentions, isolations, suspensions, parent contacts, letters, meetings, referrals, interventions, plans,
 * risk assessments, placements) over five years, as the pupil's page asks for it: GET /api/v1/pupils/:id/chronology
 * with every kind the viewer may see, page 1 of 50 (the web app's CHRONOLOGY_PAGE_SIZE), by the site's behaviour lead
 * (who sees every kind). Also measured: a page deep in the history (page 60 of 100).
 * The floor, in the same run and in turn with the API: the same page by plain SQL through the driver — one statement
 * for the (kind, id, time) rows of every kind, newest first, with the total, and one for those rows' details.
 * Target: p95 under 300 ms on PostgreSQL.
 *   BENCH_CHRONOLOGY_RUNS (40)
 */
import os from 'node:os';
import { rawPglite, rawPostgres, type RawDb } from './lib/raw.ts';
import { HttpClient } from './lib/http.ts';
import { createPglite, createPostgres, signInStaff, siteOne, startApp, type BenchDatabase } from './lib/setup.ts';
import { fmt, percentile } from './lib/stats.ts';
import type { BenchDbKind } from './lib/types.ts';

const RUNS = Number(process.env.BENCH_CHRONOLOGY_RUNS ?? 40);
const PAGE_SIZE = 50;
/** How many of each kind: 5,000 in all. */
const MIX = { event: 2400, incident: 1000, detention: 600, isolation: 200, suspension: 100, contact: 400, letter: 100, meeting: 100, referral: 30, intervention: 30, plan: 20, risk_assessment: 15, placement: 5 } as const;
const TOTAL = Object.values(MIX).reduce((s, n) => s + n, 0);

export interface ChronologyRow { database: BenchDbKind; view: string; records: number; apiP50: number; apiP95: number; floorP50: number; floorP95: number; load: number[]; met: boolean }

/** A timestamp for the g-th of n records, spread over five school years (from September 2021 to November 2026). */
const at = (n: number) => `(timestamptz '2021-09-06 09:30:00+00' + ((g - 1) * ${Math.floor((1900 * 24 * 60) / n)}) * interval '1 minute')`;
const day = (ts: string) => `((${ts}) at time zone 'Europe/London')::date`;

/**
 * Copies of one row of `table` (the first matching `where`), one per g in 1..n, with `set` (a jsonb object built from
 * g and ts, the g-th timestamp) laid over it: every column the table needs comes from a real row of the demo trust.
 */
function copies(table: string, where: string, n: number, set: string, from = `generate_series(1, ${n}) g`): string {
  return `insert into ${table} select (jsonb_populate_record(null::${table}, to_jsonb(x) || ${set})).*
    from (select * from ${table} where ${where} limit 1) x cross join ${from} cross join lateral (select ${at(n)} as ts) t;`;
}

/** Gives one pupil at site 1 five years of records: 5,000 of mixed kinds (plain SQL, triggers and foreign-key checks off). */
async function history(bench: BenchDatabase, raw: RawDb, trustId: string, siteId: string): Promise<string> {
  const pupil = (await raw.query<{ id: string }>('select id from pupils where site_id = $1 and enrolment_end is null order by id limit 1', [siteId]))[0]?.id;
  if (!pupil) throw new Error('Site 1 has no pupil on roll');
  const user = (await raw.query<{ id: string }>(`select user_id as id from role_assignments where site_id = $1 and role = 'behaviour_lead' limit 1`, [siteId]))[0]?.id
    ?? (await raw.query<{ id: string }>('select id from users where trust_id = $1 limit 1', [trustId]))[0]!.id;
  const P = `'${pupil}'::uuid`;
  const S = `'${siteId}'::uuid`;
  const T = `'${trustId}'::uuid`;
  const U = `'${user}'::uuid`;
  const id = "'id', gen_random_uuid()";
  await bench.database.exec(`
    set session_replication_role = replica;
    ${copies('behaviour_events', `site_id = ${S} and voided_at is null`, MIX.event,
    `jsonb_build_object(${id}, 'pupil_id', ${P}, 'occurred_at', t.ts, 'occurred_on', ${day('t.ts')})`)}
    create temp table chron_inc as select gen_random_uuid() as id, g from generate_series(1, ${MIX.incident}) g;
    ${copies('incidents', `site_id = ${S} and status <> 'draft' and voided_at is null`, MIX.incident,
    `jsonb_build_object('id', c.id, 'occurred_at', t.ts, 'occurred_on', ${day('t.ts')}, 'created_at', t.ts, 'updated_at', t.ts, 'submitted_at', t.ts,
       'status', 'submitted', 'serious', c.g % 25 = 0, 'physical_intervention', c.g % 40 = 0)`, '(select id, g from chron_inc) c')}
    ${copies('incident_pupils', 'true', MIX.incident,
    `jsonb_build_object('incident_id', c.id, 'pupil_id', ${P}, 'trust_id', ${T}, 'role', case when c.g % 3 = 0 then 'involved' else 'instigator' end)`, '(select id, g from chron_inc) c')}
    create temp table chron_det as select gen_random_uuid() as sid, gen_random_uuid() as aid, g from generate_series(1, ${MIX.detention}) g;
    ${copies('detention_sessions', `site_id = ${S}`, MIX.detention, `jsonb_build_object('id', d.sid, 'date', ${day('t.ts')})`, '(select sid, g from chron_det) d')}
    ${copies('detention_assignments', `site_id = ${S}`, MIX.detention,
    `jsonb_build_object('id', d.aid, 'session_id', d.sid, 'pupil_id', ${P}, 'previous_assignment_id', null, 'created_at', t.ts, 'updated_at', t.ts)`, '(select sid, aid, g from chron_det) d')}
    create temp table chron_iso as select gen_random_uuid() as sid, gen_random_uuid() as pid, g from generate_series(1, ${MIX.isolation}) g;
    ${copies('isolation_sessions', `site_id = ${S}`, MIX.isolation, `jsonb_build_object('id', d.sid, 'date', ${day('t.ts')})`, '(select sid, g from chron_iso) d')}
    ${copies('isolation_pupils', `site_id = ${S}`, MIX.isolation,
    `jsonb_build_object('id', d.pid, 'session_id', d.sid, 'pupil_id', ${P}, 'created_at', t.ts, 'updated_at', t.ts)`, '(select sid, pid, g from chron_iso) d')}
    ${copies('exclusions', `site_id = ${S} and status <> 'cancelled'`, MIX.suspension,
    `jsonb_build_object(${id}, 'pupil_id', ${P}, 'start_date', ${day('t.ts')}, 'previous_exclusion_id', null)`)}
    ${copies('parent_contacts', `site_id = ${S}`, MIX.contact, `jsonb_build_object(${id}, 'pupil_id', ${P}, 'contacted_at', t.ts, 'created_at', t.ts)`)}
    insert into communications (id, trust_id, site_id, pupil_id, record_type, record_id, recipient_kind, recipient_name, channel, subject, body, status, created_by, created_at)
      select gen_random_uuid(), ${T}, ${S}, ${P}, 'incident', (select id from chron_inc where chron_inc.g = 10 * x.g), 'contact', 'Parent', case when x.g % 2 = 0 then 'email' else 'letter' end,
             'About today''s incident', 'Dear parent', 'sent', ${U}, ${at(MIX.letter)}
        from generate_series(1, ${MIX.letter}) x(g);
    ${copies('meetings', `site_id = ${S}`, MIX.meeting, `jsonb_build_object(${id}, 'pupil_id', ${P}, 'date', ${day('t.ts')}, 'created_at', t.ts, 'updated_at', t.ts)`)}
    ${copies('referrals', 'true', MIX.referral,
    `jsonb_build_object(${id}, 'pupil_id', ${P}, 'site_id', ${S}, 'made_on', ${day('t.ts')}, 'created_at', t.ts, 'updated_at', t.ts, 'contact_id', null)`)}
    create temp table chron_iv as select gen_random_uuid() as id, g from generate_series(1, ${MIX.intervention}) g;
    ${copies('support_interventions', 'true', MIX.intervention,
    `jsonb_build_object('id', v.id, 'site_id', ${S}, 'start_date', ${day('t.ts')}, 'planned_end_date', ${day('t.ts')} + 41, 'status', 'ended', 'ended_on', ${day('t.ts')} + 41,
       'created_at', t.ts, 'updated_at', t.ts)`, '(select id, g from chron_iv) v')}
    ${copies('support_intervention_pupils', 'true', MIX.intervention,
    `jsonb_build_object('intervention_id', v.id, 'pupil_id', ${P}, 'trust_id', ${T})`, '(select id, g from chron_iv) v')}
    ${copies('behaviour_support_plans', 'true', MIX.plan,
    `jsonb_build_object(${id}, 'pupil_id', ${P}, 'site_id', ${S}, 'status', 'superseded', 'activated_at', t.ts, 'created_at', t.ts, 'updated_at', t.ts, 'superseded_at', t.ts + interval '60 days',
       'superseded_by_plan_id', null, 'copied_from_plan_id', null)`)}
    ${copies('risk_assessments', 'true', MIX.risk_assessment,
    `jsonb_build_object(${id}, 'pupil_id', ${P}, 'site_id', ${S}, 'status', 'superseded', 'plan_id', null, 'previous_id', null, 'activated_at', t.ts, 'created_at', t.ts, 'updated_at', t.ts)`)}
    ${copies('placements', 'true', MIX.placement, `jsonb_build_object(${id}, 'pupil_id', ${P}, 'site_id', ${S}, 'start_date', ${day('t.ts')}, 'created_at', t.ts, 'updated_at', t.ts)`)}
    set session_replication_role = default;
    analyze;`);
  return pupil;
}

/** The (kind, id, at) rows of every kind for the pupil at the site, as plain SQL: what the page is made from. */
const ROWS_SQL = `
  select 'event' as kind, e.id, e.occurred_at as at from behaviour_events e where e.pupil_id = $1 and e.site_id = $2 and e.voided_at is null
  union all select 'incident', i.id, coalesce(i.occurred_at, i.created_at) from incidents i join incident_pupils ip on ip.incident_id = i.id and ip.pupil_id = $1
    where i.site_id = $2 and i.status <> 'draft' and i.voided_at is null
  union all select 'detention', a.id, ((s.date + coalesce(nullif(s.start_time, '')::time, time '12:00')) at time zone 'Europe/London')
    from detention_assignments a join detention_sessions s on s.id = a.session_id where a.pupil_id = $1 and a.site_id = $2
  union all select 'isolation', a.id, ((s.date + coalesce(nullif(s.start_time, '')::time, time '12:00')) at time zone 'Europe/London')
    from isolation_pupils a join isolation_sessions s on s.id = a.session_id where a.pupil_id = $1 and a.site_id = $2
  union all select 'suspension', x.id, ((x.start_date + time '12:00') at time zone 'Europe/London') from exclusions x where x.pupil_id = $1 and x.site_id = $2
  union all select 'placement', x.id, ((x.start_date + time '12:00') at time zone 'Europe/London') from placements x where x.pupil_id = $1 and x.site_id = $2
  union all select 'contact', x.id, x.contacted_at from parent_contacts x where x.pupil_id = $1 and x.site_id = $2
  union all select 'letter', x.id, x.created_at from communications x where x.pupil_id = $1 and x.site_id = $2
  union all select 'plan', x.id, coalesce(x.activated_at, x.created_at) from behaviour_support_plans x where x.pupil_id = $1 and x.site_id = $2
  union all select 'risk_assessment', x.id, coalesce(x.activated_at, x.created_at) from risk_assessments x where x.pupil_id = $1 and x.site_id = $2
  union all select 'intervention', x.id, ((x.start_date + time '12:00') at time zone 'Europe/London')
    from support_interventions x join support_intervention_pupils p on p.intervention_id = x.id and p.pupil_id = $1 where x.site_id = $2
  union all select 'meeting', x.id, ((x.date + coalesce(nullif(x.start_time, '')::time, time '12:00')) at time zone 'Europe/London') from meetings x where x.pupil_id = $1 and x.site_id = $2
  union all select 'referral', x.id, coalesce(((x.made_on + time '12:00') at time zone 'Europe/London'), x.created_at) from referrals x where x.pupil_id = $1 and x.site_id = $2`;

const PAGE_SQL = `select kind, id::text, at, count(*) over () as total from (${ROWS_SQL}) u order by at desc, id desc limit ${PAGE_SIZE} offset $3`;

/** The page's records themselves, each with the names it is shown with. */
const DETAILS_SQL = `
  select 'event' as kind, to_jsonb(e) || jsonb_build_object('by', u.display_name, 'category', c.name) as r
    from behaviour_events e join users u on u.id = e.recorded_by left join behaviour_categories c on c.id = e.category_id where e.id = any($1::uuid[])
  union all select 'incident', to_jsonb(i) || jsonb_build_object('by', u.display_name, 'role', ip.role)
    from incidents i join incident_pupils ip on ip.incident_id = i.id and ip.pupil_id = $2 join users u on u.id = i.created_by where i.id = any($1::uuid[])
  union all select 'detention', to_jsonb(a) || jsonb_build_object('type', t.name, 'room', s.room, 'by', u.display_name)
    from detention_assignments a join detention_sessions s on s.id = a.session_id join detention_types t on t.id = s.type_id left join users u on u.id = a.assigned_by where a.id = any($1::uuid[])
  union all select 'isolation', to_jsonb(a) || jsonb_build_object('room', s.room) from isolation_pupils a join isolation_sessions s on s.id = a.session_id where a.id = any($1::uuid[])
  union all select 'suspension', to_jsonb(x) from exclusions x where x.id = any($1::uuid[])
  union all select 'placement', to_jsonb(x) from placements x where x.id = any($1::uuid[])
  union all select 'contact', to_jsonb(x) || jsonb_build_object('by', u.display_name) from parent_contacts x left join users u on u.id = x.recorded_by where x.id = any($1::uuid[])
  union all select 'letter', to_jsonb(x) from communications x where x.id = any($1::uuid[])
  union all select 'plan', to_jsonb(x) from behaviour_support_plans x where x.id = any($1::uuid[])
  union all select 'risk_assessment', to_jsonb(x) from risk_assessments x where x.id = any($1::uuid[])
  union all select 'intervention', to_jsonb(x) || jsonb_build_object('type', t.name) from support_interventions x join support_intervention_types t on t.id = x.type_id where x.id = any($1::uuid[])
  union all select 'meeting', to_jsonb(x) from meetings x where x.id = any($1::uuid[])
  union all select 'referral', to_jsonb(x) || jsonb_build_object('agency', g.name) from referrals x join agencies g on g.id = x.agency_id where x.id = any($1::uuid[])`;

async function floorPage(raw: RawDb, pupilId: string, siteId: string, page: number): Promise<{ total: number; ids: string[] }> {
  const rows = await raw.query<{ kind: string; id: string; total: string }>(PAGE_SQL, [pupilId, siteId, (page - 1) * PAGE_SIZE]);
  const ids = rows.map((r) => r.id);
  await raw.query(DETAILS_SQL, [`{${ids.join(',')}}`, pupilId]);
  return { total: Number(rows[0]?.total ?? 0), ids };
}

/** Each of `runs` API calls followed by a floor call, after 3 of each to warm up (a shared machine loads both alike). */
async function inTurn(runs: number, api: () => Promise<void>, floor: () => Promise<void>) {
  for (let i = 0; i < 3; i++) { await api(); await floor(); }
  const a: number[] = [];
  const f: number[] = [];
  const load = [os.loadavg()[0]!];
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    await api();
    a.push(performance.now() - t0);
    t0 = performance.now();
    await floor();
    f.push(performance.now() - t0);
    if (i === Math.floor(runs / 2)) load.push(os.loadavg()[0]!);
  }
  load.push(os.loadavg()[0]!);
  return { api: a.sort((x, y) => x - y), floor: f.sort((x, y) => x - y), load };
}

async function runOne(kind: BenchDbKind): Promise<ChronologyRow[]> {
  const bench: BenchDatabase = kind === 'postgres' ? await createPostgres(10) : await createPglite();
  const raw = kind === 'postgres' ? rawPostgres(bench.url!, 4) : rawPglite(bench.database);
  const app = await startApp(bench.database);
  try {
    const at1 = await siteOne(bench.database);
    const t0 = performance.now();
    const pupilId = await history(bench, raw, at1.trustId, at1.siteId);
    const [lead] = await signInStaff(bench.database, at1, 1, 'behaviour_lead');
    const http = new HttpClient(app.baseUrl, 1);
    const out: ChronologyRow[] = [];
    const views = [
      { view: 'page 1 of 50, every kind (as the pupil page opens)', page: 1, query: '' },
      { view: 'page 60 of 50 (deep in the history)', page: 60, query: '' },
    ];
    for (const v of views) {
      const path = `/api/v1/pupils/${pupilId}/chronology?page=${v.page}&pageSize=${PAGE_SIZE}${v.query}`;
      const first = await http.request('GET', path, lead!.headers);
      if (first.status !== 200) throw new Error(`chronology answered ${first.status}: ${first.body.slice(0, 300)}`);
      const body = JSON.parse(first.body) as { total: number; items: { kind: string; id: string }[]; kindsAvailable: string[] };
      const floor = await floorPage(raw, pupilId, at1.siteId, v.page);
      const same = floor.total === body.total && floor.ids.join() === body.items.map((i) => i.id).join();
      if (v.page === 1) {
        process.stdout.write(`  ${kind}: a pupil with ${body.total.toLocaleString('en-GB')} records (${TOTAL.toLocaleString('en-GB')} added in ${((performance.now() - t0) / 1000).toFixed(0)} s); `
          + `the lead may see ${body.kindsAvailable.length} kinds; page 1 holds ${[...new Set(body.items.map((i) => i.kind))].join(', ')}\n`);
      }
      process.stdout.write(`  ${kind}: ${v.view}: ${body.items.length} records; ${same ? 'the same rows and total as the floor' : `NOT THE FLOOR'S ROWS (floor total ${floor.total}, API ${body.total})`}\n`);
      const { api, floor: f, load } = await inTurn(RUNS, async () => {
        const r = await http.request('GET', path, lead!.headers);
        if (r.status !== 200) throw new Error(`chronology answered ${r.status}`);
      }, async () => { await floorPage(raw, pupilId, at1.siteId, v.page); });
      out.push({ database: kind, view: v.view + (same ? '' : ' (ROWS DIFFER)'), records: body.total, apiP50: percentile(api, 50), apiP95: percentile(api, 95),
        floorP50: percentile(f, 50), floorP95: percentile(f, 95), load, met: percentile(api, 95) < 300 });
    }
    return out;
  } finally {
    await app.close();
    await raw.close();
    await bench.close();
  }
}

export async function chronologyBenchmark(kinds: readonly BenchDbKind[]): Promise<ChronologyRow[]> {
  const out: ChronologyRow[] = [];
  for (const kind of kinds) out.push(...await runOne(kind));
  return out;
}

export function chronologyTable(rows: readonly ChronologyRow[]): string {
  return rows.map((r) => `chronology: ${r.records.toLocaleString('en-GB')} records, ${r.view}  ${r.database.padEnd(8)}  API p50 ${fmt(r.apiP50)}  p95 ${fmt(r.apiP95)}  |  floor p50 ${fmt(r.floorP50)}  p95 ${fmt(r.floorP95)}`
    + `  |  API/floor p50 ${fmt(r.apiP50 / r.floorP50, 1)}× p95 ${fmt(r.apiP95 / r.floorP95, 1)}×  |  load ${r.load.map((l) => l.toFixed(1)).join('→')}  |  ${r.met ? 'MET' : 'NOT MET'}: p95 < 300 ms${r.database === 'postgres' ? '' : ' (target is for PostgreSQL)'}`).join('\n');
}
