/**
 * "Plan on a page" (SUP-1): the behaviour support plan as one A4 page to pin in a staff room or read before a lesson.
 * Two columns — who the pupil is and what to look for; what helps, what to avoid and what to do in a crisis — then the
 * targets and voices, and the signatures. It must stay on one page: when the plan is long the text is set smaller,
 * and as a last resort long sections are shortened with a pointer to the whole plan in Haven.
 */
import { ACK_METHOD_LABELS, PLAN_STATUS_LABELS, type TPlan } from '@haven/contracts';
import { renderPdf, type Content } from '../../core/pdf/pdf.ts';

const ukDay = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
const LONDON_DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: '2-digit', month: '2-digit', year: 'numeric' });
const day = (iso: string) => LONDON_DAY.format(new Date(iso));

/** Attempts from roomy to tight: font size, and how much of each section is kept (characters, list points). */
const FITS = [
  { size: 9, chars: 100_000, items: 100 },
  { size: 8, chars: 100_000, items: 100 },
  { size: 7, chars: 600, items: 8 },
  { size: 6.5, chars: 300, items: 5 },
  { size: 6, chars: 160, items: 3 },
] as const;

const MORE = ' … (see the full plan in Haven)';

function clip(text: string, chars: number): string { return text.length > chars ? `${text.slice(0, chars).trimEnd()}${MORE}` : text; }

function section(plan: TPlan, key: string, body: Content | null, colour: string): Content[] {
  const heading = plan.wording[key]?.heading ?? key;
  return [
    { text: heading, bold: true, color: colour, margin: [0, 5, 0, 1] },
    body ?? { text: 'Not written yet.', italics: true, color: '#666666' },
  ];
}

function textBody(text: string, chars: number): Content | null { return text.trim() ? { text: clip(text, chars) } : null; }
function listBody(items: readonly string[], fit: { chars: number; items: number }): Content | null {
  if (!items.length) return null;
  const kept = items.slice(0, fit.items).map((i) => clip(i, fit.chars));
  if (items.length > fit.items) kept.push(`and ${items.length - fit.items} more${MORE}`);
  return { ul: kept, margin: [0, 0, 0, 0] };
}

export function planPageContent(plan: TPlan, meta: { siteName: string; yearGroup: number; printedBy: string }, fit: typeof FITS[number]): Content[] {
  const f = plan.fields;
  const t = (key: keyof TPlan['fields'], colour: string) => section(plan, key, textBody(String(f[key] ?? ''), fit.chars), colour);
  const l = (key: keyof TPlan['fields'], colour: string) => section(plan, key, listBody(f[key] as string[], fit), colour);
  const holds = f.approvedHolds.length
    ? { ul: f.approvedHolds.map((c) => plan.holdLabels[c] ?? c) }
    : { text: 'No physical intervention is approved for this pupil.', bold: true };
  const left: Content[] = [
    ...t('aboutStrengths', '#1b5e20'), ...t('aboutInterests', '#1b5e20'), ...t('aboutCommunication', '#1b5e20'),
    ...t('perceivedFunction', '#0d47a1'), ...l('triggers', '#b71c1c'), ...l('earlyWarningSigns', '#e65100'),
  ];
  const right: Content[] = [
    ...l('proactiveStrategies', '#1b5e20'), ...l('deescalationStrategies', '#1b5e20'), ...l('whatToAvoid', '#b71c1c'),
    ...t('reactiveStrategies', '#b71c1c'), ...section(plan, 'approvedHolds', holds, '#b71c1c'), ...t('recoverySupport', '#0d47a1'),
  ];
  const sig = plan.signature ? `Signed by ${plan.signature.byName} on ${day(plan.signature.at)}${plan.signature.current ? '' : ' (an earlier version)'}.` : 'Not yet signed by its author.';
  const ack = plan.acknowledgements[0];
  const ackText = ack ? `Acknowledged by ${ack.contactName}${ack.relationship ? ` (${ack.relationship})` : ''} on ${day(ack.acknowledgedAt)}, ${ACK_METHOD_LABELS[ack.method as keyof typeof ACK_METHOD_LABELS]?.toLowerCase() ?? ack.method}.`
    : 'Not yet acknowledged by a parent or carer.';
  const facts = [
    `Year ${meta.yearGroup}`, meta.siteName, `${PLAN_STATUS_LABELS[plan.status]} plan, version ${plan.version}`,
    plan.ownerName ? `owner ${plan.ownerName}` : null, plan.reviewDate ? `review by ${ukDay(plan.reviewDate)}` : null,
  ].filter(Boolean).join(' · ');
  return [
    { text: `Plan on a page: ${plan.pupil.displayName}`, style: 'h1', margin: [0, 0, 0, 2] },
    { text: facts, margin: [0, 0, 0, 4] },
    { columns: [{ width: '*', stack: left }, { width: '*', stack: right }], columnGap: 14 },
    { columns: [
      { width: '*', stack: l('targets', '#0d47a1') },
      { width: '*', stack: t('pupilVoice', '#0d47a1') },
      { width: '*', stack: t('parentVoice', '#0d47a1') },
    ], columnGap: 10 },
    { text: `${sig} ${ackText}`, margin: [0, 8, 0, 0] },
    { text: `Printed on ${day(new Date().toISOString())} by ${meta.printedBy}. Confidential: special-category information about a child. Use only the holds listed, and only as a last resort.`, style: 'small', margin: [0, 4, 0, 0] },
  ];
}

/** Pages in a pdfmake document (each page object is "/Type /Page"). */
export function pageCount(pdf: Buffer): number { return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length; }

export async function renderPlanOnAPage(plan: TPlan, meta: { siteName: string; yearGroup: number; printedBy: string }): Promise<Buffer> {
  const title = `Plan on a page: ${plan.pupil.displayName}`;
  let pdf: Buffer | null = null;
  for (const fit of FITS) {
    pdf = await renderPdf({ content: planPageContent(plan, meta, fit), pageMargins: [28, 28, 28, 28], defaultStyle: { font: 'Roboto', fontSize: fit.size, lineHeight: 1.15 },
      styles: { h1: { fontSize: fit.size + 7, bold: true }, small: { fontSize: fit.size - 1.5, color: '#444444' } }, info: { title, subject: title } });
    if (pageCount(pdf) === 1) return pdf;
  }
  return pdf!;
}
