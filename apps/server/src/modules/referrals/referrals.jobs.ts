/**
 * Daily: referrals whose expected response day has passed with no response (SUP-5). Each overdue referral raises,
 * once, a task for its referrer and a notification to the referrer and the behaviour leads of its site; running
 * again the same day (or any later day) adds nothing until the expected date is moved and passes again. The
 * notification names the agency, never the pupil (it may be emailed); the task, read in Haven, names the pupil.
 */
import { inTransaction } from '../../core/db/tx.ts';
import { registerDailyReminder } from '../../core/jobs/registry.ts';
import { AfterCommit, notify, usersWithRoleAt } from '../../core/notify/notify.ts';
import { emailAfterCommit, markForEmail } from '../../core/mail/outbox.ts';
import { formatUkDate } from '../../core/calendar/dates.ts';
import { londonToday } from '../../core/time.ts';
import { tasks } from '../../db/schema/workflow.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import { uuidv7 } from 'uuidv7';
import * as repo from './referrals.repo.ts';
import { needsOverdueAlert } from './referrals.rules.ts';

export const REFERRALS_OVERDUE_REMINDER = 'referrals-overdue';

registerDailyReminder(REFERRALS_OVERDUE_REMINDER, async (ctx) => {
  const today = londonToday(ctx.now);
  const after = new AfterCommit();
  const notificationIds = await inTransaction(ctx.database, ctx.audit, async (tx, audit) => {
    const ids: string[] = [];
    for (const x of await repo.overdueCandidates(tx, today)) {
      const r = x.r;
      if (!needsOverdueAlert(r, today)) continue;
      const leads = await usersWithRoleAt(tx, r.trustId, r.siteId, ['behaviour_lead', 'cluster_lead']);
      const recipients = [...new Set([r.referrerId, ...leads])];
      await tx.insert(tasks).values({ id: uuidv7(), trustId: r.trustId, siteId: r.siteId, pupilId: r.pupilId, sourceType: 'referral_overdue', sourceId: r.id,
        title: `Chase the referral of ${displayName(x)} to ${x.agencyName}`, detail: `A response was expected by ${formatUkDate(r.expectedResponseOn!)}.`,
        assignedUserId: r.referrerId, dueOn: today });
      ids.push(...await notify(tx, after, recipients, {
        trustId: r.trustId, siteId: r.siteId, kind: 'reminder.referral_overdue',
        title: `A referral to ${x.agencyName} is overdue`, body: `A response was expected by ${formatUkDate(r.expectedResponseOn!)}. Open the referral to chase it or record the response.`,
        link: `/referrals/${r.id}`,
      }));
      await repo.markAlerted(tx, r.id, today);
      audit.record({ action: 'reminder.referral_overdue', entityType: 'referral', entityId: r.id, siteId: r.siteId, details: { pupilId: r.pupilId, notified: recipients.length } });
    }
    await markForEmail(tx, ctx.mailer, ids);
    return ids;
  });
  after.publish(ctx.deps.hub);
  emailAfterCommit(ctx.deps, notificationIds, ctx.log);
});
