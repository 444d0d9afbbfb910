/**
 * The CTF module (DAT-2) owns reading and writing the DfE common transfer file: imports come through the imports
 * module's preview and commit (kind `ctf`, see ctf.plan.ts); this file has the leavers' export (people.manage at the
 * pupils' site, audited with who went where) and the profile's "From previous schools" (pupil.read, an audited
 * special-category read, like the profile itself).
 */
import { createHash } from 'node:crypto';
import type { TCtfExportRequest, TSenStatus, TTransferRecordList } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Database, Executor } from '../../core/db/client.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { can, type Actor } from '../../core/policy/policy.ts';
import { fieldError, forbidden, notFound } from '../../core/http/errors.ts';
import { londonToday } from '../../core/time.ts';
import * as repo from './ctf.repo.ts';
import { ctfFileName, writeCtf, type ExportPupil } from './ctf.write.ts';

export interface CtfExportFile { xml: string; filename: string; pupilIds: string[]; fileHash: string; trustId: string }

/** "2026-12-06T09:15:00" in England: the header's DateTime. */
function londonDateTime(now: Date): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
    .formatToParts(now).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

/** Builds the file for pupils of one site; a UPN not on that site's records is refused by name (field `upns`). */
export async function buildCtfExport(db: Executor, a: { siteId: string; upns: readonly string[]; to: string; now?: Date }): Promise<CtfExportFile> {
  const site = await repo.siteOf(db, a.siteId);
  if (!site) throw notFound('site');
  if (!site.la || !site.est) throw fieldError('siteId', `${site.name} has no LA and establishment number: add them to the site before exporting a CTF (the header needs them).`);
  const upns = [...new Set(a.upns.map((u) => u.trim().toUpperCase()))];
  const rows = await repo.pupilsForExport(db, a.siteId, upns);
  const found = new Set(rows.map((r) => r.upn));
  const missing = upns.filter((u) => !found.has(u));
  if (missing.length) throw fieldError('upns', `No pupil at ${site.name} has the UPN ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ` and ${missing.length - 10} more` : ''}.`);
  if (a.to === `${site.la}${site.est}`) throw fieldError('to', 'The destination is this school itself: give the LA and establishment number of the school the pupils are going to.');
  const ids = rows.map((r) => r.id);
  const [contactRows, held] = await Promise.all([repo.contactsForExport(db, ids), repo.transferRecordsOf(db, ids)]);
  const pupils: ExportPupil[] = rows.map((r) => ({
    ...r, senStatus: r.senStatus as TSenStatus,
    contacts: contactRows.filter((c) => c.pupilId === r.id),
    held: held.filter((h) => h.pupilId === r.id).map((h) => h.document),
  }));
  const now = a.now ?? new Date();
  const source = { lea: site.la, estab: site.est, urn: site.urn, name: site.name };
  const xml = writeCtf({ source, to: a.to, pupils, today: londonToday(now), dateTime: londonDateTime(now) });
  return { xml, filename: ctfFileName(source, a.to), pupilIds: ids, trustId: site.trustId, fileHash: createHash('sha256').update(xml).digest('hex') };
}

/** Writes the export's audit entry: who sent which pupils where (ids and the file's hash, no personal data). */
export async function recordExport(database: Database, ctx: AuditContext, siteId: string, to: string, file: CtfExportFile): Promise<void> {
  await inTransaction(database, ctx, async (_tx, audit) => {
    audit.record({ action: 'ctf.exported', entityType: 'ctf', entityId: null, siteId,
      details: { to, pupils: file.pupilIds.length, pupilIds: file.pupilIds, fileHash: file.fileHash, filename: file.filename } });
  });
}

export async function exportCtf(deps: Deps, actor: Actor, ctx: AuditContext, body: TCtfExportRequest): Promise<CtfExportFile> {
  if (!actor.trustSiteIds.includes(body.siteId)) throw notFound('site');
  if (!can(actor, 'people.manage', { trustId: actor.trustId, siteId: body.siteId })) throw forbidden('You do not keep pupil records at that site.');
  const file = await buildCtfExport(deps.database.db, body);
  await recordExport(deps.database, ctx, body.siteId, body.to, file);
  return file;
}

/** What previous schools sent about a pupil: 404 outside the caller's sites; the read is audited (SEN, ethnicity). */
export async function transferRecords(deps: Deps, actor: Actor, ctx: AuditContext, pupilId: string): Promise<TTransferRecordList> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const pupil = await repo.pupilSite(tx, pupilId);
    if (!pupil || pupil.trustId !== actor.trustId || !can(actor, 'pupil.read', pupil)) throw notFound('pupil');
    const rows = await repo.transferRecordsOf(tx, [pupilId]);
    audit.record({ action: 'pupil.transfer_records.read', entityType: 'pupil', entityId: pupilId, siteId: pupil.siteId,
      details: { specialCategory: true, records: rows.length } });
    return {
      items: rows.map((r) => ({
        id: r.id, importId: r.importId, receivedAt: new Date(r.receivedAt).toISOString(), document: r.document,
        sourceSchool: { lea: r.sourceLea, estab: r.sourceEstab, urn: r.sourceUrn, name: r.sourceName, academicYear: r.document.sourceSchool.academicYear },
      })),
    };
  });
}
