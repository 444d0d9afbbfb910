/**
 * Recording benchmark (issue 3): concurrent clients each create full incidents through HTTP — two pupils,
 * categories, ABC text and one physical intervention — and, in the same run, the floor: the same rows (the incident,
 * its two pupils and one member of staff, the physical intervention, the first version and one chained audit entry)
 * written straight through the driver, one transaction each, with as many connections as there are clients.
 */
import { uuidv7 } from 'uuidv7';
import { ZIncidentInput, type TIncidentInput } from '@haven/contracts';
import { appendRow } from '../apps/server/src/core/audit/audit.ts';
import { verifyAuditChain } from '../apps/server/src/core/audit/verify.ts';
import { runClients } from './lib/clients.ts';
import { cpuNote, withCpu } from './lib/cpu.ts';
import { runLoad, type LoadOptions } from './lib/load.ts';
import type { RawDb, RawTx } from './lib/raw.ts';
import type { SiteOne } from './lib/setup.ts';
import type { BenchContext, BenchRow } from './lib/types.ts';
import { incidentFor, type Fixtures } from './requests.ts';

async function firstCode(raw: RawDb, kind: string, prefer: string): Promise<string> {
  const rows = await raw.query<{ code: string }>(
    `select code from policy_options where kind = $1 and active and site_id is null order by (code = $2) desc, sort_order limit 1`, [kind, prefer]);
  const code = rows[0]?.code;
  if (!code) throw new Error(`The seeded policy has no ${kind}`);
  return code;
}

export async function loadFixtures(raw: RawDb, site: SiteOne): Promise<Fixtures> {
  const pupils = await raw.query<{ id: string; name: string }>(
    `select id, coalesce(preferred_forename, legal_forename) || ' ' || coalesce(preferred_surname, legal_surname) as name
       from pupils where site_id = $1 and enrolment_end is null order by id`, [site.siteId]);
  const staff = await raw.query<{ id: string; name: string }>(
    `select id, forename || ' ' || surname as name from staff_members where site_id = $1 and job_title in ('Teacher', 'Teaching assistant', 'Behaviour mentor') order by id`, [site.siteId]);
  const category = (await raw.query<{ code: string }>(
    `select code from behaviour_categories where site_id is null and polarity = 'negative' and severity >= 4 and active order by sort_order limit 1`))[0]?.code;
  if (pupils.length < 2 || staff.length < 1 || !category) throw new Error('Site 1 needs two pupils, a member of staff and a serious category');
  const actions = (await raw.query<{ code: string }>(`select code from policy_options where kind = 'action' and site_id is null and active order by sort_order limit 2`)).map((r) => r.code);
  return {
    trustId: site.trustId, siteId: site.siteId, pupils, staff,
    codes: {
      category, actions, location: await firstCode(raw, 'location', 'CORRIDOR'), period: await firstCode(raw, 'period', 'P4'),
      motivation: await firstCode(raw, 'motivation', 'AVOID_TASK'), technique: await firstCode(raw, 'technique', 'SINGLE_ELBOW'),
    },
  };
}

async function writeFloor(tx: RawTx, f: Fixtures, userId: string, input: TIncidentInput): Promise<void> {
  const id = uuidv7();
  const now = new Date().toISOString();
  const pi = input.physicalInterventions?.[0];
  const [a, b] = input.pupils ?? [];
  const member = input.staff?.[0];
  if (!pi || !a || !b || !member) throw new Error('The floor needs the full incident');
  await tx.query(
    `insert into incidents (id, trust_id, site_id, status, occurred_at, occurred_on, location_code, period_code, severity, category_codes,
       antecedent, behaviour, consequence, motivation_code, action_codes, custom_values, physical_intervention, serious, version,
       created_by, created_at, updated_at)
     values ($1, $2, $3, 'draft', $4, ($4::timestamptz at time zone 'Europe/London')::date, $5, $6, $7, $8, $9, $10, $11, $12, $13, '{}', true, true, 1, $14, $15, $15)`,
    [id, f.trustId, f.siteId, input.occurredAt, input.locationCode, input.periodCode, input.severity, JSON.stringify(input.categoryCodes),
      input.antecedent, input.behaviour, input.consequence, input.motivationCode, JSON.stringify(input.actionCodes), userId, now]);
  await tx.query('insert into incident_pupils (incident_id, pupil_id, trust_id, role) values ($1, $2, $3, $4), ($1, $5, $3, $6)',
    [id, a.pupilId, f.trustId, a.role, b.pupilId, b.role]);
  await tx.query('insert into incident_staff (incident_id, staff_id, trust_id, role) values ($1, $2, $3, $4)', [id, member.staffId, f.trustId, member.role]);
  await tx.query(
    `insert into physical_interventions (id, incident_id, trust_id, site_id, pupil_id, kind, started_at, ended_at, duration_minutes, staff_techniques,
       reason, deescalation_tried, pupil_injured, staff_injured, body_map, medical_attention, parent_informed_at, parent_informed_how, parent_informed_by)
     values ($1, $2, $3, $4, $5, 'force_with_contact', $6, $7, 6, $8, $9, $10, false, false, '[]', $11, $12, $13, $14)`,
    [uuidv7(), id, f.trustId, f.siteId, pi.pupilId, pi.startedAt, pi.endedAt, JSON.stringify(pi.staffTechniques), pi.reason, pi.deescalationTried,
      pi.medicalAttention, pi.parentInformedAt, pi.parentInformedHow, pi.parentInformedBy]);
  const snapshot = { ...input, status: 'draft', voided: false, voidReason: null };
  await tx.query('insert into incident_versions (id, incident_id, trust_id, version, change, snapshot, changed_by, changed_at) values ($1, $2, $3, 1, $4, $5, $6, $7)',
    [uuidv7(), id, f.trustId, 'create', JSON.stringify(snapshot), userId, now]);
  // One audit entry, chained as the app chains it (core/db/tx.ts): by haven_audit_append, under the chain's lock,
  // sent with the COMMIT in one message on PostgreSQL; on PGlite as the last statement before the commit.
  const entry = {
    id: uuidv7(), trustId: f.trustId, at: new Date().toISOString(), actorUserId: userId, actorLabel: 'Bench user', ip: '127.0.0.1',
    requestId: uuidv7(), action: 'incident.create', entityType: 'incident', entityId: id, siteId: f.siteId,
    details: { version: 1, changed: Object.keys(snapshot), before: {}, after: { severity: input.severity, categoryCodes: input.categoryCodes } },
  };
  await tx.appendAuditAndCommit([appendRow(entry)]);
}

/** Rows one API request wrote, by table: the floor must write the same. */
async function rowsOf(raw: RawDb, incidentId: string): Promise<Record<string, number>> {
  const count = async (sql: string) => Number((await raw.query<{ n: number | string }>(sql, [incidentId]))[0]?.n ?? 0);
  return {
    incidents: await count('select count(*) as n from incidents where id = $1'),
    incident_pupils: await count('select count(*) as n from incident_pupils where incident_id = $1'),
    incident_staff: await count('select count(*) as n from incident_staff where incident_id = $1'),
    physical_interventions: await count('select count(*) as n from physical_interventions where incident_id = $1'),
    incident_versions: await count('select count(*) as n from incident_versions where incident_id = $1'),
    audit_entries: await count("select count(*) as n from audit_entries where entity_id = $1::text"),
  };
}

/**
 * Little's law for a closed loop: N clients that each send their next request as soon as the last answers wait
 * N ÷ throughput on average, whatever the server does with the time. So p95 < 50 ms with N clients needs over
 * N ÷ 0.05 requests a second; the floor's own p95 in the same run shows whether even the floor gets there.
 */
function littlesLaw(n: number, row: BenchRow): string {
  const { api, floor } = row;
  if (!api || !floor) return '';
  const ms = (x: number) => `${x.toFixed(0)} ms`;
  return `closed loop (Little's law): ${n} clients wait ≈ ${n} ÷ throughput each — API ${ms((n / api.throughput) * 1000)} (measured mean ${ms(api.mean)}), `
    + `floor ${ms((n / floor.throughput) * 1000)} (measured mean ${ms(floor.mean)}, p95 ${ms(floor.p95)}); p95 < 50 ms needs over ${Math.round(n / 0.05)} req/s`
    + `${floor.p95 >= 50 ? ', which even the floor does not reach here: the paced run is the latency at a realistic load' : ''}`;
}

/** The targets of issue 3, on PostgreSQL. */
function targets(row: BenchRow): BenchRow['targets'] {
  if (row.database !== 'postgres' || !row.api || !row.floor) return undefined;
  return [{ label: 'API throughput ≥ 40% of the floor', met: (row.ratio ?? 0) >= 0.4 }, { label: 'API p95 < 50 ms', met: row.api.p95 < 50 }];
}

export async function recordingBenchmark(ctx: BenchContext): Promise<BenchRow[]> {
  const { kind, settings, http, sessions, raw, site } = ctx;
  const name = 'recording: create a full incident';
  const f = await loadFixtures(raw, site);
  const probe = incidentFor(f, 0);
  ZIncidentInput.parse(probe); // the payload follows the contract, or the benchmark says so at once
  const first = sessions[0];
  if (!first) throw new Error('No signed-in users');
  const res = await http.request('POST', '/api/v1/incidents', first.headers, probe);
  if (res.status === 404) return [{ benchmark: name, database: kind, skipped: 'POST /api/v1/incidents answers 404 (not implemented yet)' }];
  if (res.status !== 201) return [{ benchmark: name, database: kind, skipped: `POST /api/v1/incidents answered ${res.status}: ${res.body.slice(0, 300)}` }];
  const perIncident = await rowsOf(raw, (JSON.parse(res.body) as { id: string }).id);
  const headers = sessions.map((s) => s.headers);
  const floor = (load: LoadOptions) => withCpu(ctx.databaseName, load.warmup + load.count,
    () => runLoad(load, (w, n) => raw.transaction((tx) => writeFloor(tx, f, sessions[w % sessions.length]!.userId, incidentFor(f, n)))));
  const api = (load: LoadOptions) => withCpu(ctx.databaseName, load.warmup + load.count,
    () => runClients(ctx.baseUrl, headers, { kind: 'incident', fixtures: f }, load));

  const closed: BenchRow = { benchmark: name, database: kind };
  closed.api = await api(settings);
  closed.floor = await floor(settings);
  closed.ratio = closed.api.throughput / closed.floor.throughput;
  closed.targets = targets(closed);
  // The same at a steady offered rate, as a school's staff would send them, rather than as fast as possible.
  const pacedLoad: LoadOptions = { ...settings, count: settings.pacedCount, ratePerSecond: settings.pacedRate };
  const paced: BenchRow = { benchmark: `${name}, ${settings.pacedRate}/s offered`, database: kind };
  paced.api = await api(pacedLoad);
  paced.floor = await floor(pacedLoad);
  // (no throughput ratio: both keep up with the offered rate; compare the latencies)
  if (kind === 'postgres') paced.targets = [{ label: 'API p95 < 50 ms', met: paced.api.p95 < 50 }];

  // Both wrote chained audit entries: the chain must still verify, or the floor was not doing the app's work.
  const chain = await verifyAuditChain(ctx.database);
  closed.notes = [`rows per incident (API): ${Object.entries(perIncident).map(([t, n]) => `${t} ${n}`).join(', ')}`,
    `floor: the same rows through the driver with ${raw.connections} connection(s), the audit entry chained by the same database function under the same lock`,
    `audit chain after the run: ${chain.count} entries, ${chain.problems.length === 0 ? 'verifies' : `${chain.problems.length} PROBLEMS`}`,
    ...cpuNote(closed),
    littlesLaw(settings.concurrency, closed)];
  return [closed, paced];
}
