/**
 * Releasing a child-protection pack and confirming its receipt (DAT-4). The DSL downloads the encrypted file to send
 * it, or makes a one-time link (a random token, kept only as its SHA-256 hash, for LINK_DAYS days) for the receiving
 * DSL: the link serves the .pgp file once without signing in (then 410), and its page confirms the receipt once.
 * A DSL of the sending school may record the receipt instead. Either way the transfer is done and its DSLs are told
 * (no pupil name or content in the notice). The token travels in request bodies only, so no log line carries it.
 */
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { AppError, conflict, fieldError, staleVersion } from '../../core/http/errors.ts';
import { readStored } from '../../core/files/store.ts';
import { AfterCommit, notify, usersWithRoleAt } from '../../core/notify/notify.ts';
import { emailAfterCommit, markForEmail } from '../../core/mail/outbox.ts';
import { mailerFor } from '../../core/mail/mailer.ts';
import { clockNow, schoolToday } from '../../core/time.ts';
import { hashSecret, newSecret } from '../auth/tokens.ts';
import * as repo from './cp-transfer.repo.ts';
import { ENTITY, presentById, transferFor } from './cp-transfer.service.ts';
import { linkExpiry, linkState } from './cp-transfer.rules.ts';

async function packBytes(deps: Deps, fileId: string | null) {
  const f = fileId ? await repo.packFileRow(deps.database.db, fileId) : undefined;
  const data = f ? await readStored(deps, f) : null;
  if (!f || !data) throw conflict('The encrypted file could not be read from the file store: ask your administrator to check it.');
  return { filename: f.filename, contentType: 'application/pgp-encrypted', data };
}

/** The DSL downloads the encrypted pack to send it; the first download of a packed file marks it sent. */
export async function download(deps: Deps, actor: Actor, ctx: AuditContext, id: string) {
  const r = await transferFor(deps.database.db, actor, id);
  if (r.t.status === 'draft') throw conflict('Build the pack first.');
  const file = await packBytes(deps, r.t.packAttachmentId);
  const now = clockNow(deps);
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    if (r.t.status === 'packed') {
      if (!(await repo.updateTransfer(tx, id, r.t.version, { status: 'sent', sentVia: 'download', sentAt: now, sentBy: actor.userId }))) throw staleVersion('transfer');
      await repo.finishDueTasks(tx, id, now);
    }
    audit.record({ action: 'safeguarding.cp_transfer.download', entityType: ENTITY, entityId: id, siteId: r.t.siteId,
      details: { sealed: true, sha256: r.packSha256, markedSent: r.t.status === 'packed' } });
  });
  return file;
}

/** A new one-time link (any earlier link stops working); the file counts as sent. The address is shown once. */
export async function issueLink(deps: Deps, actor: Actor, ctx: AuditContext, id: string) {
  const r = await transferFor(deps.database.db, actor, id);
  if (r.t.status === 'draft') throw conflict('Build the pack first.');
  if (r.t.status === 'received') throw conflict('The receiving school has already confirmed the receipt.');
  const now = clockNow(deps);
  const token = newSecret();
  const expiresAt = linkExpiry(now);
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    const sent = r.t.status === 'sent' ? {} : { status: 'sent', sentVia: 'link', sentAt: now, sentBy: actor.userId };
    if (!(await repo.updateTransfer(tx, id, r.t.version, { ...sent, linkTokenHash: hashSecret(token), linkExpiresAt: expiresAt, linkDownloadedAt: null }))) throw staleVersion('transfer');
    await repo.finishDueTasks(tx, id, now);
    audit.record({ action: 'safeguarding.cp_transfer.link', entityType: ENTITY, entityId: id, siteId: r.t.siteId,
      details: { sealed: true, expiresAt: expiresAt.toISOString(), replaced: r.t.linkTokenHash !== null } });
  });
  return {
    transfer: await presentById(deps.database.db, actor, id, schoolToday(deps)),
    url: `${deps.config.publicUrl}/cp-transfer/receive#token=${token}`, expiresAt: expiresAt.toISOString(),
  };
}

/** Tells the sending site's DSLs that the receipt is confirmed: no pupil, no content. */
async function noticeReceipt(deps: Deps, tx: Parameters<Parameters<typeof inTransaction>[2]>[0], after: AfterCommit, t: { id: string; trustId: string; siteId: string; receivingSchool: string }) {
  const dsls = await usersWithRoleAt(tx, t.trustId, t.siteId, ['dsl']);
  const ids = await notify(tx, after, dsls, { trustId: t.trustId, siteId: t.siteId, kind: 'safeguarding.cp_transfer_received',
    title: 'A child-protection file was received', body: 'The receiving school has confirmed the receipt of a child-protection file. Open it in Haven for the details.',
    link: `/cp-transfers/${t.id}` });
  await markForEmail(tx, mailerFor(deps), ids);
  return ids;
}

/** A DSL of the sending school records the receipt (the date and who confirmed it, e.g. by phone). */
export async function recordReceipt(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: { receivedOn: string; receivedByName: string }) {
  const r = await transferFor(deps.database.db, actor, id);
  if (r.t.status !== 'sent') throw conflict(r.t.status === 'received' ? 'The receipt has already been recorded.' : 'Send the file before recording its receipt.');
  if (body.receivedOn > schoolToday(deps)) throw fieldError('receivedOn', 'The receipt cannot be dated in the future');
  if (r.t.sentAt && body.receivedOn < new Date(r.t.sentAt).toISOString().slice(0, 10)) throw fieldError('receivedOn', 'The receipt cannot be dated before the file was sent');
  const now = clockNow(deps);
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    const ok = await repo.updateTransfer(tx, id, r.t.version, { status: 'received', receivedOn: body.receivedOn, receivedByName: body.receivedByName,
      receiptVia: 'recorded', receiptRecordedBy: actor.userId, receiptRecordedAt: now });
    if (!ok) throw staleVersion('transfer');
    audit.record({ action: 'safeguarding.cp_transfer.receipt', entityType: ENTITY, entityId: id, siteId: r.t.siteId,
      details: { sealed: true, via: 'recorded', receivedOn: body.receivedOn } });
  });
  return presentById(deps.database.db, actor, id, schoolToday(deps));
}

// ---- the public link ----------------------------------------------------------------------------------------

const notValid = () => new AppError(404, 'link_not_found', 'This link is not valid. Check that you opened the whole link, or ask the sending school for a new one.');
const gone = (why: 'expired' | 'downloaded' | 'received') => new AppError(410, `link_${why}`, {
  expired: 'This link has expired. Ask the sending school for a new one.',
  downloaded: 'This file has already been downloaded through this link, which works once. Ask the sending school for a new link if you need the file again.',
  received: 'The receipt of this file has been confirmed and the link no longer works.',
}[why]);

function linkAudit(ctx: AuditContext, trustId: string): AuditContext {
  return { ...ctx, trustId, actorUserId: null, actorLabel: 'receiving DSL (one-time link)' };
}

async function byToken(deps: Deps, token: string) {
  const hash = hashSecret(token);
  const r = await repo.findByLinkHash(deps.database.db, hash);
  if (!r) throw notValid();
  return { r, hash, state: linkState(r.t, clockNow(deps)) };
}

export async function linkInfo(deps: Deps, token: string) {
  const { r, state } = await byToken(deps, token);
  if (state === 'expired' || state === 'received') throw gone(state);
  return { fromSchool: r.siteName, toSchool: r.t.receivingSchool, filename: r.packFilename ?? '', sizeBytes: r.packSize ?? 0,
    encryption: r.t.encryption as 'passphrase', expiresAt: r.t.linkExpiresAt!.toISOString(), downloaded: state === 'downloaded', receiptConfirmed: false };
}

export async function linkDownload(deps: Deps, ctx: AuditContext, token: string) {
  const { r, hash, state } = await byToken(deps, token);
  if (state !== 'usable') throw gone(state);
  const file = await packBytes(deps, r.t.packAttachmentId);
  await inTransaction(deps.database, linkAudit(ctx, r.t.trustId), async (tx, audit) => {
    // atomic: of two requests with one link, one gets the file and the other 410
    if (!(await repo.claimLink(tx, r.t.id, hash, clockNow(deps)))) throw gone('downloaded');
    audit.record({ action: 'safeguarding.cp_transfer.link_download', entityType: ENTITY, entityId: r.t.id, siteId: r.t.siteId, details: { sealed: true, sha256: r.packSha256 } });
  });
  return file;
}

export async function linkReceipt(deps: Deps, ctx: AuditContext, body: { token: string; receivedByName: string }) {
  const { r, state } = await byToken(deps, body.token);
  if (state === 'usable') throw conflict('Download the file before confirming its receipt.');
  if (state !== 'downloaded') throw gone(state);
  const after = new AfterCommit();
  const ids = await inTransaction(deps.database, linkAudit(ctx, r.t.trustId), async (tx, audit) => {
    const ok = await repo.updateTransfer(tx, r.t.id, r.t.version, { status: 'received', receivedOn: schoolToday(deps), receivedByName: body.receivedByName,
      receiptVia: 'link', receiptRecordedAt: clockNow(deps) });
    if (!ok) throw gone('received');
    audit.record({ action: 'safeguarding.cp_transfer.receipt', entityType: ENTITY, entityId: r.t.id, siteId: r.t.siteId, details: { sealed: true, via: 'link' } });
    return noticeReceipt(deps, tx, after, r.t);
  });
  after.publish(deps.hub);
  emailAfterCommit(deps, ids);
  return { ok: true as const };
}
