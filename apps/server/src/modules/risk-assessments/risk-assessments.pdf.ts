/**
 * A pupil's risk assessment as a PDF (SUP-2): the hazards with who is at risk, the controls and the scores before and
 * after them, the 5 × 5 matrix coloured by rating with each hazard's place after controls marked, the overall rating,
 * the review date, the link to the behaviour support plan and the sign-off. Rendered by core/pdf (pdfmake).
 */
import {
  RISK_AT_RISK_LABELS, RISK_LIKELIHOOD_LABELS, RISK_RATING_COLOURS, RISK_RATING_LABELS, RISK_SEVERITY_LABELS, riskMatrix, type TRiskAssessment,
} from '@haven/contracts';
import { renderPdf, type Content } from '../../core/pdf/pdf.ts';

const LONDON = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const at = (iso: string) => LONDON.format(new Date(iso)).replace(',', '');
const ukDay = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
const STATUS = { draft: 'Draft', active: 'Active', superseded: 'Superseded' } as const;

/** The matrix: likelihood down the side (5 at the top), severity along the bottom; a cell lists the hazards (H1…) that sit there after controls. */
export function matrixTable(a: Pick<TRiskAssessment, 'hazards'>): Content {
  const marks = new Map<string, string[]>();
  a.hazards.forEach((h, n) => { const k = `${h.likelihoodAfter}:${h.severityAfter}`; marks.set(k, [...(marks.get(k) ?? []), `H${n + 1}`]); });
  const body = riskMatrix().map((row) => [
    { text: `${row.likelihood} ${RISK_LIKELIHOOD_LABELS[row.likelihood - 1]}`, style: 'small' },
    ...row.cells.map((c) => ({ text: [{ text: String(c.score), bold: true }, marks.get(`${row.likelihood}:${c.severity}`) ? `\n${marks.get(`${row.likelihood}:${c.severity}`)!.join(' ')}` : ''],
      fillColor: RISK_RATING_COLOURS[c.rating], alignment: 'center' as const, fontSize: 8 })),
  ]);
  body.push([{ text: 'Likelihood ↑ / Severity →', style: 'small' }, ...RISK_SEVERITY_LABELS.map((l, n) => ({ text: `${n + 1} ${l}`, style: 'small', alignment: 'center' as const }))] as never);
  return { table: { widths: [80, 60, 60, 60, 60, 60], body }, margin: [0, 4, 0, 4] };
}

export async function renderRiskAssessmentPdf(a: TRiskAssessment, c: { siteName: string; printedBy: string }): Promise<Buffer> {
  const title = `Risk assessment: ${a.pupil.displayName}`;
  const hazardRows = a.hazards.map((h, n) => [
    `H${n + 1}`, h.hazard, h.atRisk.map((p) => RISK_AT_RISK_LABELS[p]).join(', '),
    { text: `${h.likelihoodBefore} × ${h.severityBefore} = ${h.scoreBefore}\n${RISK_RATING_LABELS[h.ratingBefore]}`, fillColor: RISK_RATING_COLOURS[h.ratingBefore] },
    h.controls,
    { text: `${h.likelihoodAfter} × ${h.severityAfter} = ${h.scoreAfter}\n${RISK_RATING_LABELS[h.ratingAfter]}`, fillColor: RISK_RATING_COLOURS[h.ratingAfter] },
  ]);
  const header = ['', 'Hazard or behaviour', 'Who is at risk', 'Before controls (L × S)', 'Controls', 'After controls (L × S)'].map((t) => ({ text: t, bold: true }));
  const facts = [
    `Status: ${STATUS[a.status]} (version ${a.version})`,
    `Overall rating after controls: ${a.overallRating ? RISK_RATING_LABELS[a.overallRating] : 'no hazards recorded'}`,
    `Review by: ${ukDay(a.reviewDate)}${a.reviewDue ? ' (review due)' : ''}`,
    `Behaviour support plan: ${a.plan ? a.plan.label : 'not linked'}`,
    a.signedOff ? `Signed off by ${a.signedOff.name} on ${at(a.signedOff.at)}` : 'Not signed off',
    ...(a.activated ? [`Made active by ${a.activated.name} on ${at(a.activated.at)}`] : []),
  ];
  const content: Content[] = [
    { text: c.siteName, style: 'h2', margin: [0, 0, 0, 2] },
    { text: title, style: 'h1' },
    { text: a.title, bold: true, margin: [0, 0, 0, 4] },
    { ul: facts, margin: [0, 0, 0, 6] },
    ...(a.summary ? [{ text: a.summary, margin: [0, 0, 0, 6] } as Content] : []),
    { text: 'Hazards', style: 'h2' },
    a.hazards.length
      ? { table: { headerRows: 1, widths: [18, '*', 70, 70, '*', 70], body: [header, ...hazardRows] }, fontSize: 8 }
      : { text: 'No hazards recorded.' },
    { text: 'Risk matrix (score = likelihood × severity; H marks each hazard after controls)', style: 'h2' },
    matrixTable(a),
    { text: 'Ratings: 1–4 low, 5–9 medium, 10–16 high, 20–25 very high.', style: 'small' },
    { text: `Printed ${at(new Date().toISOString())} by ${c.printedBy}. Confidential: special-category information about a pupil.`, style: 'small', margin: [0, 16, 0, 0] },
  ];
  return renderPdf({ content, pageOrientation: 'landscape', info: { title, subject: title } });
}
