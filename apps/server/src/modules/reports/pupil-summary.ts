/**
 * The pupil summary PDF (ANA-7) for an EHCP annual review or a looked-after review: for roles that read behaviour
 * records at the pupil's site (404 otherwise, as for a pupil that does not exist); the read is audited as a read of
 * the pupil's record. Never holds sealed safeguarding facts (child in need, child protection plan) or concerns,
 * and no incident free text (it may name other pupils).
 */
import { PRIMARY_NEED_LABELS, SEN_STATUS_LABELS, type TPupilProfile } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import { can, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { fieldError, notFound } from '../../core/http/errors.ts';
import { daysBetween, formatUkDate } from '../../core/calendar/calendar.ts';
import { renderPdf, type Content } from '../../core/pdf/pdf.ts';
import { findPupil } from '../pupils/pupils.repo.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import * as repo from './pupil-summary.repo.ts';
import { median } from './reports.rules.ts';

const ROLE_WORDS: Record<string, string> = { involved: 'Involved', instigator: 'Instigator', affected: 'Affected', witness: 'Witness' };
const MAX_DAYS = 3 * 366;

const yesNo = (b: boolean) => (b ? 'Yes' : 'No');
const yearWord = (y: number) => (y === 0 ? 'Reception' : y < 0 ? 'Nursery' : `Year ${y}`);
const table = (widths: (string | number)[], head: string[], body: string[][]): Content => ({
  table: { headerRows: 1, widths, body: [head.map((h) => ({ text: h, style: 'tableHeader' })), ...body] }, layout: 'lightHorizontalLines',
});

export type FoundPupil = NonNullable<Awaited<ReturnType<typeof findPupil>>>;

export function checkPeriod(from: string, to: string): void {
  if (to < from) throw fieldError('to', 'The last day must not be before the first day.');
  if (daysBetween(from, to) > MAX_DAYS) throw fieldError('to', 'A summary covers at most three years.');
}

/**
 * The summary's sections for a pupil and period, with no permission check: callers check (behaviour.read at the
 * pupil's site, or an open agency share naming it) and audit. `purpose` completes "Prepared … by … for …".
 */
export async function pupilSummaryContent(deps: Deps, found: FoundPupil, from: string, to: string, preparedBy: string, purpose: string) {
  const db = deps.database.db;
  const p = found.pupil;
  const [points, incidents, pis, trend, categories] = await Promise.all([
    repo.points(db, p.id, from, to), repo.signedOffIncidents(db, p.id, from, to), repo.physicalInterventions(db, p.id, from, to),
    repo.halfTermTrend(db, p, from, to), repo.categoryNames(db, p.trustId, p.siteId),
  ]);
  const name = displayName(p);
  const pos = points.find((r) => r.polarity === 'positive') ?? { events: 0, points: 0 };
  const neg = points.find((r) => r.polarity === 'negative') ?? { events: 0, points: 0 };
  const minutes = pis.map((x) => x.durationMinutes).filter((m): m is number => m !== null);
  const content: Content[] = [
    { text: `Pupil summary: ${name}`, style: 'h1' },
    { text: `${formatUkDate(from)} to ${formatUkDate(to)}. Prepared ${formatUkDate(new Date().toISOString().slice(0, 10))} by ${preparedBy} for ${purpose}. Confidential: share only with people entitled to see it.`, style: 'small' },
    { text: 'About the pupil', style: 'h2' },
    table(['*', '*'], ['', ''], [
      ['Name', name], ['Legal name', `${p.legalForename} ${p.legalSurname}`], ['Date of birth', formatUkDate(p.dateOfBirth)],
      ['Year group', yearWord(p.yearGroup)], ['School', found.siteName], ['UPN', p.upn],
      ['SEN', `${SEN_STATUS_LABELS[p.senStatus as TPupilProfile['senStatus']] ?? p.senStatus}${p.primaryNeed ? ` (${PRIMARY_NEED_LABELS[p.primaryNeed as keyof typeof PRIMARY_NEED_LABELS] ?? p.primaryNeed})` : ''}`],
      ['Looked after', yesNo(p.lookedAfter)], ['Previously looked after', yesNo(p.previouslyLookedAfter)],
      ['Pupil premium', yesNo(p.pupilPremium)], ['Free school meals', yesNo(p.fsm)], ['English as an additional language', yesNo(p.eal)],
    ]),
    { text: 'Behaviour points', style: 'h2' },
    table(['*', 80, 80], ['', 'Events', 'Points'], [
      ['Positive', String(pos.events), String(pos.points)], ['Negative', String(neg.events), String(neg.points)],
    ]),
    { text: 'Trend by half-term', style: 'h2' },
    trend.length
      ? table(['*', 70, 70, 70], ['Half-term', 'Incidents', 'Negative events', 'Positive events'],
        trend.map((t) => [`${t.name} (${formatUkDate(t.startDate)} to ${formatUkDate(t.endDate)})`, String(t.incidents), String(t.negative), String(t.positive)]))
      : { text: 'No half-terms of the school calendar fall in this period.' },
    { text: 'Physical interventions', style: 'h2' },
    pis.length
      ? table(['*', '*'], ['', ''], [
        ['Number', String(pis.length)], ['Total minutes', String(minutes.reduce((a, b) => a + b, 0))],
        ['Median minutes', median(minutes) === null ? '–' : String(median(minutes))], ['Pupil injured', String(pis.filter((x) => x.pupilInjured).length)],
        ['Pupil debriefed', `${pis.filter((x) => x.pupilDebriefed).length} of ${pis.length}`], ['Parent informed', `${pis.filter((x) => x.parentInformed).length} of ${pis.length}`],
      ])
      : { text: 'None recorded in this period.' },
    { text: `Incidents (signed off): ${incidents.length}`, style: 'h2' },
    incidents.length
      ? table([60, 60, '*', 45, 45], ['Date', 'Role', 'What', 'Severity', 'Physical intervention'],
        incidents.map((i) => [formatUkDate(i.occurredOn), ROLE_WORDS[i.role] ?? i.role,
          `${i.categoryCodes.map((c) => categories.get(c) ?? c).join(', ') || '–'}${i.location ? ` (${i.location})` : ''}`,
          i.severity === null ? '–' : String(i.severity), yesNo(i.physicalIntervention)]))
      : { text: 'None signed off in this period.' },
    { text: 'Counts follow the definitions page in Haven: voided records and drafts never count; trend incidents count those the pupil was involved in or instigated. Safeguarding records are not part of this summary.', style: 'small', margin: [0, 12, 0, 0] },
  ];
  return { content, name, incidents: incidents.length };
}

export async function pupilSummaryPdf(deps: Deps, actor: Actor, ctx: AuditContext, pupilId: string, from: string, to: string): Promise<{ pdf: Buffer; filename: string }> {
  checkPeriod(from, to);
  const found = await findPupil(deps.database.db, pupilId);
  if (!found || !can(actor, 'behaviour.read', found.pupil)) throw notFound('pupil');
  const p = found.pupil;
  const { content, name, incidents } = await pupilSummaryContent(deps, found, from, to, actor.displayName, 'a review meeting');
  const pdf = await renderPdf({ content, info: { title: `Pupil summary: ${name}` } });
  await inTransaction(deps.database, ctx, async (_tx, audit) => {
    audit.record({ action: 'pupil.summary.read', entityType: 'pupil', entityId: p.id, siteId: p.siteId, details: { specialCategory: true, from, to, incidents } });
  });
  return { pdf, filename: `haven-pupil-summary-${p.upn}-${from}-to-${to}.pdf` };
}
