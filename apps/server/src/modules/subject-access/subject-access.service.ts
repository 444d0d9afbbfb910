/**
 * Subject access requests (DAT-3): log a request against its one-month deadline, move it on (received → gathering →
 * redaction, or withdrawn), gather everything held about the pupil with other people's names replaced and free-text
 * names flagged, record the reviewer's decision on each record, and release — the PDF and the archive made once,
 * kept with their hashes, the release and every download audited. Handled by the head or the DSL of the pupil's site
 * (subject_access.manage); only the DSL gathers sealed safeguarding records, which stay withheld until the DSL
 * decides to disclose one.
 */
import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { TSarDecisionInput, TSarList, TSarRecord, TSarRecords, TSarSection, TSarStatus, TSarSummary, ZSarCreate, ZSarStatusChange, ZSarUpdate } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { can, scope, type Actor } from '../../core/policy/policy.ts';
import { conflict, fieldError, forbidden, notFound, staleVersion } from '../../core/http/errors.ts';
import { pgTimestampToIso, schoolToday } from '../../core/time.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import * as repo from './subject-access.repo.ts';
import { NameMatcher, pupilNames } from './subject-access.names.ts';
import { redactRecord, type Decision, type RedactedRecord } from './subject-access.redact.ts';
import { presentRequest } from './subject-access.presenter.ts';
import { canMove, OPEN_STATUSES, sarDeadline } from './subject-access.rules.ts';
import { renderReleasePdf, type ReleaseDocument, type ReleaseSection } from './subject-access.pdf.ts';
import { buildArchive } from './subject-access.archive.ts';
import { SAR_SOURCES } from './subject-access.sources.ts';

const ENTITY = 'subject_access_request';
const SEALED_DEFAULT: Decision = { action: 'withhold', fields: [], reason: "Safeguarding information: withheld unless the DSL decides to disclose it" };

async function accessible(db: Executor, actor: Actor, id: string, lock = false) {
  const row = await repo.find(db, actor.trustId, id, lock);
  if (!row) throw notFound('subject access request');
  if (!can(actor, 'subject_access.manage', row)) throw forbidden('Subject access requests are handled by the head or the DSL of the pupil\'s school.');
  const pupil = await repo.findPupil(db, row.pupilId);
  if (!pupil) throw notFound('pupil');
  return { row, pupil };
}

async function summary(db: Executor, deps: Deps, row: repo.RequestRow, pupil: repo.PupilRow): Promise<TSarSummary> {
  const [release] = await repo.releaseFacts(db, [row.id]);
  const names = await repo.userNames(db, [row.createdBy, release?.releasedBy ?? null]);
  return presentRequest(row, pupil, names, release, schoolToday(deps));
}

export async function list(deps: Deps, actor: Actor, ctx: AuditContext, status: TSarStatus | 'open' | undefined): Promise<TSarList> {
  return inTransaction(deps.database, ctx, async (tx) => {
    const rows = await repo.list(tx, actor.trustId, scope(actor, 'subject_access.manage').siteIds, status === 'open' ? OPEN_STATUSES : status ? [status] : null);
    const releases = new Map((await repo.releaseFacts(tx, rows.map((r) => r.id))).map((r) => [r.requestId, r]));
    const names = await repo.userNames(tx, [...rows.map((r) => r.createdBy), ...[...releases.values()].map((r) => r.releasedBy)]);
    const today = schoolToday(deps);
    const items: TSarSummary[] = [];
    for (const r of rows) {
      const pupil = await repo.findPupil(tx, r.pupilId);
      if (pupil) items.push(presentRequest(r, pupil, names, releases.get(r.id), today));
    }
    return { items };
  });
}

export async function create(deps: Deps, actor: Actor, ctx: AuditContext, body: z.output<typeof ZSarCreate>): Promise<TSarSummary> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const pupil = await repo.findPupil(tx, body.pupilId);
    if (!pupil || pupil.trustId !== actor.trustId) throw fieldError('pupilId', 'No such pupil');
    if (!can(actor, 'subject_access.manage', pupil)) throw forbidden('Subject access requests are handled by the head or the DSL of the pupil\'s school.');
    if (body.receivedOn > schoolToday(deps)) throw fieldError('receivedOn', 'The day the request was received cannot be in the future');
    const id = uuidv7();
    const dueOn = sarDeadline(body.receivedOn);
    await repo.insert(tx, { id, trustId: actor.trustId, siteId: pupil.siteId, pupilId: pupil.id, requesterKind: body.requesterKind, requesterName: body.requesterName,
      receivedOn: body.receivedOn, dueOn, redactStaff: body.redactStaff, notes: body.notes ?? null, createdBy: actor.userId });
    audit.record({ action: `${ENTITY}.create`, entityType: ENTITY, entityId: id, siteId: pupil.siteId,
      details: { pupilId: pupil.id, requesterKind: body.requesterKind, receivedOn: body.receivedOn, dueOn, redactStaff: body.redactStaff } });
    return summary(tx, deps, (await repo.find(tx, actor.trustId, id))!, pupil);
  });
}

export async function get(deps: Deps, actor: Actor, ctx: AuditContext, id: string): Promise<TSarSummary> {
  return inTransaction(deps.database, ctx, async (tx) => {
    const { row, pupil } = await accessible(tx, actor, id);
    return summary(tx, deps, row, pupil);
  });
}

export async function update(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.output<typeof ZSarUpdate>): Promise<TSarSummary> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const { row, pupil } = await accessible(tx, actor, id, true);
    if (row.version !== body.version) throw staleVersion('subject access request');
    if (!OPEN_STATUSES.includes(row.status as TSarStatus)) throw conflict('A released or withdrawn request is closed.');
    const set = { requesterName: body.requesterName ?? row.requesterName, redactStaff: body.redactStaff ?? row.redactStaff, notes: body.notes === undefined ? row.notes : body.notes };
    await repo.update(tx, id, set);
    audit.record({ action: `${ENTITY}.update`, entityType: ENTITY, entityId: id, siteId: row.siteId,
      details: { pupilId: row.pupilId, before: { redactStaff: row.redactStaff, requesterName: row.requesterName }, after: { redactStaff: set.redactStaff, requesterName: set.requesterName } } });
    return summary(tx, deps, (await repo.find(tx, actor.trustId, id))!, pupil);
  });
}

export async function move(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.output<typeof ZSarStatusChange>): Promise<TSarSummary> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const { row, pupil } = await accessible(tx, actor, id, true);
    if (row.version !== body.version) throw staleVersion('subject access request');
    const from = row.status as TSarStatus;
    if (!canMove(from, body.status)) throw conflict(`A request that is ${from} cannot move to ${body.status}.`);
    if (body.status === 'withdrawn' && !body.reason) throw fieldError('reason', 'Say why the request was withdrawn');
    await repo.update(tx, id, { status: body.status, withdrawnReason: body.status === 'withdrawn' ? body.reason! : row.withdrawnReason });
    audit.record({ action: `${ENTITY}.status`, entityType: ENTITY, entityId: id, siteId: row.siteId, details: { pupilId: row.pupilId, from, to: body.status } });
    return summary(tx, deps, (await repo.find(tx, actor.trustId, id))!, pupil);
  });
}

interface Compiled { sections: (Omit<TSarSection, 'records'> & { records: (RedactedRecord & { record: TSarRecord })[] })[]; sealedIncluded: boolean }

/** Everything about the pupil as it would be released now, with each record's flags and decision. */
async function compile(db: Executor, actor: Actor, row: repo.RequestRow, pupil: repo.PupilRow, only?: string): Promise<Compiled> {
  const sealedIncluded = can(actor, 'safeguarding.read', row);
  const [onlyKind, ...onlyId] = only?.split(':') ?? [];
  const gathered = await repo.gather(db, row.pupilId, sealedIncluded, only ? { kind: onlyKind!, id: onlyId.join(':') } : undefined);
  const { people, places } = await repo.peopleAndPlaces(db, row.trustId, row.pupilId, repo.idsIn(gathered));
  const matcher = new NameMatcher(await repo.namesToFind(db, row.trustId, row.pupilId), pupilNames(pupil));
  const decisions = new Map((await repo.decisions(db, row.id)).map((d) => [d.recordKey, d]));
  const deciders = await repo.userNames(db, [...decisions.values()].map((d) => d.decidedBy));
  const ctx = { people, places, matcher, redactStaff: row.redactStaff };
  const sections = gathered.map(({ source, records }) => ({
    kind: source.kind, label: source.label, sealed: !!source.sealed,
    records: records.map((g) => {
      const d = decisions.get(`${g.kind}:${g.id}`);
      const decision: Decision | null = d ? { action: d.action as Decision['action'], fields: d.fields as string[], reason: d.reason } : source.sealed ? SEALED_DEFAULT : null;
      const r = redactRecord(g, ctx, decision);
      const record: TSarRecord = {
        key: r.key, kind: r.kind, id: r.id, at: r.at, title: r.title, fields: r.fields, flags: r.flags,
        decision: d ? { action: r.outcome, fields: d.fields as string[], reason: d.reason, decidedBy: deciders.get(d.decidedBy) ?? 'Unknown', decidedAt: pgTimestampToIso(d.decidedAt) } : null,
        needsReview: r.flags.length > 0 && !d && !source.sealed, outcome: r.outcome,
      };
      return { ...r, record };
    }),
  }));
  return { sections, sealedIncluded };
}

export async function records(deps: Deps, actor: Actor, ctx: AuditContext, id: string): Promise<TSarRecords> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const { row, pupil } = await accessible(tx, actor, id);
    if (row.status === 'received' || row.status === 'withdrawn') throw conflict(row.status === 'received' ? 'Start gathering the records first.' : 'The request was withdrawn.');
    const c = await compile(tx, actor, row, pupil);
    const all = c.sections.flatMap((s) => s.records);
    const counts = { records: all.length, flagged: all.filter((r) => r.flags.length).length, needsReview: all.filter((r) => r.record.needsReview).length, withheld: all.filter((r) => r.outcome === 'withhold').length };
    audit.record({ action: `${ENTITY}.records.read`, entityType: ENTITY, entityId: id, siteId: row.siteId, details: { pupilId: row.pupilId, specialCategory: true, ...counts } });
    if (c.sealedIncluded) {
      audit.record({ action: `${ENTITY}.safeguarding.read`, entityType: 'pupil', entityId: row.pupilId, siteId: row.siteId, sealed: true,
        details: { read: { requestId: id, concerns: c.sections.filter((s) => s.sealed).reduce((n, s) => n + s.records.length, 0) } } });
    }
    return { request: await summary(tx, deps, row, pupil), sections: c.sections.map((s) => ({ kind: s.kind, label: s.label, sealed: s.sealed, records: s.records.map((r) => r.record) })),
      counts, sealedIncluded: c.sealedIncluded };
  });
}

export async function decide(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: TSarDecisionInput): Promise<TSarRecord> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const { row, pupil } = await accessible(tx, actor, id, true);
    if (row.status !== 'redaction') throw conflict('Decisions are made during the redaction review.');
    if (body.action === 'withhold' && !body.reason) throw fieldError('reason', 'Say why the record is withheld (the exemption that applies)');
    if (body.action === 'redact' && !(body.fields?.length)) throw fieldError('fields', 'Name the fields to redact');
    const c = await compile(tx, actor, row, pupil, body.recordKey);
    const section = c.sections.find((s) => s.records.some((r) => r.key === body.recordKey));
    const found = section?.records.find((r) => r.key === body.recordKey);
    if (!section || !found) throw fieldError('recordKey', 'Not a record of this request');
    if (body.action === 'redact') {
      const unknown = body.fields!.find((f) => !(f in found.values));
      if (unknown) throw fieldError('fields', `The record has no field ${unknown}`);
    }
    await repo.saveDecision(tx, { requestId: id, recordKey: body.recordKey, trustId: row.trustId, action: body.action, fields: body.action === 'redact' ? body.fields! : [],
      reason: body.reason ?? null, decidedBy: actor.userId });
    audit.record({ action: `${ENTITY}.decide`, entityType: ENTITY, entityId: id, siteId: row.siteId, sealed: section.sealed,
      details: { decision: { pupilId: row.pupilId, recordKey: body.recordKey, action: body.action, fields: body.fields ?? [] } } });
    const after = await compile(tx, actor, row, pupil, body.recordKey);
    return after.sections.flatMap((s) => s.records).find((r) => r.key === body.recordKey)!.record;
  });
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export async function release(deps: Deps, actor: Actor, ctx: AuditContext, id: string, version: number): Promise<TSarSummary> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const { row, pupil } = await accessible(tx, actor, id, true);
    if (row.version !== version) throw staleVersion('subject access request');
    if (row.status !== 'redaction') throw conflict('A request is released from the redaction review.');
    const decisions = await repo.decisions(tx, id);
    const c = await compile(tx, actor, row, pupil);
    const sealedKinds = SAR_SOURCES.filter((s) => s.sealed).map((s) => `${s.kind}:`);
    if (!c.sealedIncluded && decisions.some((d) => sealedKinds.some((k) => d.recordKey.startsWith(k)) && d.action !== 'withhold')) {
      throw forbidden('The DSL decided to disclose safeguarding information in this request: only the DSL can release it.');
    }
    const waiting = c.sections.flatMap((s) => s.records).filter((r) => r.record.needsReview);
    if (waiting.length) throw conflict(`${waiting.length} record${waiting.length === 1 ? '' : 's'} with names in the text still need${waiting.length === 1 ? 's' : ''} a decision.`);
    const sections: ReleaseSection[] = c.sections.map((s) => ({ kind: s.kind, label: s.label, sealed: s.sealed, records: s.records.filter((r) => r.outcome !== 'withhold') }))
      .filter((s) => s.records.length > 0);
    const withheld = c.sections.map((s) => ({ label: s.label, count: s.records.filter((r) => r.outcome === 'withhold').length })).filter((w) => w.count > 0);
    const site = await repo.siteName(tx, row.siteId);
    const doc: ReleaseDocument = { siteName: site, pupilName: displayName(pupil), requesterKind: row.requesterKind as ReleaseDocument['requesterKind'], requesterName: row.requesterName,
      receivedOn: row.receivedOn, dueOn: row.dueOn, releasedOn: schoolToday(deps), releasedBy: actor.displayName, sections, withheld, redactStaff: row.redactStaff };
    const pdf = await renderReleasePdf(doc);
    const archive = buildArchive(doc);
    const recordCount = sections.reduce((n, s) => n + s.records.length, 0);
    const withheldCount = withheld.reduce((n, w) => n + w.count, 0);
    const hashes = { pdfSha256: sha256(pdf), archiveSha256: sha256(archive) };
    await repo.insertRelease(tx, { requestId: id, trustId: row.trustId, pdf: Buffer.from(pdf), archive: Buffer.from(archive), ...hashes, recordCount, withheldCount, releasedBy: actor.userId });
    await repo.update(tx, id, { status: 'released' });
    audit.record({ action: `${ENTITY}.release`, entityType: ENTITY, entityId: id, siteId: row.siteId,
      details: { pupilId: row.pupilId, ...hashes, recordCount, withheldCount, kinds: sections.map((s) => s.kind), redactStaff: row.redactStaff, onTime: schoolToday(deps) <= row.dueOn } });
    return summary(tx, deps, (await repo.find(tx, actor.trustId, id))!, pupil);
  });
}

export async function download(deps: Deps, actor: Actor, ctx: AuditContext, id: string, format: 'pdf' | 'archive') {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const { row, pupil } = await accessible(tx, actor, id);
    const rel = await repo.release(tx, id);
    if (!rel) throw conflict('The request has not been released.');
    const bytes = format === 'pdf' ? rel.pdf : rel.archive;
    const hash = format === 'pdf' ? rel.pdfSha256 : rel.archiveSha256;
    audit.record({ action: `${ENTITY}.download`, entityType: ENTITY, entityId: id, siteId: row.siteId, details: { pupilId: row.pupilId, format, sha256: hash } });
    const base = `subject-access-${displayName(pupil)}-${row.receivedOn}`.replace(/[^A-Za-z0-9._-]/g, '_');
    return { bytes: Buffer.from(bytes), filename: `${base}.${format === 'pdf' ? 'pdf' : 'zip'}`, contentType: format === 'pdf' ? 'application/pdf' : 'application/zip', sha256: hash };
  });
}
