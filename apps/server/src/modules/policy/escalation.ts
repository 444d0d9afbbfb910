/**
 * The escalation engine (POL-3), called by the recording modules inside their write transactions, after the new
 * events or incident are written: for each active rule in force at the site and each pupil, when the threshold is
 * reached and the pupil has no open task from that rule, create a task for the rule's role and notify the users
 * holding that role at the site.
 *
 * Cost: one query for the rules (none in force: done), one aggregate query over the longest period for all the
 * pupils (both none when the caller read them already: `known`), and only when something fires, the open-task
 * check, the pupils' names and the writes.
 */
import type { TRole } from '@haven/contracts';
import type { Executor } from '../../core/db/client.ts';
import type { AuditQueue } from '../../core/audit/audit.ts';
import type { Deps } from '../../core/http/context.ts';
import { notify, usersWithRoleAt, type AfterCommit } from '../../core/notify/notify.ts';
import { londonToday } from '../../core/time.ts';
import * as repo from './escalation.repo.ts';
import { describeFiring, firings, longestPeriod, windowStart, type Occurrence, type RuleSpec } from './escalation.rules.ts';
import { ruleFields } from './policy.presenter.ts';
import { assignRuleDetentions } from '../detentions/detentions.auto.ts';
import { suggestedInterventionNames } from '../support-interventions/support-catalogue.repo.ts';

export interface EscalationInput {
  trustId: string;
  siteId: string;
  pupilIds: readonly string[];
  /** The moment of evaluation (the school day is taken in Europe/London). */
  now: Date;
  /** When given, each task created is recorded in the audit log of the caller's use case. */
  audit?: AuditQueue;
  /**
   * For rules that assign a detention (SAN-1): the app's deps and a list the parent messages' ids are added to, for
   * the caller to send after commit (finishWrite), and who recorded what fired the rule. Without it no detention is
   * assigned (the task says so).
   */
  sanctions?: { deps: Deps; comms: string[]; actingUserId: string };
  /**
   * Already read by the caller in its first round trip (the quick log): the rules in force at the site and the
   * pupils' behaviour over their longest period, the caller's own new records included. Nothing is then read unless
   * a threshold is reached.
   */
  known?: { rules: repo.RuleRow[]; occurrences: Occurrence[]; openTasks: ReadonlySet<string> };
}

export interface EscalationFired {
  ruleId: string;
  ruleName: string;
  pupilId: string;
  value: number;
  taskId: string;
  notifiedUserIds: string[];
}

function toSpec(r: repo.RuleRow): RuleSpec {
  const f = ruleFields(r);
  return { id: f.id, measure: f.measure, categoryCodes: f.categoryCodes, polarity: f.polarity, threshold: f.threshold, periodDays: f.periodDays };
}

/**
 * Evaluate the site's escalation rules for these pupils and create the tasks and notifications due. Runs on the
 * caller's transaction (`tx`); live events are queued on `after` and go out once the caller's transaction commits.
 */
export async function evaluateEscalations(tx: Executor, after: AfterCommit, input: EscalationInput): Promise<EscalationFired[]> {
  const pupilIds = [...new Set(input.pupilIds)];
  if (pupilIds.length === 0) return [];
  const rules = input.known?.rules ?? await repo.activeRulesAt(tx, input.trustId, input.siteId);
  if (rules.length === 0) return [];
  const specs = rules.map(toSpec);
  const today = londonToday(input.now);
  const occurrences = input.known?.occurrences ?? await repo.recentBehaviour(tx, {
    trustId: input.trustId, siteId: input.siteId, pupilIds, from: windowStart(today, longestPeriod(specs)), to: today,
  });
  const due = firings(specs, occurrences, pupilIds, today);
  if (due.length === 0) return [];

  // A pupil past a threshold usually already has the rule's open task (every later record reaches it again): read
  // without locks first and stop there. Only for the rest lock in a fixed order (no deadlock between two writers),
  // then re-read under the locks; a task closed meanwhile is then seen, and two writers never both create one.
  const key = (f: { ruleId: string; pupilId: string }) => `${f.ruleId}:${f.pupilId}`;
  const openBefore = input.known?.openTasks ?? await repo.openEscalationTasks(tx, input.trustId, [...new Set(due.map((f) => f.ruleId))], [...new Set(due.map((f) => f.pupilId))]);
  const candidates = due.filter((f) => !openBefore.has(key(f)));
  if (candidates.length === 0) return [];
  const ordered = [...candidates].sort((a, b) => key(a).localeCompare(key(b)));
  for (const f of ordered) await repo.lockEscalation(tx, f.ruleId, f.pupilId);
  const open = await repo.openEscalationTasks(tx, input.trustId, [...new Set(candidates.map((f) => f.ruleId))], [...new Set(candidates.map((f) => f.pupilId))]);
  const toCreate = candidates.filter((f) => !open.has(key(f)));
  if (toCreate.length === 0) return [];

  const ruleById = new Map(rules.map((r) => [r.id, r]));
  const specById = new Map(specs.map((s) => [s.id, s]));
  const names = await repo.pupilNames(tx, input.trustId, [...new Set(toCreate.map((f) => f.pupilId))]);
  // rules linked to a detention type also put the pupil in the next session of that type (SAN-1); that never fails
  // the write that fired the rule: a pupil who cannot be placed is named in the rule's task, with the reason
  const write = input.sanctions && input.audit ? { deps: input.sanctions.deps, after, audit: input.audit, comms: input.sanctions.comms } : undefined;
  const detentions = await assignRuleDetentions(tx, write, { trustId: input.trustId, siteId: input.siteId, today, firings: toCreate, actingUserId: input.sanctions?.actingUserId ?? null, pupilNames: names });
  // rules may suggest a support intervention from the catalogue (SUP-3): the task names it for the pupil's lead
  const suggested = await suggestedInterventionNames(tx, input.trustId, rules.filter((r) => toCreate.some((f) => f.ruleId === r.id)).map((r) => r.suggestInterventionTypeId));
  const taskIds = await repo.insertTasks(tx, toCreate.map((f) => {
    const rule = ruleById.get(f.ruleId)!;
    const intervention = rule.suggestInterventionTypeId ? suggested.get(rule.suggestInterventionTypeId) : undefined;
    return {
      trustId: input.trustId, siteId: input.siteId, pupilId: f.pupilId, sourceType: 'escalation_rule', sourceId: rule.id,
      title: rule.taskTitle, detail: [`${rule.name}: ${describeFiring(specById.get(rule.id)!, f.value)}`, detentions.get(`${f.ruleId}:${f.pupilId}`)].filter(Boolean).join(' '),
      suggestion: [rule.suggestion, intervention ? `Suggested support intervention: ${intervention} (start it from the pupil's page).` : null].filter(Boolean).join(' ') || null,
      assignedRole: rule.notifyRole, status: 'open',
    };
  }));

  const recipientsByRole = new Map<string, string[]>();
  const fired: EscalationFired[] = [];
  for (const [i, f] of toCreate.entries()) {
    const rule = ruleById.get(f.ruleId)!;
    const taskId = taskIds[i]!;
    let recipients = recipientsByRole.get(rule.notifyRole);
    if (!recipients) {
      recipients = await usersWithRoleAt(tx, input.trustId, input.siteId, [rule.notifyRole as TRole]);
      recipientsByRole.set(rule.notifyRole, recipients);
    }
    // the title names the rule and the pupil only; the counts stay in the task, which needs task.read to open
    const title = `Escalation: ${rule.name} for ${names.get(f.pupilId) ?? 'a pupil'}`;
    await notify(tx, after, recipients, {
      trustId: input.trustId, siteId: input.siteId, kind: 'escalation', title,
      body: rule.taskTitle, link: '/tasks',
    });
    for (const userId of recipients) after.push(userId, 'task.created', { id: taskId, title: rule.taskTitle });
    input.audit?.record({
      action: 'task.create', entityType: 'task', entityId: taskId, siteId: input.siteId,
      details: { sourceType: 'escalation_rule', ruleId: rule.id, pupilId: f.pupilId, value: f.value, threshold: rule.threshold, notifyRole: rule.notifyRole },
    });
    fired.push({ ruleId: rule.id, ruleName: rule.name, pupilId: f.pupilId, value: f.value, taskId, notifiedUserIds: recipients });
  }
  return fired;
}
