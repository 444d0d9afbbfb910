/**
 * Rota benchmark (issue 15 §3, STF-3): one week's rota for 9 sites with its gaps, through the API as a trust-wide
 * cluster lead (GET /api/v1/rota/week: patterns, exceptions, calendar, periods, travel, EHCP pupils, plans' holds,
 * certificates on each day, the rules, and the incident heatmap), beside a raw-SQL floor that reads the same rows
 * (patterns in force with names, the week's exceptions, pupils with EHCP hours) in one round trip each. The demo
 * trust is grown to 9 sites, each with 15 members of the support team on 6 periods a day (4,050 pattern slots),
 * 20 pupils with EHCP hours and absences through the week. Target: p95 under 300 ms on PostgreSQL.
 */
import { uuidv7 } from 'uuidv7';
import { HttpClient } from './lib/http.ts';
import { rawPglite, rawPostgres, type RawDb } from './lib/raw.ts';
import { BENCH_TODAY, createPglite, createPostgres, signInStaff, siteOne, startApp, type BenchDatabase } from './lib/setup.ts';
import { fmt, percentile } from './lib/stats.ts';
import type { BenchDbKind } from './lib/types.ts';

const SITES = 9;
const TEAM = 15;
const PERIODS = ['P1', 'P2', 'P3', 'P4', 'P5', 'REGISTRATION'];
const RUNS = Number(process.env.BENCH_ROTA_RUNS ?? 40);
const WEEK = '2026-11-16';

export interface RotaRow { database: BenchDbKind; slots: number; apiP50: number; apiP95: number; floorP50: number; floorP95: number; met: boolean }

/** Grows the seeded trust to 9 sites with a support team, patterns, EHCP pupils and absences (plain SQL). */
export async function grow(raw: RawDb, trustId: string): Promise<{ siteIds: string[]; slots: number }> {
  const have = await raw.query<{ id: string }>('select id from sites where trust_id = $1 order by urn', [trustId]);
  const siteIds = have.map((s) => s.id);
  const model = siteIds[0]!;
  for (let i = siteIds.length; i < SITES; i++) {
    const id = uuidv7();
    await raw.query(`insert into sites (id, trust_id, name, short_name, urn, phase, kind) select $1, trust_id, 'Bench site ' || $2, 'BS' || $2, '99' || $2, phase, kind from sites where id = $3`, [id, String(i + 1), model]);
    await raw.query(`insert into pupils (id, trust_id, site_id, upn, legal_forename, legal_surname, date_of_birth, sex, year_group, enrolment_start, sen_status)
      select gen_random_uuid(), trust_id, $1, upn || 'B' || $2, legal_forename, legal_surname, date_of_birth, sex, year_group, enrolment_start, sen_status
        from pupils where site_id = $3 and enrolment_end is null limit 120`, [id, String(i), model]);
    siteIds.push(id);
  }
  let slots = 0;
  for (const [si, siteId] of siteIds.slice(0, SITES).entries()) {
    const pupils = (await raw.query<{ id: string }>('select id from pupils where site_id = $1 and enrolment_end is null order by id limit 20', [siteId])).map((p) => p.id);
    await raw.query('update pupils set ehcp_support_minutes = 600 where id = any($1::uuid[])', [pupils]);
    const staff: string[] = [];
    for (let k = 0; k < TEAM; k++) {
      const id = uuidv7();
      await raw.query(`insert into staff_members (id, trust_id, site_id, forename, surname, job_title) values ($1, $2, $3, $4, $5, 'Teaching assistant')`, [id, trustId, siteId, `Bench${k}`, `Support${si}`]);
      staff.push(id);
    }
    const rows: unknown[][] = [];
    for (const [k, staffId] of staff.entries()) {
      for (let weekday = 1; weekday <= 5; weekday++) {
        for (const [pi, period] of PERIODS.entries()) {
          const one = (k + pi) % 3 === 0 && pupils.length > 0;
          // one member in fifteen works a period at the next site: journeys and double bookings to find
          const at = k === 0 && pi === 2 ? siteIds[(si + 1) % SITES]! : siteId;
          rows.push([uuidv7(), trustId, at, staffId, weekday, period, one && at === siteId ? 'one_to_one' : 'walkabout', one && at === siteId ? pupils[(k * 5 + weekday) % pupils.length]! : null]);
        }
      }
    }
    slots += rows.length;
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await raw.query(`insert into rota_patterns (id, trust_id, site_id, staff_id, weekday, period_code, mode, pupil_id, valid_from)
        select * , '2026-09-01'::date from unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::int[], $6::text[], $7::text[], $8::uuid[])`,
      [0, 1, 2, 3, 4, 5, 6, 7].map((c) => chunk.map((r) => r[c])));
    }
    for (let d = 0; d < 3; d++) {
      await raw.query(`insert into rota_exceptions (id, trust_id, site_id, staff_id, date, kind) values ($1, $2, $3, $4, ($5::date + $6::int), 'absence')`, [uuidv7(), trustId, siteId, staff[d + 1]!, WEEK, d]);
    }
  }
  await raw.query('analyze');
  return { siteIds: siteIds.slice(0, SITES), slots };
}

const FLOOR_SQL = [
  `select p.*, s.forename, s.surname, s.site_id as home, pu.legal_forename, pu.legal_surname
     from rota_patterns p join staff_members s on s.id = p.staff_id left join pupils pu on pu.id = p.pupil_id
    where p.site_id = any($1::uuid[]) and p.valid_from <= $3::date and (p.valid_to is null or p.valid_to >= $2::date)`,
  `select * from rota_exceptions where site_id = any($1::uuid[]) and date between $2::date and $3::date`,
  `select id, site_id, ehcp_support_minutes from pupils where site_id = any($1::uuid[]) and ehcp_support_minutes > 0 and ($2::date is not null) and ($3::date is not null)`,
];

async function timeIt(n: number, fn: () => Promise<void>): Promise<number[]> {
  for (let i = 0; i < 3; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

async function runOne(kind: BenchDbKind): Promise<RotaRow> {
  const bench: BenchDatabase = kind === 'postgres' ? await createPostgres(10) : await createPglite();
  const raw = kind === 'postgres' ? rawPostgres(bench.url!, 4) : rawPglite(bench.database);
  const app = await startApp(bench.database);
  try {
    const at = await siteOne(bench.database);
    const { siteIds, slots } = await grow(raw, at.trustId);
    const [lead] = await signInStaff(bench.database, at, 1, 'cluster_lead', null);
    const http = new HttpClient(app.baseUrl, 1);
    const path = `/api/v1/rota/week?weekOf=${WEEK}&siteIds=${siteIds.join(',')}`;
    const first = await http.request('GET', path, lead!.headers);
    if (first.status !== 200) throw new Error(`rota week answered ${first.status}: ${first.body.slice(0, 300)}`);
    const body = JSON.parse(first.body) as { cells: unknown[]; gaps: unknown[]; doubleBookings: unknown[]; travel: unknown[] };
    process.stdout.write(`  ${kind}: ${slots} pattern slots at ${siteIds.length} sites; the week has ${body.cells.length} deployments, ${body.gaps.length} gaps, ${body.doubleBookings.length} double bookings, ${body.travel.length} journeys too short (seeded ${BENCH_TODAY.toISOString().slice(0, 10)})\n`);
    const api = await timeIt(RUNS, async () => {
      const r = await http.request('GET', path, lead!.headers);
      if (r.status !== 200) throw new Error(`rota week answered ${r.status}`);
    });
    const floor = await timeIt(RUNS, async () => { for (const q of FLOOR_SQL) await raw.query(q, [siteIds, WEEK, '2026-11-20']); });
    const row = { database: kind, slots, apiP50: percentile(api, 50), apiP95: percentile(api, 95), floorP50: percentile(floor, 50), floorP95: percentile(floor, 95), met: false };
    row.met = percentile(api, 95) < 300;
    return row;
  } finally {
    await app.close();
    await raw.close();
    await bench.close();
  }
}

export async function rotaBenchmark(kinds: readonly BenchDbKind[]): Promise<RotaRow[]> {
  const out: RotaRow[] = [];
  for (const kind of kinds) out.push(await runOne(kind));
  return out;
}

export function rotaTable(rows: readonly RotaRow[]): string {
  const lines = rows.map((r) => `rota: one week, ${SITES} sites (${r.slots} slots)  ${r.database.padEnd(8)}  API p50 ${fmt(r.apiP50)}  p95 ${fmt(r.apiP95)}  |  floor p50 ${fmt(r.floorP50)}  p95 ${fmt(r.floorP95)}  |  API/floor p95 ${fmt(r.apiP95 / r.floorP95, 1)}×  |  ${r.met ? 'MET' : 'NOT MET'}: p95 < 300 ms${r.database === 'postgres' ? '' : ' (target is for PostgreSQL)'}`);
  return lines.join('\n');
}
