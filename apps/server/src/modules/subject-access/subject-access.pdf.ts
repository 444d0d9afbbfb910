/**
 * The released subject access response as a readable PDF: the request, then each kind of record with every released
 * record's fields, then what was withheld (how many, of which kinds — not what). A response can run to thousands of
 * records, so it is written as flowing text with pdfkit (core/pdf/flow.ts), not laid out by pdfmake: a record is its
 * title and a line a field, never a table.
 */
import { renderFlowPdf } from '../../core/pdf/flow.ts';
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

/** A record's lines, a field each. Internal ids (not people or places) stay in the archive only. */
const recordLines = (r: RedactedRecord) => r.fields.filter((f) => f.name !== 'id' && !ID_ONLY.test(f.value)).map((f) => `${f.label}: ${f.value}`);

export function renderReleasePdf(d: ReleaseDocument): Promise<Buffer> {
  const title = `Subject access request: ${d.pupilName}`;
  const total = d.sections.reduce((n, s) => n + s.records.length, 0);
  return renderFlowPdf({ title }, (w) => {
    w.para(d.siteName, { gapAfter: 2 });
    w.h1(title);
    w.para(`Asked for by ${d.requesterName} (${SAR_REQUESTER_KIND_LABELS[d.requesterKind].toLowerCase()}), received ${ukDay(d.receivedOn)}, to be answered by ${ukDay(d.dueOn)}. `
      + `Released ${ukDay(d.releasedOn)} by ${d.releasedBy}.`);
    w.para(`This is the information the school holds about ${d.pupilName} in Haven: ${total} record${total === 1 ? '' : 's'} of ${d.sections.length} kind${d.sections.length === 1 ? '' : 's'}. `
      + `Other pupils' names are replaced by "[another pupil]"${d.redactStaff ? ' and staff names by "[member of staff]"' : ''}; "[redacted]" marks information removed after review. `
      + 'The same information is in the accompanying archive as JSON and CSV.', { gapAfter: 10 });
    for (const s of d.sections) {
      w.h2(`${s.label} (${s.records.length})`);
      for (const r of s.records) w.record(`${r.title}${r.at ? ` — ${when(r.at)}` : ''}`, recordLines(r));
    }
    if (d.withheld.length) {
      w.h2('Information withheld');
      w.para('Some information has been withheld under an exemption in the data protection law (for example where disclosing it could cause serious harm or would identify someone else):', { gapAfter: 4 });
      w.bullets(d.withheld.map((x) => `${x.label}: ${x.count} record${x.count === 1 ? '' : 's'}`));
    }
    w.para('Confidential: personal information about a pupil.', { small: true });
  });
}
