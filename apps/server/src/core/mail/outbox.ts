/**
 * Email copies of in-app notifications. The notification row is the outbox and the log: inside the use case's
 * transaction it is marked 'pending' (or 'not_configured'); after commit the message is sent in the background and
 * the row records emailed_at and 'sent', or 'failed: <reason>'. The email holds the notification's title, body and
 * link only — the same text the app shows, which by rule (notify.ts) never carries sealed content.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import type { Deps } from '../http/context.ts';
import { notifications } from '../../db/schema/workflow.ts';
import { users } from '../../db/schema/users.ts';
import { MailError, mailerFor, type Mailer } from './mailer.ts';

export const EMAIL_PENDING = 'pending';
export const EMAIL_SENT = 'sent';
export const EMAIL_NOT_CONFIGURED = 'not_configured';
export const EMAIL_INACTIVE = 'failed: user inactive';
const MAX_STATUS = 120;

/** Minimal logger shape (Fastify's request logger fits); only ids and statuses are ever logged. */
export interface MailLog { info(obj: object, msg: string): void; warn(obj: object, msg: string): void }

/** In the transaction: say whether these notifications will also go by email. */
export async function markForEmail(tx: Executor, mailer: Mailer, ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  await tx.update(notifications).set({ emailStatus: mailer.configured ? EMAIL_PENDING : EMAIL_NOT_CONFIGURED })
    .where(inArray(notifications.id, [...ids]));
}

export function emailText(publicUrl: string, n: { title: string; body: string; link: string | null }): string {
  const lines = [n.title, ''];
  if (n.body) lines.push(n.body, '');
  if (n.link) lines.push(`Open it in Haven: ${publicUrl}${n.link}`, '');
  lines.push('You are receiving this because of your role in Haven. Sign in to see the details.');
  return lines.join('\n');
}

export type DeliveryOutcome = 'sent' | 'failed' | 'skipped';

/**
 * Email one notification. First delivery (after commit) takes only a 'pending' row; a retry (the background job)
 * also takes a 'failed: …' one. The status is written only if it has not changed meanwhile, so a row settled by
 * another worker is never overwritten.
 */
export async function deliverNotification(deps: Deps, mailer: Mailer, id: string, opts: { retry?: boolean; log?: MailLog } = {}): Promise<DeliveryOutcome> {
  const db = deps.database.db;
  const rows = await db.select({
    id: notifications.id, userId: notifications.userId, title: notifications.title, body: notifications.body,
    link: notifications.link, status: notifications.emailStatus, email: users.email, active: users.active,
  }).from(notifications).innerJoin(users, eq(users.id, notifications.userId)).where(eq(notifications.id, id));
  const n = rows[0];
  const before = n?.status ?? null;
  if (!n || !before || !(before === EMAIL_PENDING || (opts.retry && isRetryable(before)))) return 'skipped';
  let status: string;
  let emailedAt: Date | null = null;
  if (!n.active) status = EMAIL_INACTIVE;
  else {
    try {
      await mailer.send({ to: n.email, subject: n.title, text: emailText(deps.config.publicUrl, n) });
      status = EMAIL_SENT;
      emailedAt = new Date();
    } catch (err) {
      status = `failed: ${err instanceof MailError ? err.reason : 'ERROR'}`.slice(0, MAX_STATUS);
    }
  }
  await db.update(notifications).set({ emailStatus: status, emailedAt })
    .where(and(eq(notifications.id, id), eq(notifications.emailStatus, before)));
  if (status === EMAIL_SENT) opts.log?.info({ notificationId: id, userId: n.userId }, 'notification emailed');
  else opts.log?.warn({ notificationId: id, userId: n.userId, emailStatus: status }, 'notification email not sent');
  return status === EMAIL_SENT ? 'sent' : status === EMAIL_INACTIVE ? 'skipped' : 'failed';
}

/** A failed send worth trying again (a deactivated user is not). */
export function isRetryable(status: string): boolean {
  return status.startsWith('failed:') && status !== EMAIL_INACTIVE;
}

/**
 * After commit: runs `deliver` for each id in the background, one after another. Never throws, never delays the
 * caller; a delivery that cannot even record its outcome is logged by id only. Shared by the communications log.
 */
export function deliverInBackground(deps: Deps, ids: readonly string[], deliver: (mailer: Mailer, id: string) => Promise<void>, onLost: (id: string) => void): void {
  const mailer = mailerFor(deps);
  if (!mailer.configured || !ids.length) return;
  const list = [...ids];
  mailer.background(async () => {
    for (const id of list) {
      try { await deliver(mailer, id); } catch { onLost(id); }
    }
  });
}

/** After commit: email these notifications in the background. Never throws, never delays the caller. */
export function emailAfterCommit(deps: Deps, ids: readonly string[], log?: MailLog): void {
  deliverInBackground(deps, ids, async (mailer, id) => { await deliverNotification(deps, mailer, id, { log }); },
    (id) => log?.warn({ notificationId: id }, 'notification email could not be recorded'));
}
