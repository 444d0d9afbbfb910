/**
 * Reads and writes for STF-2: the flags kept on an incident (incident_certificate_flags), rewritten whole when the
 * section changes. Certificates themselves are read through training's validCertificatesOn.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import type { HoldFlag } from './certificate-check.rules.ts';
import type { TCertificateFlag, TCertificateProblem } from '@haven/contracts';

const idsOf = (ids: readonly string[]) => sql`(select (jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb))::uuid)`;
/** Both drivers answer db.execute() with an object carrying `rows` (not incidents.repo's: that module loads FLAGS_JSON). */
const rowsOf = <T = Record<string, unknown>>(result: unknown): T[] => (result as { rows: T[] }).rows;
const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) as T : v as T);

/** The staff member is one of the trust's (404 otherwise, so ids of another trust say nothing). */
export async function staffOfTrust(db: Executor, trustId: string, staffId: string): Promise<boolean> {
  return rowsOf(await db.execute(sql`select 1 from staff_members where id = ${staffId} and trust_id = ${trustId}`)).length > 0;
}

/** Replaces an incident's flags with these (one statement each way). */
/** Removes an incident's flags: before its physical-intervention rows are replaced, which the flags point at. */
export async function clearFlags(db: Executor, incidentId: string): Promise<void> {
  await db.execute(sql`delete from incident_certificate_flags where incident_id = ${incidentId}`);
}

export async function replaceFlags(db: Executor, i: { id: string; trustId: string; siteId: string }, flags: readonly (HoldFlag & { id: string })[]): Promise<void> {
  await clearFlags(db, i.id);
  if (!flags.length) return;
  const rows = flags.map((f) => ({
    id: f.id, trust_id: i.trustId, site_id: i.siteId, incident_id: i.id, physical_intervention_id: f.physicalInterventionId, staff_id: f.staffId,
    technique_code: f.techniqueCode, problem: f.problem, checked_on: f.checkedOn, expired_on: f.expiredOn,
  }));
  await db.execute(sql`insert into incident_certificate_flags (id, trust_id, site_id, incident_id, physical_intervention_id, staff_id, technique_code, problem, checked_on, expired_on)
    select id, trust_id, site_id, incident_id, physical_intervention_id, staff_id, technique_code, problem, checked_on, expired_on
      from jsonb_populate_recordset(null::incident_certificate_flags, ${JSON.stringify(rows)}::jsonb)`);
}

/** Names of members of staff, for flags built in memory. */
export async function staffNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = rowsOf<{ id: string; name: string }>(await db.execute(sql`select id, forename || ' ' || surname as name from staff_members where id in ${idsOf([...new Set(ids)])}`));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** SQL for an incident row `i`'s flags as JSON (the incident load adds it). */
export const FLAGS_JSON = sql.raw(`(select coalesce(json_agg(json_build_object('physicalInterventionId', f.physical_intervention_id, 'staffId', f.staff_id,
    'staffName', sm.forename || ' ' || sm.surname, 'techniqueCode', f.technique_code, 'problem', f.problem, 'checkedOn', f.checked_on::text,
    'expiredOn', f.expired_on::text) order by f.physical_intervention_id, (sm.forename || ' ' || sm.surname) collate "C", f.technique_code collate "C"), '[]'::json)
    from incident_certificate_flags f join staff_members sm on sm.id = f.staff_id where f.incident_id = i.id)`);

export const parseFlags = (v: unknown): TCertificateFlag[] => (parse<TCertificateFlag[] | null>(v) ?? []).map((f) => ({ ...f, problem: f.problem as TCertificateProblem }));
