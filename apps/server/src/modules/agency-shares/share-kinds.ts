/**
 * The kinds of record an agency share can name (AGENCY_RECORD_TYPES in the contracts). Each kind says which ids
 * about the pupil may be shared, how a record is labelled to the professional, and — for documents — how it is read
 * through the share. The Record type makes an entry here required for every kind: adding the plan when the plans
 * module lands is its name in the contracts list and one entry here.
 */
import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { TAgencyRecordType } from '@haven/contracts';
import type { Executor } from '../../core/db/client.ts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import { addDays, formatUkDate } from '../../core/calendar/dates.ts';
import { clockNow, londonToday } from '../../core/time.ts';
import { incidentPupils, incidents } from '../../db/schema/recording.ts';
import { professionalReports } from '../../db/schema/casework.ts';
import { findPupil } from '../pupils/pupils.repo.ts';
import { pupilSummaryContent } from '../reports/pupil-summary.ts';
import { renderAgencyReport } from '../reports/agency-report.ts';
import { renderPdf } from '../../core/pdf/pdf.ts';
import { fileOf } from '../referrals/reports.service.ts';
import { findReport } from '../referrals/referrals.repo.ts';
import { notFound } from '../../core/http/errors.ts';
import { inTransaction } from '../../core/db/tx.ts';

export interface SharePupil { id: string; siteId: string; trustId: string }
export interface SharedFile { filename: string; contentType: string; data: Buffer }
export interface ShareContext { deps: Deps; ctx: AuditContext; shareId: string; pupil: SharePupil; grantedByName: string }

export interface ShareKind {
  /** Of these ids, those that are records of this kind about the pupil at their school and may be shared. */
  shareable(db: Executor, pupil: SharePupil, ids: string[]): Promise<Set<string>>;
  /** How each record is named to the professional. */
  labels(db: Executor, ids: string[]): Promise<Map<string, string>>;
  /** A document kind: the file the professional downloads through an open share (audited by the reader). */
  read?(s: ShareContext, id: string): Promise<SharedFile>;
}

/** Shared reports cover the year up to the day they are read. */
export function sharedPeriod(deps: Deps): { from: string; to: string } {
  const to = londonToday(clockNow(deps));
  return { from: addDays(to, -364), to };
}

const thePupil: ShareKind['shareable'] = async (_db, pupil, ids) => new Set(ids.filter((id) => id === pupil.id));

async function pupilOf(s: ShareContext) {
  const found = await findPupil(s.deps.database.db, s.pupil.id);
  if (!found) throw notFound('record');
  return found;
}

export const SHARE_KINDS: Record<TAgencyRecordType, ShareKind> = {
  incident: {
    async shareable(db, pupil, ids) {
      if (!ids.length) return new Set();
      const rows = await db.select({ id: incidents.id }).from(incidents)
        .innerJoin(incidentPupils, and(eq(incidentPupils.incidentId, incidents.id), eq(incidentPupils.pupilId, pupil.id)))
        .where(and(inArray(incidents.id, ids), eq(incidents.siteId, pupil.siteId), ne(incidents.status, 'draft'), isNull(incidents.voidedAt)));
      return new Set(rows.map((r) => r.id));
    },
    async labels(db, ids) {
      if (!ids.length) return new Map();
      const rows = await db.select({ id: incidents.id, on: incidents.occurredOn }).from(incidents).where(inArray(incidents.id, ids));
      return new Map(rows.map((r) => [r.id, `Incident${r.on ? ` on ${formatUkDate(r.on)}` : ''}`]));
    },
  },
  pupil_summary: {
    shareable: thePupil,
    labels: async (_db, ids) => new Map(ids.map((id) => [id, 'Pupil summary (the last 12 months)'])),
    async read(s) {
      const { from, to } = sharedPeriod(s.deps);
      const { content, name } = await pupilSummaryContent(s.deps, await pupilOf(s), from, to, s.grantedByName, 'an agency working with the pupil');
      const pdf = await renderPdf({ content, info: { title: `Pupil summary: ${name}` } });
      await inTransaction(s.deps.database, s.ctx, async (_tx, audit) => {
        audit.record({ action: 'agency.record.read', entityType: 'pupil', entityId: s.pupil.id, siteId: s.pupil.siteId, details: { shareId: s.shareId, kind: 'pupil_summary', specialCategory: true, from, to } });
      });
      return { filename: `pupil-summary-${from}-to-${to}.pdf`, contentType: 'application/pdf', data: pdf };
    },
  },
  agency_report: {
    shareable: thePupil,
    labels: async (_db, ids) => new Map(ids.map((id) => [id, 'Agency report (the last 12 months)'])),
    async read(s) {
      const { from, to } = sharedPeriod(s.deps);
      const out = await renderAgencyReport(s.deps, s.ctx, await pupilOf(s), from, to, s.grantedByName, { shareId: s.shareId, via: 'agency_share' });
      return { filename: `agency-report-${from}-to-${to}.pdf`, contentType: 'application/pdf', data: out.pdf };
    },
  },
  professional_report: {
    async shareable(db, pupil, ids) {
      if (!ids.length) return new Set();
      const rows = await db.select({ id: professionalReports.id }).from(professionalReports)
        .where(and(inArray(professionalReports.id, ids), eq(professionalReports.pupilId, pupil.id), eq(professionalReports.siteId, pupil.siteId)));
      return new Set(rows.map((r) => r.id));
    },
    async labels(db, ids) {
      if (!ids.length) return new Map();
      const rows = await db.select({ id: professionalReports.id, on: professionalReports.reportDate, author: professionalReports.author }).from(professionalReports).where(inArray(professionalReports.id, ids));
      return new Map(rows.map((r) => [r.id, `Professional report by ${r.author}, ${formatUkDate(r.on)}`]));
    },
    async read(s, id) {
      const report = await findReport(s.deps.database.db, id);
      if (!report || report.p.pupilId !== s.pupil.id) throw notFound('record');
      return fileOf(s.deps, s.ctx, report, { shareId: s.shareId, via: 'agency_share' });
    },
  },
};
