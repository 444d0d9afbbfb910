/**
 * Subject access benchmark (issue 18, DAT-3): a SAR for a pupil with 5,000 records — 2,500 points, 1,500 incidents
 * (500 with another pupil, 50 naming them in the text), 500 parent contacts and 500 tasks — at the demo trust, done
 * as the head does it through the API: log the request, gather, open the redaction review (GET /records: every kind,
 * names replaced, free text searched for every pupil's and member of staff's name), decide on the 50 flagged
 * records, release (the PDF and the zip made and stored), and download both. Beside it, the raw-SQL floor: every
 * kind's query (the same SQL, subject-access.sources.ts) and the names read through the driver, nothing presented.
 * Target: the whole SAR under 10 s.
 */
import { uuidv7 } from 'uuidv7';
import { PgDialect } from 'drizzle-orm/pg-core';
import { HttpClient } from './lib/http.ts';
import { rawPglite, rawPostgres, type RawDb } from './lib/raw.ts';
import { createPglite, createPostgres, signInStaff, siteOne, startApp, type BenchDatabase } from './lib/setup.ts';
import { fmt } from './lib/stats.ts';
import type { BenchDbKind } from './lib/types.ts';
import { SAR_SOURCES } from '../apps/server/src/modules/subject-access/subject-access.sources.ts';

const RUNS = Number(process.env.BENCH_SAR_RUNS ?? 3);
const FLAGGED = 50;

export interface SarRow { database: BenchDbKind; records: number; gatherMs: number; decideMs: number; releaseMs: number; downloadMs: number; totalMs: number; floorMs: number; pdfBytes: number; met: boolean }

/** One pupil at site 1 with 5,000 records of four kinds (plain SQL, set-based). */
async function longRecord(raw: RawDb, trustId: string, siteId: string): Promise<{ pupilId: string; records: number }> {
  const [pupil, other] = (await raw.query<{ id: string; name: string }>(`select id, legal_forename || ' ' || legal_surname as name from pupils where site_id = $1 and enrolment_end is null order by id limit 2`, [siteId]));
  const user = (await raw.query<{ id: string }>(`select user_id as id from role_assignments where site_id = $1 and role = 'behaviour_lead' limit 1`, [siteId]))[0]!.id;
  const cat = (await raw.query<{ id: string; code: string }>(`select id, code from behaviour_categories where trust_id = $1 and polarity = 'negative' limit 1`, [trustId]))[0]!;
  const base = `timestamptz '2021-09-01 09:00+00' + (g * interval '7 hours')`;
  await raw.query(`insert into behaviour_events (id, trust_id, site_id, pupil_id, batch_id, category_id, category_code, polarity, severity, points, occurred_at, occurred_on, note, recorded_by)
    select gen_random_uuid(), $1, $2, $3, gen_random_uuid(), $4, $5, 'negative', 2, -1, ${base}, (${base})::date, 'Talking in the lesson, number ' || g, $6 from generate_series(1, 2500) g`,
  [trustId, siteId, pupil!.id, cat.id, cat.code, user]);
  const ids = Array.from({ length: 1500 }, () => uuidv7());
  await raw.query(`insert into incidents (id, trust_id, site_id, status, occurred_at, occurred_on, severity, category_codes, antecedent, behaviour, consequence, created_by, submitted_at)
    select id, $1, $2, 'submitted', ${base.replace(/\bg\b/g, 'n')}, (${base.replace(/\bg\b/g, 'n')})::date, 3, '[]', 'Before the lesson, at the door',
      case when n <= ${FLAGGED} then 'Pushed ' || $4 || ' in the corridor and shouted' else 'Refused to follow instructions and left the room without permission' end,
      'Sent to the behaviour base; parents phoned', $3, now()
    from unnest($5::uuid[]) with ordinality as x(id, n)`, [trustId, siteId, user, other!.name, ids]);
  await raw.query(`insert into incident_pupils (incident_id, pupil_id, trust_id, role) select id, $1, $2, 'instigator' from unnest($3::uuid[]) id`, [pupil!.id, trustId, ids]);
  await raw.query(`insert into incident_pupils (incident_id, pupil_id, trust_id, role) select id, $1, $2, 'affected' from unnest($3::uuid[]) id`, [other!.id, trustId, ids.slice(0, 500)]);
  await raw.query(`insert into parent_contacts (id, trust_id, site_id, pupil_id, record_type, record_id, contacted_at, method, summary, recorded_by)
    select gen_random_uuid(), $1, $2, $3, 'incident', ($4::uuid[])[g], ${base}, 'phone', 'Spoke to mum about the incident; she will talk to him at home', $5 from generate_series(1, 500) g`,
  [trustId, siteId, pupil!.id, ids, user]);
  await raw.query(`insert into tasks (id, trust_id, site_id, pupil_id, source_type, title, status) select gen_random_uuid(), $1, $2, $3, 'escalation_rule', 'Review behaviour after repeated incidents (' || g || ')', 'done'
    from generate_series(1, 500) g`, [trustId, siteId, pupil!.id]);
  return { pupilId: pupil!.id, records: 5000 };
}

/** The floor: every kind's query and the names to look for, through the driver, nothing presented or stored. */
async function floor(raw: RawDb, trustId: string, pupilId: string): Promise<void> {
  const dialect = new PgDialect();
  for (const s of SAR_SOURCES) {
    const q = dialect.sqlToQuery(s.query(pupilId));
    await raw.query(q.sql, q.params);
  }
  await raw.query('select legal_forename, legal_surname, preferred_forename, preferred_surname from pupils where trust_id = $1 and id <> $2', [trustId, pupilId]);
  await raw.query(`select forename || ' ' || surname from staff_members where trust_id = $1`, [trustId]);
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

async function runOne(kind: BenchDbKind): Promise<SarRow> {
  const bench: BenchDatabase = kind === 'postgres' ? await createPostgres(10) : await createPglite();
  const raw = kind === 'postgres' ? rawPostgres(bench.url!, 4) : rawPglite(bench.database);
  const app = await startApp(bench.database);
  try {
    const at = await siteOne(bench.database);
    const { pupilId, records } = await longRecord(raw, at.trustId, at.siteId);
    const [head] = await signInStaff(bench.database, at, 1, 'head', at.siteId);
    const http = new HttpClient(app.baseUrl, 1);
    const h = head!.headers;
    const call = async (method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown) => {
      const r = await http.request(method, path, h, body);
      if (r.status >= 300) throw new Error(`${method} ${path} answered ${r.status}: ${r.body.slice(0, 300)}`);
      return r;
    };
    const runs: Omit<SarRow, 'database' | 'records' | 'floorMs' | 'met'>[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      const created = JSON.parse((await call('POST', '/api/v1/subject-access', { pupilId, requesterKind: 'parent', requesterName: 'Bench parent', receivedOn: '2026-11-02' })).body) as { id: string; version: number };
      const base = `/api/v1/subject-access/${created.id}`;
      await call('POST', `${base}/status`, { version: created.version, status: 'gathering' });
      await call('POST', `${base}/status`, { version: created.version + 1, status: 'redaction' });
      const [review, gatherMs] = await timed(async () => JSON.parse((await call('GET', `${base}/records`)).body) as { counts: { records: number }; sections: { records: { key: string; needsReview: boolean }[] }[] });
      const flagged = review.sections.flatMap((s) => s.records).filter((r) => r.needsReview);
      const [, decideMs] = await timed(async () => { for (const r of flagged) await call('PUT', `${base}/decisions`, { recordKey: r.key, action: 'release' }); });
      const [, releaseMs] = await timed(() => call('POST', `${base}/release`, { version: created.version + 2 }));
      const [pdf, downloadMs] = await timed(async () => { const p = await call('GET', `${base}/download/pdf`); await call('GET', `${base}/download/archive`); return p; });
      runs.push({ gatherMs, decideMs, releaseMs, downloadMs, totalMs: performance.now() - t0, pdfBytes: Number(pdf.headers['content-length'] ?? 0) });
      if (i === 0) process.stdout.write(`  ${kind}: ${review.counts.records} records gathered, ${flagged.length} flagged for review\n`);
    }
    const floorTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) floorTimes.push((await timed(() => floor(raw, at.trustId, pupilId)))[1]);
    const median = <K extends keyof (typeof runs)[number]>(k: K) => [...runs.map((r) => r[k] as number)].sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
    const floorMs = [...floorTimes].sort((a, b) => a - b)[Math.floor(floorTimes.length / 2)]!;
    const totalMs = median('totalMs');
    return { database: kind, records, gatherMs: median('gatherMs'), decideMs: median('decideMs'), releaseMs: median('releaseMs'), downloadMs: median('downloadMs'), totalMs, floorMs, pdfBytes: median('pdfBytes'), met: totalMs < 10_000 };
  } finally {
    await app.close();
    await raw.close();
    await bench.close();
  }
}

export async function subjectAccessBenchmark(kinds: readonly BenchDbKind[]): Promise<SarRow[]> {
  const out: SarRow[] = [];
  for (const kind of kinds) out.push(await runOne(kind));
  return out;
}

export function subjectAccessTable(rows: readonly SarRow[]): string {
  return rows.map((r) => `subject access: ${r.records} records  ${r.database.padEnd(8)}  whole SAR ${fmt(r.totalMs / 1000, 2)} s (review ${fmt(r.gatherMs)} ms, ${FLAGGED} decisions ${fmt(r.decideMs)} ms, `
    + `release ${fmt(r.releaseMs)} ms, downloads ${fmt(r.downloadMs)} ms; PDF ${(r.pdfBytes / 1024).toFixed(0)} KB)  |  floor (the kinds' SQL) ${fmt(r.floorMs)} ms  |  `
    + `review/floor ${fmt(r.gatherMs / r.floorMs, 1)}×  |  ${r.met ? 'MET' : 'NOT MET'}: whole SAR < 10 s`).join('\n');
}
