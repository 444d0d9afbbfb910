/**
 * The child-protection file as a PDF (DAT-4): the pupil, the transfer (from, to, leaving date), the sealed facts, a
 * chronology of the safeguarding records, then each concern in full — what was seen and said, the child's words, the
 * action taken, body-map notes and the DSL's triage — and the list of documents in the pack. Rendered by core/pdf
 * (pdfmake). The PDF never leaves the server unencrypted: cp-transfer.pack.ts zips and encrypts it at once.
 */
import { SAFEGUARDING_CATEGORY_LABELS, SAFEGUARDING_STATUS_LABELS, TRIAGE_OUTCOME_LABELS, type TSafeguardingCategory, type TSafeguardingStatus, type TTriageOutcome } from '@haven/contracts';
import { renderPdf, type Content } from '../../core/pdf/pdf.ts';
import { formatUkDate } from '../../core/calendar/dates.ts';

const LONDON = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const at = (d: Date | string) => LONDON.format(new Date(d)).replace(',', '');

export interface PackConcern {
  id: string; raisedAt: Date | string; raisedByName: string; category: string; status: string;
  concern: string; childWords: string | null; actionTaken: string | null; bodyMap: unknown;
  triageOutcome: string | null; triageNotes: string | null; triagedAt: Date | string | null; triagedByName: string | null;
}

export interface PackDocument {
  pupil: { name: string; dateOfBirth: string; upn: string; yearGroup: number; childInNeed: boolean; childProtectionPlan: boolean };
  from: { school: string; dslName: string };
  to: { school: string; dslName: string; dslEmail: string };
  leavingDate: string;
  concerns: PackConcern[];
  includeChronology: boolean;
  files: { name: string; sizeBytes: number }[];
  reference: string;
  madeAt: Date;
}

const category = (c: string) => SAFEGUARDING_CATEGORY_LABELS[c as TSafeguardingCategory] ?? c;
const marks = (b: unknown) => (Array.isArray(b) ? b as { side: string; note: string }[] : []);

function field(label: string, value: string | null): Content[] {
  return value ? [{ text: label, style: 'h3', margin: [0, 6, 0, 2] }, { text: value }] : [];
}

function concernSection(c: PackConcern, n: number): Content[] {
  const outcome = c.triageOutcome ? TRIAGE_OUTCOME_LABELS[c.triageOutcome as TTriageOutcome] ?? c.triageOutcome : null;
  const bodyMap = marks(c.bodyMap);
  return [
    { text: `${n}. ${category(c.category)}, raised ${at(c.raisedAt)}`, style: 'h2', pageBreak: n === 1 ? 'before' : undefined },
    { text: `Raised by ${c.raisedByName}. Status: ${SAFEGUARDING_STATUS_LABELS[c.status as TSafeguardingStatus] ?? c.status}.`, style: 'small' },
    ...field('The concern', c.concern),
    ...field("The child's words", c.childWords),
    ...field('Action taken', c.actionTaken),
    ...(bodyMap.length ? [{ text: 'Body map', style: 'h3', margin: [0, 6, 0, 2] } as Content,
      { ul: bodyMap.map((m) => `${m.side === 'back' ? 'Back' : 'Front'}: ${m.note}`) } as Content] : []),
    ...(outcome || c.triageNotes ? [{ text: "The DSL's decision", style: 'h3', margin: [0, 6, 0, 2] } as Content,
      { text: [outcome ?? 'No decision recorded', c.triagedByName ? ` (${c.triagedByName}${c.triagedAt ? `, ${at(c.triagedAt)}` : ''})` : ''].join('') } as Content,
      ...(c.triageNotes ? [{ text: c.triageNotes } as Content] : [])] : []),
  ];
}

function chronology(d: PackDocument): Content[] {
  const events: { when: Date; text: string }[] = [];
  for (const c of d.concerns) {
    events.push({ when: new Date(c.raisedAt), text: `Concern raised (${category(c.category)}) by ${c.raisedByName}` });
    if (c.triagedAt) {
      const outcome = c.triageOutcome ? TRIAGE_OUTCOME_LABELS[c.triageOutcome as TTriageOutcome] ?? c.triageOutcome : 'decision recorded';
      events.push({ when: new Date(c.triagedAt), text: `DSL's decision: ${outcome}${c.triagedByName ? ` (${c.triagedByName})` : ''}` });
    }
  }
  events.sort((a, b) => a.when.getTime() - b.when.getTime());
  const header = [{ text: 'When', bold: true }, { text: 'What happened', bold: true }];
  return [
    { text: 'Chronology', style: 'h2' },
    events.length
      ? { table: { headerRows: 1, widths: [80, '*'], body: [header, ...events.map((e) => [at(e.when), e.text])] }, layout: 'lightHorizontalLines', fontSize: 9 }
      : { text: 'No safeguarding records are included.' },
  ];
}

export async function renderPackPdf(d: PackDocument): Promise<Buffer> {
  const title = `Child-protection file: ${d.pupil.name}`;
  const flags = [d.pupil.childProtectionPlan ? 'Subject to a child protection plan' : null, d.pupil.childInNeed ? 'Child in need' : null].filter(Boolean).join('; ');
  const content: Content[] = [
    { text: 'CONFIDENTIAL – CHILD PROTECTION. For the designated safeguarding lead only. Keep separately from the main pupil file.', bold: true, color: '#9b1c1c', margin: [0, 0, 0, 8] },
    { text: title, style: 'h1' },
    { table: { widths: [150, '*'], body: [
      ['Date of birth', formatUkDate(d.pupil.dateOfBirth)], ['UPN', d.pupil.upn], ['Year group', `Year ${d.pupil.yearGroup}`],
      ['Leaving date', formatUkDate(d.leavingDate)],
      ['From', `${d.from.school} (designated safeguarding lead: ${d.from.dslName})`],
      ['To', `${d.to.school} (designated safeguarding lead: ${d.to.dslName}, ${d.to.dslEmail})`],
      ['Safeguarding status', flags || 'No child protection plan or child in need status recorded'],
      ['Reference', d.reference],
    ] }, layout: 'lightHorizontalLines' },
    { text: `${d.concerns.length} safeguarding record${d.concerns.length === 1 ? '' : 's'} and ${d.files.length} document${d.files.length === 1 ? '' : 's'} are in this pack.`, margin: [0, 8, 0, 0] },
    ...(d.includeChronology ? chronology(d) : []),
    ...d.concerns.flatMap((c, i) => concernSection(c, i + 1)),
    ...(d.files.length ? [{ text: 'Documents in this pack (in the attachments folder)', style: 'h2' } as Content,
      { ul: d.files.map((f) => `${f.name} (${Math.max(1, Math.round(f.sizeBytes / 1024))} KB)`) } as Content] : []),
    { text: `Made ${at(d.madeAt)} by ${d.from.dslName}. Please confirm receipt to ${d.from.school} as soon as you have opened this file.`, style: 'small', margin: [0, 16, 0, 0] },
  ];
  return renderPdf({ content, info: { title, subject: 'Child-protection file transfer' } });
}
