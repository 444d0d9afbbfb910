/**
 * Report subscriptions (ANA-7): a user asks for a report over some sites on a weekly schedule. Each subscription is a
 * row in job_schedules (`report:<id>`), so the job runner queues its delivery at the right time in Europe/London;
 * unsubscribing disables the schedule in the same transaction.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { TReportSubscription } from '@haven/contracts';
import type { z } from 'zod';
import type { ZReportSubscriptionInput } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import { scope, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { forbidden, notFound } from '../../core/http/errors.ts';
import { pgTimestampToIso } from '../../core/time.ts';
import { weeklyCron } from '../../core/jobs/jobs.rules.ts';
import { disableSchedule, upsertSchedule } from '../../core/jobs/schedules.ts';
import { jobSchedules } from '../../db/schema/jobs.ts';
import { reportDeliveries, reportSubscriptions } from '../../db/schema/reports.ts';
import { sites } from '../../db/schema/platform.ts';
import { reportSites } from './reports.access.ts';
import { scheduleInWords } from './reports.rules.ts';

export const DELIVER_KIND = 'reports.deliver';
export const scheduleName = (id: string) => `report:${id}`;

type Row = typeof reportSubscriptions.$inferSelect;

async function present(db: Executor, rows: Row[]): Promise<TReportSubscription[]> {
  if (!rows.length) return [];
  const siteRows = await db.select({ id: sites.id, name: sites.name }).from(sites);
  const names = new Map(siteRows.map((s) => [s.id, s.name]));
  const schedules = await db.select().from(jobSchedules).where(inArray(jobSchedules.name, rows.map((r) => scheduleName(r.id))));
  const out: TReportSubscription[] = [];
  for (const r of rows) {
    const last = (await db.select().from(reportDeliveries).where(eq(reportDeliveries.subscriptionId, r.id)).orderBy(desc(reportDeliveries.createdAt)).limit(1))[0];
    const sched = schedules.find((s) => s.name === scheduleName(r.id));
    const siteIds = r.siteIds as string[];
    out.push({
      id: r.id, kind: r.kind as TReportSubscription['kind'], siteIds, siteNames: siteIds.map((s) => names.get(s) ?? 'a site no longer in the trust'),
      weekday: Number(r.weekday), hour: Number(r.hour), schedule: scheduleInWords(Number(r.weekday), Number(r.hour)),
      nextRunAt: sched?.enabled ? pgTimestampToIso(sched.nextRunAt) : null, createdAt: pgTimestampToIso(r.createdAt),
      lastDelivery: last ? { at: pgTimestampToIso(last.createdAt), status: last.status, periodStart: last.periodStart, periodEnd: last.periodEnd } : null,
    });
  }
  return out;
}

export async function listSubscriptions(deps: Deps, actor: Actor): Promise<{ items: TReportSubscription[] }> {
  const db = deps.database.db;
  const rows = await db.select().from(reportSubscriptions)
    .where(and(eq(reportSubscriptions.userId, actor.userId), eq(reportSubscriptions.active, true))).orderBy(reportSubscriptions.createdAt);
  return { items: await present(db, rows) };
}

export async function subscribe(deps: Deps, actor: Actor, ctx: AuditContext, input: z.infer<typeof ZReportSubscriptionInput>, now = new Date()): Promise<TReportSubscription> {
  const subscribable = scope(actor, 'reports.subscribe').siteIds;
  if (input.siteIds.some((s) => !subscribable.includes(s))) throw forbidden('You do not receive reports for that site.');
  const siteIds = reportSites(actor, input.siteIds);
  const id = uuidv7();
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const [row] = await tx.insert(reportSubscriptions).values({
      id, trustId: actor.trustId, userId: actor.userId, kind: input.kind, siteIds, weekday: String(input.weekday), hour: String(input.hour),
    }).returning();
    await upsertSchedule(tx, { name: scheduleName(id), kind: DELIVER_KIND, cron: weeklyCron(input.weekday, input.hour), trustId: actor.trustId, payload: { subscriptionId: id } }, now);
    audit.record({ action: 'report.subscribe', entityType: 'report_subscription', entityId: id, details: { kind: input.kind, siteIds, weekday: input.weekday, hour: input.hour } });
    return (await present(tx, [row!]))[0]!;
  });
}

/** Unsubscribe (the user's own subscription only: anyone else's answers 404). Nothing is deleted: the log stays. */
export async function unsubscribe(deps: Deps, actor: Actor, ctx: AuditContext, id: string): Promise<void> {
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = (await tx.select().from(reportSubscriptions).where(eq(reportSubscriptions.id, id)))[0];
    if (!row || row.userId !== actor.userId || !row.active) throw notFound('report subscription');
    await tx.update(reportSubscriptions).set({ active: false, cancelledAt: new Date() }).where(eq(reportSubscriptions.id, id));
    await disableSchedule(tx, scheduleName(id));
    audit.record({ action: 'report.unsubscribe', entityType: 'report_subscription', entityId: id, details: { kind: row.kind } });
  });
}
