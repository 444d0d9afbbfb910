/** The plan-in-use reads of one incident: its check against the plan in force, and what its post-incident review may link. */
import type { Deps } from '../../core/http/context.ts';
import { can, type Actor } from '../../core/policy/policy.ts';
import { forbidden } from '../../core/http/errors.ts';
import { visibleIncident } from '../incidents/incidents.service.ts';
import { planCheckOf } from './plans-use.service.ts';
import { linkOptions } from './plans-use.reviews.service.ts';

/** GET /incidents/:id/plan-check: for whoever may open the incident. */
export async function incidentPlanCheck(deps: Deps, actor: Actor, id: string) {
  const db = deps.database.db;
  return planCheckOf(db, await visibleIncident(db, actor, id));
}

/** GET /incidents/:id/post-incident-review/link-options: for the incident's reviewers. */
export async function reviewLinkOptions(deps: Deps, actor: Actor, id: string) {
  const db = deps.database.db;
  const s = await visibleIncident(db, actor, id);
  if (!can(actor, 'incident.review', s)) throw forbidden('You do not review incidents at this site.');
  return linkOptions(db, actor.trustId, s.pupils.map((p) => p.pupilId));
}
