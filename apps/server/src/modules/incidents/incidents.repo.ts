/**
 * Incident reads: one round trip loads a whole incident (pupils, staff, physical interventions, form, latest return
 * comment). Writes are in incidents.write.repo.ts.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { pgTimestampToIso } from '../../core/time.ts';
import type { IncidentState, PiState } from './incidents.model.ts';
import { FLAGS_JSON, parseFlags } from '../staff-reviews/certificate-check.repo.ts';
import { parseFields, type CustomValue, type Snapshot, type VersionChange } from './incidents.rules.ts';

/** Both drivers answer db.execute() with an object carrying `rows`. */
export function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

export const iso = (v: unknown): string | null => (v === null || v === undefined ? null : pgTimestampToIso(v as string));
const isoOrNow = (v: unknown): string => iso(v) ?? new Date().toISOString();

/** A pupil's display name in SQL, the same rule as the pupils presenter (preferred names first). */
export const PUPIL_NAME_TEXT = `coalesce(p.preferred_forename, p.legal_forename) || ' ' || coalesce(p.preferred_surname, p.legal_surname)`;
export const PUPIL_NAME = sql.raw(PUPIL_NAME_TEXT);

const LOAD = sql`select i.id, i.trust_id, i.site_id, s.name as site_name, i.status, i.voided_at, i.voided_by, i.void_reason, i.occurred_at,
    i.location_code, i.period_code, i.severity, i.category_codes, i.antecedent, i.behaviour, i.consequence, i.motivation_code,
    i.action_codes, i.dfe_reason_code, i.form_version_id, fv.version as form_version, fv.fields as form_fields, i.custom_values,
    i.physical_intervention, i.serious, i.created_by, cu.display_name as created_by_name, i.created_at, i.updated_at,
    i.first_submitted_at, i.submitted_at, i.signed_off_at, i.signed_off_by, su.display_name as signed_off_by_name, i.version,
    (select v.comment from incident_versions v where v.incident_id = i.id and v.change = 'return' order by v.version desc limit 1) as return_comments,
    (select coalesce(json_agg(json_build_object('pupilId', p.id, 'displayName', ${PUPIL_NAME}, 'yearGroup', p.year_group, 'role', ip.role)
        order by array_position(array['instigator', 'involved', 'affected', 'witness'], ip.role), p.id), '[]'::json)
       from incident_pupils ip join pupils p on p.id = ip.pupil_id where ip.incident_id = i.id) as pupils,
    (select coalesce(json_agg(json_build_object('staffId', sm.id, 'name', sm.forename || ' ' || sm.surname, 'role', ist.role)
        order by array_position(array['involved', 'witness'], ist.role), sm.id), '[]'::json)
       from incident_staff ist join staff_members sm on sm.id = ist.staff_id where ist.incident_id = i.id) as staff,
    (select coalesce(json_agg(json_build_object('id', pi.id, 'pupilId', pi.pupil_id, 'kind', pi.kind, 'pupilSenStatus', pi.pupil_sen_status, 'startedAt', pi.started_at, 'endedAt', pi.ended_at,
        'durationMinutes', pi.duration_minutes, 'staffTechniques', pi.staff_techniques, 'reason', pi.reason,
        'deescalationTried', pi.deescalation_tried, 'pupilInjured', pi.pupil_injured, 'staffInjured', pi.staff_injured,
        'injuryNotes', pi.injury_notes, 'bodyMap', pi.body_map, 'medicalAttention', pi.medical_attention, 'supportOffered', pi.support_offered,
        'pupilDebriefAt', pi.pupil_debrief_at, 'pupilDebriefBy', pi.pupil_debrief_by, 'staffDebriefAt', pi.staff_debrief_at,
        'staffDebriefBy', pi.staff_debrief_by, 'parentInformedAt', pi.parent_informed_at, 'parentInformedHow', pi.parent_informed_how,
        'parentInformedBy', pi.parent_informed_by) order by pi.id), '[]'::json)
       from physical_interventions pi where pi.incident_id = i.id) as pis,
    ${FLAGS_JSON} as certificate_flags, i.visit_id, vi.purpose as visit_purpose
  from incidents i join sites s on s.id = i.site_id join users cu on cu.id = i.created_by left join visits vi on vi.id = i.visit_id
  left join users su on su.id = i.signed_off_by left join incident_form_versions fv on fv.id = i.form_version_id`;

const parseJson = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) as T : v as T);

function toPi(r: Record<string, unknown>): PiState {
  return {
    id: r.id as string, pupilId: (r.pupilId as string | null) ?? null, kind: (r.kind as PiState['kind']) ?? null,
    pupilSenStatus: (r.pupilSenStatus as PiState['pupilSenStatus']) ?? null, startedAt: iso(r.startedAt), endedAt: iso(r.endedAt),
    durationMinutes: (r.durationMinutes as number | null) ?? null, staffTechniques: parseJson(r.staffTechniques) ?? [],
    reason: (r.reason as string | null) ?? null, deescalationTried: (r.deescalationTried as string | null) ?? null,
    pupilInjured: Boolean(r.pupilInjured), staffInjured: Boolean(r.staffInjured), injuryNotes: (r.injuryNotes as string | null) ?? null,
    bodyMap: parseJson(r.bodyMap) ?? [], medicalAttention: (r.medicalAttention as string | null) ?? null,
    supportOffered: (r.supportOffered as string | null) ?? null,
    pupilDebriefAt: iso(r.pupilDebriefAt), pupilDebriefBy: (r.pupilDebriefBy as string | null) ?? null,
    staffDebriefAt: iso(r.staffDebriefAt), staffDebriefBy: (r.staffDebriefBy as string | null) ?? null,
    parentInformedAt: iso(r.parentInformedAt), parentInformedHow: (r.parentInformedHow as string | null) ?? null,
    parentInformedBy: (r.parentInformedBy as string | null) ?? null,
  };
}

function toState(r: Record<string, unknown>): IncidentState {
  return {
    id: r.id as string, trustId: r.trust_id as string, siteId: r.site_id as string, siteName: r.site_name as string,
    status: r.status as IncidentState['status'], voidedAt: iso(r.voided_at), voidedBy: (r.voided_by as string | null) ?? null, voidReason: r.void_reason as string | null,
    occurredAt: iso(r.occurred_at), locationCode: r.location_code as string | null, periodCode: r.period_code as string | null,
    severity: r.severity as number | null, categoryCodes: parseJson(r.category_codes), pupils: parseJson(r.pupils), staff: parseJson(r.staff),
    antecedent: r.antecedent as string | null, behaviour: r.behaviour as string | null, consequence: r.consequence as string | null,
    motivationCode: r.motivation_code as string | null, actionCodes: parseJson(r.action_codes), dfeReasonCode: r.dfe_reason_code as string | null,
    formVersionId: r.form_version_id as string | null, formVersion: (r.form_version as number | null) ?? null,
    customFields: parseFields(r.form_fields), customValues: parseJson<Record<string, CustomValue>>(r.custom_values),
    physicalIntervention: Boolean(r.physical_intervention), physicalInterventions: parseJson<Record<string, unknown>[]>(r.pis).map(toPi),
    serious: Boolean(r.serious), createdBy: r.created_by as string, createdByName: r.created_by_name as string,
    createdAt: isoOrNow(r.created_at), updatedAt: isoOrNow(r.updated_at), firstSubmittedAt: iso(r.first_submitted_at),
    submittedAt: iso(r.submitted_at), signedOffAt: iso(r.signed_off_at), signedOffBy: r.signed_off_by as string | null,
    signedOffByName: (r.signed_off_by_name as string | null) ?? null, returnComments: (r.return_comments as string | null) ?? null,
    version: Number(r.version), certificateFlags: parseFlags(r.certificate_flags),
    visit: r.visit_id ? { id: r.visit_id as string, purpose: (r.visit_purpose as string | null) ?? '' } : null,
  };
}

/** The whole incident, optionally locking its row for the rest of the transaction (edits and transitions). */
export async function loadIncident(db: Executor, trustId: string, id: string, forUpdate = false): Promise<IncidentState | undefined> {
  const r = await db.execute(sql`${LOAD} where i.id = ${id} and i.trust_id = ${trustId}${forUpdate ? sql` for update of i` : sql``}`);
  const row = rowsOf(r)[0];
  return row ? toState(row) : undefined;
}

export async function versionsOf(db: Executor, incidentId: string) {
  const r = await db.execute(sql`select v.version, v.change, v.snapshot, v.changed_by, u.display_name as changed_by_name, v.changed_at, v.comment
    from incident_versions v join users u on u.id = v.changed_by where v.incident_id = ${incidentId} order by v.version`);
  return rowsOf<{ version: number; change: VersionChange; snapshot: unknown; changed_by: string; changed_by_name: string; changed_at: string; comment: string | null }>(r)
    .map((v) => ({ ...v, snapshot: parseJson<Snapshot>(v.snapshot) }));
}
