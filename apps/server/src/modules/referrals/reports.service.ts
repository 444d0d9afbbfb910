/**
 * Professional reports (SUP-5): reports about a pupil received from an agency (an educational psychologist's
 * assessment, a CAMHS letter) or sent to one, with their date, author and agency, the file kept through the shared
 * attachment store (owner 'professional_report'). Every read — the list, and each download — is audited.
 */
import type { z } from 'zod';
import type { TProfessionalReport, ZProfessionalReportCreate } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import { allowedActions, can, scope, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { AppError, fieldError, notFound } from '../../core/http/errors.ts';
import { clockNow, londonToday, pgTimestampToIso } from '../../core/time.ts';
import { readStored } from '../../core/files/store.ts';
import { findPupil } from '../pupils/pupils.repo.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import { findAgency } from '../agencies/agencies.repo.ts';
import { storeUpload, type Upload } from '../incidents/attachments.service.ts';
import * as repo from './referrals.repo.ts';

export async function presentReports(db: Executor, actor: Actor, rows: repo.ReportListRow[]): Promise<TProfessionalReport[]> {
  const files = await repo.filesOf(db, rows.map((r) => r.p.id));
  return rows.map((x) => {
    const p = x.p;
    const f = files.get(p.id);
    return {
      id: p.id, siteId: p.siteId, pupilId: p.pupilId, pupilName: displayName(x), direction: p.direction as 'received' | 'sent', title: p.title,
      reportDate: p.reportDate, author: p.author, agency: p.agencyId && x.agencyName ? { id: p.agencyId, name: x.agencyName } : null, referralId: p.referralId,
      file: f ? { id: f.id, filename: f.filename, contentType: f.contentType, sizeBytes: f.sizeBytes } : null, createdAt: pgTimestampToIso(p.createdAt),
      allowed: allowedActions(actor, { trustId: p.trustId, siteId: p.siteId }, { attachFile: 'casework.manage' }),
    };
  });
}

export async function list(deps: Deps, actor: Actor, ctx: AuditContext, q: { pupilId?: string | undefined }) {
  const db = deps.database.db;
  const rows = await repo.listReports(db, scope(actor, 'casework.read').siteIds, q);
  const items = await presentReports(db, actor, rows);
  await inTransaction(deps.database, ctx, async (_tx, audit) => {
    audit.record({ action: 'professional_report.list', entityType: 'pupil', entityId: q.pupilId ?? null, details: { specialCategory: true, reports: items.map((i) => i.id) } });
  });
  return { items };
}

async function readable(db: Executor, actor: Actor, id: string, permission: 'casework.read' | 'casework.manage') {
  const x = await repo.findReport(db, id);
  if (!x || !can(actor, permission, x.p)) throw notFound('report');
  return x;
}

export async function create(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZProfessionalReportCreate>) {
  const db = deps.database.db;
  const found = await findPupil(db, body.pupilId);
  if (!found || !can(actor, 'casework.manage', found.pupil)) throw notFound('pupil');
  const p = found.pupil;
  if (body.reportDate > londonToday(clockNow(deps))) throw fieldError('reportDate', 'A report cannot be dated in the future.');
  if (body.agencyId && !(await findAgency(db, actor.trustId, body.agencyId))) throw fieldError('agencyId', 'Not an agency in your directory');
  if (body.referralId) {
    const ref = await repo.findReferral(db, body.referralId);
    if (!ref || ref.r.pupilId !== p.id) throw fieldError('referralId', 'Not a referral of this pupil');
  }
  const id = await inTransaction(deps.database, ctx, async (tx, audit) => {
    const rid = await repo.insertReport(tx, { trustId: p.trustId, siteId: p.siteId, pupilId: p.id, direction: body.direction, title: body.title,
      reportDate: body.reportDate, author: body.author, agencyId: body.agencyId ?? null, referralId: body.referralId ?? null, createdBy: actor.userId });
    audit.record({ action: 'professional_report.create', entityType: 'professional_report', entityId: rid, siteId: p.siteId,
      details: { pupilId: p.id, direction: body.direction, reportDate: body.reportDate, agencyId: body.agencyId ?? null } });
    return rid;
  });
  return (await presentReports(db, actor, [(await repo.findReport(db, id))!]))[0]!;
}

/** Attaches (or replaces: the old file is voided, never deleted) the report's file. */
export async function attachFile(deps: Deps, actor: Actor, ctx: AuditContext, id: string, u: Upload) {
  const db = deps.database.db;
  const x = await readable(db, actor, id, 'casework.read');
  if (!can(actor, 'casework.manage', x.p)) throw notFound('report');
  await storeUpload(deps, ctx, actor, { trustId: x.p.trustId, siteId: x.p.siteId, ownerType: 'professional_report', ownerId: id }, u,
    (a) => ({ action: 'professional_report.file.add', details: { reportId: id, pupilId: x.p.pupilId, contentType: a.contentType, sizeBytes: a.sizeBytes, sha256: a.sha256 } }),
    (tx, at) => repo.voidFilesOf(tx, id, at));
  return (await presentReports(db, actor, [x]))[0]!;
}

/** The report's file for a reader, or for an agency professional through a share (`via`); audited either way. */
export async function fileOf(deps: Deps, ctx: AuditContext, report: repo.ReportListRow, via: Record<string, unknown>) {
  const f = (await repo.filesOf(deps.database.db, [report.p.id])).get(report.p.id);
  if (!f) throw notFound('file');
  const data = await readStored(deps, f);
  if (!data) throw new AppError(500, 'attachment_missing', 'The stored file could not be read. The error has been logged.');
  await inTransaction(deps.database, ctx, async (_tx, audit) => {
    audit.record({ action: 'professional_report.read', entityType: 'professional_report', entityId: report.p.id, siteId: report.p.siteId,
      details: { pupilId: report.p.pupilId, attachmentId: f.id, specialCategory: true, ...via } });
  });
  return { filename: f.filename, contentType: f.contentType, data };
}

export async function download(deps: Deps, actor: Actor, ctx: AuditContext, id: string) {
  return fileOf(deps, ctx, await readable(deps.database.db, actor, id, 'casework.read'), {});
}
