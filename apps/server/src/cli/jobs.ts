/** `haven jobs …`: run one pass of due jobs, show the queue, put a dead job back. */
import type { Command } from 'commander';
import type { Config } from '../config.ts';
import type { Database } from '../core/db/client.ts';

/** What `jobs run-due` runs, loaded when it runs (every job's module registers itself through ../jobs.ts). */
async function runner() {
  const [{ LiveHub }, { runMigrations }, { runDue }, { ensureBuiltinSchedules }, { mailerFor }] = await Promise.all([
    import('../core/notify/hub.ts'), import('../core/db/migrate.ts'), import('../core/jobs/runner.ts'), import('../core/jobs/schedules.ts'),
    import('../core/mail/mailer.ts'), import('../jobs.ts')]);
  return { LiveHub, runMigrations, runDue, ensureBuiltinSchedules, mailerFor };
}

type WithDatabase = <T>(fn: (db: Database) => Promise<T>) => Promise<T>;

const stderrLog = {
  info(obj: object, msg: string) { process.stdout.write(`${msg} ${JSON.stringify(obj)}\n`); },
  warn(obj: object, msg: string) { process.stderr.write(`${msg} ${JSON.stringify(obj)}\n`); },
};

export function jobsCommand(program: Command, withDatabase: WithDatabase, loadConfig: () => Config): void {
  const jobs = program.command('jobs').description('Background jobs: reminders, email retries, scheduled reports');
  jobs.command('run-due').description('Run one pass: queue due schedules and run every due job, then exit')
    .action(() => withDatabase(async (database) => {
      const { LiveHub, runMigrations, runDue, ensureBuiltinSchedules, mailerFor } = await runner();
      await runMigrations(database);
      const deps = { database, config: loadConfig(), hub: new LiveHub() };
      await ensureBuiltinSchedules(database, new Date());
      const r = await runDue(deps, { log: stderrLog });
      await mailerFor(deps).idle();
      mailerFor(deps).close();
      process.stdout.write(`Jobs: ${r.scheduled} queued by schedules, ${r.done} done, ${r.retried} failed and will be retried, ${r.dead} dead.\n`);
    }));
  jobs.command('status').description('Count jobs by status and list dead ones')
    .action(() => withDatabase(async (database) => {
      const { jobCounts } = await import('../core/jobs/queue.ts');
      const counts = await jobCounts(database.db);
      process.stdout.write(`${JSON.stringify(counts)}\n`);
      const dead = await database.query<{ id: string; kind: string; attempts: number; last_error: string | null }>(
        `select id, kind, attempts, last_error from jobs where status = 'dead' order by finished_at desc limit 50`);
      for (const d of dead) process.stdout.write(`dead ${d.id} ${d.kind} after ${d.attempts} attempts: ${d.last_error ?? ''}\n`);
    }));
  jobs.command('retry').argument('<id>', 'a dead job id').description('Queue a dead job again with fresh attempts')
    .action((id: string) => withDatabase(async (database) => {
      const { retryDead } = await import('../core/jobs/queue.ts');
      if (!(await retryDead(database.db, id, new Date()))) throw new Error(`No dead job ${id}`);
      process.stdout.write(`Job ${id} queued again.\n`);
    }));
}
