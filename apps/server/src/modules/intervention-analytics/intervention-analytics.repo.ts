/**
 * Reads for the physical interventions dashboard (ANA-3). The interventions counted are exactly the dashboard's `pi`
 * measure (analytics.source): one per pupil held, on incidents that are not voided and not drafts, by the incident's
 * site and date; a pupil filter keeps interventions of matching pupils. Interventions are few (thousands a year for a
 * trust), so the rules work over the rows themselves.
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { pgTimestampToIso } from '../../core/time.ts';
import { rowsOf } from '../analytics/analytics.repo.ts';
import { pupilCondition, uuidArray, type PupilFilter } from '../analytics/analytics.source.ts';
import type { PiRow, StaffTechnique, UncertifiedUse } from './intervention-analytics.rules.ts';

export interface Window { siteIds: readonly string[]; from: string; to: string; pupil?: PupilFilter | undefined }

interface Raw {
  id: string; incident_id: string; site_id: string; occurred_on: string; pupil_id: string | null; started_at: string | null; ended_at: string | null;
  staff_techniques: unknown; pupil_injured: boolean; staff_injured: boolean; medical_attention: string | null;
  pupil_debrief_at: string | null; staff_debrief_at: string | null; parent_informed_at: string | null; uncertified: unknown;
}

const iso = (v: string | null) => (v === null ? null : pgTimestampToIso(v));

/** Staff and techniques as stored (JSONB), read defensively: entries without a staff id are left out. */
export function parseStaffTechniques(v: unknown): StaffTechnique[] {
  const list = typeof v === 'string' ? JSON.parse(v) as unknown : v;
  if (!Array.isArray(list)) return [];
  return (list as Record<string, unknown>[]).filter((s) => s && typeof s.staffId === 'string').map((s) => ({
    staffId: s.staffId as string,
    techniqueCodes: Array.isArray(s.techniqueCodes) ? (s.techniqueCodes as unknown[]).filter((c): c is string => typeof c === 'string') : [],
  }));
}

export async function interventionRows(db: Executor, w: Window): Promise<PiRow[]> {
  const pc = pupilCondition(w.pupil);
  const rows = rowsOf<Raw>(await db.execute(sql`
    select x.id, x.incident_id, i.site_id, i.occurred_on::text as occurred_on, x.pupil_id, x.started_at::text as started_at, x.ended_at::text as ended_at,
           x.staff_techniques, x.pupil_injured, x.staff_injured, x.medical_attention,
           x.pupil_debrief_at::text as pupil_debrief_at, x.staff_debrief_at::text as staff_debrief_at, x.parent_informed_at::text as parent_informed_at,
           (select coalesce(json_agg(json_build_object('staffId', f.staff_id, 'techniqueCode', f.technique_code, 'problem', f.problem)
               order by f.staff_id, f.technique_code), '[]'::json)
              from incident_certificate_flags f where f.physical_intervention_id = x.id and f.problem in ('missing', 'expired', 'not_covered')) as uncertified
      from physical_interventions x join incidents i on i.id = x.incident_id
      ${pc ? sql`join pupils p on p.id = x.pupil_id and ${pc}` : sql``}
     where i.site_id = any(${uuidArray(w.siteIds)}) and i.voided_at is null and i.status <> 'draft'
       and i.occurred_on between ${w.from}::date and ${w.to}::date`));
  return rows.map((r) => ({
    id: r.id, incidentId: r.incident_id, siteId: r.site_id, occurredOn: r.occurred_on, pupilId: r.pupil_id,
    startedAt: iso(r.started_at), endedAt: iso(r.ended_at), staffTechniques: parseStaffTechniques(r.staff_techniques),
    pupilInjured: r.pupil_injured, staffInjured: r.staff_injured, medicalAttention: r.medical_attention,
    pupilDebriefAt: iso(r.pupil_debrief_at), staffDebriefAt: iso(r.staff_debrief_at), parentInformedAt: iso(r.parent_informed_at),
    uncertified: (typeof r.uncertified === 'string' ? JSON.parse(r.uncertified) : r.uncertified) as UncertifiedUse[],
  }));
}

/** Names and sites of members of staff (the "without a valid certificate" table). */
export async function staffByIds(db: Executor, ids: readonly string[]): Promise<Map<string, { name: string; siteId: string }>> {
  if (!ids.length) return new Map();
  const rows = rowsOf<{ id: string; name: string; site_id: string }>(await db.execute(sql`select id, forename || ' ' || surname as name, site_id
    from staff_members where id = any(${uuidArray(ids)})`));
  return new Map(rows.map((r) => [r.id, { name: r.name, siteId: r.site_id }]));
}
