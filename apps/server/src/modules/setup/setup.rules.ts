/**
 * The first run's rules, pure: which academic year a new trust starts with, its calendar from England's usual
 * dates (core/calendar/england.ts: autumn from early September with the October half-term, to about 20 December;
 * spring from early January with the February half-term, to the Easter holiday; summer to about 20 July with the
 * late-May half-term) as adjusted by the administrator, and the checks on a site's URN and LAESTAB.
 */
import type { TSetupSite, TSetupTerm } from '@haven/contracts';
import { englandTermDates, formatUkDate, type TermName } from '../../core/calendar/calendar.ts';
import { termProblem, type Problem } from '../calendar/calendar.rules.ts';

/**
 * The September the academic year to set up starts in: the year containing `today`, unless its summer term is
 * already over (a school setting up in August sets up the year about to begin).
 */
export function setupYearStart(today: string): number {
  const y = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const start = month >= 9 ? y : y - 1;
  const summerEnd = englandTermDates(start).terms.at(-1)!.endDate;
  return today > summerEnd ? start + 1 : start;
}

export interface SetupCalendar {
  academicYear: { label: string; startDate: string; endDate: string };
  terms: (TSetupTerm & { name: string })[];
  closures: { date: string; reason: string; kind: 'inset' | 'bank_holiday' }[];
}

const termName = (term: TermName, half: 1 | 2) => `${term[0]!.toUpperCase()}${term.slice(1)} ${half}`;
const ORDER: readonly [TermName, 1 | 2][] = [['autumn', 1], ['autumn', 2], ['spring', 1], ['spring', 2], ['summer', 1], ['summer', 2]];

/**
 * This academic year's calendar: England's usual dates, or the administrator's half-terms in their place. Bank
 * holidays that fall on a weekday inside a half-term are closures; the usual five INSET days are kept where they
 * still fall inside a half-term (the administrator adds or moves INSET days on the Calendar page).
 */
export function setupCalendar(today: string, adjusted?: readonly TSetupTerm[]): SetupCalendar {
  const england = englandTermDates(setupYearStart(today));
  const terms = ORDER.map(([term, halfTerm]) => {
    const own = adjusted?.find((t) => t.term === term && t.halfTerm === halfTerm);
    const usual = england.terms.find((t) => t.term === term && t.halfTerm === halfTerm)!;
    return { term, halfTerm, name: termName(term, halfTerm), startDate: own?.startDate ?? usual.startDate, endDate: own?.endDate ?? usual.endDate };
  });
  const inTerm = (d: string) => terms.some((t) => t.startDate <= d && d <= t.endDate);
  const weekday = (d: string) => { const w = new Date(`${d}T12:00:00Z`).getUTCDay(); return w >= 1 && w <= 5; };
  const closures = [
    ...england.bankHolidays.filter((h) => inTerm(h.date) && weekday(h.date)).map((h) => ({ date: h.date, reason: h.name, kind: 'bank_holiday' as const })),
    ...england.closures.filter((c) => c.kind === 'inset' && inTerm(c.date)).map((c) => ({ date: c.date, reason: c.reason, kind: 'inset' as const })),
  ].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const { label, startDate, endDate } = england.academicYear;
  return { academicYear: { label, startDate, endDate }, terms, closures };
}

/** The first problem with the administrator's half-terms (inside the year, in order, not overlapping), or null. */
export function setupTermsProblem(cal: SetupCalendar, adjusted: readonly TSetupTerm[] | undefined): Problem | null {
  if (!adjusted) return null;
  const seen = new Set<string>();
  for (const [i, t] of adjusted.entries()) {
    const key = `${t.term}${t.halfTerm}`;
    if (seen.has(key)) return { field: `terms.${i}.halfTerm`, message: `${termName(t.term, t.halfTerm)} is given twice` };
    seen.add(key);
  }
  const year = { id: 'year', ...cal.academicYear };
  const rows = cal.terms.map((t, i) => ({ ...t, id: String(i), academicYearId: 'year', siteId: null }));
  for (const [i, t] of rows.entries()) {
    const at = adjusted.findIndex((a) => a.term === t.term && a.halfTerm === t.halfTerm);
    const next = rows[i + 1];
    if (next && next.startDate <= t.endDate && t.startDate <= t.endDate) {
      return { field: `terms.${at}.endDate`, message: `${t.name} must end before ${next.name} starts (${formatUkDate(next.startDate)})` };
    }
    const p = termProblem(t, year, rows);
    if (p) return { field: `terms.${at}.${p.field}`, message: p.message };
  }
  return null;
}

/** A URN: the DfE's unique reference number of an establishment, 6 digits from 100000. */
export function urnProblem(urn: string): string | null {
  if (!/^\d{6}$/.test(urn)) return 'A URN is 6 digits, e.g. 123456 (find it on Get Information about Schools)';
  if (Number(urn) < 100000) return 'A URN starts at 100000';
  return null;
}

/** The LA code and establishment number of a LAESTAB written as 8012345, 801/2345, 801-2345 or "801 2345". */
export function parseLaestab(text: string): { laCode: string; establishmentNumber: string } | { problem: string } {
  const digits = text.trim().replace(/^(\d{3})[\s/-](\d{4})$/, '$1$2');
  if (!/^\d{7}$/.test(digits)) return { problem: 'A LAESTAB is 7 digits: the 3-digit LA code and the 4-digit establishment number, e.g. 8012345 or 801/2345' };
  const laCode = digits.slice(0, 3);
  const establishmentNumber = digits.slice(3);
  // English local authorities are numbered from 201 (City of London) up; establishment numbers from 1000
  // (nursery 1xxx, primary 2xxx–3xxx, secondary 4xxx, academies 5xxx, independent 6xxx, special 7xxx).
  if (Number(laCode) < 201) return { problem: `${laCode} is not the code of a local authority in England (they run from 201)` };
  if (Number(establishmentNumber) < 1000 || Number(establishmentNumber) > 7999) return { problem: `${establishmentNumber} is not an establishment number (they run from 1000 to 7999)` };
  return { laCode, establishmentNumber };
}

export interface CheckedSite extends Omit<TSetupSite, 'laestab'> { laCode: string; establishmentNumber: string }

/** The sites checked, or the first problem named by its field (sites.N.urn, sites.N.laestab, sites.N.shortName). */
export function checkSites(sites: readonly TSetupSite[]): { sites: CheckedSite[] } | { problem: Problem } {
  const out: CheckedSite[] = [];
  for (const [i, s] of sites.entries()) {
    const urn = urnProblem(s.urn);
    if (urn) return { problem: { field: `sites.${i}.urn`, message: urn } };
    const la = parseLaestab(s.laestab);
    if ('problem' in la) return { problem: { field: `sites.${i}.laestab`, message: la.problem } };
    const clash = out.findIndex((o) => o.urn === s.urn);
    if (clash >= 0) return { problem: { field: `sites.${i}.urn`, message: `The URN ${s.urn} is already given to ${out[clash]!.name}` } };
    const laClash = out.find((o) => o.laCode === la.laCode && o.establishmentNumber === la.establishmentNumber);
    if (laClash) return { problem: { field: `sites.${i}.laestab`, message: `That LAESTAB is already given to ${laClash.name}` } };
    if (out.some((o) => o.shortName.toLowerCase() === s.shortName.toLowerCase())) return { problem: { field: `sites.${i}.shortName`, message: 'Another school already uses that short name' } };
    const { laestab: _laestab, ...rest } = s;
    out.push({ ...rest, ...la });
  }
  return { sites: out };
}
