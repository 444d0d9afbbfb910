/**
 * Reading the parts of a CTF pupil that Haven keeps as the transfer record's document (addresses, phones, contacts,
 * SEN and FSM history, attendance, school history), each value checked, every problem named by its element path.
 */
import type { TCtfAddress, TCtfContact, TCtfTransferDocument } from '@haven/contracts';
import type { Parsed } from '../people/people.rules.ts';
import { child, kids, textAt, textOf, type XmlNode } from './ctf.xml.ts';
import { parseCount, parseCtfBoolean, parseCtfDate } from './ctf.rules.ts';

/** Where in the file a reader is, and how it reports a problem there. */
export interface ReadCtx {
  path: string;
  problem(path: string, message: string): void;
}

export const at = (ctx: ReadCtx, name: string): ReadCtx => ({ path: `${ctx.path}/${name}`, problem: ctx.problem });

/** The trimmed text of a child element, at most `max` characters (longer is a problem), or null when absent or empty. */
export function str(ctx: ReadCtx, node: XmlNode | undefined, name: string, max = 100): string | null {
  const t = textAt(node, name);
  if (t === undefined || t === '') return null;
  if (t.length > max) { ctx.problem(`${ctx.path}/${name}`, `This is longer than ${max} characters.`); return t.slice(0, max); }
  return t.replace(/\s+/g, ' ');
}

function typed<T>(ctx: ReadCtx, node: XmlNode | undefined, name: string, parse: (t: string) => Parsed<T>): T | null {
  const t = textAt(node, name);
  if (t === undefined || t === '') return null;
  const r = parse(t);
  if (!r.ok) { ctx.problem(`${ctx.path}/${name}`, r.reason); return null; }
  return r.value;
}

export const date = (ctx: ReadCtx, node: XmlNode | undefined, name: string) => typed(ctx, node, name, parseCtfDate);
export const bool = (ctx: ReadCtx, node: XmlNode | undefined, name: string) => typed(ctx, node, name, parseCtfBoolean);
const count = (ctx: ReadCtx, node: XmlNode | undefined, name: string) => typed(ctx, node, name, parseCount);

/** Each repeated child with its own path (Contact[2]) for problems. */
export function each(ctx: ReadCtx, node: XmlNode | undefined, name: string): [XmlNode, ReadCtx][] {
  const list = kids(node, name);
  return list.map((n, i) => [n, at(ctx, list.length > 1 ? `${name}[${i + 1}]` : name)]);
}

export function readAddress(ctx: ReadCtx, node: XmlNode | undefined): TCtfAddress | null {
  if (node === undefined) return null;
  const bs = child(node, 'BS7666Address');
  const b = at(ctx, 'BS7666Address');
  const linesNode = child(node, 'AddressLines');
  const lines = linesNode === undefined ? [] : [1, 2, 3, 4, 5].map((n) => str(at(ctx, 'AddressLines'), linesNode, `AddressLine${n}`)).filter((l): l is string => !!l);
  return {
    bs7666: bs === undefined ? null : {
      saon: str(b, bs, 'SAON'), paon: str(b, bs, 'PAON'), street: str(b, bs, 'Street'), locality: str(b, bs, 'Locality'),
      town: str(b, bs, 'Town'), administrativeArea: str(b, bs, 'AdministrativeArea'), postTown: str(b, bs, 'PostTown'),
      uprn: str(b, bs, 'UniquePropertyReferenceNumber', 20),
    },
    lines,
    county: str(ctx, node, 'County'), postCode: str(ctx, node, 'PostCode', 20), country: str(ctx, node, 'Country'),
  };
}

export function readPhones(ctx: ReadCtx, node: XmlNode | undefined) {
  return each(ctx, child(node, 'Phones'), 'Phone').map(([p, c]) => ({ type: str(c, p, 'TelephoneType', 20), number: str(c, p, 'PhoneNo', 40) }))
    .filter((p): p is { type: string | null; number: string } => !!p.number);
}

export function readContact(ctx: ReadCtx, node: XmlNode): TCtfContact {
  const order = textAt(node, 'Order');
  if (order !== undefined && order !== '' && !/^\d{1,2}$/.test(order)) ctx.problem(`${ctx.path}/Order`, `"${order.slice(0, 10)}" is not a contact order (1 for the first to call).`);
  return {
    order: order && /^\d{1,2}$/.test(order) ? Number(order) : null,
    title: str(ctx, node, 'Title', 20), forename: str(ctx, node, 'Forename') ?? '', surname: str(ctx, node, 'Surname') ?? '',
    relationship: str(ctx, node, 'Relationship', 20), responsibility: bool(ctx, node, 'Responsibility'),
    addressAsPupil: bool(ctx, node, 'AddressAsPupil') ?? false, address: readAddress(at(ctx, 'Address'), child(node, 'Address')),
    phones: readPhones(ctx, node), email: str(ctx, node, 'Email', 254),
  };
}

export function readSen(ctx: ReadCtx, node: XmlNode | undefined): TCtfTransferDocument['sen'] {
  if (node === undefined) return null;
  const provisions = each(ctx, node, 'SEN').map(([s, c]) => ({ startDate: date(c, s, 'StartDate'), endDate: date(c, s, 'EndDate'), provision: (textAt(s, 'SENprovision') ?? '').toUpperCase() }));
  const needs = each(at(ctx, 'SENneeds'), child(node, 'SENneeds'), 'SENneed').map(([n, c]) => {
    const rank = textAt(n, 'SENtypeRank');
    if (rank && !/^\d{1,2}$/.test(rank)) c.problem(`${c.path}/SENtypeRank`, `"${rank.slice(0, 10)}" is not a rank (1 for the primary need).`);
    return { rank: rank && /^\d{1,2}$/.test(rank) ? Number(rank) : null, type: (textAt(n, 'SENtype') ?? '').toUpperCase() };
  });
  return { provisions, needs };
}

export function readFsm(ctx: ReadCtx, node: XmlNode | undefined): TCtfTransferDocument['fsm'] {
  if (node === undefined) return null;
  const periods = each(ctx, node, 'FSMinstance').flatMap(([f, c]) => {
    const startDate = date(c, f, 'FSMstartDate');
    if (!startDate) { if (textAt(f, 'FSMstartDate') === undefined) c.problem(`${c.path}/FSMstartDate`, 'An FSM period needs its start date.'); return []; }
    const endDate = date(c, f, 'FSMendDate');
    if (endDate && endDate < startDate) c.problem(`${c.path}/FSMendDate`, 'The FSM period ends before it starts.');
    return [{ startDate, endDate, country: str(c, f, 'UKcountry', 10) }];
  });
  return { reviewDate: date(ctx, node, 'FSMreviewDate'), periods };
}

export function readAttendance(ctx: ReadCtx, node: XmlNode | undefined): TCtfTransferDocument['attendance'] {
  return each(ctx, node, 'YearData').map(([y, c]) => {
    const sessions = child(y, 'AttendSessions');
    const marksAt = sessions ?? y;
    return {
      year: str(c, y, 'Year', 10), lea: str(c, y, 'LEA', 10), estab: str(c, y, 'Estab', 10), schoolName: str(c, y, 'SchoolName'),
      sessionsPossible: count(c, y, 'SessionsPossible'), sessionsAuthorised: count(c, y, 'SessionsAuthorised'),
      sessionsAttended: count(c, y, 'SessionsAttended'), sessionsUnauthorised: count(c, y, 'SessionsUnauthorised'),
      attendanceStartDate: date(sessions ? at(c, 'AttendSessions') : c, marksAt, 'AttendanceStartDate'),
      attendanceMarks: str(sessions ? at(c, 'AttendSessions') : c, marksAt, 'AttendanceMarks', 2000),
    };
  });
}

export function readSchoolHistory(ctx: ReadCtx, node: XmlNode | undefined): TCtfTransferDocument['schoolHistory'] {
  return each(ctx, node, 'School').map(([s, c]) => {
    const entryDate = date(c, s, 'EntryDate');
    const leavingDate = date(c, s, 'LeavingDate');
    if (entryDate && leavingDate && leavingDate < entryDate) c.problem(`${c.path}/LeavingDate`, 'The leaving date is before the entry date.');
    return {
      lea: str(c, s, 'LEA', 10), estab: str(c, s, 'Estab', 10), urn: str(c, s, 'URN', 10), name: str(c, s, 'SchoolName'),
      entryDate, leavingDate, leavingReason: str(c, s, 'LeavingReason', 20), lastSchool: bool(c, s, 'LastSchool'),
    };
  });
}

/** The text of an element when it is present (even empty), else undefined: for fields a CTF may leave out. */
export const present = (node: XmlNode | undefined, name: string): string | undefined => textOf(child(node, name));
