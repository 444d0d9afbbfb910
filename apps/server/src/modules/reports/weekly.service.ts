/** The weekly report on demand (JSON or PDF) for the caller's sites. */
import type { TWeeklyReport } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { clockNow, londonToday } from '../../core/time.ts';
import { lastCompleteWeek, weekOf } from './reports.rules.ts';
import { needsSuppression, reportSites } from './reports.access.ts';
import { loadWeeklyFigures, weeklyPdf, weeklyReportFrom } from './weekly.ts';
import { weeklyExtras } from './weekly.charts.ts';

export async function weeklyReport(deps: Deps, actor: Actor, q: { siteId?: string | undefined; week?: string | undefined }, now = clockNow(deps)): Promise<TWeeklyReport> {
  const siteIds = reportSites(actor, q.siteId ? [q.siteId] : undefined);
  const today = londonToday(now);
  const { weekStart } = q.week ? weekOf(q.week) : lastCompleteWeek(today);
  const figures = await loadWeeklyFigures(deps.database.db, siteIds, weekStart, now, today);
  return weeklyReportFrom(figures, { suppress: needsSuppression(actor, siteIds), generatedAt: now });
}

export async function weeklyReportPdf(deps: Deps, actor: Actor, ctx: AuditContext, q: { siteId?: string | undefined; week?: string | undefined }): Promise<{ pdf: Buffer; report: TWeeklyReport }> {
  const report = await weeklyReport(deps, actor, q);
  const pdf = await weeklyPdf(report, await weeklyExtras(deps.database.db, actor.trustId, report));
  await inTransaction(deps.database, ctx, async (_tx, audit) => {
    audit.record({ action: 'report.weekly.download', entityType: 'report', siteId: q.siteId ?? null,
      details: { weekStart: report.weekStart, sites: report.sites.map((s) => s.siteId), suppressed: report.suppressed } });
  });
  return { pdf, report };
}
