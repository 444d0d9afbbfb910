/**
 * Pure retention rules (CMP-1): the default schedule a trust starts with (data: the trust changes it), when a record
 * falls due under a rule, whether a record is due (every pupil's date passed) and what a hold request must name.
 * The defaults follow the IRMS Information Management Toolkit for Schools (docs/retention.md cites each row).
 */
import { SEALED_RETENTION_KINDS, type TRetentionKind, type TRetentionTrigger } from '@haven/contracts';

export interface RuleData { trigger: TRetentionTrigger; years: number; enabled: boolean; basis: string }

const IRMS = 'IRMS Information Management Toolkit for Schools';
const PUPIL_FILE = `${IRMS}: pupil's educational record (secondary) — date of birth + 25 years`;

export const DEFAULT_RULES: Record<TRetentionKind, RuleData> = {
  safeguarding_concern: { trigger: 'date_of_birth', years: 25, enabled: true, basis: `${IRMS}: child protection information held in separate files — date of birth + 25 years, then review` },
  incident: { trigger: 'date_of_birth', years: 25, enabled: true, basis: `${IRMS}: pupil file and records of the use of reasonable force and accidents to pupils — date of birth + 25 years` },
  quick_point: { trigger: 'leaving_date', years: 6, enabled: true, basis: `Day-to-day behaviour points are not kept on the pupil file: date of leaving + 6 years (Limitation Act 1980, contract claims); a trust choice, confirm with your DPO` },
  detention: { trigger: 'date_of_birth', years: 25, enabled: true, basis: PUPIL_FILE },
  isolation: { trigger: 'date_of_birth', years: 25, enabled: true, basis: PUPIL_FILE },
  suspension: { trigger: 'date_of_birth', years: 25, enabled: true, basis: `${IRMS}: exclusion records are part of the pupil file — date of birth + 25 years` },
  placement: { trigger: 'date_of_birth', years: 25, enabled: true, basis: PUPIL_FILE },
  contact: { trigger: 'date_of_birth', years: 25, enabled: true, basis: PUPIL_FILE },
  letter: { trigger: 'date_of_birth', years: 25, enabled: true, basis: PUPIL_FILE },
  plan: { trigger: 'date_of_birth', years: 25, enabled: true, basis: PUPIL_FILE },
  risk_assessment: { trigger: 'date_of_birth', years: 25, enabled: true, basis: `${IRMS}: pupil risk assessments — date of birth + 25 years` },
  intervention: { trigger: 'date_of_birth', years: 25, enabled: true, basis: PUPIL_FILE },
  meeting: { trigger: 'date_of_birth', years: 25, enabled: true, basis: PUPIL_FILE },
  referral: { trigger: 'date_of_birth', years: 25, enabled: true, basis: PUPIL_FILE },
  professional_report: { trigger: 'date_of_birth', years: 31, enabled: true, basis: `${IRMS}: SEN files, reviews and education, health and care plans — date of birth + 31 years` },
};

export const isSealedKind = (kind: TRetentionKind): boolean => SEALED_RETENTION_KINDS.includes(kind);

/** An ISO date plus whole years (29 February becomes 28 February in a year that has none, as PostgreSQL does). */
export function addYears(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

export interface RecordDates { dateOfBirth: string | null; leavingDate: string | null; recordDate: string | null; closureDate: string | null }

/** The date the record falls due for one pupil under the rule, or null while it cannot (not left, not closed). */
export function dueDate(rule: Pick<RuleData, 'trigger' | 'years'>, d: RecordDates): string | null {
  const base = { date_of_birth: d.dateOfBirth, leaving_date: d.leavingDate, record_date: d.recordDate, closure_date: d.closureDate }[rule.trigger];
  return base ? addYears(base, rule.years) : null;
}

/** A record about several pupils is due only when it is due for every one of them: the latest of their dates. */
export function recordDue(dates: (string | null)[]): string | null {
  if (!dates.length || dates.some((x) => x === null)) return null;
  return (dates as string[]).reduce((a, b) => (a > b ? a : b));
}

/** What a hold must name: a pupil, or one record (its kind and id) — not both, not neither. Null when it is fine. */
export function holdProblem(h: { pupilId?: string | undefined; kind?: string | undefined; recordId?: string | undefined }): { field: string; message: string } | null {
  if (h.pupilId && (h.kind || h.recordId)) return { field: 'pupilId', message: 'Hold a pupil or one record, not both' };
  if (h.pupilId) return null;
  if (!h.kind) return { field: 'kind', message: 'Name the pupil, or the kind and id of the record to hold' };
  if (!h.recordId) return { field: 'recordId', message: 'Name the record to hold' };
  return null;
}
