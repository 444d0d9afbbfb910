/**
 * Pupil-list benchmark: staff searching their school's pupils (GET /api/v1/pupils?search=…) through HTTP, and the
 * floor: the same two queries the pupils repo runs (the page and the total) sent straight through the driver.
 */
import { londonToday } from '../apps/server/src/core/time.ts';
import { runClients } from './lib/clients.ts';
import { runLoad } from './lib/load.ts';
import type { BenchContext, BenchRow } from './lib/types.ts';
import { SEARCHES } from './requests.ts';

const MATCH = (p: number) => `(p.legal_forename ilike $${p} or p.legal_surname ilike $${p} or p.preferred_forename ilike $${p} or p.preferred_surname ilike $${p} or p.upn ilike $${p})`;
const WHERE = `p.site_id = any($1::uuid[]) and (p.enrolment_end is null or p.enrolment_end >= $2::date) and ${MATCH(3)}`;
const PAGE_SQL = `select p.id, p.trust_id, p.site_id, s.name as site_name, p.upn, p.legal_forename, p.legal_surname, p.preferred_forename,
    p.preferred_surname, p.year_group, g.name as form_name
  from pupils p join sites s on s.id = p.site_id left join pupil_groups g on g.id = p.form_group_id
  where ${WHERE} order by p.legal_surname, p.legal_forename, p.id limit 50 offset 0`;
const COUNT_SQL = `select count(*) as n from pupils p where ${WHERE}`;

export async function pupilListBenchmark(ctx: BenchContext): Promise<BenchRow[]> {
  const { kind, settings, http, sessions, raw, site } = ctx;
  const row: BenchRow = { benchmark: 'pupil list: search at one site', database: kind };
  const first = sessions[0];
  if (!first) throw new Error('No signed-in users');
  const probe = await http.request('GET', `/api/v1/pupils?search=${SEARCHES[0]}`, first.headers);
  if (probe.status === 404) return [{ ...row, skipped: 'GET /api/v1/pupils answers 404 (not implemented)' }];
  if (probe.status !== 200) return [{ ...row, skipped: `GET /api/v1/pupils answered ${probe.status}: ${probe.body.slice(0, 300)}` }];
  row.api = await runClients(ctx.baseUrl, sessions.map((s) => s.headers), { kind: 'pupilSearch' }, settings);
  const today = londonToday();
  row.floor = await runLoad(settings, async (_w, n) => {
    const params = [[site.siteId], today, `%${SEARCHES[n % SEARCHES.length]}%`];
    // The repo runs the page and the total side by side; on one connection each (as here) they queue.
    await Promise.all([raw.query(PAGE_SQL, params), raw.query(COUNT_SQL, params)]);
  });
  row.ratio = row.api.throughput / row.floor.throughput;
  row.notes = ['floor: the page and count queries of pupils.repo.ts, without authentication, scope or presenting'];
  return [row];
}
