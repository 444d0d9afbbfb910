/**
 * The school census exclusions return (ANA-7) as pure functions: one line per suspension or permanent exclusion
 * starting in the census period, cancelled ones left out. Category PERM / FIXD / LNCH; actual sessions (a day is 2,
 * a lunchtime 1; none for a permanent exclusion); up to three reason codes in the order given; for a permanent
 * exclusion the governing board's review as far as the record holds it. Written as CSV (formula injection
 * neutralised) or as an XML fragment (docs/governors-report.md describes both).
 */
import { stringify } from 'csv-stringify/sync';
import { XMLBuilder } from 'fast-xml-parser';

export const CENSUS_CATEGORY: Record<string, 'PERM' | 'FIXD' | 'LNCH'> = { permanent: 'PERM', suspension: 'FIXD', lunchtime: 'LNCH' };
export const BOARD_OUTCOME: Record<string, string> = { reinstated: 'REIN', upheld: 'UPHD', representations_considered: 'CONS' };

export interface CensusInput {
  upn: string; category: string; status: string; startDate: string; slots: readonly string[];
  reasonCodes: readonly string[]; boardMeetingDate: string | null; boardOutcome: string | null; boardOutcomeOn: string | null;
}

export interface CensusLine {
  upn: string; category: 'PERM' | 'FIXD' | 'LNCH'; startDate: string; sessions: number | null;
  reason1: string; reason2: string; reason3: string;
  boardReviewDate: string; boardOutcome: string; reinstatementDate: string;
}

/**
 * Census reason codes are data (SPEC §6): every code on a line must be valid, in the trust's codes table, on the
 * record's start date. Returns each line whose codes are not, with those codes, so the return is never sent wrong.
 */
export function invalidReasonCodes(lines: readonly CensusLine[], validOn: (code: string, date: string) => boolean): { line: CensusLine; codes: string[] }[] {
  return lines.map((line) => ({ line, codes: [line.reason1, line.reason2, line.reason3].filter((c) => c && !validOn(c, line.startDate)) }))
    .filter((x) => x.codes.length > 0);
}

export function censusLines(records: readonly CensusInput[], from: string, to: string): CensusLine[] {
  return records
    .filter((r) => r.status !== 'cancelled' && r.startDate >= from && r.startDate <= to && CENSUS_CATEGORY[r.category])
    .map((r): CensusLine => {
      const perm = r.category === 'permanent';
      return {
        upn: r.upn, category: CENSUS_CATEGORY[r.category]!, startDate: r.startDate, sessions: perm ? null : r.slots.length,
        reason1: r.reasonCodes[0] ?? '', reason2: r.reasonCodes[1] ?? '', reason3: r.reasonCodes[2] ?? '',
        boardReviewDate: perm ? (r.boardMeetingDate ?? r.boardOutcomeOn ?? '') : '',
        boardOutcome: perm && r.boardOutcome ? (BOARD_OUTCOME[r.boardOutcome] ?? '') : '',
        reinstatementDate: perm && r.boardOutcome === 'reinstated' ? (r.boardOutcomeOn ?? '') : '',
      };
    })
    .sort((a, b) => a.startDate.localeCompare(b.startDate) || a.upn.localeCompare(b.upn));
}

const HEADER = ['UPN', 'Category', 'StartDate', 'ActualSessions', 'Reason1', 'Reason2', 'Reason3', 'BoardReviewDate', 'BoardOutcome', 'ReinstatementDate'];

const values = (l: CensusLine) => [l.upn, l.category, l.startDate, l.sessions === null ? '' : String(l.sessions), l.reason1, l.reason2, l.reason3, l.boardReviewDate, l.boardOutcome, l.reinstatementDate];

/** A cell's text with a leading = + - @ tab or CR prefixed by ' so a spreadsheet never runs it as a formula. */
export function neutralise(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** The census CSV (the DfE's column names), written by csv-stringify: RFC 4180 quoting, CRLF line ends. */
export function toCsv(lines: readonly CensusLine[]): string {
  return stringify([HEADER, ...lines.map((l) => values(l).map(neutralise))], { record_delimiter: '\r\n' });
}

export interface CensusHeader { laCode: string; establishment: string; schoolName: string; from: string; to: string; generatedAt: string }

/** An element's value, or nothing at all when it is empty (fast-xml-parser leaves out undefined properties). */
const opt = (v: string | number | null): string | number | undefined => (v === null || v === '' ? undefined : v);

const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: false, processEntities: true });

/** The census return as XML, written by fast-xml-parser's XMLBuilder (which escapes every value). */
export function toXml(h: CensusHeader, lines: readonly CensusLine[]): string {
  const exclusions = lines.map((l) => ({
    UPN: opt(l.upn), Category: opt(l.category), StartDate: opt(l.startDate), ActualSessions: opt(l.sessions),
    Reasons: { Reason: [l.reason1, l.reason2, l.reason3].filter(Boolean) },
    ...(l.category === 'PERM' && (l.boardReviewDate || l.boardOutcome)
      ? { BoardReview: { ReviewDate: opt(l.boardReviewDate), Outcome: opt(l.boardOutcome), ReinstatementDate: opt(l.reinstatementDate) } } : {}),
  }));
  const doc = {
    CensusExclusions: {
      Header: { LA: opt(h.laCode), Estab: opt(h.establishment), SchoolName: opt(h.schoolName), PeriodStart: opt(h.from), PeriodEnd: opt(h.to), DateTime: opt(h.generatedAt) },
      Exclusions: { Exclusion: exclusions },
    },
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(doc) as string}`;
}
