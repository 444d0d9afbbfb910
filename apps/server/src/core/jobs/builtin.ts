/**
 * Built-in jobs of the runner itself: every morning at 06:30 (Europe/London) `reminders.daily` queues one job per
 * registered daily reminder (registerDailyReminder), keyed by the date so that each runs at most once a day even
 * if the schedule fires twice or the runner restarts.
 */
import { enqueue } from './queue.ts';
import { REMINDER_PREFIX, dailyReminderNames, registerJob, registerSchedule } from './registry.ts';
import { londonToday } from '../time.ts';

export const DAILY_REMINDERS_KIND = 'reminders.daily';

registerJob(DAILY_REMINDERS_KIND, async (ctx) => {
  const day = londonToday(ctx.now);
  await ctx.database.db.transaction(async (tx) => {
    for (const name of dailyReminderNames()) {
      await enqueue(tx, { kind: `${REMINDER_PREFIX}${name}`, payload: { day }, runAt: ctx.now, dedupeKey: `${REMINDER_PREFIX}${name}:${day}`, maxAttempts: 3 });
    }
  });
  ctx.database.syncCommitted();
});

registerSchedule({ name: DAILY_REMINDERS_KIND, kind: DAILY_REMINDERS_KIND, cron: '30 6 * * *' });
