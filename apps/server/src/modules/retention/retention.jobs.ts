/**
 * The scheduled retention run (CMP-1), OFF by default: a purge should follow a person's review of the list. Setting
 * HAVEN_RETENTION_CRON (e.g. "0 2 1 * *", 02:00 on the 1st of each month) schedules a run of every enabled rule, at
 * every site of every trust, as the system; holds are honoured and the run is audited like a manual one.
 */
import { RETENTION_KINDS } from '@haven/contracts';
import { registerJob, registerSchedule, jobAuditContext } from '../../core/jobs/registry.ts';
import { londonToday } from '../../core/time.ts';
import { runStatement, statement } from '../../core/db/prepared.ts';
import { runTargets } from './retention.service.ts';

export const RETENTION_JOB = 'retention.run';
const TRUSTS = statement('select t.id, array_agg(s.id)::text[] as sites from trusts t join sites s on s.trust_id = t.id group by t.id');

registerJob(RETENTION_JOB, async (ctx) => {
  for (const t of await runStatement<{ id: string; sites: string[] }>(ctx.database.db, TRUSTS, [])) {
    await runTargets(ctx.deps, jobAuditContext(RETENTION_JOB, t.id), { trustId: t.id, userId: null, asOf: londonToday(ctx.now), dryRun: false, source: 'scheduled' },
      RETENTION_KINDS.map((kind) => ({ kind, siteIds: t.sites })));
  }
});

const cron = process.env.HAVEN_RETENTION_CRON?.trim();
if (cron) registerSchedule({ name: RETENTION_JOB, kind: RETENTION_JOB, cron });
