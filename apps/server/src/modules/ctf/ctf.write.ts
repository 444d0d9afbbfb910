/**
 * Writing a leavers' CTF (DAT-2) with fast-xml-parser's XMLBuilder: the DfE header (document name, version, date and
 * time, qualifier, supplier, source and destination school) and per pupil what Haven holds that a CTF carries. It
 * takes only the fields listed in ExportPupil, so nothing sealed (child in need, child protection plan) or any
 * safeguarding record can reach a file: those are never loaded for an export (ctf.repo.ts).
 */
import { XMLBuilder } from 'fast-xml-parser';
import { CTF_EXPORT_VERSION, type TCtfAddress, type TCtfTransferDocument, type TSenStatus } from '@haven/contracts';
import { SEN_PROVISION_OF, currentEntry, languageCodeFor, ncYearText, relationshipCode, senStatusOf } from './ctf.rules.ts';

export interface ExportSchool { lea: string; estab: string; urn: string | null; name: string }
export interface ExportContact {
  priority: number; title: string | null; forename: string; surname: string; relationship: string;
  parentalResponsibility: boolean; phone: string | null; email: string | null;
}
export interface ExportPupil {
  upn: string; legalSurname: string; legalForename: string; preferredSurname: string | null; preferredForename: string | null;
  dateOfBirth: string; sex: string; yearGroup: number; enrolmentStart: string; enrolmentEnd: string | null;
  senStatus: TSenStatus; primaryNeed: string | null; fsm: boolean; lookedAfter: boolean; eal: boolean;
  firstLanguage: string | null; ethnicity: string | null; medicalFlag: boolean;
  contacts: ExportContact[];
  /** What earlier CTFs said (newest first), for the history Haven does not hold in columns. */
  held: TCtfTransferDocument[];
}

type Tree = Record<string, unknown>;

const builder = new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: true, processEntities: true });

/** Drops absent and empty values so the file holds only what is known. */
function clean(v: unknown): unknown {
  if (Array.isArray(v)) { const a = v.map(clean).filter((x) => x !== undefined); return a.length ? a : undefined; }
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) { const c = clean(x); if (c !== undefined) out[k] = c; }
    return Object.keys(out).length ? out : undefined;
  }
  return v === null || v === undefined || v === '' ? undefined : v;
}

const bool = (b: boolean | null | undefined) => (b === null || b === undefined ? undefined : b ? 'true' : 'false');

function address(a: TCtfAddress | null): Tree | undefined {
  if (!a) return undefined;
  return {
    BS7666Address: a.bs7666 ? {
      SAON: a.bs7666.saon ?? undefined, PAON: a.bs7666.paon ?? undefined, Street: a.bs7666.street ?? undefined, Locality: a.bs7666.locality ?? undefined,
      Town: a.bs7666.town ?? undefined, AdministrativeArea: a.bs7666.administrativeArea ?? undefined, PostTown: a.bs7666.postTown ?? undefined,
      UniquePropertyReferenceNumber: a.bs7666.uprn ?? undefined,
    } : undefined,
    AddressLines: a.bs7666 ? undefined : Object.fromEntries(a.lines.slice(0, 5).map((l, i) => [`AddressLine${i + 1}`, l])),
    County: a.county ?? undefined, PostCode: a.postCode ?? undefined, Country: a.country ?? undefined,
  };
}

const phones = (list: { type: string | null; number: string }[]) => (list.length ? { Phone: list.map((p) => ({ TelephoneType: p.type ?? undefined, PhoneNo: p.number })) } : undefined);

/** SEN as held, with today's provision added when Haven's differs from what the history says is current. */
function senHistory(p: ExportPupil, today: string): Tree | undefined {
  const held = p.held[0]?.sen;
  const provisions = [...(held?.provisions ?? [])];
  const now = currentEntry(provisions, today);
  const nowStatus = now ? senStatusOf(now.provision) : null;
  const heldStatus = provisions.length ? (nowStatus?.ok ? nowStatus.value : 'none') : null;
  if (heldStatus !== p.senStatus && !(heldStatus === null && p.senStatus === 'none')) {
    provisions.push({ startDate: provisions.length ? today : p.enrolmentStart, endDate: null, provision: SEN_PROVISION_OF[p.senStatus] });
  }
  // the primary need first; the other needs held keep their order after it (none without a primary need Haven holds)
  const needs = p.primaryNeed ? [{ rank: 1, type: p.primaryNeed }, ...[...(held?.needs ?? [])].filter((n) => n.type !== p.primaryNeed)
    .sort((x, y) => (x.rank ?? 99) - (y.rank ?? 99)).map((n, i) => ({ ...n, rank: i + 2 }))] : [];
  if (!provisions.length) return undefined;
  return {
    SEN: provisions.map((s) => ({ StartDate: s.startDate ?? undefined, EndDate: s.endDate ?? undefined, SENprovision: s.provision })),
    SENneeds: p.senStatus === 'none' || !needs.length ? undefined : { SENneed: needs.map((n) => ({ SENtypeRank: n.rank ?? undefined, SENtype: n.type })) },
  };
}

/** FSM periods as held; one opened (from the day the pupil joined) or the open one closed, so the file says what Haven says now. */
function fsmHistory(p: ExportPupil, today: string): Tree | undefined {
  const held = p.held[0]?.fsm;
  let periods = [...(held?.periods ?? [])].map((x) => ({ ...x }));
  const open = currentEntry(periods, today);
  if (p.fsm && !open) periods.push({ startDate: p.enrolmentStart <= today ? p.enrolmentStart : today, endDate: null, country: 'ENG' });
  if (!p.fsm && open) {
    if (open.startDate < today) open.endDate = dayBefore(today);
    else periods = periods.filter((x) => x !== open);
  }
  if (!periods.length) return undefined;
  return { FSMreviewDate: held?.reviewDate ?? undefined, FSMinstance: periods.map((x) => ({ FSMstartDate: x.startDate, FSMendDate: x.endDate ?? undefined, UKcountry: x.country ?? undefined })) };
}

function dayBefore(iso: string): string {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

function pupil(p: ExportPupil, source: ExportSchool, today: string): Tree {
  const latest = p.held[0];
  const language = languageCodeFor(p.firstLanguage);
  const languages = [...(language ? [{ type: 'F', code: language }] : []), ...(latest?.languages ?? []).filter((l) => l.type !== 'F')];
  const heldContacts = latest?.contacts ?? [];
  const key = (f: string, s: string) => `${f.toLowerCase()} ${s.toLowerCase()}`;
  const history = dedupe(p.held.flatMap((d) => d.schoolHistory), (s) => `${s.lea}${s.estab}${s.entryDate}`);
  const attendance = dedupe(p.held.flatMap((d) => d.attendance), (y) => `${y.year}${y.lea}${y.estab}`);
  return {
    UPN: p.upn, Surname: p.legalSurname, Forename: p.legalForename, DOB: p.dateOfBirth, Sex: p.sex,
    BasicDetails: {
      PreferredSurname: p.preferredSurname ?? undefined, PreferredForename: p.preferredForename ?? undefined, NCyearActual: ncYearText(p.yearGroup),
      Ethnicity: p.ethnicity && /^[A-Z0-9]{3,8}$/.test(p.ethnicity) ? p.ethnicity : undefined, EthnicitySource: latest?.ethnicity.source ?? undefined,
      Languages: languages.length ? { Type: languages.map((l) => ({ LanguageType: l.type ?? undefined, Language: l.code ?? undefined })) } : undefined,
      MedicalFlag: bool(p.medicalFlag),
    },
    LookedAfter: { InCare: bool(p.lookedAfter), CareAuthority: p.lookedAfter ? latest?.lookedAfter?.careAuthority ?? undefined : undefined },
    SENhistory: senHistory(p, today),
    FSMhistory: fsmHistory(p, today),
    Address: address(latest?.address ?? null),
    Phones: phones(latest?.phones ?? []),
    Email: latest?.email ?? undefined,
    Contacts: p.contacts.length ? {
      Contact: p.contacts.map((c) => {
        const was = heldContacts.find((h) => key(h.forename, h.surname) === key(c.forename, c.surname));
        const heldPhones = was?.phones.filter((x) => x.number !== c.phone) ?? [];
        return {
          Order: c.priority, Title: c.title ?? undefined, Surname: c.surname, Forename: c.forename, Relationship: relationshipCode(c.relationship),
          Responsibility: bool(c.parentalResponsibility), AddressAsPupil: was?.addressAsPupil ? 'true' : undefined, Address: was?.addressAsPupil ? undefined : address(was?.address ?? null),
          Phones: phones([...(c.phone ? [{ type: was?.phones.find((x) => x.number === c.phone)?.type ?? null, number: c.phone }] : []), ...heldPhones]),
          Email: c.email ?? undefined,
        };
      }),
    } : undefined,
    Attendance: attendance.length ? {
      YearData: attendance.map((y) => ({
        Year: y.year ?? undefined, LEA: y.lea ?? undefined, Estab: y.estab ?? undefined, SchoolName: y.schoolName ?? undefined,
        SessionsPossible: y.sessionsPossible ?? undefined, SessionsAuthorised: y.sessionsAuthorised ?? undefined,
        SessionsAttended: y.sessionsAttended ?? undefined, SessionsUnauthorised: y.sessionsUnauthorised ?? undefined,
        AttendSessions: { AttendanceStartDate: y.attendanceStartDate ?? undefined, AttendanceMarks: y.attendanceMarks ?? undefined },
      })),
    } : undefined,
    SchoolHistory: {
      School: [
        ...history.map((s) => ({ LEA: s.lea ?? undefined, Estab: s.estab ?? undefined, URN: s.urn ?? undefined, SchoolName: s.name ?? undefined, EntryDate: s.entryDate ?? undefined, LeavingDate: s.leavingDate ?? undefined, LeavingReason: s.leavingReason ?? undefined })),
        { LEA: source.lea, Estab: source.estab, URN: source.urn ?? undefined, SchoolName: source.name, EntryDate: p.enrolmentStart, LeavingDate: p.enrolmentEnd ?? today },
      ],
    },
  };
}

function dedupe<T>(items: T[], key: (t: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((i) => { const k = key(i); if (seen.has(k)) return false; seen.add(k); return true; });
}

/** The academic year a CTF's header names: the calendar year in which it began (1 September). */
export const academicYearOf = (today: string): string => String(Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) < 9 ? 1 : 0));

export function writeCtf(a: { source: ExportSchool; to: string; pupils: ExportPupil[]; today: string; dateTime: string }): string {
  const doc = {
    CTfile: {
      Header: {
        DocumentName: 'Common Transfer File', CTFversion: CTF_EXPORT_VERSION, DateTime: a.dateTime, DocumentQualifier: 'full', SupplierID: 'Haven',
        SourceSchool: { LEA: a.source.lea, Estab: a.source.estab, URN: a.source.urn ?? undefined, SchoolName: a.source.name, AcademicYear: academicYearOf(a.today) },
        DestSchool: { LEA: a.to.slice(0, 3), Estab: a.to.slice(3) },
      },
      CTFpupilData: { Pupil: a.pupils.map((p) => pupil(p, a.source, a.today)) },
    },
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(clean(doc)) as string}`;
}

/** The DfE's file name: source LAESTAB, "CTF", destination LAESTAB, a serial number. */
export const ctfFileName = (source: ExportSchool, to: string, serial = 1): string => `${source.lea}${source.estab}_CTF_${to}_${String(serial).padStart(3, '0')}.xml`;
