/**
 * The school census exclusions return (ANA-7) as pure functions: one line per suspension or permanent exclusion
 * starting in the census period, cancelled ones left out. Category PERM / FIXD / LNCH; actual sessions (a day is 2,
 * a lunchtime 1; none for a permanent exclusion); up to three reason codes in the order given; for a permanent
 * exclusion the governing board's review as far as the record holds it. Written as CSV (formula injection
 * neutralised) or as an XML fragment (docs/governors-report.md describes both).
 */
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

/** A CSV cell: quoted when needed; a leading = + - @ tab or CR is prefixed with ' so a spreadsheet never runs it. */
export function csvCell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const values = (l: CensusLine) => [l.upn, l.category, l.startDate, l.sessions === null ? '' : String(l.sessions), l.reason1, l.reason2, l.reason3, l.boardReviewDate, l.boardOutcome, l.reinstatementDate];

export function toCsv(lines: readonly CensusLine[]): string {
  return [HEADER, ...lines.map(values)].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function xmlEscape(v: string): string {
  return v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export interface CensusHeader { laCode: string; establishment: string; schoolName: string; from: string; to: string; generatedAt: string }

export function toXml(h: CensusHeader, lines: readonly CensusLine[]): string {
  const el = (name: string, v: string | number | null, pad = '      ') => (v === null || v === '' ? '' : `${pad}<${name}>${xmlEscape(String(v))}</${name}>\n`);
  const items = lines.map((l) => {
    const reasons = [l.reason1, l.reason2, l.reason3].filter(Boolean);
    const review = l.category === 'PERM' && (l.boardReviewDate || l.boardOutcome)
      ? `      <BoardReview>\n${el('ReviewDate', l.boardReviewDate, '        ')}${el('Outcome', l.boardOutcome, '        ')}${el('ReinstatementDate', l.reinstatementDate, '        ')}      </BoardReview>\n` : '';
    return `    <Exclusion>\n${el('UPN', l.upn)}${el('Category', l.category)}${el('StartDate', l.startDate)}${el('ActualSessions', l.sessions)}`
      + `      <Reasons>\n${reasons.map((r) => el('Reason', r, '        ')).join('')}      </Reasons>\n${review}    </Exclusion>\n`;
  }).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<CensusExclusions>\n  <Header>\n${el('LA', h.laCode, '    ')}${el('Estab', h.establishment, '    ')}${el('SchoolName', h.schoolName, '    ')}`
    + `${el('PeriodStart', h.from, '    ')}${el('PeriodEnd', h.to, '    ')}${el('DateTime', h.generatedAt, '    ')}  </Header>\n  <Exclusions>\n${items}  </Exclusions>\n</CensusExclusions>\n`;
}
