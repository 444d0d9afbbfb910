/**
 * A version diff's values in words (INC-6): codes as their policy labels, people as names, instants in London time,
 * a whole physical intervention as its filled-in fields. Unknown shapes fall back to compact JSON.
 */
import { formatDate, formatDateTime } from '../../lib/format';
import { INTERVENTION_KIND_LABELS, SEN_STATUS_LABELS, type TInterventionKind, type TSenStatus } from '@haven/contracts';
import { contactMethodLabel, fieldLabel, PUPIL_ROLE_LABELS, STAFF_ROLE_LABELS, statusLabel } from './labels';
import { labelOf, type IncidentPolicy } from './policy';
import type { TIncident, TIncidentStatus, TPupilRole, TStaffRole } from './types';

export interface DiffContext { inc: TIncident; policy: IncidentPolicy; staffName: (id: string | null) => string }

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Technical fields that mean nothing to a reader. */
export const HIDDEN_DIFF_FIELDS = new Set(['formVersionId', 'siteId']);

function plain(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return ISO_INSTANT.test(v) ? formatDateTime(v) : ISO_DATE.test(v) ? formatDate(v) : v;
  const json = JSON.stringify(v);
  return json.length > 300 ? `${json.slice(0, 300)}…` : json;
}

const asList = (v: unknown): unknown[] | null => (Array.isArray(v) ? v : null);
const rec = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});

export function formatDiffValue(field: string, v: unknown, ctx: DiffContext): string {
  if (v === null || v === undefined) return '—';
  const key = field.split('.').pop() ?? field;
  const { policy } = ctx;
  switch (key) {
    case 'status': return statusLabel(String(v) as TIncidentStatus);
    case 'locationCode': return labelOf(policy.locations, String(v));
    case 'periodCode': return labelOf(policy.periods, String(v));
    case 'motivationCode': return labelOf(policy.motivations, String(v));
    case 'severity': return typeof v === 'number' ? `${v} – ${policy.severityLabels[v] ?? ''}` : plain(v);
    case 'categoryCodes': return asList(v)?.map((c) => labelOf(policy.categories, String(c))).join(', ') || '—';
    case 'actionCodes': return asList(v)?.map((c) => labelOf(policy.actions, String(c))).join(', ') || '—';
    case 'parentInformedHow': return contactMethodLabel(String(v));
    case 'kind': return INTERVENTION_KIND_LABELS[v as TInterventionKind] ?? plain(v);
    case 'pupilSenStatus': return SEN_STATUS_LABELS[v as TSenStatus] ?? plain(v);
    case 'pupilId': return ctx.inc.pupils.find((p) => p.pupilId === v)?.displayName ?? 'A pupil';
    case 'pupilDebriefBy': case 'staffDebriefBy': case 'parentInformedBy': case 'staffId': return ctx.staffName(String(v));
    case 'pupils': return asList(v)?.map((p) => `${String(rec(p).name ?? rec(p).displayName ?? 'A pupil')} (${PUPIL_ROLE_LABELS[rec(p).role as TPupilRole] ?? String(rec(p).role)})`).join(', ') || '—';
    case 'staff': return asList(v)?.map((s) => `${String(rec(s).name ?? 'A member of staff')} (${STAFF_ROLE_LABELS[rec(s).role as TStaffRole] ?? String(rec(s).role)})`).join(', ') || '—';
    case 'bodyMap': { const n = asList(v)?.length ?? 0; return n === 1 ? '1 mark' : `${n} marks`; }
    case 'staffTechniques':
      return asList(v)?.map((s) => `${ctx.staffName(String(rec(s).staffId))}: ${(asList(rec(s).techniqueCodes) ?? []).map((c) => labelOf(policy.techniques, String(c))).join(', ')}`).join('; ') || '—';
    default: break;
  }
  // A whole physical intervention added or removed: its filled-in fields, each in words.
  if (/^physicalInterventions\.\d+$/.test(field) && typeof v === 'object') {
    return Object.entries(rec(v)).filter(([k, x]) => k !== 'id' && x !== null && x !== false && !(Array.isArray(x) && x.length === 0))
      .map(([k, x]) => `${fieldLabel(k)}: ${formatDiffValue(`${field}.${k}`, x, ctx)}`).join('; ') || '—';
  }
  return plain(v);
}
