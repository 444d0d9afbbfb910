/**
 * Daily reminder (REV-2): each morning, the behaviour leads of a site hear how many incidents have waited longer
 * than the review deadline. One notification per lead per site per day; the count only, never a pupil's name.
 */
import { sql } from 'drizzle-orm';
import { inTransaction } from '../../core/db/tx.ts';
import { registerDailyReminder } from '../../core/jobs/registry.ts';
import { AfterCommit, notify, usersWithRoleAt } from '../../core/notify/notify.ts';
import { emailAfterCommit, markForEmail } from '../../core/mail/outbox.ts';
import { REVIEW_OVERDUE_HOURS } from './incidents.rules.ts';
import { rowsOf } from './incidents.repo.ts';

export const REVIEW_OVERDUE_REMINDER = 'review-overdue';

registerDailyReminder(REVIEW_OVERDUE_REMINDER, async (ctx) => {
  const before = new Date(ctx.now.getTime() - REVIEW_OVERDUE_HOURS * 3_600_000).toISOString();
  const after = new AfterCommit();
  const notificationIds = await inTransaction(ctx.database, ctx.audit, async (tx, audit) => {
    const sites = rowsOf<{ trust_id: string; site_id: string; n: number }>(await tx.execute(sql`select trust_id, site_id, count(*)::int as n
      from incidents where status = 'submitted' and voided_at is null and submitted_at < ${before}::timestamptz
      group by trust_id, site_id order by site_id`));
    const ids: string[] = [];
    for (const s of sites) {
      const leads = await usersWithRoleAt(tx, s.trust_id, s.site_id, ['behaviour_lead', 'cluster_lead']);
      if (!leads.length) continue;
      const n = Number(s.n);
      ids.push(...await notify(tx, after, leads, {
        trustId: s.trust_id, siteId: s.site_id, kind: 'reminder.review_overdue',
        title: `${n} ${n === 1 ? 'incident has' : 'incidents have'} waited more than ${REVIEW_OVERDUE_HOURS} hours for review`,
        body: 'Open the review queue to sign them off or return them for amendment.', link: '/review-queue',
      }));
      audit.record({ action: 'reminder.review_overdue', entityType: 'site', entityId: s.site_id, siteId: s.site_id, details: { incidents: n, notified: leads.length } });
    }
    await markForEmail(tx, ctx.mailer, ids);
    return ids;
  });
  after.publish(ctx.deps.hub);
  emailAfterCommit(ctx.deps, notificationIds, ctx.log);
});
