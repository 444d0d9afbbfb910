/**
 * Demo data for STF-2 and STF-4, after the training seed (certificates, line management): a member of staff whose
 * physical-intervention certificate has expired is recorded in a restraint (so the incident, the review queue and the
 * dashboard show the flag), every demo physical intervention is checked against certificates, and two of the cluster
 * lead's team have this year's performance review in progress.
 */
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../core/db/client.ts';
import { londonToday } from '../../core/time.ts';
import { academicYearOf, addDays } from '../../core/calendar/dates.ts';
import { recomputeFlags } from '../../modules/staff-reviews/certificate-check.service.ts';
import { performanceReviews } from '../schema/staff-reviews.ts';

const rowsOf = <T>(r: unknown): T[] => (r as { rows: T[] }).rows;
const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) as T : v as T);

interface PiRow { incident_id: string; site_id: string; occurred_at: string | null; pis: unknown }

export async function seedDemoStaffReviews(tx: Tx, trustId: string, now: Date): Promise<void> {
  const today = londonToday(now);
  // a managed member of staff whose physical-skills certificates have all run out
  const lapsed = rowsOf<{ staff_id: string; site_id: string; technique: string; manager_user: string }>(await tx.execute(sql`
    select c.staff_id, sm.site_id, (c.technique_codes ->> 0) as technique, mu.user_id as manager_user
      from training_certificates c join training_courses tc on tc.id = c.course_id and tc.physical_skills
      join staff_members sm on sm.id = c.staff_id
      join line_management lm on lm.staff_id = c.staff_id join staff_members mu on mu.id = lm.manager_staff_id
     where c.trust_id = ${trustId} and c.revoked_at is null and jsonb_array_length(c.technique_codes) > 0
     group by c.staff_id, sm.site_id, c.technique_codes, mu.user_id
    having max(c.expires_on) < ${today}::date
       and not exists (select 1 from training_certificates v join training_courses vc on vc.id = v.course_id and vc.physical_skills
                        where v.staff_id = c.staff_id and v.revoked_at is null and v.expires_on >= ${today}::date)
     order by c.staff_id limit 1`))[0];
  if (lapsed) {
    // the latest submitted restraint at their site names them using the hold their certificate covered
    const target = rowsOf<{ id: string; incident_id: string; staff_techniques: unknown }>(await tx.execute(sql`
      select x.id, x.incident_id, x.staff_techniques from physical_interventions x join incidents i on i.id = x.incident_id
       where i.site_id = ${lapsed.site_id} and i.status = 'submitted' and i.voided_at is null
       order by i.occurred_at desc nulls last limit 1`))[0];
    if (target) {
      const st = parse<{ staffId: string; techniqueCodes: string[] }[]>(target.staff_techniques).filter((s) => s.staffId !== lapsed.staff_id);
      st.unshift({ staffId: lapsed.staff_id, techniqueCodes: [lapsed.technique] });
      await tx.execute(sql`update physical_interventions set staff_techniques = ${JSON.stringify(st)}::jsonb where id = ${target.id}`);
      await tx.execute(sql`insert into incident_staff (incident_id, staff_id, trust_id, role) values (${target.incident_id}, ${lapsed.staff_id}, ${trustId}, 'involved')
        on conflict (incident_id, staff_id) do nothing`);
    }
  }
  // every demo physical intervention checked against certificates on its day
  const incidents = rowsOf<PiRow>(await tx.execute(sql`select i.id as incident_id, i.site_id, i.occurred_at::text as occurred_at,
      json_agg(json_build_object('id', x.id, 'startedAt', x.started_at, 'staffTechniques', x.staff_techniques)) as pis
    from incidents i join physical_interventions x on x.incident_id = i.id where i.trust_id = ${trustId} and i.physical_intervention
    group by i.id`));
  for (const i of incidents) {
    const pis = parse<{ id: string; startedAt: string | null; staffTechniques: unknown }[]>(i.pis)
      .map((p) => ({ id: p.id, startedAt: p.startedAt ? new Date(p.startedAt).toISOString() : null, staffTechniques: parse<{ staffId: string; techniqueCodes: string[] }[]>(p.staffTechniques) ?? [] }));
    await recomputeFlags(tx, { id: i.incident_id, trustId, siteId: i.site_id, occurredAt: i.occurred_at ? new Date(i.occurred_at).toISOString() : null, physicalIntervention: true, physicalInterventions: pis }, now);
  }
  // two reviews in progress in the cluster lead's team
  const team = rowsOf<{ staff_id: string; manager_staff_id: string; manager_user: string | null }>(await tx.execute(sql`select lm.staff_id, lm.manager_staff_id, m.user_id as manager_user
      from line_management lm join staff_members m on m.id = lm.manager_staff_id
     where lm.trust_id = ${trustId} and lm.starts_on <= ${today}::date and (lm.ends_on is null or lm.ends_on >= ${today}::date)
     order by lm.staff_id limit 2`));
  const year = academicYearOf(today);
  const rows = team.filter((t) => t.manager_user).map((t, n) => ({
    id: uuidv7(), trustId, staffId: t.staff_id, reviewerStaffId: t.manager_staff_id, academicYear: year.label, stage: n === 0 ? 'mid_year' : 'objectives',
    objectives: [
      { id: uuidv7(), title: 'Run the lunchtime nurture group three days a week', successMeasure: 'Fewer lunchtime incidents for the group than last term', midYearProgress: n === 0 ? 'Running since October; incidents down' : null, annualOutcome: null },
      { id: uuidv7(), title: 'Complete the Team Teach refresher', successMeasure: 'Certificate in date all year', midYearProgress: null, annualOutcome: null },
    ],
    midYearReviewerComment: n === 0 ? 'Calm, consistent and trusted by the pupils. Keep the debriefs written up the same day.' : null,
    midYearOn: n === 0 ? addDays(year.startDate, 150) <= today ? addDays(year.startDate, 150) : today : null,
    observations: n === 0 ? [{ id: uuidv7(), on: addDays(today, -20) < year.startDate ? today : addDays(today, -20), text: 'De-escalated a pupil in the corridor with a calm voice and choices; no hold was needed.' }] : [],
    evidence: [], version: 1, createdBy: t.manager_user!, createdAt: now, updatedAt: now,
  }));
  if (rows.length) await tx.insert(performanceReviews).values(rows).onConflictDoNothing();
}
