/**
 * The senior leaders' weekly report (ANA-7): per site, the week's incidents, pupil involvements, quick events and
 * physical interventions beside the previous week's, and what is open now (review queue, overdue items).
 * `weeklyReportFrom(figures)` is pure: today the figures come from weekly.repo.ts; the analytics layer can supply
 * the same `WeeklyFigures` later without changing the report, the PDF or the email.
 */
import type { TWeeklyReport } from '@haven/contracts';
import type { Executor } from '../../core/db/client.ts';
import { addDays, formatUkDate } from '../../core/calendar/calendar.ts';
import { renderPdf, type Content } from '../../core/pdf/pdf.ts';
import { chartContent } from '../../core/pdf/chart.ts';
import { commentaryContent } from '../report-commentary/report-commentary.pdf.ts';
import type { WeeklyExtras } from './weekly.charts.ts';
import { REVIEW_OVERDUE_HOURS } from '../incidents/incidents.rules.ts';
import { change, shown } from './reports.rules.ts';
import { openNow, weekCounts, type RawSiteNow, type RawSiteWeek } from './weekly.repo.ts';
import { endAfterSchoolDays, pupilDaysSeries } from '../analytics/analytics.repo.ts';
import { periodSoFar, type Progress } from '../analytics/analytics.rules.ts';
import { londonToday } from '../../core/time.ts';
import { plural } from '../../core/text.ts';

export interface WeeklyFigures {
  weekStart: string; weekEnd: string; previousWeekStart: string;
  /** The last date of the week before that is compared (its Sunday, or as many school days as this week has had so far). */
  previousWeekEnd: string;
  progress: Progress;
  /** While the week is in progress: its school days so far (as many of the week before are compared); else null. */
  schoolDaysSoFar: number | null;
  sites: { week: RawSiteWeek; previous: RawSiteWeek; now: RawSiteNow }[];
}

/**
 * The week's figures. A week still in progress (SPEC §9) is counted to `today` and compared with the same number of
 * school days of the week before (dates that are a school day at one or more of the sites), up to the day before its
 * next school day; a finished week with the whole week before.
 */
export async function loadWeeklyFigures(db: Executor, siteIds: string[], weekStart: string, now: Date, today: string): Promise<WeeklyFigures> {
  const weekEnd = addDays(weekStart, 6);
  const previousWeekStart = addDays(weekStart, -7);
  const progress = periodSoFar(weekStart, weekEnd, today, 'week');
  const days = progress.inProgress ? (await pupilDaysSeries(db, 'all', { siteIds, from: weekStart, to: progress.figuresTo, filter: {}, rollup: false }))[0]?.schoolDays ?? 0 : null;
  const previousWeekEnd = days === null ? addDays(weekStart, -1) : await endAfterSchoolDays(db, siteIds, previousWeekStart, addDays(weekStart, -1), days);
  const [week, previous, open] = await Promise.all([
    weekCounts(db, siteIds, weekStart, progress.figuresTo),
    weekCounts(db, siteIds, previousWeekStart, previousWeekEnd),
    openNow(db, siteIds, new Date(now.getTime() - REVIEW_OVERDUE_HOURS * 3_600_000), today),
  ]);
  return {
    weekStart, weekEnd, previousWeekStart, previousWeekEnd, progress, schoolDaysSoFar: days,
    sites: week.map((w) => ({
      week: w, previous: previous.find((p) => p.siteId === w.siteId)!,
      now: open.find((o) => o.siteId === w.siteId) ?? { siteId: w.siteId, awaitingReview: 0, overdueReview: 0, overdueTasks: 0 },
    })),
  };
}

/** The report as shown to one reader: with `suppress` (a governor's copy), counts of 1 to 4 read "fewer than 5". */
export function weeklyReportFrom(f: WeeklyFigures, opts: { suppress: boolean; generatedAt: Date }): TWeeklyReport {
  const c = (n: number) => shown(n, opts.suppress);
  return {
    weekStart: f.weekStart, weekEnd: f.weekEnd, previousWeekStart: f.previousWeekStart, previousWeekEnd: f.previousWeekEnd, progress: f.progress, schoolDaysSoFar: f.schoolDaysSoFar,
    generatedAt: opts.generatedAt.toISOString(), suppressed: opts.suppress,
    sites: f.sites.map(({ week, previous, now }) => ({
      siteId: week.siteId, siteName: week.siteName,
      incidents: c(week.incidents), incidentsPrevious: c(previous.incidents),
      pupilInvolvements: c(week.pupilInvolvements), pupilInvolvementsPrevious: c(previous.pupilInvolvements),
      negativeEvents: c(week.negativeEvents), negativeEventsPrevious: c(previous.negativeEvents),
      positiveEvents: c(week.positiveEvents), positiveEventsPrevious: c(previous.positiveEvents),
      physicalInterventions: c(week.physicalInterventions), physicalInterventionsPrevious: c(previous.physicalInterventions),
      // minutes are withheld with their count (a rate or total built on a suppressed count is withheld)
      physicalInterventionMinutes: typeof c(week.physicalInterventions) === 'number' ? week.physicalInterventionMinutes : null,
      awaitingReview: c(now.awaitingReview), overdueReview: c(now.overdueReview), overdueTasks: c(now.overdueTasks),
    })),
  };
}

type Site = TWeeklyReport['sites'][number];
const ROWS: [string, (s: Site) => [Site[keyof Site], Site[keyof Site]] | [Site[keyof Site]]][] = [
  ['Incidents', (s) => [s.incidents, s.incidentsPrevious]],
  ['Pupil involvements in incidents', (s) => [s.pupilInvolvements, s.pupilInvolvementsPrevious]],
  ['Negative quick events', (s) => [s.negativeEvents, s.negativeEventsPrevious]],
  ['Positive quick events', (s) => [s.positiveEvents, s.positiveEventsPrevious]],
  ['Physical interventions', (s) => [s.physicalInterventions, s.physicalInterventionsPrevious]],
  ['Physical intervention minutes', (s) => [s.physicalInterventionMinutes ?? 'withheld']],
  ['Awaiting review now', (s) => [s.awaitingReview]],
  [`Waiting over ${REVIEW_OVERDUE_HOURS} hours for review`, (s) => [s.overdueReview]],
  ['Overdue tasks', (s) => [s.overdueTasks]],
];

function siteLines(s: Site): string[][] {
  return ROWS.map(([label, get]) => {
    const [now, before] = get(s);
    return before === undefined ? [label, String(now), '', ''] : [label, String(now), String(before), change(now as number, before as number)];
  });
}

export function weeklyTitle(r: TWeeklyReport): string {
  return `Weekly behaviour report: ${formatUkDate(r.weekStart)} to ${formatUkDate(r.weekEnd)}`;
}

const FOOTNOTE = 'Counts follow the definitions page in Haven: voided records and drafts never count; an incident is counted once, '
  + 'a pupil involvement once per pupil involved or instigating; quick events once per pupil. Weeks run Monday to Sunday (UK time).';

/** What this week is compared with, in words. */
export function comparedWith(r: TWeeklyReport): string {
  if (!r.progress.inProgress) return `Compared with the week from ${formatUkDate(r.previousWeekStart)}.`;
  return `Compared with the first ${plural(r.schoolDaysSoFar ?? 0, 'school day')} of the week before (${formatUkDate(r.previousWeekStart)} to ${formatUkDate(r.previousWeekEnd)}).`;
}

export async function weeklyPdf(r: TWeeklyReport, extras: WeeklyExtras): Promise<Buffer> {
  const content: Content[] = [
    { text: weeklyTitle(r), style: 'h1' },
    { text: `${comparedWith(r)} Open items as at ${formatUkDate(londonToday(new Date(r.generatedAt)))}.`, style: 'small' },
  ];
  if (r.progress.note) content.splice(1, 0, { text: r.progress.note, bold: true });
  if (r.suppressed) content.push({ text: 'Counts from 1 to 4 are shown as "fewer than 5" so that no pupil can be identified.', style: 'small' });
  for (const s of r.sites) {
    content.push({ text: s.siteName, style: 'h2' });
    content.push({ table: { headerRows: 1, widths: ['*', 70, 70, 70], body: [
      [{ text: '', style: 'tableHeader' }, { text: 'This week', style: 'tableHeader' }, { text: 'Week before', style: 'tableHeader' }, { text: 'Change', style: 'tableHeader' }],
      ...siteLines(s),
    ] }, layout: 'lightHorizontalLines' });
  }
  content.push(...commentaryContent(extras.commentary, 'The head\'s commentary'));
  if (extras.charts.length) content.push({ text: 'Incidents charted', style: 'h2' }, ...extras.charts.flatMap((c) => chartContent(c)));
  content.push({ text: FOOTNOTE, style: 'small', margin: [0, 12, 0, 0] });
  return renderPdf({ content, info: { title: weeklyTitle(r) } });
}

/** The short email body; the detail is in the attached PDF. */
export function weeklyEmailText(r: TWeeklyReport, publicUrl: string): string {
  const lines = [weeklyTitle(r), ...(r.progress.note ? [r.progress.note, comparedWith(r)] : []), ''];
  for (const s of r.sites) {
    lines.push(`${s.siteName}: ${s.incidents} incidents (${change(s.incidents, s.incidentsPrevious)} on the week before), `
      + `${s.physicalInterventions} physical interventions, ${s.awaitingReview} awaiting review (${s.overdueReview} overdue).`);
  }
  lines.push('', 'The full report is attached as a PDF.', '', `Change or stop this email: ${publicUrl}/reports/subscriptions`, '', FOOTNOTE);
  return lines.join('\n');
}
