/** Every night at 03:10 (Europe/London): idempotency keys older than a day are removed (core/db/idempotency.ts). */
import { purgeKeys } from '../db/idempotency.ts';
import { registerJob, registerSchedule } from './registry.ts';

export const PURGE_KEYS_KIND = 'idempotency.purge';

registerJob(PURGE_KEYS_KIND, async (ctx) => {
  await purgeKeys(ctx.database.db, new Date(ctx.now.getTime() - 24 * 3600_000));
  ctx.database.syncCommitted();
});

registerSchedule({ name: PURGE_KEYS_KIND, kind: PURGE_KEYS_KIND, cron: '10 3 * * *' });
