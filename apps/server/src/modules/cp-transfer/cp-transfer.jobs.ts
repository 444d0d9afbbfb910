/**
 * Daily: reminders about child-protection files not yet sent (DAT-4). With 2 school days or fewer left the DSLs of
 * the site are told, and when the due day has passed they are told again and the DSL who started the transfer gets a
 * task; each once. Notices and tasks name neither the pupil nor anything in the file (they may be emailed): the link
 * opens the transfer, which only a DSL of the site can read.
 */
import { uuidv7 } from 'uuidv7';
import { inTransaction } from '../../core/db/tx.ts';
import { registerDailyReminder } from '../../core/jobs/registry.ts';
import { AfterCommit, notify, usersWithRoleAt } from '../../core/notify/notify.ts';
import { emailAfterCommit, markForEmail } from '../../core/mail/outbox.ts';
import { formatUkDate } from '../../core/calendar/dates.ts';
import { londonToday } from '../../core/time.ts';
import { tasks } from '../../db/schema/workflow.ts';
import { loadSiteCalendar } from '../calendar/calendar.service.ts';
import * as repo from './cp-transfer.repo.ts';
import { reminderToSend } from './cp-transfer.rules.ts';

export const CP_TRANSFER_REMINDER = 'cp-transfer-deadlines';

registerDailyReminder(CP_TRANSFER_REMINDER, async (ctx) => {
  const today = londonToday(ctx.now);
  const after = new AfterCommit();
  const notificationIds = await inTransaction(ctx.database, ctx.audit, async (tx, audit) => {
    const ids: string[] = [];
    const calendars = new Map<string, Awaited<ReturnType<typeof loadSiteCalendar>>>();
    for (const t of await repo.openWithDueDay(tx)) {
      if (!t.dueOn) continue;
      const key = `${t.trustId}/${t.siteId}`;
      if (!calendars.has(key)) calendars.set(key, await loadSiteCalendar(tx, t.trustId, t.siteId));
      const stage = reminderToSend(calendars.get(key)!, t, today);
      if (!stage) continue;
      const due = formatUkDate(t.dueOn);
      const dsls = await usersWithRoleAt(tx, t.trustId, t.siteId, ['dsl']);
      const overdue = stage === 'overdue';
      ids.push(...await notify(tx, after, dsls, {
        trustId: t.trustId, siteId: t.siteId, kind: overdue ? 'safeguarding.cp_transfer_overdue' : 'safeguarding.cp_transfer_due',
        title: overdue ? 'A child-protection file transfer is overdue' : `A child-protection file is due to be sent by ${due}`,
        body: overdue ? `It was due to reach the new school by ${due}. Open the transfer in Haven to send it.` : 'Open the transfer in Haven to build and send the pack.',
        link: `/cp-transfers/${t.id}`,
      }));
      if (overdue) {
        await tx.insert(tasks).values({ id: uuidv7(), trustId: t.trustId, siteId: t.siteId, sourceType: repo.DUE_TASK, sourceId: t.id,
          title: 'Send the overdue child-protection file', detail: `It was due by ${due}. Open /cp-transfers/${t.id} to build and send the pack.`,
          assignedUserId: t.createdBy, dueOn: today });
      }
      await repo.setRemindedStage(tx, t.id, stage);
      audit.record({ action: 'safeguarding.cp_transfer.reminder', entityType: 'cp_transfer', entityId: t.id, siteId: t.siteId,
        details: { sealed: true, stage, dueOn: t.dueOn, notified: dsls.length } });
    }
    await markForEmail(tx, ctx.mailer, ids);
    return ids;
  });
  after.publish(ctx.deps.hub);
  emailAfterCommit(ctx.deps, notificationIds, ctx.log);
});
