/**
 * Demo data of the plan in use (issue 14 §3–4): the physical interventions on pupils with a behaviour support plan are
 * checked against the plan in force when each happened (so the review queue shows "hold not in the plan" where the
 * demo holds differ from the plan's), and each such pupil's submitted incidents raise their "review the plan" tasks,
 * as the app does when an incident is submitted (the last three weeks only).
 */
import { sql } from 'drizzle-orm';
import type { Tx } from '../../core/db/client.ts';
import type { AuditQueue } from '../../core/audit/audit.ts';
import { AfterCommit } from '../../core/notify/notify.ts';
import { addDays } from '../../core/calendar/calendar.ts';
import { loadIncident } from '../../modules/incidents/incidents.repo.ts';
import { checkIncidentHolds, raiseIncidentReviews } from '../../modules/plans-use/plans-use.service.ts';

/** The last three weeks' incidents (to `today`, the seed's date): older ones would only add tasks long since dealt with. */
export async function seedPlansInUse(tx: Tx, audit: AuditQueue, trustId: string, today: string): Promise<number> {
  const rows = (await tx.execute(sql`select distinct i.id, i.occurred_at from incidents i join incident_pupils ip on ip.incident_id = i.id
    join behaviour_support_plans b on b.pupil_id = ip.pupil_id and b.status <> 'draft'
    where i.trust_id = ${trustId} and i.voided_at is null and i.status <> 'draft' and i.occurred_on between ${addDays(today, -21)}::date and ${today}::date
    order by i.occurred_at`) as unknown as { rows: { id: string }[] }).rows;
  const after = new AfterCommit();
  for (const { id } of rows) {
    const s = await loadIncident(tx, trustId, id);
    if (!s) continue;
    if (s.physicalIntervention) await checkIncidentHolds(tx, s);
    await raiseIncidentReviews(tx, audit, after, s);
  }
  return rows.length;
}
