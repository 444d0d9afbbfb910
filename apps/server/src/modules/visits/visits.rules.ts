/**
 * Visit rules (TRP-1 … TRP-4), pure: a proposal's dates and itinerary, the ratio, which holds lack a trained adult
 * (certificate coverage is training's rule, techniqueCoverage, applied on the first and last day of the visit), the
 * approval path a category takes, and the departure gate's checklist.
 */
import type { TChecklistItem, TVisitStatus } from '@haven/contracts';
import { techniqueCoverage, type HeldCertificate } from '../training/training.rules.ts';

export interface FieldProblem { field: string; message: string }

export interface ProposalDates {
  startDate: string; departTime: string; endDate: string; returnTime: string;
  itinerary: readonly { date: string; time: string }[];
}

/** The first thing wrong with the dates and itinerary, or null. */
export function proposalProblem(p: ProposalDates): FieldProblem | null {
  if (p.endDate < p.startDate) return { field: 'endDate', message: 'The visit cannot end before it starts' };
  if (p.endDate === p.startDate && p.returnTime <= p.departTime) return { field: 'returnTime', message: 'The return must be after the departure' };
  let last = '';
  for (const [n, s] of p.itinerary.entries()) {
    if (s.date < p.startDate || s.date > p.endDate) return { field: `itinerary.${n}.date`, message: 'Each stop falls within the visit' };
    const at = `${s.date}T${s.time}`;
    if (at < last) return { field: `itinerary.${n}.time`, message: 'Put the stops in the order they happen' };
    last = at;
  }
  return null;
}

/** Adults needed for the pupils at one adult to every `perAdult` pupils (at least one adult when any pupil goes). */
export function ratioCheck(pupils: number, adults: number, perAdult: number) {
  const adultsRequired = pupils === 0 ? 0 : Math.max(1, Math.ceil(pupils / perAdult));
  return { pupils, adults, adultsRequired, met: pupils > 0 && adults >= adultsRequired };
}

/** The days a certificate must be valid on: the first and the last day of the visit (validity is one interval). */
export function visitDays(startDate: string, endDate: string): string[] {
  return startDate === endDate ? [startDate] : [startDate, endDate];
}

/** Staff (ids) whose certificates cover the technique with a valid (not grace) certificate on every visit day. */
export function coveringStaff(certsByStaff: ReadonlyMap<string, readonly HeldCertificate[]>, technique: string, days: readonly string[]): string[] {
  const out: string[] = [];
  for (const [staffId, certs] of certsByStaff) if (days.every((d) => techniqueCoverage(certs, technique, d) === 'valid')) out.push(staffId);
  return out;
}

/** Each approved hold with the staff covering it; needsTrainedAdult when some hold has none. */
export function holdsCheck(holds: readonly string[], certsByStaff: ReadonlyMap<string, readonly HeldCertificate[]>, days: readonly string[]) {
  const items = [...new Set(holds)].map((code) => ({ techniqueCode: code, staffIds: coveringStaff(certsByStaff, code, days) }));
  return { items, needsTrainedAdult: items.some((i) => i.staffIds.length === 0) };
}

export interface CategoryRule { preApproved: boolean; laAdviserRequired: boolean }

/** Where a submitted visit goes: approved at once under a current standing approval, else to the EVC. */
export function statusOnSubmit(category: CategoryRule, hasCurrentStandingApproval: boolean): TVisitStatus {
  return category.preApproved && hasCurrentStandingApproval ? 'approved' : 'awaiting_evc';
}

export type ApprovalStep = 'evc' | 'head' | 'la';
export const STEP_OF: Partial<Record<TVisitStatus, ApprovalStep>> = { awaiting_evc: 'evc', awaiting_head: 'head', awaiting_la: 'la' };

/** The status after an approval at this step. */
export function statusAfterApproval(step: ApprovalStep, category: CategoryRule): TVisitStatus {
  if (step === 'evc') return 'awaiting_head';
  if (step === 'head') return category.laAdviserRequired ? 'awaiting_la' : 'approved';
  return 'approved';
}

/** The plan (purpose, venue, dates, category) changes only while it is a draft or returned. */
export const PLAN_EDITABLE: readonly TVisitStatus[] = ['draft', 'returned'];
/** Participants and the risk assessment change until the visit leaves. */
export const BEFORE_DEPARTURE: readonly TVisitStatus[] = ['draft', 'returned', 'awaiting_evc', 'awaiting_head', 'awaiting_la', 'approved'];
/** Parents see a visit (and consent) once it is submitted, until it leaves. */
export const OPEN_FOR_CONSENT: readonly TVisitStatus[] = ['awaiting_evc', 'awaiting_head', 'awaiting_la', 'approved', 'returned'];

/** Approved, and still approved once it has left and come back. */
const APPROVED: readonly TVisitStatus[] = ['approved', 'departed', 'completed'];

export interface GateFacts {
  purpose: string; venue: string; transport: string; itineraryStops: number; leader: boolean; leaderOnVisit: boolean;
  pupils: number; staff: number; ratioMet: boolean; hazards: number; riskConfirmed: boolean;
  pupilsNeedingTrainedAdult: readonly string[]; consentsMissing: readonly string[]; consentsRefused: readonly string[];
  status: TVisitStatus;
}

/** The departure gate: every item must be done before the visit may leave. */
export function checklist(f: GateFacts): TChecklistItem[] {
  const names = (xs: readonly string[]) => (xs.length > 5 ? `${xs.slice(0, 5).join(', ')} and ${xs.length - 5} more` : xs.join(', '));
  return [
    { code: 'plan', label: 'Plan: purpose, venue and transport', done: !!f.purpose && !!f.venue && !!f.transport, detail: f.transport ? '' : 'Say how the group travels' },
    { code: 'itinerary', label: 'Itinerary', done: f.itineraryStops > 0, detail: f.itineraryStops ? `${f.itineraryStops} ${f.itineraryStops === 1 ? 'stop' : 'stops'}` : 'Add the stops with their times' },
    { code: 'leader', label: 'Visit leader', done: f.leader && f.leaderOnVisit, detail: !f.leader ? 'Name the visit leader' : f.leaderOnVisit ? '' : 'The leader must be one of the staff going' },
    { code: 'participants', label: 'Pupils and staff', done: f.pupils > 0 && f.staff > 0, detail: `${f.pupils} pupils, ${f.staff} staff` },
    { code: 'ratio', label: 'Ratio of adults to pupils', done: f.ratioMet, detail: f.ratioMet ? '' : 'Not enough adults for the ratio required' },
    { code: 'risk_assessment', label: 'Risk assessment', done: f.hazards > 0 && f.riskConfirmed,
      detail: f.hazards === 0 ? 'Adopt a generic assessment or add the visit’s own hazards' : f.riskConfirmed ? '' : 'The leader confirms the assessment is complete' },
    { code: 'trained_adults', label: 'Trained adults for handling plans', done: f.pupilsNeedingTrainedAdult.length === 0,
      detail: f.pupilsNeedingTrainedAdult.length ? `No certified adult on the visit for ${names(f.pupilsNeedingTrainedAdult)}` : '' },
    { code: 'consents', label: 'Consent for every pupil', done: f.pupils > 0 && f.consentsMissing.length === 0 && f.consentsRefused.length === 0,
      detail: [f.consentsMissing.length ? `Awaiting ${names(f.consentsMissing)}` : '', f.consentsRefused.length ? `Refused for ${names(f.consentsRefused)}: take them off the visit` : ''].filter(Boolean).join('; ') },
    { code: 'approval', label: 'Approval', done: APPROVED.includes(f.status), detail: APPROVED.includes(f.status) ? '' : 'Not yet approved' },
  ];
}

export const missingItems = (items: readonly TChecklistItem[]) => items.filter((i) => !i.done);
