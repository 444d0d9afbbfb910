/**
 * The daily trend-alert run: at 17:30 (Europe/London) on weekdays, after the school day, every trust is evaluated
 * for the day the schedule was due (a run caught up late still evaluates that day). A re-run raises nothing new, so
 * a failed attempt is simply tried again; one trust failing does not stop the others.
 */
import { jobAuditContext, registerJob, registerSchedule } from '../../core/jobs/registry.ts';
import { londonToday } from '../../core/time.ts';
import { trustIds } from './trend-alerts.repo.ts';
import { evaluateTrust } from './trend-alerts.engine.ts';

export const TREND_ALERTS_KIND = 'analytics.trend-alerts';

export class TrendAlertRunError extends Error { override name = 'TrendAlertRunError'; }

registerJob(TREND_ALERTS_KIND, { maxAttempts: 3, handler: async (ctx, payload) => {
  const due = typeof payload.scheduledFor === 'string' ? new Date(payload.scheduledFor) : ctx.now;
  const day = typeof payload.day === 'string' ? payload.day : londonToday(Number.isNaN(due.getTime()) ? ctx.now : due);
  let failed = 0;
  for (const trustId of await trustIds(ctx.database.db)) {
    try {
      const r = await evaluateTrust(ctx.deps, jobAuditContext(TREND_ALERTS_KIND, trustId), { trustId, day, log: ctx.log });
      if (r.created) ctx.log.info({ trustId, day, created: r.created }, 'trend alerts raised');
    } catch (err) {
      failed += 1;
      ctx.log.warn({ trustId, day, error: err instanceof Error ? err.name : 'error' }, 'trend alerts could not be evaluated');
    }
  }
  if (failed) throw new TrendAlertRunError(`${failed} trust(s) could not be evaluated`);
} });

registerSchedule({ name: TREND_ALERTS_KIND, kind: TREND_ALERTS_KIND, cron: '30 17 * * 1-5' });
