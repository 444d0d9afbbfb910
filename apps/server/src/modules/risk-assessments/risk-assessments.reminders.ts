/**
 * Daily reminder (SUP-2): each morning, an active risk assessment whose review date is within REVIEW_REMINDER_DAYS
 * (or past) gets one "review the risk assessment" task, for the lead who signed it off (or the site's behaviour
 * leads if they have left), with a notification. One task per review date: reminder_for_date remembers it, so a
 * new review date (a revision made active) reminds again. Notifications carry no pupil name (they may be emailed);
 * the task names the pupil inside Haven.
 */
import { inTransaction } from '../../core/db/tx.ts';
import { registerDailyReminder } from '../../core/jobs/registry.ts';
import { AfterCommit, notify, usersWithRoleAt } from '../../core/notify/notify.ts';
import { emailAfterCommit, markForEmail } from '../../core/mail/outbox.ts';
import { londonToday } from '../../core/time.ts';
import * as escalationRepo from '../policy/escalation.repo.ts';
import * as repo from './risk-assessments.repo.ts';
import { REVIEW_REMINDER_DAYS, reminderDue } from './risk-assessments.rules.ts';

export const RISK_REVIEW_REMINDER = 'risk-assessment-review';
export const RISK_REVIEW_TASK_SOURCE = 'risk_assessment_review';

const ukDay = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

registerDailyReminder(RISK_REVIEW_REMINDER, async (ctx) => {
  const today = londonToday(ctx.now);
  const after = new AfterCommit();
  const notificationIds = await inTransaction(ctx.database, ctx.audit, async (tx, audit) => {
    const ids: string[] = [];
    for (const ra of await repo.activeDueBy(tx, addDays(today, REVIEW_REMINDER_DAYS))) {
      if (!reminderDue('active', ra.reviewDate, today) || ra.reminderForDate === ra.reviewDate) continue;
      const signer = ra.signedOffBy && (await usersWithRoleAt(tx, ra.trustId, ra.siteId, ['behaviour_lead', 'cluster_lead', 'head'])).includes(ra.signedOffBy) ? ra.signedOffBy : null;
      const leads = signer ? [signer] : await usersWithRoleAt(tx, ra.trustId, ra.siteId, ['behaviour_lead']);
      const overdue = ra.reviewDate < today;
      const title = overdue ? `A pupil's risk assessment was due for review on ${ukDay(ra.reviewDate)}` : `A pupil's risk assessment is due for review by ${ukDay(ra.reviewDate)}`;
      const [taskId] = await escalationRepo.insertTasks(tx, [{
        trustId: ra.trustId, siteId: ra.siteId, pupilId: ra.pupilId, sourceType: RISK_REVIEW_TASK_SOURCE, sourceId: ra.id, title,
        detail: `Review "${ra.title}" with the people who work with the pupil, then revise it and sign the new version off.`,
        assignedUserId: signer, assignedRole: signer ? null : 'behaviour_lead', dueOn: ra.reviewDate,
      }]);
      await repo.markReminded(tx, ra.id, ra.reviewDate);
      ids.push(...await notify(tx, after, leads, {
        trustId: ra.trustId, siteId: ra.siteId, kind: 'reminder.risk_assessment_review', title,
        body: 'Open the task to see which pupil, and review the risk assessment before that date.', link: `/pupils/${ra.pupilId}/risk-assessments`,
      }));
      audit.record({ action: 'risk_assessment.review_reminder', entityType: 'risk_assessment', entityId: ra.id, siteId: ra.siteId,
        details: { pupilId: ra.pupilId, reviewDate: ra.reviewDate, taskId, notified: leads.length } });
    }
    await markForEmail(tx, ctx.mailer, ids);
    return ids;
  });
  after.publish(ctx.deps.hub);
  emailAfterCommit(ctx.deps, notificationIds, ctx.log);
});
