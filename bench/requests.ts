/**
 * What the benchmarks' HTTP clients send, built from plain data so that it can be made in the client worker thread:
 * request n of a recording run is a full incident (two pupils, one member of staff, one physical intervention) that
 * follows the contract (ZIncidentInput); request n of a pupil-list run is a search.
 */
import type { TIncidentInput } from '@haven/contracts';

export interface Fixtures {
  trustId: string;
  siteId: string;
  pupils: { id: string; name: string }[];
  staff: { id: string; name: string }[];
  codes: { category: string; location: string; period: string; motivation: string; actions: string[]; technique: string };
}

/** What staff type into the pupil search: the start of a forename or surname. */
export const SEARCHES = ['ja', 'smi', 'kha', 'ol', 'wal', 'em', 'tay', 'ali', 'ha', 'ry', 'mo', 'li', 'wil', 'ch', 'jo', 'ro'];

/** A quick log (bench/quicklog.ts): `size` pupils from the site's list, one category (a third of logs positive). */
export interface QuickLogSpec {
  kind: 'quickLog'; pupilIds: string[]; size: number; negative: string; positive: string; keyPrefix: string;
  /** Logs dated this many days back (the JIT warm-up: outside every escalation rule's window), else now. */
  daysAgo?: number;
}

/** A pupil's page (bench/plans.ts): the profile, then the plan's key points. */
export interface PupilPageSpec { kind: 'pupilPage'; pupilId: string }

export type RequestSpec = { kind: 'incident'; fixtures: Fixtures } | { kind: 'pupilSearch' } | QuickLogSpec | PupilPageSpec;
/** `then`: a request the page makes after this one answers (timed together as one). */
export interface BuiltRequest { method: string; path: string; body?: unknown; expect: number; headers?: Record<string, string>; then?: BuiltRequest }

const iso = (msAgo: number): string => new Date(Date.now() - msAgo).toISOString().replace(/\.\d{3}Z$/, '.000Z');

/** Request n's quick log: `size` consecutive pupils (a class), negative twice in three, with an Idempotency-Key as the web app sends. */
export function quickLogFor(spec: Omit<QuickLogSpec, 'kind'>, n: number): { pupilIds: string[]; categoryCode: string; occurredAt?: string } {
  const start = (n * spec.size * 7) % spec.pupilIds.length;
  const pupilIds = Array.from({ length: spec.size }, (_, i) => spec.pupilIds[(start + i) % spec.pupilIds.length]!);
  const categoryCode = n % 3 === 0 ? spec.positive : spec.negative;
  return spec.daysAgo ? { pupilIds, categoryCode, occurredAt: iso(spec.daysAgo * 86_400_000) } : { pupilIds, categoryCode };
}

export function buildRequest(spec: RequestSpec, n: number): BuiltRequest {
  if (spec.kind === 'pupilPage') {
    return { method: 'GET', path: `/api/v1/pupils/${spec.pupilId}`, expect: 200, then: { method: 'GET', path: `/api/v1/pupils/${spec.pupilId}/plan-key-points`, expect: 200 } };
  }
  if (spec.kind === 'pupilSearch') return { method: 'GET', path: `/api/v1/pupils?search=${SEARCHES[n % SEARCHES.length]}`, expect: 200 };
  if (spec.kind === 'quickLog') {
    return { method: 'POST', path: '/api/v1/behaviour-events', body: quickLogFor(spec, n), expect: 201, headers: { 'idempotency-key': `${spec.keyPrefix}-${n}` } };
  }
  return { method: 'POST', path: '/api/v1/incidents', body: incidentFor(spec.fixtures, n), expect: 201 };
}


/** Request n's incident: two different pupils, one member of staff who held one of them for six minutes. */
export function incidentFor(f: Fixtures, n: number): TIncidentInput {
  const ia = n % f.pupils.length;
  const a = f.pupils[ia]!;
  const b = f.pupils[(ia + 1 + ((n * 7) % (f.pupils.length - 1))) % f.pupils.length]!;
  const member = f.staff[n % f.staff.length]!;
  const started = 40 * 60_000;
  return {
    siteId: f.siteId, occurredAt: iso(45 * 60_000), locationCode: f.codes.location, periodCode: f.codes.period, severity: 4,
    categoryCodes: [f.codes.category],
    pupils: [{ pupilId: a.id, role: 'instigator' }, { pupilId: b.id, role: 'affected' }],
    staff: [{ staffId: member.id, role: 'involved' }],
    antecedent: 'A disagreement over a game escalated quickly on the playground at the end of lunch.',
    behaviour: `${a.name} pushed ${b.name} to the ground and kicked out towards them.`,
    consequence: 'Staff separated the pupils; both were checked by a first aider. A restorative meeting is planned for tomorrow.',
    motivationCode: f.codes.motivation, actionCodes: f.codes.actions,
    physicalIntervention: true,
    physicalInterventions: [{
      pupilId: a.id, kind: 'force_with_contact', startedAt: iso(started), endedAt: iso(started - 6 * 60_000),
      staffTechniques: [{ staffId: member.id, techniqueCodes: [f.codes.technique] }],
      reason: 'To prevent injury to other pupils.', deescalationTried: 'Calm voice, offered choices and time in the calm room.',
      pupilInjured: false, staffInjured: false, medicalAttention: 'None needed.',
      parentInformedAt: iso(20 * 60_000), parentInformedHow: 'phone', parentInformedBy: member.id,
    }],
  };
}

