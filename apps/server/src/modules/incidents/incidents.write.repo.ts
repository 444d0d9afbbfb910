/**
 * Incident writes, each save as ONE statement: data-modifying CTEs for the child tables and the version row, and the
 * rows themselves sent as a few JSON parameters expanded by jsonb_populate_record(set). A create or an autosave is one
 * round trip whatever it touches, and the SQL text is one of a few fixed texts, so building it costs next to nothing
 * per request and PostgreSQL runs it as a prepared statement (core/db/prepared.ts): parsed once per connection.
 * CTEs run against one snapshot, so the statements touch disjoint rows: upserts for what is listed, deletes for
 * what no longer is.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import type { IncidentState, PiState } from './incidents.model.ts';
import { executePrepared, runStatementLater, statementFrom, type Statement } from '../../core/db/prepared.ts';
import { londonDate, type Snapshot, type VersionChange } from './incidents.rules.ts';

export interface VersionRow { id: string; version: number; change: VersionChange; snapshot: Snapshot; changedBy: string; changedAt: string; comment: string | null }

/** Columns an edit may change (never the id, trust, author or creation time). */
const MUTABLE = ['site_id', 'status', 'occurred_at', 'occurred_on', 'location_code', 'period_code', 'severity', 'category_codes', 'antecedent',
  'behaviour', 'consequence', 'motivation_code', 'action_codes', 'dfe_reason_code', 'form_version_id', 'custom_values', 'physical_intervention',
  'serious', 'version', 'updated_at', 'first_submitted_at', 'submitted_at', 'signed_off_at', 'signed_off_by', 'voided_at', 'voided_by', 'void_reason'] as const;
const INCIDENT = ['id', 'trust_id', 'created_by', 'created_at', ...MUTABLE] as const;
const PI = ['id', 'incident_id', 'trust_id', 'site_id', 'pupil_id', 'kind', 'pupil_sen_status', 'started_at', 'ended_at', 'duration_minutes', 'staff_techniques', 'reason',
  'deescalation_tried', 'pupil_injured', 'staff_injured', 'injury_notes', 'body_map', 'medical_attention', 'support_offered', 'pupil_debrief_at', 'pupil_debrief_by',
  'staff_debrief_at', 'staff_debrief_by', 'parent_informed_at', 'parent_informed_how', 'parent_informed_by'] as const;
const PUPIL = ['incident_id', 'pupil_id', 'trust_id', 'role'] as const;
const STAFF = ['incident_id', 'staff_id', 'trust_id', 'role'] as const;
const VERSION = ['id', 'incident_id', 'trust_id', 'version', 'change', 'snapshot', 'changed_by', 'changed_at', 'comment'] as const;

type Row = Record<string, unknown>;

function incidentRow(s: IncidentState): Row {
  return {
    id: s.id, trust_id: s.trustId, created_by: s.createdBy, created_at: s.createdAt, site_id: s.siteId, status: s.status,
    occurred_at: s.occurredAt, occurred_on: s.occurredAt ? londonDate(new Date(s.occurredAt)) : null, location_code: s.locationCode,
    period_code: s.periodCode, severity: s.severity, category_codes: s.categoryCodes, antecedent: s.antecedent, behaviour: s.behaviour,
    consequence: s.consequence, motivation_code: s.motivationCode, action_codes: s.actionCodes, dfe_reason_code: s.dfeReasonCode,
    form_version_id: s.formVersionId, custom_values: s.customValues, physical_intervention: s.physicalIntervention, serious: s.serious,
    version: s.version, updated_at: s.updatedAt, first_submitted_at: s.firstSubmittedAt, submitted_at: s.submittedAt,
    signed_off_at: s.signedOffAt, signed_off_by: s.signedOffBy, voided_at: s.voidedAt, voided_by: s.voidedBy, void_reason: s.voidReason,
  };
}

function piRow(s: IncidentState, pi: PiState): Row {
  return {
    id: pi.id, incident_id: s.id, trust_id: s.trustId, site_id: s.siteId, pupil_id: pi.pupilId, kind: pi.kind, pupil_sen_status: pi.pupilSenStatus, started_at: pi.startedAt, ended_at: pi.endedAt,
    duration_minutes: pi.durationMinutes, staff_techniques: pi.staffTechniques, reason: pi.reason, deescalation_tried: pi.deescalationTried,
    pupil_injured: pi.pupilInjured, staff_injured: pi.staffInjured, injury_notes: pi.injuryNotes, body_map: pi.bodyMap,
    medical_attention: pi.medicalAttention, support_offered: pi.supportOffered, pupil_debrief_at: pi.pupilDebriefAt, pupil_debrief_by: pi.pupilDebriefBy,
    staff_debrief_at: pi.staffDebriefAt, staff_debrief_by: pi.staffDebriefBy, parent_informed_at: pi.parentInformedAt,
    parent_informed_how: pi.parentInformedHow, parent_informed_by: pi.parentInformedBy,
  };
}

const versionRow = (s: IncidentState, v: VersionRow): Row => ({
  id: v.id, incident_id: s.id, trust_id: s.trustId, version: v.version, change: v.change, snapshot: v.snapshot, changed_by: v.changedBy,
  changed_at: v.changedAt, comment: v.comment,
});
const pupilRows = (s: IncidentState): Row[] => s.pupils.map((p) => ({ incident_id: s.id, pupil_id: p.pupilId, trust_id: s.trustId, role: p.role }));
const staffRows = (s: IncidentState): Row[] => s.staff.map((p) => ({ incident_id: s.id, staff_id: p.staffId, trust_id: s.trustId, role: p.role }));

const list = (cols: readonly string[]) => sql.raw(cols.join(', '));

/** insert into T (cols) select cols from jsonb_populate_recordset(null::T, $rows): many rows, one parameter. */
function insertRows(table: string, cols: readonly string[], rows: Row[], onConflict?: SQL): SQL {
  return sql`insert into ${sql.raw(table)} (${list(cols)}) select ${list(cols)} from jsonb_populate_recordset(null::${sql.raw(table)}, ${JSON.stringify(rows)}::jsonb)${onConflict ?? sql``}`;
}

const idsIn = (ids: readonly string[]) => sql`(select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid)`;
const updateSet = (cols: readonly string[]) => sql.raw(cols.map((c) => `${c} = excluded.${c}`).join(', '));

function withAll(ctes: SQL[], main: SQL): SQL {
  if (ctes.length === 0) return main;
  return sql`with ${sql.join(ctes.map((q, n) => sql`${sql.raw(`w${n}`)} as (${q})`), sql`, `)} ${main}`;
}

/** The insert's text for an incident with (or without) pupils, staff and physical interventions: built once each. */
const insertStatements = new Map<number, Statement>();
function insertStatement(pupils: boolean, staff: boolean, pis: boolean): Statement {
  const key = (pupils ? 1 : 0) | (staff ? 2 : 0) | (pis ? 4 : 0);
  let st = insertStatements.get(key);
  if (!st) {
    const ctes = [insertRows('incidents', INCIDENT, [])];
    if (pupils) ctes.push(insertRows('incident_pupils', PUPIL, []));
    if (staff) ctes.push(insertRows('incident_staff', STAFF, []));
    if (pis) ctes.push(insertRows('physical_interventions', PI, []));
    st = statementFrom(withAll(ctes, insertRows('incident_versions', VERSION, [])));
    insertStatements.set(key, st);
  }
  return st;
}

/**
 * A new incident with its pupils, staff, physical interventions and first version, in one statement, sent with
 * the transaction's next statement (its audit append and commit: prepared.ts runStatementLater). The parameters
 * are in the order of the statement's parts: the incident, pupils, staff, physical interventions, the version.
 */
export async function insertIncident(db: Executor, s: IncidentState, v: VersionRow): Promise<void> {
  const params: string[] = [JSON.stringify([incidentRow(s)])];
  if (s.pupils.length) params.push(JSON.stringify(pupilRows(s)));
  if (s.staff.length) params.push(JSON.stringify(staffRows(s)));
  if (s.physicalInterventions.length) params.push(JSON.stringify(s.physicalInterventions.map((pi) => piRow(s, pi))));
  params.push(JSON.stringify([versionRow(s, v)]));
  await runStatementLater(db, insertStatement(s.pupils.length > 0, s.staff.length > 0, s.physicalInterventions.length > 0), params);
}

/** Child rows of one incident: upsert those listed (role and fields updated), delete those no longer listed. */
function replaceChildren(table: string, cols: readonly string[], key: string, conflict: string, incidentId: string, rows: Row[], update: readonly string[]): SQL[] {
  const keep = rows.map((r) => r[key] as string);
  const out = [sql`delete from ${sql.raw(table)} where incident_id = ${incidentId} and ${sql.raw(key)} <> all${idsIn(keep)}`];
  if (rows.length) out.push(insertRows(table, cols, rows, sql` on conflict (${sql.raw(conflict)}) do update set ${updateSet(update)}`));
  return out;
}

/**
 * Saves a changed incident and its new version if the row is still at `fromVersion` (optimistic concurrency; the
 * caller also holds the row lock); false when someone saved first, and the caller's transaction then rolls back.
 * Child tables are written only when their part changed.
 */
export async function updateIncident(db: Executor, s: IncidentState, fromVersion: number,
  changed: { pupils: boolean; staff: boolean; pis: boolean }, v: VersionRow): Promise<boolean> {
  const ctes = [insertRows('incident_versions', VERSION, [versionRow(s, v)])];
  if (changed.pupils) ctes.push(...replaceChildren('incident_pupils', PUPIL, 'pupil_id', 'incident_id, pupil_id', s.id, pupilRows(s), ['role']));
  if (changed.staff) ctes.push(...replaceChildren('incident_staff', STAFF, 'staff_id', 'incident_id, staff_id', s.id, staffRows(s), ['role']));
  if (changed.pis) {
    ctes.push(...replaceChildren('physical_interventions', PI, 'id', 'id', s.id, s.physicalInterventions.map((pi) => piRow(s, pi)), PI.slice(4)));
  }
  const main = sql`update incidents set (${list(MUTABLE)}) = (select ${list(MUTABLE)} from jsonb_populate_record(null::incidents, ${JSON.stringify(incidentRow(s))}::jsonb))
    where id = ${s.id} and version = ${fromVersion} returning id`;
  return (await executePrepared(db, withAll(ctes, main))).length > 0;
}
