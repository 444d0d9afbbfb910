/**
 * Demo report subscriptions (ANA-7): the head receives the weekly report for Aurora Park every Monday at 07:30, the
 * cluster lead for both their sites on Friday at 16:00, each with the last two weeks' deliveries in the log. The
 * schedules are real: a running Haven (jobs on, SMTP configured) sends them.
 */
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../core/db/client.ts';
import { addDays } from '../../core/calendar/calendar.ts';
import { weeklyCron } from '../../core/jobs/jobs.rules.ts';
import { upsertSchedule } from '../../core/jobs/schedules.ts';
import { londonToday } from '../../core/time.ts';
import { lastCompleteWeek } from '../../modules/reports/reports.rules.ts';
import { reportDeliveries, reportSubscriptions } from '../schema/reports.ts';
import { roleAssignments, users } from '../schema/users.ts';

const PLAN = [
  { email: 'head@demo.haven.test', weekday: 1, hour: 7, minute: 30 },
  { email: 'cluster-lead@demo.haven.test', weekday: 5, hour: 16, minute: 0 },
] as const;

export async function seedReportSubscriptions(tx: Tx, trustId: string, today: Date): Promise<number> {
  let n = 0;
  for (const p of PLAN) {
    const user = (await tx.select({ id: users.id }).from(users).where(and(eq(users.trustId, trustId), eq(users.email, p.email))))[0];
    if (!user) continue;
    const siteIds = (await tx.select({ siteId: roleAssignments.siteId }).from(roleAssignments)
      .where(and(eq(roleAssignments.userId, user.id), isNotNull(roleAssignments.siteId), inArray(roleAssignments.role, ['head', 'cluster_lead']))))
      .map((r) => r.siteId!).sort();
    if (!siteIds.length) continue;
    const id = uuidv7();
    await tx.insert(reportSubscriptions).values({ id, trustId, userId: user.id, kind: 'weekly_leaders', siteIds, weekday: String(p.weekday), hour: String(p.hour) });
    const cron = weeklyCron(p.weekday, p.hour).replace(/^0 /, `${p.minute} `);
    await upsertSchedule(tx, { name: `report:${id}`, kind: 'reports.deliver', cron, trustId, payload: { subscriptionId: id } }, today);
    const last = lastCompleteWeek(londonToday(today));
    for (const weekStart of [addDays(last.weekStart, -7), last.weekStart]) {
      await tx.insert(reportDeliveries).values({ id: uuidv7(), trustId, subscriptionId: id, userId: user.id, kind: 'weekly_leaders', periodStart: weekStart, periodEnd: addDays(weekStart, 6), status: 'sent', createdAt: new Date(`${addDays(weekStart, 7)}T08:00:00Z`) });
    }
    n += 1;
  }
  return n;
}
