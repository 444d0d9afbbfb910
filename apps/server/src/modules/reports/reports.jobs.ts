/**
 * Delivery of report subscriptions (job kind `reports.deliver`, queued by each subscription's schedule). The reader's
 * roles are checked again at send time, so someone who has left a site stops receiving its figures. Each attempt is
 * written to report_deliveries and audited; a refused email throws, so the runner retries it with backoff.
 */
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { inTransaction } from '../../core/db/tx.ts';
import { registerJob, type JobContext } from '../../core/jobs/registry.ts';
import { MailError } from '../../core/mail/mailer.ts';
import { scope } from '../../core/policy/policy.ts';
import { londonToday } from '../../core/time.ts';
import { reportDeliveries, reportSubscriptions } from '../../db/schema/reports.ts';
import { findUserPrincipal } from '../auth/auth.repo.ts';
import { principalActor } from '../auth/authenticate.ts';
import { needsSuppression } from './reports.access.ts';
import { lastCompleteWeek } from './reports.rules.ts';
import { DELIVER_KIND } from './subscriptions.service.ts';
import { loadWeeklyFigures, weeklyEmailText, weeklyPdf, weeklyReportFrom, weeklyTitle } from './weekly.ts';
import { weeklyExtras } from './weekly.charts.ts';

export class ReportDeliveryError extends Error { override name = 'ReportDeliveryError'; }

type Sub = typeof reportSubscriptions.$inferSelect;

async function record(ctx: JobContext, sub: Sub, period: { weekStart: string; weekEnd: string }, status: string): Promise<void> {
  await inTransaction(ctx.database, ctx.audit, async (tx, audit) => {
    const id = uuidv7();
    await tx.insert(reportDeliveries).values({ id, trustId: sub.trustId, subscriptionId: sub.id, userId: sub.userId, kind: sub.kind, periodStart: period.weekStart, periodEnd: period.weekEnd, status });
    audit.record({ action: 'report.delivery', entityType: 'report_subscription', entityId: sub.id, details: { kind: sub.kind, periodStart: period.weekStart, status } });
  });
}

export async function deliverSubscription(ctx: JobContext, subscriptionId: string): Promise<string> {
  const db = ctx.database.db;
  const sub = (await db.select().from(reportSubscriptions).where(eq(reportSubscriptions.id, subscriptionId)))[0];
  if (!sub?.active) return 'skipped: unsubscribed';
  const period = lastCompleteWeek(londonToday(ctx.now));
  const already = await db.select({ id: reportDeliveries.id }).from(reportDeliveries)
    .where(and(eq(reportDeliveries.subscriptionId, sub.id), eq(reportDeliveries.periodStart, period.weekStart), eq(reportDeliveries.status, 'sent')));
  if (already.length) return 'skipped: already sent';
  const principal = await findUserPrincipal(db, sub.userId);
  const skip = async (why: string) => { await record(ctx, sub, period, `skipped: ${why}`); return `skipped: ${why}`; };
  if (!principal?.active) return skip('user inactive');
  const actor = principalActor(principal, 'token');
  const allowed = scope(actor, 'reports.aggregate.read').siteIds;
  const siteIds = (sub.siteIds as string[]).filter((s) => allowed.includes(s));
  if (!siteIds.length) return skip('no longer receives reports for these sites');
  if (!ctx.mailer.configured) return skip('email not configured');
  const figures = await loadWeeklyFigures(db, siteIds, period.weekStart, ctx.now, londonToday(ctx.now));
  const report = weeklyReportFrom(figures, { suppress: needsSuppression(actor, siteIds), generatedAt: ctx.now });
  const pdf = await weeklyPdf(report, await weeklyExtras(db, actor.trustId, report));
  try {
    await ctx.mailer.send({
      to: principal.email, subject: weeklyTitle(report), text: weeklyEmailText(report, ctx.deps.config.publicUrl),
      attachments: [{ filename: `haven-weekly-report-${report.weekStart}.pdf`, content: pdf, contentType: 'application/pdf' }],
    });
  } catch (err) {
    const reason = err instanceof MailError ? err.reason : 'ERROR';
    await record(ctx, sub, period, `failed: ${reason}`.slice(0, 120));
    throw new ReportDeliveryError(`the mail server did not accept the report (${reason})`);
  }
  await record(ctx, sub, period, 'sent');
  return 'sent';
}

registerJob(DELIVER_KIND, { maxAttempts: 5, handler: async (ctx, payload) => { await deliverSubscription(ctx, String(payload.subscriptionId ?? '')); } });
