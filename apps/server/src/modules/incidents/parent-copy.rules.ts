/**
 * LAW-12 (the Schools (Recording and Reporting of Seclusion and Restraint) (No. 2) (England) Regulations 2025): parents
 * are given a copy of the record of every significant use of force, restraint or seclusion, unless disclosure would
 * risk significant harm to the pupil or the pupil is 20 or over. Pure rules: where a pupil's copy stands (from the
 * decisions recorded and the communications log), the same-day warning, the age check for withholding, and what the
 * copy says (when, where, how long, the kind and degree of force, injuries, why, the support offered).
 */
import { INTERVENTION_KIND_LABELS, SEN_STATUS_LABELS, type TParentCopyStatus, type TParentCopyWithholdReason } from '@haven/contracts';
import type { PiState } from './incidents.model.ts';
import { londonDate } from './incidents.rules.ts';

export interface CopyDecision {
  id: string; pupilId: string; action: 'sent' | 'withheld'; withholdReason: TParentCopyWithholdReason | null; explanation: string | null;
  communicationIds: string[]; decidedBy: string; decidedByName: string; decidedAt: string;
}
export interface CopyCommunication { id: string; recipientName: string; channel: 'email' | 'by_hand'; status: 'pending' | 'sent' | 'failed' | 'to_send_by_hand'; sentAt: string | null }

export interface CopyState {
  status: TParentCopyStatus;
  latest: CopyDecision | null;
  /** When a send reached every parent it was queued for (emailed, or marked as handed over). */
  givenAt: string | null;
  recipients: CopyCommunication[];
}

/** A send is given once every one of its communications is sent; its time is the last of them. */
function givenTime(d: CopyDecision, comms: ReadonlyMap<string, CopyCommunication>): string | null {
  if (d.action !== 'sent' || d.communicationIds.length === 0) return null;
  let last = '';
  for (const id of d.communicationIds) {
    const c = comms.get(id);
    if (!c || c.status !== 'sent' || !c.sentAt) return null;
    if (c.sentAt > last) last = c.sentAt;
  }
  return last;
}

/** Where one pupil's copy stands: decisions in the order they were made (oldest first). */
export function copyState(decisions: readonly CopyDecision[], comms: ReadonlyMap<string, CopyCommunication>): CopyState {
  const latest = decisions.at(-1) ?? null;
  const given = decisions.map((d) => givenTime(d, comms)).filter((t): t is string => t !== null).sort();
  const givenAt = latest?.action === 'withheld' ? null : (given[0] ?? null);
  if (!latest) return { status: 'not_sent', latest, givenAt, recipients: [] };
  if (latest.action === 'withheld') return { status: 'withheld', latest, givenAt, recipients: [] };
  const recipients = latest.communicationIds.map((id) => comms.get(id)).filter((c): c is CopyCommunication => c !== undefined);
  const has = (s: CopyCommunication['status']) => recipients.some((r) => r.status === s);
  const status: TParentCopyStatus = givenTime(latest, comms) ? 'sent' : has('failed') ? 'not_delivered' : has('pending') ? 'sending'
    : has('to_send_by_hand') ? 'to_send_by_hand' : 'sent';
  return { status, latest, givenAt, recipients };
}

/**
 * The same-day warning for the copy: the London day on which the pupil's first intervention began is over, and the
 * copy has been neither given nor withheld. It stays until the copy is sent (or recorded as handed over) or withheld.
 */
export function copyOutstanding(pis: readonly Pick<PiState, 'startedAt'>[], state: Pick<CopyState, 'status' | 'givenAt'>, now: Date): boolean {
  if (state.status === 'withheld' || state.givenAt !== null) return false;
  const starts = pis.map((p) => p.startedAt).filter((s): s is string => s !== null).sort();
  if (!starts.length) return false;
  return londonDate(now) > londonDate(new Date(starts[0]!));
}

/** Whole years of age on a date (YYYY-MM-DD); someone born on 29 February has their birthday on 1 March in other years. */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The reason must be true: "20 or over" only for a pupil who is 20 or over today. */
export function withholdProblem(reason: TParentCopyWithholdReason, dateOfBirth: string, today: string): string | null {
  if (reason === 'pupil_aged_20_or_over' && ageOn(dateOfBirth, today) < 20) {
    return `The pupil is ${ageOn(dateOfBirth, today)}, not 20 or over: withhold the copy only if disclosure would risk significant harm to them`;
  }
  return null;
}

/** The fields a copy is made from: a copy is sent only once these are recorded (the debriefs and parent informed may follow). */
const COPY_FIELDS = new Set(['antecedent', 'occurredAt', 'locationCode', 'pupilId', 'pupilSenStatus', 'kind', 'startedAt', 'endedAt', 'staffTechniques',
  'techniqueCodes', 'reason', 'deescalationTried', 'injuryNotes', 'bodyMap', 'medicalAttention', 'supportOffered']);

/** Of the sign-off completeness problems, those that concern the copy of this pupil's interventions (indices `n`). */
export function copyProblems<T extends { field: string }>(missing: readonly T[], indices: ReadonlySet<number>): T[] {
  return missing.filter((m) => {
    const parts = m.field.split('.');
    if (parts[0] !== 'physicalInterventions') return COPY_FIELDS.has(parts[0]!);
    if (parts.length === 1) return true;
    return indices.has(Number(parts[1])) && COPY_FIELDS.has(parts.at(-1)!);
  });
}

const LONDON_DAY = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
const LONDON_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hour12: false });
export const longDay = (iso: string) => LONDON_DAY.format(new Date(iso)).replace(',', '');
export const clock = (iso: string) => LONDON_TIME.format(new Date(iso));
const minutes = (n: number) => (n < 60 ? `${n} minute${n === 1 ? '' : 's'}` : `${Math.floor(n / 60)} hour${n >= 120 ? 's' : ''}${n % 60 ? ` ${n % 60} minute${n % 60 === 1 ? '' : 's'}` : ''}`);

export interface CopyNames { location: string | null; techniques: ReadonlyMap<string, string>; staff: ReadonlyMap<string, string> }

/** One intervention as the parent's copy states it, in plain words, with nothing left blank. */
export function copyFacts(pi: PiState, names: CopyNames): [string, string][] {
  const none = 'Not recorded';
  const when = pi.startedAt ? `${longDay(pi.startedAt)}, from ${clock(pi.startedAt)}${pi.endedAt ? ` to ${clock(pi.endedAt)}` : ''}` : none;
  const degree = pi.staffTechniques.length
    ? pi.staffTechniques.map((s) => `${names.staff.get(s.staffId) ?? 'A member of staff'}: ${s.techniqueCodes.map((c) => names.techniques.get(c) ?? c).join(', ') || 'no hold or technique'}`).join('; ')
    : none;
  const injuries = !pi.pupilInjured && !pi.staffInjured ? 'No one was injured.'
    : `${[pi.pupilInjured ? 'The pupil was injured' : '', pi.staffInjured ? 'a member of staff was injured' : ''].filter(Boolean).join(' and ')}. ${pi.injuryNotes ?? ''}`.trim();
  return [
    ['When', when],
    ['Where', names.location ?? none],
    ['How long', pi.durationMinutes === null ? none : minutes(pi.durationMinutes)],
    ['Type of intervention', pi.kind ? INTERVENTION_KIND_LABELS[pi.kind] : none],
    ['Degree of force: staff and the holds or techniques each used', degree],
    ['Why it was necessary', pi.reason ?? none],
    ['De-escalation tried first', pi.deescalationTried ?? none],
    ['Injuries', injuries.charAt(0).toUpperCase() + injuries.slice(1)],
    ['Medical attention', pi.medicalAttention ?? none],
    ['Special educational needs at the time', pi.pupilSenStatus ? SEN_STATUS_LABELS[pi.pupilSenStatus] : none],
    ['Support offered afterwards', pi.supportOffered ?? none],
  ];
}

/** The review queue's flags (REV-2): any pupil whose copy is outstanding (the same-day warning), any whose copy was withheld. */
export function queueCopyFlags(pis: readonly { pupilId: string | null; startedAt: string | null }[],
  copies: readonly { pupilId: string; action: 'sent' | 'withheld'; given: boolean }[], now: Date): { outstanding: boolean; withheld: boolean } {
  let outstanding = false; let withheld = false;
  for (const pupilId of new Set(pis.map((p) => p.pupilId).filter((x): x is string => x !== null))) {
    const mine = copies.filter((c) => c.pupilId === pupilId);
    const latest = mine.at(-1);
    if (latest?.action === 'withheld') { withheld = true; continue; }
    const given = mine.some((c) => c.action === 'sent' && c.given);
    if (copyOutstanding(pis.filter((p) => p.pupilId === pupilId), { status: latest ? 'sending' : 'not_sent', givenAt: given ? 'given' : null }, now)) outstanding = true;
  }
  return { outstanding, withheld };
}
