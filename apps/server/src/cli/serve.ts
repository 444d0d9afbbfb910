/**
 * `haven serve`: migrate, seed the demo trust into an empty database (not in production), serve web app and API, shut
 * down cleanly. A database still empty then (production) gets a one-time code for the first-run page, printed here.
 */
import type { Config } from '../config.ts';
import { openConfiguredDatabase } from '../core/db/open.ts';

export async function serve(config: Config): Promise<void> {
  // The data directory's lock is taken before the app's code loads, so a second process on the same directory is
  // refused at once instead of after loading every module.
  const { database, release } = await openConfiguredDatabase(config);
  let closing = false;
  try {
    const [{ buildApp }, { runMigrations }, { isDatabaseEmpty, seedDemo }, { refuseDemoInProduction }, { JobRunner }, { mailerFor },
      { AnalyticsRefresher }, { SetupGate }] = await Promise.all([
      import('../app.ts'), import('../core/db/migrate.ts'), import('../db/seed/demo.ts'), import('../db/seed/guard.ts'),
      import('../core/jobs/runner.ts'), import('../core/mail/mailer.ts'), import('../modules/analytics/analytics.refresher.ts'),
      import('../modules/setup/setup.gate.ts'), import('../jobs.ts'),
    ]);
    await runMigrations(database);
    if (config.seedDemo && (await isDatabaseEmpty(database))) {
      process.stdout.write('Empty database: seeding the demo trust (about 450 pupils)…\n');
      const summary = await seedDemo(database, { password: config.demoPassword });
      process.stdout.write(`Demo trust ready: ${JSON.stringify(summary)}\n`);
    }
    // Production never serves the demo trust or its published passwords unless told to (issue 11 #19).
    await refuseDemoInProduction(database, config);
    // An empty database (production, or HAVEN_SEED_DEMO=false): the first-run page opens with a one-time code (modules/setup).
    const setupGate = (await isDatabaseEmpty(database)) ? new SetupGate() : undefined;
    const setupCode = setupGate?.issue();
    const app = await buildApp({ config, database, ...(setupGate ? { setupGate } : {}) });
    // Background jobs (PLT-4) run in this process unless HAVEN_JOBS=false (e.g. when a separate worker runs them).
    const runner = config.jobs.enabled ? new JobRunner(app.deps, config.jobs.intervalSeconds * 1000, app.log.child({ component: 'jobs' })) : null;
    // analytics rollups are kept current here, off the request path (modules/analytics/analytics.refresher.ts)
    const refresher = new AnalyticsRefresher(database, { intervalMs: config.analyticsRefreshMs }, app.log.child({ component: 'analytics' }));
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      process.stdout.write(`\n${signal} received: finishing requests and closing the database…\n`);
      const timer = setTimeout(() => { process.stderr.write('Shutdown took too long; exiting.\n'); process.exit(1); }, 15_000);
      timer.unref();
      try {
        await runner?.stop();
        await refresher.stop();
        await mailerFor(app.deps).idle();
        await app.close();
      } finally { await release(); }
      process.stdout.write('Haven stopped cleanly.\n');
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown('SIGINT'));
    process.on('SIGTERM', () => void shutdown('SIGTERM'));
    await app.listen({ port: config.port, host: config.host });
    await runner?.start();
    refresher.start();
    const shownHost = ['0.0.0.0', '::', 'localhost', '127.0.0.1'].includes(config.host) ? 'localhost' : config.host;
    process.stdout.write([
      '',
      `Haven is running at http://${shownHost}:${config.port}`,
      `Database: ${database.describe}`,
      `API documentation: http://${shownHost}:${config.port}/api/docs`,
      ...(setupCode ? [
        '',
        'This database holds no trust yet. Set Haven up, either:',
        `  - in a browser at http://${shownHost}:${config.port}/setup with the one-time code below, or`,
        '  - on the command line: haven setup (see docs/operations.md, "Going live").',
        `First-run setup code: ${setupCode}  (valid once, until ${setupGate!.expires.toISOString().slice(11, 16)} UTC; restart for a new one)`,
      ] : config.env === 'production' ? [] : ['Demo accounts (and their password and two-factor secrets) are listed in README.md, section "Demo accounts".']),
      runner ? `Background jobs: every ${config.jobs.intervalSeconds} s in this process` : 'Background jobs: off (HAVEN_JOBS=false)',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'));
  } catch (e) {
    if (!closing) await release();
    throw e;
  }
}
