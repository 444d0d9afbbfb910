/**
 * A pupil's chronology as a PDF (issue 13 #8, SUP-6): one row a record of every kind, newest first — when, what (the
 * category, points or severity, the pupil's role in an incident, a physical intervention, a detention, a suspension…), where, the note, who recorded it and the
 * record's state — under a heading that states the filters, so a printout never passes for the whole record when it
 * is not. Rendered by core/pdf (pdfmake).
 */
import { CHRONOLOGY_KIND_LABELS, CHRONOLOGY_KINDS, INCIDENT_STATUS_LABELS, type TChronologyItem, type TChronologyKind, type TChronologyPdfQuery } from '@haven/contracts';
import { renderPdf, type Content } from '../../core/pdf/pdf.ts';

const LONDON = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const at = (iso: string) => LONDON.format(new Date(iso)).replace(',', '');
const ukDay = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
const ROLES: Record<string, string> = { involved: 'involved', instigator: 'instigator', affected: 'affected', witness: 'witness' };

/** What the printout covers, in words. */
export function chronologyScope(q: TChronologyPdfQuery, visibility: 'all' | 'own'): string {
  const period = q.from && q.to ? `from ${ukDay(q.from)} to ${ukDay(q.to)}` : q.from ? `from ${ukDay(q.from)}` : q.to ? `up to ${ukDay(q.to)}` : 'all dates';
  const asked = (q.kinds ?? CHRONOLOGY_KINDS.join(',')).split(',').map((k) => k.trim()) as TChronologyKind[];
  const kinds = q.keyEvents ? 'key events only (serious incidents, physical interventions, suspensions and exclusions, placements, plans made active, referrals)'
    : asked.length === CHRONOLOGY_KINDS.length ? 'every kind of record' : asked.map((k) => CHRONOLOGY_KIND_LABELS[k]?.toLowerCase() ?? k).join(', ');
  return `${kinds}, ${period}${q.includeVoided ? ', voided records included' : ''}${visibility === 'own' ? '; only the records you made' : ''}.`;
}

export function chronologyRow(i: TChronologyItem): string[] {
  if (i.kind !== 'event' && i.kind !== 'incident') {
    return [at(i.occurredAt), i.title, '', i.detail ?? '', i.recordedBy?.name ?? '', i.status ?? ''];
  }
  const state = i.voided ? `Voided${i.voidReason ? `: ${i.voidReason}` : ''}` : i.kind === 'incident' ? INCIDENT_STATUS_LABELS[i.status] : '';
  if (i.kind === 'event') {
    const where = [i.locationLabel, i.periodLabel].filter(Boolean).join(', ');
    return [at(i.occurredAt), `${i.category.name} (${i.points > 0 ? '+' : ''}${i.points})`, where, i.note ?? '', i.recordedBy.name, state];
  }
  const what = `Incident: ${i.categories.map((c) => c.name).join(', ') || 'no category'}${i.severity !== null ? `, severity ${i.severity}` : ''}`
    + `; ${ROLES[i.role] ?? i.role}${i.physicalIntervention ? '; physical intervention' : ''}${i.serious ? '; serious' : ''}`;
  return [at(i.occurredAt), what, '', '', i.recordedBy.name, state];
}

export async function renderChronologyPdf(c: {
  pupil: { name: string; yearGroup: number; siteName: string };
  items: TChronologyItem[];
  filters: TChronologyPdfQuery;
  visibility: 'all' | 'own';
  printedBy: string;
}): Promise<Buffer> {
  const title = `Chronology: ${c.pupil.name}`;
  const header = ['When', 'What', 'Where', 'Note', 'Recorded by', 'State'].map((t) => ({ text: t, bold: true }));
  const content: Content[] = [
    { text: c.pupil.siteName, style: 'h2', margin: [0, 0, 0, 2] },
    { text: title, style: 'h1' },
    { text: `Year ${c.pupil.yearGroup}. ${c.items.length} record${c.items.length === 1 ? '' : 's'}: ${chronologyScope(c.filters, c.visibility)}`, margin: [0, 0, 0, 8] },
    c.items.length
      ? { table: { headerRows: 1, widths: [62, '*', 70, '*', 70, 55], body: [header, ...c.items.map(chronologyRow)] }, layout: 'lightHorizontalLines', fontSize: 8 }
      : { text: 'No records match these filters.' },
    { text: `Printed ${at(new Date().toISOString())} by ${c.printedBy}. Confidential: a pupil record. Safeguarding concerns are kept separately and are not included.`, style: 'small', margin: [0, 16, 0, 0] },
  ];
  return renderPdf({ content, pageOrientation: 'landscape', info: { title, subject: title } });
}
