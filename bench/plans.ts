/**
 * Plans-in-use benchmark (issue 14): a member of staff opens a pupil's page on a phone, which asks for the profile and
 * the key points of the pupil's behaviour support plan (GET /api/v1/pupils/:id, then /plan-key-points), for a pupil
 * with a long history (5 plan versions, 500 incidents) at a trust grown to 20 sites. Each measured request is the
 * whole page: the two calls one after the other. The floor, in the same run: the same reads (the pupil with site and
 * photo, groups, contacts; the active plan, the site's techniques, the owner's name) sent straight through the driver.
 * Targets: p95 under 100 ms on PostgreSQL, under 200 ms on PGlite, one page at a time (BENCH_PLANS_CLIENTS, 1;
 * BENCH_PLANS_WARMUP 20, BENCH_PLANS_COUNT 300). The same page ten at once (BENCH_PLANS_BUSY_CLIENTS, 10; 0 skips it)
 * is reported beside it without a verdict.
 */
import { uuidv7 } from 'uuidv7';
import { runClients } from './lib/clients.ts';
import { runLoad } from './lib/load.ts';
import { int } from './analytics.ts';
import type { RawDb } from './lib/raw.ts';
import type { BenchContext, BenchRow } from './lib/types.ts';

const SITES = 20;
const PLAN_VERSIONS = 5;
const INCIDENTS = 500;

/** Grows the demo trust to 20 sites and gives one pupil at site 1 five plans (four superseded) and 500 incidents. */
export async function longHistory(raw: RawDb, trustId: string, siteId: string): Promise<string> {
  const [{ n } = { n: 0 }] = await raw.query<{ n: number }>('select count(*)::int as n from sites where trust_id = $1', [trustId]);
  for (let i = n; i < SITES; i += 1) {
    await raw.query(`insert into sites (id, trust_id, name, short_name, urn, phase, kind) values ($1, $2, $3, $4, $5, 'secondary', 'school')`,
      [uuidv7(), trustId, `Bench Academy ${i + 1}`, `BA${i + 1}`, String(990000 + i)]);
  }
  const pupil = (await raw.query<{ id: string }>('select id from pupils where site_id = $1 and enrolment_end is null order by id limit 1', [siteId]))[0]?.id;
  const owner = (await raw.query<{ id: string }>(`select user_id as id from role_assignments where site_id = $1 and role = 'behaviour_lead' limit 1`, [siteId]))[0]?.id
    ?? (await raw.query<{ id: string }>('select id from users where trust_id = $1 limit 1', [trustId]))[0]!.id;
  const technique = (await raw.query<{ code: string }>(`select code from policy_options where kind = 'technique' and active order by sort_order limit 2`)).map((r) => r.code);
  if (!pupil) throw new Error('Site 1 has no pupil on roll');
  await raw.query(`update behaviour_support_plans set status = 'superseded', superseded_at = now() where pupil_id = $1 and status = 'active'`, [pupil]);
  for (let v = 1; v <= PLAN_VERSIONS; v += 1) {
    const id = uuidv7();
    const active = v === PLAN_VERSIONS;
    const at = new Date(Date.UTC(2025, 8, 1) + v * 30 * 86_400_000).toISOString();
    const list = (what: string) => JSON.stringify(Array.from({ length: 4 }, (_, i) => `${what} ${i + 1} (version ${v})`));
    await raw.query(`insert into behaviour_support_plans (id, trust_id, site_id, pupil_id, status, triggers, early_warning_signs, proactive_strategies,
        deescalation_strategies, what_to_avoid, approved_holds, owner_user_id, review_date, activated_at, activated_by, superseded_at, version, created_by, updated_by)
      values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, '2027-07-01', $13, $12, $14, 1, $12, $12)`,
    [id, trustId, siteId, pupil, active ? 'active' : 'superseded', list('Trigger'), list('Early sign'), list('Proactive strategy'), list('De-escalation'),
      list('Avoid'), JSON.stringify(technique), owner, at, active ? null : new Date(Date.parse(at) + 30 * 86_400_000).toISOString()]);
    await raw.query(`insert into behaviour_support_plan_versions (id, plan_id, trust_id, pupil_id, version, status, content, event, saved_by, saved_at)
      values ($1, $2, $3, $4, 1, $5, '{}'::jsonb, 'activated', $6, $7)`, [uuidv7(), id, trustId, pupil, active ? 'active' : 'superseded', owner, at]);
  }
  for (let i = 0; i < INCIDENTS; i += 1) {
    const id = uuidv7();
    const at = new Date(Date.UTC(2025, 8, 1) + i * 86_400_000 / 2).toISOString();
    await raw.query(`insert into incidents (id, trust_id, site_id, status, occurred_at, occurred_on, severity, category_codes, behaviour, version, created_by, created_at, updated_at, submitted_at)
      values ($1, $2, $3, 'submitted', $4, ($4::timestamptz at time zone 'Europe/London')::date, 3, '[]', 'Bench incident', 1, $5, $4, $4, $4)`, [id, trustId, siteId, at, owner]);
    await raw.query(`insert into incident_pupils (incident_id, pupil_id, trust_id, role) values ($1, $2, $3, 'instigator')`, [id, pupil, trustId]);
  }
  return pupil;
}

/** The floor: the reads the profile and the key points make, without sessions, scope, audit or presenting. */
async function floorPage(raw: RawDb, pupilId: string, trustId: string, siteId: string): Promise<void> {
  await raw.query(`select p.*, s.name as site_name, (select ph.id from attachments ph where ph.owner_type = 'pupil_photo' and ph.owner_id = p.id and ph.voided_at is null) as photo_id
    from pupils p join sites s on s.id = p.site_id where p.id = $1 limit 1`, [pupilId]);
  await raw.query('select g.id, g.name, g.kind from pupil_group_members m join pupil_groups g on g.id = m.group_id where m.pupil_id = $1 order by g.kind, g.name', [pupilId]);
  await raw.query('select c.*, pc.relationship, pc.parental_responsibility, pc.priority from pupil_contacts pc join contacts c on c.id = pc.contact_id where pc.pupil_id = $1 order by pc.priority, c.surname', [pupilId]);
  await raw.query(`select * from behaviour_support_plans where pupil_id = $1 and status = 'active' limit 1`, [pupilId]);
  await raw.query(`select distinct on (upper(code)) code, label, details->>'level' as level from policy_options where trust_id = $1 and kind = 'technique' and (site_id is null or site_id = $2)
    order by upper(code), active desc, site_id nulls last`, [trustId, siteId]);
}

export async function plansBenchmark(ctx: BenchContext): Promise<BenchRow[]> {
  const { kind, settings, http, sessions, raw, site } = ctx;
  const row: BenchRow = { benchmark: "pupil's page with the plan's key points (5 plan versions, 500 incidents, 20 sites)", database: kind };
  const first = sessions[0];
  if (!first) throw new Error('No signed-in users');
  const pupilId = await longHistory(raw, site.trustId, site.siteId);
  const probe = await http.request('GET', `/api/v1/pupils/${pupilId}/plan-key-points`, first.headers);
  if (probe.status !== 200) return [{ ...row, skipped: `GET plan-key-points answered ${probe.status}: ${probe.body.slice(0, 300)}` }];
  if (!(JSON.parse(probe.body) as { plan: unknown }).plan) return [{ ...row, skipped: 'the pupil has no active plan' }];
  // One page at a time is the target (a member of staff opening a pupil's page, as the training, rota and chronology
  // benchmarks time one request at a time); ten at once is reported beside it, without a verdict: there the pages
  // queue on the audit chain's lock (PostgreSQL) or the one thread (PGlite), and the floor queues too.
  const one = { ...settings, concurrency: int('BENCH_PLANS_CLIENTS', 1), warmup: int('BENCH_PLANS_WARMUP', 20), count: int('BENCH_PLANS_COUNT', 300) };
  row.api = await runClients(ctx.baseUrl, sessions.map((s) => s.headers), { kind: 'pupilPage', pupilId }, one);
  row.floor = await runLoad(one, async () => { await floorPage(raw, pupilId, site.trustId, site.siteId); });
  row.ratio = row.api.throughput / row.floor.throughput;
  const limit = kind === 'postgres' ? 100 : 200;
  row.benchmark += `, ${one.concurrency === 1 ? 'one page at a time' : `${one.concurrency} at once`}`;
  row.targets = [{ label: `page p95 < ${limit} ms`, met: row.api.p95 < limit }];
  row.notes = ['one measured request = GET /pupils/:id then GET /pupils/:id/plan-key-points (both audited); floor: the same reads through the driver'];
  const busyClients = int('BENCH_PLANS_BUSY_CLIENTS', 10);
  if (busyClients <= 1) return [row];
  const busy = { ...one, concurrency: busyClients, warmup: one.warmup * 2, count: one.count * 2 };
  const busyRow: BenchRow = { benchmark: `${row.benchmark.replace(/, one page at a time$/, '')}, ${busyClients} at once (no target)`, database: kind };
  busyRow.api = await runClients(ctx.baseUrl, sessions.map((s) => s.headers), { kind: 'pupilPage', pupilId }, busy);
  busyRow.floor = await runLoad(busy, async () => { await floorPage(raw, pupilId, site.trustId, site.siteId); });
  busyRow.ratio = busyRow.api.throughput / busyRow.floor.throughput;
  return [row, busyRow];
}
