/**
 * Automatic placement (SAN-1, POL-3): when an escalation rule linked to a detention type fires, or a missed
 * detention is re-assigned, the pupil goes into the next session of that type at the site (after the given day, on
 * a school day, with a place). What triggered it (a quick log, an incident, a register) never fails because of it:
 * each session is checked under its own lock, a session that filled up meanwhile is passed over for the next one,
 * and when no session can take the pupil the outcome is a sentence for the task a lead gets, saying why.
 */
import type { Executor } from '../../core/db/client.ts';
import { formatUkDate, type SchoolCalendar } from '../../core/calendar/calendar.ts';
import { loadSiteCalendar } from '../calendar/calendar.service.ts';
import * as repo from './detentions.repo.ts';
import { pickSession } from './detentions.rules.ts';
import { tryPlacePupil, type Placement, type SanctionWrite } from './detentions.place.ts';

export interface RuleFiring { ruleId: string; pupilId: string }

/** At most this many sessions are tried for one pupil (each one that filled up since it was listed costs a retry). */
const MAX_TRIES = 20;

export type NextSession = { row: repo.AssignmentRow } | { reason: string };

/**
 * Put the pupil in the first session of the type after `after` that takes them, or say why none did. Each attempt
 * runs in a savepoint: a database error there (a deadlock, a lock timeout) undoes only that attempt, its audit
 * entries, live events and parent messages, and the caller's own write goes on.
 */
export async function placeInNextSession(tx: Executor, w: SanctionWrite, a: {
  cal: SchoolCalendar; typeId: string; typeName: string; siteId: string; after: string; pupilName: string;
  placement: Omit<Placement, 'sessionId'>;
}): Promise<NextSession> {
  const tried = new Set<string>();
  const { trustId, pupilId } = a.placement;
  while (tried.size < MAX_TRIES) {
    const candidates = (await repo.candidateSessions(tx, trustId, a.siteId, a.typeId, a.after)).filter((c) => !tried.has(c.id));
    const target = pickSession(a.cal, candidates, a.after, pupilId);
    if (!target) break;
    tried.add(target.id);
    const marks = { audit: w.audit.size, after: w.after.size, comms: w.comms.length };
    try {
      const r = await tx.transaction((sp) => tryPlacePupil(sp, w, { ...a.placement, sessionId: target.id }));
      if ('row' in r) return r;
    } catch {
      w.audit.rollbackTo(marks.audit);
      w.after.rollbackTo(marks.after);
      w.comms.length = marks.comms;
      return { reason: `${a.pupilName} could not be placed in a ${a.typeName} session just now (the session was busy): assign them by hand.` };
    }
  }
  return {
    reason: tried.size > 0
      ? `Every ${a.typeName} session with a place filled up while ${a.pupilName} was being placed: schedule another and assign them.`
      : `No ${a.typeName} session with a place is scheduled: schedule one and assign ${a.pupilName}.`,
  };
}

/** For each firing of a rule that assigns a detention: the outcome in words, keyed `ruleId:pupilId`. */
export async function assignRuleDetentions(tx: Executor, w: SanctionWrite | undefined, input: {
  trustId: string; siteId: string; today: string; firings: readonly RuleFiring[]; actingUserId: string | null;
  pupilNames?: ReadonlyMap<string, string>;
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
    const pupilName = input.pupilNames?.get(f.pupilId) ?? 'the pupil';
    if (!w || !input.actingUserId) {
      out.set(`${f.ruleId}:${f.pupilId}`, `No ${type.name} session was assigned automatically: assign ${pupilName} by hand.`);
      continue;
    }
    const r = await placeInNextSession(tx, w, {
      cal, typeId, typeName: type.name, siteId: input.siteId, after: input.today, pupilName,
      placement: { trustId: input.trustId, pupilId: f.pupilId, source: 'rule', escalationRuleId: f.ruleId, assignedBy: null, actingUserId: input.actingUserId },
    });
    out.set(`${f.ruleId}:${f.pupilId}`, 'row' in r ? `Assigned to ${type.name} on ${formatUkDate(r.row.date)} at ${r.row.startTime}.` : r.reason);
  }
  return out;
}
