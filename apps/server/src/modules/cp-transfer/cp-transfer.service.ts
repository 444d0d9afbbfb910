/**
 * Child-protection file transfers (DAT-4, LAW-11): a DSL of the leaving pupil's site opens a transfer (leaving date,
 * receiving school and DSL; due 5 school days after the leaving date on the site calendar), then builds the pack from
 * the sealed records — chosen concerns (all by default), their chronology and documents — encrypted with OpenPGP to a
 * passphrase (shown once, never stored) or the receiving DSL's key. Only the encrypted file is stored. Release,
 * receipt and the public link are in cp-transfer.release.ts. Everyone else: 403 (another site or role), and every
 * step is audited as a sealed entry with ids and counts only, never a record's text.
 */
import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { TCpTransferCreate, TCpTransferPack } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import { can, scope, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { conflict, fieldError, forbidden, notFound, staleVersion, type FieldError } from '../../core/http/errors.ts';
import { discard, putFile, readStored } from '../../core/files/store.ts';
import { clockNow, schoolToday } from '../../core/time.ts';
import { loadSiteCalendar } from '../calendar/calendar.service.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import * as sgRepo from '../safeguarding/safeguarding.repo.ts';
import * as repo from './cp-transfer.repo.ts';
import { presentTransfer, type PackContents } from './cp-transfer.presenter.ts';
import { chooseIds, leavingDateOf, makePassphrase, transferDueOn } from './cp-transfer.rules.ts';
import { renderPackPdf } from './cp-transfer.pdf.ts';
import { encryptPack, readRecipientKey, safeName, zipPack, type PackFile, type Recipient } from './cp-transfer.pack.ts';

export const ENTITY = 'cp_transfer';
export const PACK_OWNER = 'cp_transfer_pack';
const PERMISSION = 'safeguarding.transfer';

const isProblem = (x: unknown): x is FieldError => typeof x === 'object' && x !== null && 'field' in x && 'message' in x;
const failIf = <T>(x: T | FieldError): T => { if (isProblem(x)) throw fieldError(x.field, x.message); return x; };
export const reference = (id: string) => `CP-${id.replace(/-/g, '').slice(-8).toUpperCase()}`;

/** The pupil, for a DSL of the pupil's site: 404 when there is no such pupil in the trust, 403 for anyone else. */
async function pupilFor(db: Executor, actor: Actor, pupilId: string) {
  const p = await repo.findPupil(db, pupilId);
  if (!p || p.trustId !== actor.trustId) throw notFound('pupil');
  if (!can(actor, PERMISSION, p)) throw forbidden("Only a designated safeguarding lead of the pupil's school can transfer their child-protection file.");
  return p;
}

/** The transfer, for a DSL of its site: 404 when there is none in the trust, 403 for anyone else. */
export async function transferFor(db: Executor, actor: Actor, id: string) {
  const r = await repo.findTransfer(db, id);
  if (!r || r.t.trustId !== actor.trustId) throw notFound('transfer');
  if (!can(actor, PERMISSION, r.t)) throw forbidden("Only a designated safeguarding lead of the pupil's school can see this transfer.");
  return r;
}

export async function presentById(db: Executor, actor: Actor, id: string, today: string) {
  return presentTransfer(actor, (await repo.findTransfer(db, id))!, today);
}

async function sourcesOf(db: Executor, p: repo.PupilRow) {
  const concerns = await sgRepo.concernsOfPupil(db, p.trustId, p.id, [p.siteId]);
  const docs = await repo.documentsOf(db, concerns.map((c) => ({ id: c.concern.id, incidentId: c.concern.incidentId })));
  return { concerns, docs };
}

/** The pupil's transfers and what a pack can hold (categories and dates only). The read is audited. */
export async function ofPupil(deps: Deps, actor: Actor, ctx: AuditContext, pupilId: string) {
  const db = deps.database.db;
  const p = await pupilFor(db, actor, pupilId);
  const today = schoolToday(deps);
  const rows = await repo.transfersOfPupil(db, actor.trustId, p.id, scope(actor, PERMISSION).siteIds);
  const { concerns, docs } = await sourcesOf(db, p);
  await inTransaction(deps.database, ctx, async (_tx, audit) => {
    audit.record({ action: 'safeguarding.cp_transfer.list', entityType: 'pupil', entityId: p.id, siteId: p.siteId,
      details: { sealed: true, transfers: rows.map((r) => r.t.id), concerns: concerns.length } });
  });
  return {
    pupil: { id: p.id, displayName: displayName(p), siteId: p.siteId, leavingDate: p.enrolmentEnd },
    items: rows.map((r) => presentTransfer(actor, r, today)),
    sources: {
      concerns: concerns.map((c) => ({ id: c.concern.id, raisedAt: new Date(c.concern.raisedAt).toISOString(), category: c.concern.category, status: c.concern.status })),
      attachments: docs.map((d) => ({ id: d.id, concernId: d.concernId, filename: d.filename, sizeBytes: d.sizeBytes })),
      sealedFacts: { childInNeed: p.childInNeed, childProtectionPlan: p.childProtectionPlan },
    },
  };
}

export async function get(deps: Deps, actor: Actor, ctx: AuditContext, id: string) {
  const r = await transferFor(deps.database.db, actor, id);
  await inTransaction(deps.database, ctx, async (_tx, audit) => {
    audit.record({ action: 'safeguarding.cp_transfer.read', entityType: ENTITY, entityId: id, siteId: r.t.siteId, details: { sealed: true, status: r.t.status } });
  });
  return presentTransfer(actor, r, schoolToday(deps));
}

export async function create(deps: Deps, actor: Actor, ctx: AuditContext, body: TCpTransferCreate) {
  const db = deps.database.db;
  const p = await pupilFor(db, actor, body.pupilId);
  const leaving = failIf(leavingDateOf(p.enrolmentEnd, body.leavingDate));
  const id = uuidv7();
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    const dueOn = transferDueOn(await loadSiteCalendar(tx, p.trustId, p.siteId), leaving.date);
    await repo.insertTransfer(tx, {
      id, trustId: p.trustId, siteId: p.siteId, pupilId: p.id, status: 'draft', leavingDate: leaving.date, leavingDateSource: leaving.source, dueOn,
      receivingSchool: body.receivingSchool, receivingDslName: body.receivingDslName, receivingDslEmail: body.receivingDslEmail, createdBy: actor.userId,
    });
    audit.record({ action: 'safeguarding.cp_transfer.create', entityType: ENTITY, entityId: id, siteId: p.siteId,
      details: { sealed: true, pupilId: p.id, leavingDate: leaving.date, leavingDateSource: leaving.source, dueOn } });
  });
  return presentById(db, actor, id, schoolToday(deps));
}

/** Builds, encrypts and stores the pack (replacing an earlier one while it has not been sent). */
export async function pack(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: TCpTransferPack) {
  const db = deps.database.db;
  const r = await transferFor(db, actor, id);
  const t = r.t;
  if (t.status !== 'draft' && t.status !== 'packed') throw conflict('This file has already been sent, so its pack cannot be changed. Start a new transfer to send it again.');
  let to: { passphrase: string } | Recipient;
  let shownPassphrase: string | null = null;
  if (body.method === 'public_key') {
    to = failIf(await readRecipientKey(body.publicKey));
  } else {
    if (body.publicKey) throw fieldError('publicKey', 'A key is used with the method "public_key" only');
    shownPassphrase = body.passphrase ? null : makePassphrase();
    to = { passphrase: body.passphrase ?? shownPassphrase! };
  }
  const p = (await repo.findPupil(db, t.pupilId))!;
  const { concerns, docs } = await sourcesOf(db, p);
  const concernIds = failIf(chooseIds(concerns.map((c) => c.concern.id), body.concernIds, 'concernIds'));
  const chosen = concerns.filter((c) => concernIds.includes(c.concern.id)).reverse();
  const docsOfChosen = docs.filter((d) => concernIds.includes(d.concernId));
  const attachmentIds = failIf(chooseIds(docsOfChosen.map((d) => d.id), body.attachmentIds, 'attachmentIds'));
  const files: PackFile[] = [];
  const used = new Set<string>();
  for (const d of docsOfChosen.filter((x) => attachmentIds.includes(x.id))) {
    const data = await readStored(deps, d);
    if (!data) throw conflict(`A document could not be read from the file store (${d.filename}): ask your administrator to check it.`);
    let name = safeName(d.filename);
    for (let n = 2; used.has(name); n += 1) name = `${n}-${safeName(d.filename)}`;
    used.add(name);
    files.push({ name, data });
  }
  const now = clockNow(deps);
  const ref = reference(t.id);
  const pdf = await renderPackPdf({
    pupil: { name: displayName(p), dateOfBirth: p.dateOfBirth, upn: p.upn, yearGroup: p.yearGroup, childInNeed: p.childInNeed, childProtectionPlan: p.childProtectionPlan },
    from: { school: r.siteName, dslName: actor.displayName }, to: { school: t.receivingSchool, dslName: t.receivingDslName, dslEmail: t.receivingDslEmail },
    leavingDate: t.leavingDate, includeChronology: body.includeChronology, reference: ref, madeAt: now,
    concerns: chosen.map((c) => ({ ...c.concern, raisedByName: c.raisedByName, triagedByName: c.triagedByName })),
    files: files.map((f) => ({ name: f.name, sizeBytes: f.data.length })),
  });
  const zipName = `child-protection-file-${ref}.zip`;
  const encrypted = Buffer.from(await encryptPack(zipPack(`child-protection-file-${ref}.pdf`, pdf, files), zipName, 'key' in to ? { key: to.key } : to));
  const fileId = uuidv7();
  const stored = await putFile(deps, t.trustId, fileId, encrypted);
  const contents: PackContents = { concernIds, attachmentIds, includeChronology: body.includeChronology };
  const sha256 = createHash('sha256').update(encrypted).digest('hex');
  const fingerprint = 'key' in to ? to.fingerprint : null;
  try {
    await inTransaction(deps.database, ctx, async (tx, audit) => {
      if (t.packAttachmentId) await repo.voidFile(tx, t.packAttachmentId, now);
      await repo.insertPackFile(tx, { id: fileId, trustId: t.trustId, siteId: t.siteId, ownerType: PACK_OWNER, ownerId: t.id, filename: `${zipName}.pgp`,
        contentType: 'application/pgp-encrypted', sizeBytes: encrypted.length, sha256, ...stored, uploadedBy: actor.userId, createdAt: now });
      const ok = await repo.updateTransfer(tx, t.id, t.version, { status: 'packed', packAttachmentId: fileId, packContents: contents, encryption: body.method,
        keyFingerprint: fingerprint, packedAt: now, packedBy: actor.userId });
      if (!ok) throw staleVersion('transfer');
      audit.record({ action: 'safeguarding.cp_transfer.pack', entityType: ENTITY, entityId: t.id, siteId: t.siteId,
        details: { sealed: true, pupilId: t.pupilId, concerns: concernIds, attachments: attachmentIds, chronology: body.includeChronology,
          encryption: body.method, keyFingerprint: fingerprint, sizeBytes: encrypted.length, sha256, read: ['concern', 'childWords', 'actionTaken', 'bodyMap', 'triageNotes'] } });
    });
  } catch (e) {
    await discard(deps, stored);
    throw e;
  }
  return { transfer: await presentById(db, actor, t.id, schoolToday(deps)), passphrase: shownPassphrase };
}
