/**
 * A performance review as a PDF (STF-4): objectives with progress and outcomes, the mid-year and annual reviews with
 * both people's comments, the reviewer's observations, the evidence linked, and the two signatures (or that one is
 * still awaited). Printed by anyone who may read the review; the print is audited (performance-reviews.service).
 */
import { REVIEW_STAGE_LABELS, type TPerformanceReview } from '@haven/contracts';
import { renderPdf, type Content } from '../../core/pdf/pdf.ts';
import { formatUkDate } from '../../core/calendar/dates.ts';
import { londonToday } from '../../core/time.ts';

const NONE = 'Not recorded';
const day = (d: string | null) => (d ? formatUkDate(d) : NONE);
const signedOn = (at: string | null) => (at ? `Signed on ${formatUkDate(londonToday(new Date(at)))}` : 'Not yet signed');

const facts = (rows: [string, string][]): Content => ({
  table: { widths: [150, '*'], body: rows.map(([k, v]) => [{ text: k, bold: true }, { text: v }]) },
  layout: 'lightHorizontalLines',
});

export function reviewDocument(r: TPerformanceReview): Content[] {
  return [
    { text: `Performance review ${r.academicYear}`, style: 'h1' },
    facts([
      ['Member of staff', `${r.staff.name} (${r.staff.siteName})`], ['Reviewer', `${r.reviewer.name} (${r.reviewer.siteName})`],
      ['Stage', REVIEW_STAGE_LABELS[r.stage]],
    ]),
    { text: 'Objectives', style: 'h2' },
    ...(r.objectives.length ? r.objectives.map((o, n): Content => ({ stack: [
      { text: `${n + 1}. ${o.title}`, style: 'h3', margin: [0, 4, 0, 2] },
      facts([['How success is measured', o.successMeasure ?? NONE], ['Progress at mid-year', o.midYearProgress ?? NONE], ['Outcome at the annual review', o.annualOutcome ?? NONE]]),
    ] })) : [{ text: 'No objectives set.' }]),
    { text: 'Mid-year review', style: 'h2' },
    facts([['Meeting', day(r.midYearOn)], ["Reviewer's comments", r.midYearReviewerComment ?? NONE], ["Member of staff's comments", r.midYearRevieweeComment ?? NONE]]),
    { text: 'Annual review', style: 'h2' },
    facts([['Meeting', day(r.annualOn)], ["Reviewer's comments", r.annualReviewerComment ?? NONE], ["Member of staff's comments", r.annualRevieweeComment ?? NONE]]),
    { text: 'Observations by the reviewer', style: 'h2' },
    r.observations.length ? facts(r.observations.map((o) => [day(o.on), o.text])) : { text: 'None recorded.' },
    { text: 'Evidence', style: 'h2' },
    r.evidence.length ? { ul: r.evidence.map((e) => `${e.kind === 'certificate' ? 'Certificate' : 'Incident'}: ${e.label}${e.on ? ` — ${day(e.on)}` : ''}`) } : { text: 'None linked.' },
    { text: 'Sign-off', style: 'h2' },
    facts([[`Reviewer: ${r.reviewer.name}`, signedOn(r.reviewerSignedAt)], [`Member of staff: ${r.staff.name}`, signedOn(r.revieweeSignedAt)]]),
  ];
}

export async function reviewPdf(r: TPerformanceReview): Promise<{ pdf: Buffer; filename: string }> {
  const pdf = await renderPdf({
    content: reviewDocument(r), info: { title: `Performance review ${r.academicYear}: ${r.staff.name}` },
    footer: (page: number, pages: number) => ({ text: `Personnel record — confidential. Page ${page} of ${pages}`, style: 'small', alignment: 'center', margin: [0, 20, 0, 0] }),
  });
  const slug = `${r.staff.name}-${r.academicYear}`.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return { pdf, filename: `performance-review-${slug}.pdf` };
}
