/** The governors' termly report as a PDF (ANA-7): counts only, 1–4 as "fewer than 5", rates on them withheld. */
import { GROUP_MEASURE_LABELS, type TExclusionStats, type TFigure, type TGroupComparison } from '@haven/contracts';
import type { ChartSpec } from '@haven/contracts/charts';
import { renderPdf, type Content } from '../../core/pdf/pdf.ts';
import { chartContent } from '../../core/pdf/chart.ts';
import { commentaryContent, type Commentary } from '../report-commentary/report-commentary.pdf.ts';
import type { PiSummary } from '../intervention-analytics/intervention-analytics.rules.ts';
import type { QualitySummary } from '../record-quality/record-quality.rules.ts';
import { behaviourTable, FEWER_THAN_5, interventionTable, qualityTable, rateText, shown, WITHHELD, type PeriodCounts } from './governors.rules.ts';
import type { TermRow } from './governors.repo.ts';
import type { Progress } from '../analytics/analytics.rules.ts';
import { plural } from '../../core/text.ts';

export interface GovernorsReport {
  trustName: string; sites: string[]; wholeTrust: boolean; term: TermRow; previousTerm: TermRow | null; generatedOn: string;
  /** How far the term is counted (to today while it is in progress), and the last date of the term before compared with it. */
  progress: Progress; previousTo: string | null;
  current: PeriodCounts; previous: PeriodCounts | null; interventions: PiSummary; quality: QualitySummary;
  exclusions: TExclusionStats;
  groups: Record<'inv' | 'detention' | 'isolation' | 'suspension', TGroupComparison['rows']>;
  /** The dashboard's charts of the term (contracts/charts), as the web app draws them. */
  charts: ChartSpec[];
  /** The head's commentary for the term, per site covered (text null: none written yet). */
  commentary: Commentary[];
}

const ukDate = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
const fig = (f: TFigure) => (f.suppressed ? FEWER_THAN_5 : (f.count ?? 0).toLocaleString('en-GB'));
const der = (d: { value: number | null; note: string | null }, digits = 2) => (d.note === 'withheld' ? WITHHELD : d.value === null ? 'n/a' : d.value.toFixed(digits));

function table(header: string[], body: string[][], widths?: (string | number)[]): Content {
  return {
    table: { headerRows: 1, widths: widths ?? header.map((_, i) => (i === 0 ? '*' : 'auto')), body: [header.map((text) => ({ text, style: 'tableHeader' })), ...body] },
    layout: 'lightHorizontalLines', fontSize: 9, margin: [0, 2, 0, 8],
  };
}

function exclusionsSection(e: TExclusionStats, col: string): Content[] {
  return [
    { text: '5. Suspensions and permanent exclusions', style: 'h2' },
    table(['Figure', col], [
      ['Suspensions (including lunchtime)', fig(e.suspensions)], ['of which lunchtime', fig(e.lunchtime)], ['Permanent exclusions', fig(e.permanent)],
      ['Days lost to suspension (sessions ÷ 2)', e.daysLost.note === 'withheld' ? WITHHELD : String(e.daysLost.value ?? 0)],
      ['Pupils suspended', fig(e.pupilsSuspended)], ['Pupils suspended twice or more', fig(e.repeatPupils)],
      [`Pupils at 35 or more days in ${e.academicYear.startDate.slice(0, 4)}/${e.academicYear.endDate.slice(2, 4)}`, fig(e.pupilsAt35)],
      ['Pupils on roll (headcount)', e.headcount.toLocaleString('en-GB')],
    ]),
    table(['DfE rate (per 100 pupils on roll)', `Ours, ${col.toLowerCase()}`], [['Suspension rate', der(e.suspensionRate)], ['Permanent exclusion rate', der(e.permanentRate)]]),
    table(['England (state-funded schools)', 'Year', 'Rate', 'Source'], e.national.map((n) => [n.measure === 'suspension' ? 'Suspension rate' : 'Permanent exclusion rate', n.year, n.rate.toFixed(2), n.source]), ['*', 'auto', 'auto', '*']),
    { text: 'England\'s rates are for a whole academic year; a term\'s rate is lower by roughly the share of the year it covers.', style: 'small' },
    ...(e.reasons.length ? [table(['Reason (census code)', 'Suspensions', 'Permanent'], e.reasons.map((r) => [`${r.label} (${r.code})`, fig(r.suspensions), fig(r.permanent)]))] : []),
  ];
}

function groupsSection(g: GovernorsReport['groups']): Content[] {
  const rows = g.inv.filter((r) => !r.group.startsWith('ethnicity:')).map((r) => {
    const of = (m: keyof GovernorsReport['groups']) => g[m].find((x) => x.group === r.group)!;
    return [r.label, fig(r.pupils), der(r.rateRatio), der(of('detention').rateRatio), der(of('isolation').rateRatio), der(of('suspension').rateRatio), der(of('suspension').riskRatio)];
  });
  return [
    { text: '6. Pupil groups (disproportionality)', style: 'h2' },
    { text: 'Rate ratio: the group\'s rate per pupil-day ÷ everyone else\'s (1.00 = the same). Risk ratio: the share of the group\'s pupils with at least one ÷ everyone else\'s.', style: 'small' },
    table(['Group', 'Pupils', `${GROUP_MEASURE_LABELS.inv}: rate ratio`, 'Detentions: rate ratio', 'Isolations: rate ratio', 'Suspensions: rate ratio', 'Suspensions: risk ratio'], rows),
  ];
}

const DEFINITIONS = [
  'School day: a weekday in a term of the school\'s calendar that is not a closure day. Pupil-days: the sum over the school days of the pupils on roll that day.',
  'Rate per 100 pupils per school day = count ÷ pupil-days × 100. Incidents count incident records; involvements count pupils involved or instigating; voided and draft records never count.',
  'Days lost = suspended sessions ÷ 2 (a lunchtime suspension is one session). Cancelled suspensions never count. DfE rates = count ÷ pupils on roll (headcount) × 100.',
  `Suppression: every count from 1 to 4 is shown as "${FEWER_THAN_5}", and any rate or ratio built on such a count is "${WITHHELD}". "n/a": the ratio has no denominator.`,
  'Signed off within 48 hours = sign-off time − first submission time ≤ 48 clock hours. Physical intervention duration = end − start in whole minutes. A debrief counts once its recorded time has passed.',
  'Physical interventions and record quality use the same definitions as the dashboards (Behaviour analysis: Physical interventions and Record quality tabs).',
  'A term still in progress is counted from its first day to the day the report is produced (records and pupil-days alike), and compared with the same number of school days of the term before.',
];

/** The term and what it is compared with, in words: a term in progress is compared with as many school days of the one before. */
function periodLines(r: GovernorsReport): { heading: string; days: string; thisTerm: string; lastTerm: string } {
  const cur = r.current;
  const prev = r.previousTerm;
  const p = r.previous;
  const span = `${r.term.name}: ${ukDate(r.term.startDate)} to ${ukDate(r.term.endDate)}.`;
  if (!r.progress.inProgress) {
    return {
      heading: `${span} Compared with ${prev ? `${prev.name} (${ukDate(prev.startDate)} to ${ukDate(prev.endDate)})` : 'no earlier term'}.`,
      days: `${plural(cur.schoolDays, 'school day')}, ${cur.pupilDays.toLocaleString('en-GB')} pupil-days this term${p ? `; ${plural(p.schoolDays, 'school day')}, ${p.pupilDays.toLocaleString('en-GB')} pupil-days last term` : ''}.`,
      thisTerm: 'This term', lastTerm: 'Last term',
    };
  }
  const first = p && prev && r.previousTo ? `the ${p.schoolDays < cur.schoolDays ? plural(p.schoolDays, 'school day') : `first ${plural(p.schoolDays, 'school day')}`} of ${prev.name} (${ukDate(prev.startDate)} to ${ukDate(r.previousTo)})` : null;
  return {
    heading: `${span} ${r.progress.note} Compared with ${first ?? 'no earlier term'}.`,
    days: `${plural(cur.schoolDays, 'school day')}, ${cur.pupilDays.toLocaleString('en-GB')} pupil-days this term so far${first && p ? `; ${first}: ${p.pupilDays.toLocaleString('en-GB')} pupil-days` : ''}.`,
    thisTerm: 'This term so far', lastTerm: 'Last term, same school days',
  };
}

export function reportContent(r: GovernorsReport): Content[] {
  const where = r.wholeTrust ? `${r.trustName}: the whole trust` : `${r.trustName}: ${r.sites.join(', ')}`;
  const cur = r.current;
  const pos = cur.counts.pos ?? 0;
  const neg = cur.counts.neg ?? 0;
  const lines = periodLines(r);
  const col = r.progress.inProgress ? 'This term so far' : 'This term';
  return [
    { text: 'Governors\' termly behaviour report', style: 'h1' },
    { text: where },
    { text: lines.heading },
    { text: `Produced on ${ukDate(r.generatedOn)}. No pupil is named or identified in this report.`, style: 'small' },
    ...commentaryContent(r.commentary, 'The head\'s commentary'),
    { text: '1. Behaviour over the term', style: 'h2' },
    { text: lines.days },
    table(['Measure', lines.thisTerm, 'Per 100 pupils per day', lines.lastTerm, 'Per 100 pupils per day'], behaviourTable(cur, r.previous)),
    ...r.charts.flatMap((c) => chartContent(c)),
    { text: '2. Positive and negative', style: 'h2' },
    table(['Figure', col], [['Positive points', shown(pos)], ['Negative behaviour points', shown(neg)], ['Positive points for each negative', rateText(neg ? pos / neg : null, [pos, neg])]]),
    { text: '3. Physical interventions', style: 'h2' },
    table(['Figure', col], interventionTable(r.interventions)),
    { text: '4. Record quality', style: 'h2' },
    table(['Figure', col], qualityTable(r.quality)),
    ...exclusionsSection(r.exclusions, col),
    ...groupsSection(r.groups),
    { text: 'Definitions', style: 'h2' },
    { ul: DEFINITIONS, style: 'small' },
  ];
}

export async function renderGovernorsReport(r: GovernorsReport): Promise<Buffer> {
  return renderPdf({
    info: { title: `Governors' termly behaviour report: ${r.term.name}` },
    footer: (page: number, pages: number) => ({ text: `Governors' report, ${r.term.name}. Page ${page} of ${pages}.`, style: 'small', alignment: 'center', margin: [0, 20, 0, 0] }),
    content: reportContent(r),
  });
}
