/** Who was called for each request and who is coming (on_call_recipients), and each trust's escalation wait (on_call_settings). */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Executor } from '../../core/db/client.ts';
import { onCallRecipients, onCallRequests, onCallSettings } from '../../db/schema/workflow.ts';
import { users } from '../../db/schema/users.ts';

export interface RecipientRow { requestId: string; userId: string; displayName: string; level: number | null; alertedAt: string | Date | null; comingAt: string | Date | null }

export async function recipientsOf(db: Executor, requestIds: readonly string[]): Promise<RecipientRow[]> {
  if (!requestIds.length) return [];
  return db.select({
    requestId: onCallRecipients.requestId, userId: onCallRecipients.userId, displayName: users.displayName,
    level: onCallRecipients.level, alertedAt: onCallRecipients.alertedAt, comingAt: onCallRecipients.comingAt,
  }).from(onCallRecipients).innerJoin(users, eq(users.id, onCallRecipients.userId))
    .where(inArray(onCallRecipients.requestId, [...requestIds]))
    .orderBy(asc(onCallRecipients.comingAt), asc(users.displayName));
}

/** Record that these people were called at `level` (someone already called keeps their first level). */
export async function addAlerted(tx: Executor, trustId: string, requestId: string, userIds: readonly string[], level: number, at: Date): Promise<void> {
  if (!userIds.length) return;
  await tx.insert(onCallRecipients).values(userIds.map((userId) => ({ requestId, userId, trustId, level, alertedAt: at })))
    .onConflictDoNothing();
}

/** The responder says they are coming (a row is made for a responder who was not called). False if they already had. */
export async function markComing(tx: Executor, trustId: string, requestId: string, userId: string, at: Date): Promise<boolean> {
  await tx.insert(onCallRecipients).values({ requestId, userId, trustId, comingAt: at }).onConflictDoNothing();
  const r = await tx.update(onCallRecipients).set({ comingAt: at })
    .where(and(eq(onCallRecipients.requestId, requestId), eq(onCallRecipients.userId, userId), isNull(onCallRecipients.comingAt)))
    .returning({ userId: onCallRecipients.userId });
  return r.length === 1;
}

/** Move the request to its next escalation level, only from the level it is at (a job run twice escalates once). */
export async function raiseLevel(tx: Executor, requestId: string, from: number, to: number, at: Date): Promise<boolean> {
  const r = await tx.update(onCallRequests).set({ escalationLevel: to, escalatedAt: at })
    .where(and(eq(onCallRequests.id, requestId), eq(onCallRequests.escalationLevel, from), eq(onCallRequests.status, 'open')))
    .returning({ id: onCallRequests.id });
  return r.length === 1;
}

export async function settingsOf(db: Executor, trustId: string) {
  return db.select({ siteId: onCallSettings.siteId, escalateAfterSeconds: onCallSettings.escalateAfterSeconds })
    .from(onCallSettings).where(eq(onCallSettings.trustId, trustId));
}

export async function upsertSetting(tx: Executor, trustId: string, siteId: string | null, seconds: number, at: Date): Promise<number | null> {
  const existing = (await tx.select().from(onCallSettings)
    .where(and(eq(onCallSettings.trustId, trustId), siteId ? eq(onCallSettings.siteId, siteId) : isNull(onCallSettings.siteId))))[0];
  if (existing) {
    await tx.update(onCallSettings).set({ escalateAfterSeconds: seconds, updatedAt: at }).where(eq(onCallSettings.id, existing.id));
    return existing.escalateAfterSeconds;
  }
  await tx.insert(onCallSettings).values({ id: uuidv7(), trustId, siteId, escalateAfterSeconds: seconds, updatedAt: at });
  return null;
}
