/**
 * The released subject access response as a readable PDF (core/pdf, pdfmake): the request, then each kind of record
 * with every released record's fields, then what was withheld (how many, of which kinds — not what). A record is one
 * block of text, not a table: a response can run to thousands of records and tables cost far more to lay out.
 */
import { renderPdf, type Content } from '../../core/pdf/pdf.ts';
import { SAR_REQUESTER_KIND_LABELS, type TSarRequesterKind } from '@haven/contracts';
import type { RedactedRecord } from './subject-access.redact.ts';

export interface ReleaseSection { kind: string; label: string; sealed: boolean; records: RedactedRecord[] }
export interface ReleaseDocument {
  siteName: string;
  pupilName: string;
  requesterKind: TSarRequesterKind;
  requesterName: string;
  receivedOn: string;
  dueOn: string;
  releasedOn: string;
  releasedBy: string;
  sections: ReleaseSection[];
  withheld: { label: string; count: number }[];
  redactStaff: boolean;
}

export const ukDay = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
const LONDON = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
export const when = (at: string | null) => (at === null ? '' : /^\d{4}-\d{2}-\d{2}$/.test(at) ? ukDay(at) : LONDON.format(new Date(at)).replace(',', ''));

const ID_ONLY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(; [0-9a-f-]{36})*$/i;

/** A record as two runs of text: its title, then a line a field. Internal ids (not people or places) stay in the archive only. */
function recordBlock(r: RedactedRecord): Content {
  const lines = r.fields.filter((f) => f.name !== 'id' && !ID_ONLY.test(f.value)).map((f) => `${f.label}: ${f.value}`);
  return { text: [{ text: `${r.title}${r.at ? ` — ${when(r.at)}` : ''}\n`, bold: true }, lines.join('\n')], margin: [0, 0, 0, 6], fontSize: 8 } as Content;
}

export async function renderReleasePdf(d: ReleaseDocument): Promise<Buffer> {
  const title = `Subject access request: ${d.pupilName}`;
  const total = d.sections.reduce((n, s) => n + s.records.length, 0);
  const content: Content[] = [
    { text: d.siteName, style: 'h2', margin: [0, 0, 0, 2] },
    { text: title, style: 'h1' },
    { text: `Asked for by ${d.requesterName} (${SAR_REQUESTER_KIND_LABELS[d.requesterKind].toLowerCase()}), received ${ukDay(d.receivedOn)}, to be answered by ${ukDay(d.dueOn)}. `
      + `Released ${ukDay(d.releasedOn)} by ${d.releasedBy}.`, margin: [0, 0, 0, 6] },
    { text: `This is the information the school holds about ${d.pupilName} in Haven: ${total} record${total === 1 ? '' : 's'} of ${d.sections.length} kind${d.sections.length === 1 ? '' : 's'}. `
      + `Other pupils' names are replaced by "[another pupil]"${d.redactStaff ? ' and staff names by "[member of staff]"' : ''}; "[redacted]" marks information removed after review. `
      + 'The same information is in the accompanying archive as JSON and CSV.', margin: [0, 0, 0, 10] },
  ];
  for (const s of d.sections) {
    content.push({ text: `${s.label} (${s.records.length})`, style: 'h2' });
    for (const r of s.records) content.push(recordBlock(r));
  }
  if (d.withheld.length) {
    content.push({ text: 'Information withheld', style: 'h2' },
      { text: 'Some information has been withheld under an exemption in the data protection law (for example where disclosing it could cause serious harm or would identify someone else):' },
      { ul: d.withheld.map((w) => `${w.label}: ${w.count} record${w.count === 1 ? '' : 's'}`), margin: [0, 4, 0, 0] });
  }
  content.push({ text: 'Confidential: personal information about a pupil.', style: 'small', margin: [0, 16, 0, 0] });
  return renderPdf({ content, info: { title, subject: title } });
}
