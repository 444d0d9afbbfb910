/**
 * Escalation rules that assign a detention (POL-3 extended for SAN-1): when a rule linked to a detention type fires
 * for a pupil, the pupil is put in the next session of that type at the site (after today, on a school day, with a
 * place). Runs inside the escalation engine's transaction; returns a line for each firing's task.
 */
import type { Executor } from '../../core/db/client.ts';
import { formatUkDate } from '../../core/calendar/calendar.ts';
import { loadSiteCalendar } from '../calendar/calendar.service.ts';
import * as repo from './detentions.repo.ts';
import { pickSession } from './detentions.rules.ts';
import { placePupil, type SanctionWrite } from './detentions.place.ts';

export interface RuleFiring { ruleId: string; pupilId: string }

/** For each firing of a rule that assigns a detention: the outcome in words, keyed `ruleId:pupilId`. */
export async function assignRuleDetentions(tx: Executor, w: SanctionWrite | undefined, input: {
  trustId: string; siteId: string; today: string; firings: readonly RuleFiring[]; actingUserId: string | null;
}): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const links = await repo.ruleTypes(tx, input.trustId, [...new Set(input.firings.map((f) => f.ruleId))]);
  if (links.size === 0) return out;
  const cal = await loadSiteCalendar(tx, input.trustId, input.siteId);
  for (const f of input.firings) {
    const typeId = links.get(f.ruleId);
    if (!typeId) continue;
    const type = await repo.findType(tx, input.trustId, typeId);
    if (!type?.active) continue;
    const target = pickSession(cal, await repo.candidateSessions(tx, input.trustId, input.siteId, typeId, input.today), input.today, f.pupilId);
    if (!target || !w || !input.actingUserId) {
      out.set(`${f.ruleId}:${f.pupilId}`, `No ${type.name} session with a place is scheduled: schedule one and assign the pupil.`);
      continue;
    }
    const row = await placePupil(tx, w, { trustId: input.trustId, sessionId: target.id, pupilId: f.pupilId, source: 'rule', escalationRuleId: f.ruleId, assignedBy: null, actingUserId: input.actingUserId });
    out.set(`${f.ruleId}:${f.pupilId}`, `Assigned to ${type.name} on ${formatUkDate(row.date)} at ${row.startTime}.`);
  }
  return out;
}
