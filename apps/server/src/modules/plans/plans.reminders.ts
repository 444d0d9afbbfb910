/**
 * Daily reminder (SUP-1): a fortnight before an active plan's review date, its owner gets a task ("review the
 * behaviour support plan", due on the review date) and a notification. One reminder per review date: moving the
 * date raises a new one. The notification names no pupil (it may be emailed); the task, read in Haven, does.
 */
import { uuidv7 } from 'uuidv7';
import { inTransaction } from '../../core/db/tx.ts';
import { registerDailyReminder } from '../../core/jobs/registry.ts';
import { AfterCommit, notify } from '../../core/notify/notify.ts';
import { emailAfterCommit, markForEmail } from '../../core/mail/outbox.ts';
import { tasks } from '../../db/schema/workflow.ts';
import * as repo from './plans.repo.ts';
import * as lookups from './plans.lookups.repo.ts';
import { reminderHorizon } from './plans.rules.ts';

export const PLAN_REVIEW_REMINDER = 'plan-review';
export const PLAN_REVIEW_TASK = 'plan_review';

const ukDay = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

registerDailyReminder(PLAN_REVIEW_REMINDER, async (ctx, payload) => {
  const today = typeof payload.day === 'string' ? payload.day : ctx.now.toISOString().slice(0, 10);
  const after = new AfterCommit();
  const notificationIds = await inTransaction(ctx.database, ctx.audit, async (tx, audit) => {
    const due = await repo.plansDueForReminder(tx, reminderHorizon(today));
    const ids: string[] = [];
    for (const p of due) {
      const pupil = await lookups.findPupil(tx, p.trustId, p.pupilId);
      if (!pupil || !p.reviewDate) continue;
      const taskId = uuidv7();
      await tx.insert(tasks).values({ id: taskId, trustId: p.trustId, siteId: pupil.siteId, pupilId: p.pupilId, sourceType: PLAN_REVIEW_TASK, sourceId: p.id,
        title: `Review ${pupil.displayName}'s behaviour support plan`, detail: `The plan's review date is ${ukDay(p.reviewDate)}.`,
        suggestion: 'Meet with the pupil, their parents and the staff who work with them; update the plan and set the next review date.',
        assignedUserId: p.ownerUserId, assignedRole: p.ownerUserId ? null : 'behaviour_lead', dueOn: p.reviewDate });
      if (p.ownerUserId) {
        ids.push(...await notify(tx, after, [p.ownerUserId], {
          trustId: p.trustId, siteId: pupil.siteId, kind: 'reminder.plan_review',
          title: `A behaviour support plan you own is due for review by ${ukDay(p.reviewDate)}`,
          body: 'Open the plan to review it with the pupil, their parents and staff.', link: `/pupils/${p.pupilId}/plans/${p.id}`,
        }));
      }
      await repo.markReminded(tx, p.id, p.reviewDate);
      audit.record({ action: 'reminder.plan_review', entityType: 'behaviour_support_plan', entityId: p.id, siteId: pupil.siteId,
        details: { pupilId: p.pupilId, reviewDate: p.reviewDate, taskId, owner: p.ownerUserId } });
    }
    await markForEmail(tx, ctx.mailer, ids);
    return ids;
  });
  after.publish(ctx.deps.hub);
  emailAfterCommit(ctx.deps, notificationIds, ctx.log);
});
