/**
 * The in-memory shape of one full incident, as loaded in one query and as it will be saved: the service changes it,
 * the repo writes it, the presenter turns it into the contract DTO, and `toSnapshot` into a stored version.
 */
import type { TBodyMapMark, TCertificateFlag, TIncidentStatus, TInterventionKind, TSenStatus } from '@haven/contracts';
import type { CustomField, CustomValue, Snapshot } from './incidents.rules.ts';

export interface PiState {
  id: string;
  pupilId: string | null;
  kind: TInterventionKind | null;
  /** LAW-10: the pupil's SEN status taken when the pupil was recorded on the intervention (never typed). */
  pupilSenStatus: TSenStatus | null;
  startedAt: string | null;
  endedAt: string | null;
  durationMinutes: number | null;
  staffTechniques: { staffId: string; techniqueCodes: string[] }[];
  reason: string | null;
  deescalationTried: string | null;
  pupilInjured: boolean;
  staffInjured: boolean;
  injuryNotes: string | null;
  bodyMap: TBodyMapMark[];
  medicalAttention: string | null;
  supportOffered: string | null;
  pupilDebriefAt: string | null;
  pupilDebriefBy: string | null;
  staffDebriefAt: string | null;
  staffDebriefBy: string | null;
  parentInformedAt: string | null;
  parentInformedHow: string | null;
  parentInformedBy: string | null;
}

export interface IncidentPupil { pupilId: string; displayName: string; yearGroup: number; role: 'involved' | 'instigator' | 'affected' | 'witness' }
export interface IncidentStaffMember { staffId: string; name: string; role: 'involved' | 'witness' }

export interface IncidentState {
  id: string;
  trustId: string;
  siteId: string;
  siteName: string;
  status: TIncidentStatus;
  voidedAt: string | null;
  voidedBy: string | null;
  voidReason: string | null;
  occurredAt: string | null;
  locationCode: string | null;
  periodCode: string | null;
  severity: number | null;
  categoryCodes: string[];
  pupils: IncidentPupil[];
  staff: IncidentStaffMember[];
  antecedent: string | null;
  behaviour: string | null;
  consequence: string | null;
  motivationCode: string | null;
  actionCodes: string[];
  dfeReasonCode: string | null;
  formVersionId: string | null;
  formVersion: number | null;
  customFields: CustomField[];
  customValues: Record<string, CustomValue>;
  physicalIntervention: boolean;
  physicalInterventions: PiState[];
  serious: boolean;
  createdBy: string;
  createdByName: string;
  createdAt: string;
  updatedAt: string;
  firstSubmittedAt: string | null;
  submittedAt: string | null;
  signedOffAt: string | null;
  signedOffBy: string | null;
  signedOffByName: string | null;
  /** The comment of the latest return for amendment, if any. */
  returnComments: string | null;
  version: number;
  /** STF-2: holds not covered by a valid certificate on the day (derived: recomputed on save, never in a version). */
  certificateFlags: TCertificateFlag[];
  /** TRP-4: the off-site visit the incident happened on (incidents.visit_id; linked on submit or from the visit). */
  visit: { id: string; purpose: string } | null;
}

export const PI_FIELDS = ['pupilId', 'kind', 'pupilSenStatus', 'startedAt', 'endedAt', 'staffTechniques', 'reason', 'deescalationTried', 'pupilInjured', 'staffInjured',
  'injuryNotes', 'bodyMap', 'medicalAttention', 'supportOffered', 'pupilDebriefAt', 'pupilDebriefBy', 'staffDebriefAt', 'staffDebriefBy', 'parentInformedAt',
  'parentInformedHow', 'parentInformedBy'] as const;

export function emptyPi(id: string): PiState {
  return {
    id, pupilId: null, kind: null, pupilSenStatus: null, startedAt: null, endedAt: null, durationMinutes: null, staffTechniques: [], reason: null, deescalationTried: null,
    pupilInjured: false, staffInjured: false, injuryNotes: null, bodyMap: [], medicalAttention: null, supportOffered: null, pupilDebriefAt: null, pupilDebriefBy: null,
    staffDebriefAt: null, staffDebriefBy: null, parentInformedAt: null, parentInformedHow: null, parentInformedBy: null,
  };
}

const PUPIL_ROLE_ORDER = ['instigator', 'involved', 'affected', 'witness'];
const STAFF_ROLE_ORDER = ['involved', 'witness'];
/** The order the repo loads people in (role, then id), so a response is the same whether built in memory or loaded. */
export function orderPeople(s: Pick<IncidentState, 'pupils' | 'staff'>): void {
  s.pupils.sort((a, b) => PUPIL_ROLE_ORDER.indexOf(a.role) - PUPIL_ROLE_ORDER.indexOf(b.role) || (a.pupilId < b.pupilId ? -1 : 1));
  s.staff.sort((a, b) => STAFF_ROLE_ORDER.indexOf(a.role) - STAFF_ROLE_ORDER.indexOf(b.role) || (a.staffId < b.staffId ? -1 : 1));
}

const byKey = <T>(key: (x: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/**
 * A stored version: what the record said, not who could see it. The same shape as the demo seed's versions (names
 * beside pupil and staff ids so old versions still read); derived values (seriousness, ids of PI rows) are left out.
 */
export function toSnapshot(s: IncidentState): Snapshot {
  return {
    siteId: s.siteId, status: s.status, voided: s.voidedAt !== null, voidReason: s.voidReason,
    occurredAt: s.occurredAt, locationCode: s.locationCode, periodCode: s.periodCode, severity: s.severity,
    categoryCodes: s.categoryCodes,
    pupils: [...s.pupils].sort(byKey((p) => p.pupilId)).map((p) => ({ pupilId: p.pupilId, role: p.role, name: p.displayName })),
    staff: [...s.staff].sort(byKey((p) => p.staffId)).map((p) => ({ staffId: p.staffId, role: p.role, name: p.name })),
    antecedent: s.antecedent, behaviour: s.behaviour, consequence: s.consequence, motivationCode: s.motivationCode,
    actionCodes: s.actionCodes, dfeReasonCode: s.dfeReasonCode, formVersionId: s.formVersionId, customValues: s.customValues,
    physicalIntervention: s.physicalIntervention,
    physicalInterventions: s.physicalInterventions.map(({ id: _id, ...pi }) => pi),
  };
}
