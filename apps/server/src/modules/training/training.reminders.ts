/**
 * Daily reminder (STF-1): a certificate running out in 60, 30 or 7 days is announced to the member of staff, their
 * line manager and the cluster lead (or, where a site has none, its behaviour leads), with a link to book onto an
 * upcoming session of the refresher course. One row in training_reminders per certificate and threshold makes it
 * idempotent: a second run the same day (or a missed day caught up) never sends a threshold twice, and only the
 * tightest threshold reached is sent. A certificate already renewed (a later one of the same course) is passed over.
 */
import { sql } from 'drizzle-orm';
import { inTransaction } from '../../core/db/tx.ts';
import { registerDailyReminder } from '../../core/jobs/registry.ts';
import { AfterCommit, notify, usersWithRoleAt } from '../../core/notify/notify.ts';
import { emailAfterCommit, markForEmail } from '../../core/mail/outbox.ts';
import { formatUkDate } from '../../core/calendar/dates.ts';
import { londonToday } from '../../core/time.ts';
import type { Executor } from '../../core/db/client.ts';
import type { AuditQueue } from '../../core/audit/audit.ts';
import { rowsOf } from '../incidents/incidents.repo.ts';
import { lineManagersOf } from './training.repo.ts';
import { REMINDER_THRESHOLDS, reminderThresholdDue } from './training.rules.ts';

export const TRAINING_EXPIRY_REMINDER = 'training-expiry';

interface Due {
  id: string; trust_id: string; staff_id: string; site_id: string; user_id: string | null; staff_name: string;
  course_name: string; course_id: string; refresher_course_id: string | null; expires_on: string;
}

/** Sends the reminders due on `today`; returns the notification ids. Exported for tests and the command line. */
export async function sendTrainingReminders(tx: Executor, audit: AuditQueue, after: AfterCommit, today: string): Promise<string[]> {
  const widest = Math.max(...REMINDER_THRESHOLDS);
  const due = rowsOf<Due>(await tx.execute(sql`select c.id, c.trust_id, c.staff_id, s.site_id, s.user_id, s.forename || ' ' || s.surname as staff_name,
      co.name as course_name, co.id as course_id, co.refresher_course_id, c.expires_on::text as expires_on
    from training_certificates c join staff_members s on s.id = c.staff_id join training_courses co on co.id = c.course_id
    where c.revoked_at is null and s.active and c.expires_on > ${today}::date and c.expires_on <= ${today}::date + ${widest}::int
      and not exists (select 1 from training_certificates n where n.staff_id = c.staff_id and n.course_id = c.course_id
        and n.revoked_at is null and n.expires_on > c.expires_on)
    order by c.expires_on, c.id`));
  const managers = await lineManagersOf(tx, [...new Set(due.map((d) => d.staff_id))], today);
  const managerUsers = new Map(rowsOf<{ id: string; user_id: string | null }>(await tx.execute(sql`select id, user_id from staff_members
    where id in (${sql.join([...new Set([...managers.values()].map((m) => m.managerStaffId)), '00000000-0000-0000-0000-000000000000'].map((id) => sql`${id}::uuid`), sql`, `)})`))
    .map((r) => [r.id, r.user_id]));
  const ids: string[] = [];
  for (const d of due) {
    const threshold = reminderThresholdDue(String(d.expires_on).slice(0, 10), today);
    if (threshold === null) continue;
    const claimed = rowsOf(await tx.execute(sql`insert into training_reminders (certificate_id, threshold_days) values (${d.id}, ${threshold})
      on conflict do nothing returning certificate_id`));
    if (!claimed.length) continue;
    // a tighter threshold sent makes the wider ones moot (a certificate recorded 20 days before expiry gets only the 30-day one)
    for (const wider of REMINDER_THRESHOLDS.filter((t) => t > threshold)) {
      await tx.execute(sql`insert into training_reminders (certificate_id, threshold_days) values (${d.id}, ${wider}) on conflict do nothing`);
    }
    let leads = await usersWithRoleAt(tx, d.trust_id, d.site_id, ['cluster_lead']);
    if (!leads.length) leads = await usersWithRoleAt(tx, d.trust_id, d.site_id, ['behaviour_lead']);
    const manager = managers.get(d.staff_id);
    const managerUser = manager ? managerUsers.get(manager.managerStaffId) ?? null : null;
    const expires = formatUkDate(String(d.expires_on).slice(0, 10));
    const booking = `/training/sessions?course=${d.refresher_course_id ?? d.course_id}&upcoming=true`;
    if (d.user_id) {
      ids.push(...await notify(tx, after, [d.user_id], {
        trustId: d.trust_id, siteId: d.site_id, kind: 'reminder.training_expiry',
        title: `Your ${d.course_name} certificate expires on ${expires} (${threshold} days)`,
        body: 'Book a place on a refresher session before it runs out.', link: booking,
      }));
    }
    const others = [...new Set([...leads, ...(managerUser ? [managerUser] : [])])].filter((u) => u !== d.user_id);
    if (others.length) {
      ids.push(...await notify(tx, after, others, {
        trustId: d.trust_id, siteId: d.site_id, kind: 'reminder.training_expiry',
        title: `${d.staff_name}'s ${d.course_name} certificate expires on ${expires} (${threshold} days)`,
        body: 'Book them onto a refresher session.', link: booking,
      }));
    }
    audit.record({ action: 'reminder.training_expiry', entityType: 'training_certificate', entityId: d.id, siteId: d.site_id, details: { threshold, notified: others.length + (d.user_id ? 1 : 0) } });
  }
  return ids;
}

registerDailyReminder(TRAINING_EXPIRY_REMINDER, async (ctx) => {
  const after = new AfterCommit();
  const today = londonToday(ctx.now);
  const notificationIds = await inTransaction(ctx.database, ctx.audit, async (tx, audit) => {
    const ids = await sendTrainingReminders(tx, audit, after, today);
    await markForEmail(tx, ctx.mailer, ids);
    return ids;
  });
  after.publish(ctx.deps.hub);
  emailAfterCommit(ctx.deps, notificationIds, ctx.log);
});
