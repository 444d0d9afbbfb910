/**
 * Retention benchmark (issue 18 §Performance, CMP-1): a confirmed retention run over a 20-site trust's five years of
 * records, through the API as a user who is both trust administrator and DSL trust-wide (POST /api/v1/retention/runs:
 * the dry-run plan, then per kind and site the due list, batches of 1,000 in a transaction each with holds re-checked,
 * every table's rows removed, tombstones and a chained audit entry per batch). The demo trust is grown to 20 sites;
 * each new site has 150 former pupils born in 1985 who left in 2003 (so every rule has passed) with five school years
 * of quick points, incidents (pupils, versions, physical interventions), parent contacts and sealed concerns. The floor,
 * in the same run: the same records generated again and removed by plain DELETE statements in one transaction.
 * Target: the run under 60 s.
 */
import { uuidv7 } from 'uuidv7';
import { HttpClient } from './lib/http.ts';
import { rawPglite, rawPostgres, type RawDb } from './lib/raw.ts';
import { createPglite, createPostgres, signInStaff, siteOne, startApp, type BenchDatabase } from './lib/setup.ts';
import { fmt } from './lib/stats.ts';
import type { BenchDbKind } from './lib/types.ts';

const SITES = 20;
const PUPILS = Number(process.env.BENCH_RETENTION_PUPILS ?? 150);
const POINTS = 50; // quick points per pupil over five years
const INCIDENTS = 5; // incidents per pupil over five years

export interface RetentionRow { database: BenchDbKind; records: number; rows: number; dryMs: number; runMs: number; floorMs: number; met: boolean }

/** Five school years (1998–2003) of records for 150 former pupils at each of the bench sites. */
async function generate(raw: RawDb, trustId: string, siteIds: string[], userId: string, tag: string): Promise<void> {
  const cat = (await raw.query<{ id: string; code: string }>(`select id, code from behaviour_categories where trust_id = $1 and polarity = 'negative' limit 1`, [trustId]))[0]!;
  const model = (await raw.query<{ id: string }>('select id from pupils where trust_id = $1 order by id limit 1', [trustId]))[0]!.id;
  for (const [i, siteId] of siteIds.entries()) {
    await raw.query(`insert into pupils (id, trust_id, site_id, upn, legal_forename, legal_surname, date_of_birth, sex, year_group, enrolment_start, enrolment_end, sen_status)
      select gen_random_uuid(), p.trust_id, $1, 'R' || $2 || '-' || $3 || '-' || g, 'Former', 'Pupil ' || g, ('1985-01-01'::date + (g % 365)), p.sex, 11, '1998-09-01', '2003-07-20', 'none'
        from pupils p, generate_series(1, $4::int) g where p.id = $5`, [siteId, tag, String(i), PUPILS, model]);
    const pupils = `(select id, row_number() over (order by id) as rn from pupils where site_id = $1 and upn like 'R' || $2 || '-%')`;
    await raw.query(`insert into behaviour_events (id, trust_id, site_id, pupil_id, batch_id, category_id, category_code, polarity, severity, points, occurred_at, occurred_on, recorded_by)
      select gen_random_uuid(), $3, $1, p.id, gen_random_uuid(), $4, $5, 'negative', 1, -1, x.ts, (x.ts at time zone 'Europe/London')::date, $6
        from ${pupils} p, generate_series(1, ${POINTS}) g, lateral (select '1998-09-01 10:00+00'::timestamptz + ((g * 37 + p.rn * 11) % 1825) * interval '1 day' as ts) x`,
    [siteId, tag, trustId, cat.id, cat.code, userId]);
    await raw.query(`with src as (
        select gen_random_uuid() as id, p.id as pupil_id, p.rn, g, '1998-09-01 11:00+00'::timestamptz + ((g * 53 + p.rn * 7) % 1825) * interval '1 day' as ts
          from ${pupils} p, generate_series(1, ${INCIDENTS}) g),
      i as (insert into incidents (id, trust_id, site_id, status, occurred_at, occurred_on, severity, behaviour, physical_intervention, created_by, created_at, updated_at)
            select id, $3, $1, 'signed_off', ts, (ts at time zone 'Europe/London')::date, 3, 'Bench incident text', (rn + g) % 5 = 0, $4, ts, ts from src returning id),
      ip as (insert into incident_pupils (incident_id, pupil_id, trust_id, role) select id, pupil_id, $3, 'involved' from src returning incident_id),
      v as (insert into incident_versions (id, incident_id, trust_id, version, change, snapshot, changed_by, changed_at)
            select gen_random_uuid(), id, $3, 1, 'create', '{"behaviour":"Bench incident text"}', $4, ts from src returning id),
      pi as (insert into physical_interventions (id, incident_id, trust_id, site_id, pupil_id, reason) select gen_random_uuid(), id, $3, $1, pupil_id, 'Bench' from src where (rn + g) % 5 = 0 returning id),
      pc as (insert into parent_contacts (id, trust_id, site_id, pupil_id, record_type, record_id, contacted_at, method, summary, recorded_by)
            select gen_random_uuid(), $3, $1, pupil_id, 'incident', id, ts, 'phone', 'Bench contact', $4 from src returning id)
      select (select count(*) from i) + (select count(*) from ip) + (select count(*) from v) + (select count(*) from pi) + (select count(*) from pc) as n`,
    [siteId, tag, trustId, userId]);
    await raw.query(`with src as (select gen_random_uuid() as id, p.id as pupil_id, '1999-01-10 09:00+00'::timestamptz + (p.rn * 5) * interval '1 day' as ts from ${pupils} p where p.rn % 3 = 0),
      c as (insert into safeguarding_concerns (id, trust_id, site_id, raised_by, raised_at, category, concern, status) select id, $3, $1, $4, ts, 'neglect', 'Bench concern', 'closed' from src returning id)
      insert into safeguarding_concern_pupils (concern_id, pupil_id, trust_id) select id, pupil_id, $3 from src`, [siteId, tag, trustId, userId]);
  }
  await raw.query('analyze');
}

const count = async (raw: RawDb, sql: string, params: unknown[]) => Number((await raw.query<{ n: number }>(sql, params))[0]!.n);

/** Records and rows of the former pupils (the ones due). */
async function measure(raw: RawDb, trustId: string): Promise<{ records: number; rows: number }> {
  const former = `(select id from pupils where trust_id = $1 and date_of_birth < '1990-01-01')`;
  const records = await count(raw, `select (select count(*) from behaviour_events where pupil_id in ${former})
    + (select count(distinct incident_id) from incident_pupils where pupil_id in ${former}) + (select count(*) from parent_contacts where pupil_id in ${former})
    + (select count(*) from safeguarding_concern_pupils where pupil_id in ${former}) as n`, [trustId]);
  const rows = records + await count(raw, `select (select count(*) from incident_pupils where pupil_id in ${former})
    + (select count(*) from incident_versions v join incident_pupils ip on ip.incident_id = v.incident_id where ip.pupil_id in ${former})
    + (select count(*) from physical_interventions where pupil_id in ${former}) + (select count(*) from safeguarding_concern_pupils where pupil_id in ${former}) as n`, [trustId]);
  return { records, rows };
}

/** The floor: the same rows removed by plain DELETEs (children first), in one transaction, no holds, tombstones or audit. */
async function floorDelete(raw: RawDb, trustId: string): Promise<void> {
  const former = `(select id from pupils where trust_id = $1 and date_of_birth < '1990-01-01')`;
  await raw.transaction(async (tx) => {
    await tx.query(`create temp table fi on commit drop as select distinct incident_id as id from incident_pupils where pupil_id in ${former}`, [trustId]);
    await tx.query(`create temp table fc on commit drop as select distinct concern_id as id from safeguarding_concern_pupils where pupil_id in ${former}`, [trustId]);
    for (const sql of [
      'delete from parent_contacts where record_type = \'incident\' and record_id in (select id from fi)',
      'delete from physical_interventions where incident_id in (select id from fi)', 'delete from incident_versions where incident_id in (select id from fi)',
      'delete from incident_pupils where incident_id in (select id from fi)', 'delete from incidents where id in (select id from fi)',
      'delete from safeguarding_concern_pupils where concern_id in (select id from fc)', 'delete from safeguarding_concerns where id in (select id from fc)',
    ]) await tx.query(sql);
    await tx.query(`delete from behaviour_events where pupil_id in ${former}`, [trustId]);
    await tx.query(`delete from parent_contacts where pupil_id in ${former}`, [trustId]);
    await tx.appendAuditAndCommit([]);
  });
}

async function runOne(kind: BenchDbKind): Promise<RetentionRow> {
  const bench: BenchDatabase = kind === 'postgres' ? await createPostgres(10) : await createPglite();
  const raw = kind === 'postgres' ? rawPostgres(bench.url!, 4) : rawPglite(bench.database);
  const app = await startApp(bench.database);
  try {
    const at = await siteOne(bench.database);
    const have = (await raw.query<{ id: string }>('select id from sites where trust_id = $1 order by urn', [at.trustId])).map((s) => s.id);
    const added: string[] = [];
    for (let i = have.length; i < SITES; i++) {
      const id = uuidv7();
      await raw.query(`insert into sites (id, trust_id, name, short_name, urn, phase, kind) select $1, trust_id, 'Bench site ' || $2, 'BS' || $2, '98' || $2, phase, kind from sites where id = $3`, [id, String(i + 1), have[0]]);
      added.push(id);
    }
    const [user] = await signInStaff(bench.database, at, 1, 'trust_admin', null);
    await raw.query(`insert into role_assignments (id, trust_id, user_id, role, site_id) values ($1, $2, $3, 'dsl', null)`, [uuidv7(), at.trustId, user!.userId]);
    await generate(raw, at.trustId, added, user!.userId, 'a');
    const { records, rows } = await measure(raw, at.trustId);
    process.stdout.write(`  ${kind}: ${records} records due (${rows} rows) at ${added.length} of ${SITES} sites, beside the demo trust's current records\n`);
    const http = new HttpClient(app.baseUrl, 1);
    const t0 = performance.now();
    const dry = await http.request('POST', '/api/v1/retention/runs', user!.headers, { dryRun: true });
    const dryMs = performance.now() - t0;
    if (dry.status !== 200) throw new Error(`dry run answered ${dry.status}: ${dry.body.slice(0, 300)}`);
    const planned = (JSON.parse(dry.body) as { total: number }).total;
    const t1 = performance.now();
    const run = await http.request('POST', '/api/v1/retention/runs', user!.headers, { dryRun: false, expectedTotal: planned });
    const runMs = performance.now() - t1;
    if (run.status !== 200) throw new Error(`retention run answered ${run.status}: ${run.body.slice(0, 300)}`);
    const left = await measure(raw, at.trustId);
    if (left.records !== 0) throw new Error(`${left.records} due records were left after the run`);
    await generate(raw, at.trustId, added, user!.userId, 'b');
    const t2 = performance.now();
    await floorDelete(raw, at.trustId);
    const floorMs = performance.now() - t2;
    return { database: kind, records: planned, rows, dryMs, runMs, floorMs, met: runMs < 60_000 };
  } finally {
    await app.close();
    await raw.close();
    await bench.close();
  }
}

export async function retentionBenchmark(kinds: readonly BenchDbKind[]): Promise<RetentionRow[]> {
  const out: RetentionRow[] = [];
  for (const kind of kinds) out.push(await runOne(kind));
  return out;
}

export function retentionTable(rows: readonly RetentionRow[]): string {
  return rows.map((r) => `retention: a run over ${SITES} sites, five years (${r.records} records, ${r.rows} rows)  ${r.database.padEnd(8)}  dry run ${fmt(r.dryMs / 1000, 1)} s  |  run ${fmt(r.runMs / 1000, 1)} s  |  floor (plain DELETE) ${fmt(r.floorMs / 1000, 1)} s  |  run/floor ${fmt(r.runMs / r.floorMs, 1)}×  |  ${r.met ? 'MET' : 'NOT MET'}: run < 60 s`).join('\n');
}
