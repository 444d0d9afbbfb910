/**
 * Reads for record-keeping quality (ANA-6): the submitted incidents of the sites that happened in the period (not
 * voided, not drafts, by the incident's site and date, as every figure counts them), with their review history from
 * incident_versions — first submission, latest (re)submission, sign-off, returns — and their physical interventions.
 * A record saved before versions were kept (or imported) falls back to the incident's own submitted and signed-off
 * times. A pupil filter keeps incidents with a matching pupil involved or instigating (as the dashboard's incidents).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { pgTimestampToIso } from '../../core/time.ts';
import { rowsOf } from '../analytics/analytics.repo.ts';
import { pupilCondition, uuidArray, type PupilFilter } from '../analytics/analytics.source.ts';
import type { QualityIncident, QualityPi } from './record-quality.rules.ts';

export interface Window { siteIds: readonly string[]; from: string; to: string; pupil?: PupilFilter | undefined }

const iso = (v: string | null) => (v === null ? null : pgTimestampToIso(v));

function counted(w: Window): SQL {
  const pc = pupilCondition(w.pupil);
  return sql`i.site_id = any(${uuidArray(w.siteIds)}) and i.voided_at is null and i.status <> 'draft'
    and i.occurred_on between ${w.from}::date and ${w.to}::date
    ${pc ? sql`and exists (select 1 from incident_pupils ip join pupils p on p.id = ip.pupil_id
                            where ip.incident_id = i.id and ip.role in ('involved', 'instigator') and ${pc})` : sql``}`;
}

interface RawIncident {
  id: string; site_id: string; created_by: string; occurred_on: string; status: string;
  first_submitted: string | null; last_submitted: string | null; signed_off: string | null; returns: number;
}
interface RawPi { id: string; incident_id: string; started_at: string | null; parent_informed_at: string | null; pupil_debrief_at: string | null; staff_debrief_at: string | null }

export async function qualityIncidents(db: Executor, w: Window): Promise<QualityIncident[]> {
  const [incidents, pis] = await Promise.all([
    db.execute(sql`
      select i.id, i.site_id, i.created_by, i.occurred_on::text as occurred_on, i.status,
             coalesce(min(v.changed_at) filter (where v.change in ('submit', 'resubmit')), i.first_submitted_at)::text as first_submitted,
             coalesce(max(v.changed_at) filter (where v.change in ('submit', 'resubmit')), i.submitted_at)::text as last_submitted,
             coalesce(max(v.changed_at) filter (where v.change = 'sign_off'), i.signed_off_at)::text as signed_off,
             (count(v.id) filter (where v.change = 'return'))::int as returns
        from incidents i left join incident_versions v on v.incident_id = i.id
       where ${counted(w)}
       group by i.id`),
    db.execute(sql`
      select x.id, x.incident_id, x.started_at::text as started_at, x.parent_informed_at::text as parent_informed_at,
             x.pupil_debrief_at::text as pupil_debrief_at, x.staff_debrief_at::text as staff_debrief_at
        from physical_interventions x join incidents i on i.id = x.incident_id
       where ${counted(w)}`),
  ]);
  const byIncident = new Map<string, QualityPi[]>();
  for (const p of rowsOf<RawPi>(pis)) {
    const pi: QualityPi = { id: p.id, startedAt: iso(p.started_at), parentInformedAt: iso(p.parent_informed_at), pupilDebriefAt: iso(p.pupil_debrief_at), staffDebriefAt: iso(p.staff_debrief_at) };
    const list = byIncident.get(p.incident_id);
    if (list) list.push(pi); else byIncident.set(p.incident_id, [pi]);
  }
  return rowsOf<RawIncident>(incidents).map((r) => ({
    id: r.id, siteId: r.site_id, recordedBy: r.created_by, occurredOn: r.occurred_on, status: r.status,
    firstSubmittedAt: iso(r.first_submitted), lastSubmittedAt: iso(r.last_submitted), signedOffAt: iso(r.signed_off), returns: r.returns,
    pis: byIncident.get(r.id) ?? [],
  }));
}
