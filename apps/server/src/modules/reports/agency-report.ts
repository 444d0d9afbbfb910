/**
 * The agency report (ANA-7): a PDF about one pupil for an agency — the pupil summary's sections, then the pupil's
 * referrals, meetings and professional reports. No free text is printed (referral reasons, meeting notes, agreed
 * actions and report titles may name other pupils); no sealed safeguarding facts or concerns are read. For roles
 * that read casework and behaviour at the pupil's site, or for an agency professional through an open share naming it.
 */
import { AGENCY_KIND_LABELS, MEETING_TYPE_LABELS, REFERRAL_STATUS_LABELS, type TAgencyKind, type TReferralStatus } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import { can, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { notFound } from '../../core/http/errors.ts';
import { formatUkDate } from '../../core/calendar/dates.ts';
import { renderPdf, type Content } from '../../core/pdf/pdf.ts';
import { findPupil } from '../pupils/pupils.repo.ts';
import { listMeetings, actionsOf } from '../meetings/meetings.repo.ts';
import { listReferrals, listReports } from '../referrals/referrals.repo.ts';
import { actionDone } from '../meetings/meetings.rules.ts';
import { checkPeriod, pupilSummaryContent, type FoundPupil } from './pupil-summary.ts';

const d = (iso: string | null) => (iso ? formatUkDate(iso) : '–');
const table = (widths: (string | number)[], head: string[], body: string[][]): Content => ({
  table: { headerRows: 1, widths, body: [head.map((h) => ({ text: h, style: 'tableHeader' })), ...body] }, layout: 'lightHorizontalLines',
});
const inPeriod = (iso: string | null, from: string, to: string) => iso !== null && iso >= from && iso <= to;

/** Renders the report; the caller has checked who may read it. `audit` says how it was reached (a share, or a lead). */
export async function renderAgencyReport(deps: Deps, ctx: AuditContext, found: FoundPupil, from: string, to: string, preparedBy: string, via: Record<string, unknown>) {
  checkPeriod(from, to);
  const db = deps.database.db;
  const p = found.pupil;
  const summary = await pupilSummaryContent(deps, found, from, to, preparedBy, 'an agency working with the pupil');
  const [referrals, meetings, reports] = await Promise.all([
    listReferrals(db, [p.siteId], { pupilId: p.id }), listMeetings(db, [p.siteId], { pupilId: p.id }), listReports(db, [p.siteId], { pupilId: p.id }),
  ]);
  const refs = referrals.filter((x) => inPeriod(x.r.madeOn, from, to) || (x.r.status !== 'closed' && x.r.status !== 'draft'))
    .filter((x) => x.r.status !== 'draft');
  const meets = meetings.filter((m) => inPeriod(m.date, from, to) && m.status !== 'cancelled');
  const actions = await actionsOf(db, meets.map((m) => m.id));
  const reps = reports.filter((x) => inPeriod(x.p.reportDate, from, to));
  const content: Content[] = [
    ...summary.content.slice(0, -1).map((c, i) => (i === 0 ? { text: `Agency report: ${summary.name}`, style: 'h1' } : c)),
    { text: 'Referrals to agencies', style: 'h2' },
    refs.length
      ? table(['*', 60, 70, 60, 60], ['Agency', 'Made', 'Status', 'Response expected', 'Responded'],
        refs.map((x) => [`${x.agencyName} (${AGENCY_KIND_LABELS[x.agencyKind as TAgencyKind] ?? x.agencyKind})`, d(x.r.madeOn),
          REFERRAL_STATUS_LABELS[x.r.status as TReferralStatus] ?? x.r.status, d(x.r.expectedResponseOn), d(x.r.respondedOn)]))
      : { text: 'None in this period.' },
    { text: 'Meetings', style: 'h2' },
    meets.length
      ? table([60, '*', 60, 90], ['Date', 'Meeting', 'Status', 'Agreed actions done'],
        meets.map((m) => {
          const mine = actions.filter((a) => a.meetingId === m.id);
          return [d(m.date), MEETING_TYPE_LABELS[m.type as keyof typeof MEETING_TYPE_LABELS] ?? m.type, m.status === 'held' ? 'Held' : 'Arranged',
            mine.length ? `${mine.filter((a) => actionDone(a.taskStatus)).length} of ${mine.length}` : 'None agreed'];
        }))
      : { text: 'None in this period.' },
    { text: 'Professional reports', style: 'h2' },
    reps.length
      ? table([60, 60, '*', '*'], ['Date', 'Received or sent', 'Agency', 'Author'],
        reps.map((x) => [d(x.p.reportDate), x.p.direction === 'received' ? 'Received' : 'Sent', x.agencyName ?? '–', x.p.author]))
      : { text: 'None in this period.' },
    { text: 'Counts follow the definitions page in Haven. Safeguarding records are not part of this report; free-text notes are not printed, as they may name other pupils.', style: 'small', margin: [0, 12, 0, 0] },
  ];
  const pdf = await renderPdf({ content, info: { title: `Agency report: ${summary.name}` } });
  await inTransaction(deps.database, ctx, async (_tx, audit) => {
    audit.record({ action: 'pupil.agency_report.read', entityType: 'pupil', entityId: p.id, siteId: p.siteId, details: { specialCategory: true, from, to, ...via } });
  });
  return { pdf, filename: `haven-agency-report-${p.upn}-${from}-to-${to}.pdf` };
}

export async function agencyReportPdf(deps: Deps, actor: Actor, ctx: AuditContext, pupilId: string, from: string, to: string) {
  const found = await findPupil(deps.database.db, pupilId);
  if (!found || !can(actor, 'behaviour.read', found.pupil) || !can(actor, 'casework.read', found.pupil)) throw notFound('pupil');
  return renderAgencyReport(deps, ctx, found, from, to, actor.displayName, {});
}
