/**
 * Times the governors' termly report (ANA-7) for the whole trust in the configured database (DATABASE_URL or the
 * embedded one): data and PDF, the current half-term, after one warm-up. Seed first, e.g.
 * `DATABASE_URL=… npm run seed -- --scale 5`, then `DATABASE_URL=… npx tsx bench/governors-report.ts [runs]`.
 * `npm run bench` (BENCH_ONLY=analytics) times the same report through the API on the synthetic 5M-event trust.
 */
import { sql } from 'drizzle-orm';
import { loadConfig } from '../apps/server/src/config.ts';
import { openConfiguredDatabase } from '../apps/server/src/core/db/open.ts';
import { refreshAnalytics } from '../apps/server/src/modules/analytics/analytics.refresh.ts';
import { reportData } from '../apps/server/src/modules/governors-report/governors.service.ts';
import { renderGovernorsReport } from '../apps/server/src/modules/governors-report/governors.pdf.ts';
import { londonToday } from '../apps/server/src/core/time.ts';

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 5);
  const { database, release } = await openConfiguredDatabase(loadConfig());
  try {
    const db = database.db;
    const today = londonToday();
    const trust = (await db.execute(sql`select id from trusts limit 1`) as unknown as { rows: { id: string }[] }).rows[0]!.id;
    const sites = (await db.execute(sql`select id from sites where trust_id = ${trust}::uuid`) as unknown as { rows: { id: string }[] }).rows.map((r) => r.id);
    const term = (await db.execute(sql`select id from terms where trust_id = ${trust}::uuid and site_id is null and start_date <= ${today}::date order by start_date desc limit 1`) as unknown as { rows: { id: string }[] }).rows[0]!.id;
    const counts = (await db.execute(sql`select (select count(*) from behaviour_events)::int as events, (select count(*) from incidents)::int as incidents, (select count(*) from pupils)::int as pupils, (select count(*) from exclusions)::int as exclusions`) as unknown as { rows: unknown[] }).rows[0];
    await refreshAnalytics(database);
    const times: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const t0 = performance.now();
      const pdf = await renderGovernorsReport(await reportData(db, trust, sites, term, today, new Date()));
      if (i > 0) times.push(performance.now() - t0);
      if (i === 0) process.stdout.write(`PDF ${pdf.length} bytes; ${sites.length} sites; ${JSON.stringify(counts)}\n`);
    }
    times.sort((a, b) => a - b);
    process.stdout.write(`governors' report, whole trust (${database.describe}): p50 ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms, max ${times[times.length - 1]!.toFixed(0)} ms over ${runs} runs\n`);
  } finally {
    await release();
  }
}

await main();
