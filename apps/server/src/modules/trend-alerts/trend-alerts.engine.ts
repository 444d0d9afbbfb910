/**
 * Evaluating trend alerts for one trust on one day (the daily job and "evaluate now"). Per site: the settings in
 * force, the two windows from the site's calendar, the counts from the records, the rule (trend-alerts.rules.ts);
 * then, in one transaction, the new alerts, a task for the site's behaviour lead for each, and in-app notifications
 * (emailed when SMTP is configured, through the notifications outbox).
 *
 * Not raised twice: the unique index (site, subject, measure, period end) makes a re-run on the same day raise
 * nothing, and a subject and measure already alerted in a window overlapping the current one is skipped, so a rate
 * that stays high alerts once per period, not every school day.
 */
import type { TRole } from '@haven/contracts';
import { PERMISSIONS } from '../../core/policy/permissions.ts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext, AuditQueue } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { addDays, listSchoolDays } from '../../core/calendar/calendar.ts';
import { AfterCommit, notify, usersWithRoleAt } from '../../core/notify/notify.ts';
import { emailAfterCommit, markForEmail, type MailLog } from '../../core/mail/outbox.ts';
import { mailerFor } from '../../core/mail/mailer.ts';
import { loadSiteCalendar } from '../calendar/calendar.service.ts';
import * as repo from './trend-alerts.repo.ts';
import { effectiveSettings, evaluateTrendAlerts, trendWindows, type SettingsRow, type TrendDecision, type TrendWindows } from './trend-alerts.rules.ts';
import { alertText } from './trend-alerts.text.ts';
import { suggestPlanReview } from '../plans-use/plans-use.service.ts';
import { trendAlertTrigger } from '../plans-use/plans-use.rules.ts';

/** Who hears of an alert: the site's behaviour leads, or where it has none, its heads. */
export const ALERT_ROLES: readonly TRole[] = ['behaviour_lead'];
export const FALLBACK_ROLES: readonly TRole[] = ['head'];
/** More new alerts than this at a site in one run: each recipient gets one summary notification, not one each. */
export const MAX_NOTIFICATIONS_PER_SITE = 10;
/** Calendar days searched back for 2 × 60 school days (the longest periods allowed). */
const LOOKBACK_DAYS = 400;

export type SiteStatus = 'evaluated' | 'disabled' | 'not_enough_school_days';
export interface SiteOutcome {
  siteId: string; siteName: string; status: SiteStatus;
  previousFrom: string | null; currentFrom: string | null; currentTo: string | null; created: number;
}

export interface EvaluateInput { trustId: string; day: string; siteIds?: readonly string[]; log?: MailLog }

export async function evaluateTrust(deps: Deps, ctx: AuditContext, input: EvaluateInput): Promise<{ sites: SiteOutcome[]; created: number }> {
  const db = deps.database.db;
  const all = await repo.sitesOfTrust(db, input.trustId);
  const chosen = input.siteIds ? all.filter((s) => input.siteIds!.includes(s.id)) : all;
  const settings: SettingsRow[] = await repo.settingsRows(db, input.trustId);
  const sites: SiteOutcome[] = [];
  for (const site of chosen) sites.push(await evaluateSite(deps, ctx, { ...input, site, settings }));
  return { sites, created: sites.reduce((n, s) => n + s.created, 0) };
}

interface SiteInput extends EvaluateInput { site: { id: string; name: string }; settings: readonly SettingsRow[] }

async function evaluateSite(deps: Deps, ctx: AuditContext, input: SiteInput): Promise<SiteOutcome> {
  const { site, day, trustId } = input;
  const outcome: SiteOutcome = { siteId: site.id, siteName: site.name, status: 'disabled', previousFrom: null, currentFrom: null, currentTo: null, created: 0 };
  const { values } = effectiveSettings(input.settings, site.id);
  if (!values.enabled) return outcome;
  const db = deps.database.db;
  const cal = await loadSiteCalendar(db, trustId, site.id);
  const w = trendWindows(listSchoolDays(cal, addDays(day, -LOOKBACK_DAYS), day), day, values.periodDays);
  if (!w) return { ...outcome, status: 'not_enough_school_days' };
  Object.assign(outcome, { status: 'evaluated', previousFrom: w.previousFrom, currentFrom: w.currentFrom, currentTo: w.currentTo });
  const counts = await repo.windowCounts(db, site.id, w);
  const decisions = evaluateTrendAlerts({ windows: w, settings: values, counts, enrolments: await repo.enrolments(db, site.id, w.previousFrom, w.currentTo) });
  if (decisions.length === 0) return outcome;

  const after = new AfterCommit();
  const mailer = mailerFor(deps);
  const notificationIds = await inTransaction(deps.database, ctx, async (tx, audit) => {
    const already = await repo.alertedSince(tx, site.id, w.currentFrom);
    const fresh = decisions.filter((d) => !already.has(`${d.subjectKey}|${d.measure}`));
    const inserted = await repo.insertNewAlerts(tx, fresh.map((d) => ({
      trustId, siteId: site.id, subject: d.subject, pupilId: d.pupilId, subjectKey: d.subjectKey, measure: d.measure,
      previousFrom: w.previousFrom, currentFrom: w.currentFrom, currentTo: w.currentTo,
      previousCount: d.previousCount, currentCount: d.currentCount, previousRate: d.previousRate, currentRate: d.currentRate,
    })));
    outcome.created = inserted.length;
    if (inserted.length === 0) return [];
    const byKey = new Map(fresh.map((d) => [`${d.subjectKey}|${d.measure}`, d]));
    const raised = inserted.map((r) => ({ id: r.id, d: byKey.get(`${r.subjectKey}|${r.measure}`)! }));
    const ids = await raiseTasksAndNotify(tx, after, audit, { trustId, site, w, periodDays: values.periodDays, raised });
    await markForEmail(tx, mailer, ids);
    return ids;
  });
  after.publish(deps.hub);
  emailAfterCommit(deps, notificationIds, input.log);
  return outcome;
}

interface Raise {
  trustId: string; site: { id: string; name: string }; w: TrendWindows; periodDays: number;
  raised: { id: string; d: TrendDecision }[];
}

/** A task per alert for the alert role, and the notifications (a pupil named only to those who read their behaviour). */
async function raiseTasksAndNotify(tx: Executor, after: AfterCommit, audit: AuditQueue, r: Raise): Promise<string[]> {
  const { trustId, site, w } = r;
  let role = ALERT_ROLES;
  let recipients = await usersWithRoleAt(tx, trustId, site.id, ALERT_ROLES);
  if (recipients.length === 0) {
    role = FALLBACK_ROLES;
    recipients = await usersWithRoleAt(tx, trustId, site.id, FALLBACK_ROLES);
  }
  const readers = new Set(await usersWithRoleAt(tx, trustId, site.id, PERMISSIONS['behaviour.read'].roles));
  const named = recipients.filter((u) => readers.has(u));
  const unnamed = recipients.filter((u) => !readers.has(u));
  const names = await repo.pupilNames(tx, r.raised.flatMap((x) => (x.d.pupilId ? [x.d.pupilId] : [])));
  const summary = r.raised.length > MAX_NOTIFICATIONS_PER_SITE;
  const ids: string[] = [];
  const base = { trustId, siteId: site.id, kind: 'analytics.trend_alert', link: '/analytics#trend-alerts' };
  for (const { id, d } of r.raised) {
    const figures = { ...d, previousFrom: w.previousFrom, previousTo: w.previousTo, currentFrom: w.currentFrom, currentTo: w.currentTo };
    const text = alertText(figures, r.periodDays, site.name, d.pupilId ? names.get(d.pupilId) ?? null : null);
    const taskId = await repo.insertTask(tx, {
      trustId, siteId: site.id, pupilId: d.pupilId, sourceType: 'trend_alert', sourceId: id, title: text.taskTitle,
      detail: text.taskDetail, suggestion: text.suggestion, assignedRole: role[0]!, status: 'open',
    });
    await repo.setAlertTask(tx, id, taskId);
    for (const userId of recipients) after.push(userId, 'task.created', { id: taskId, title: text.taskTitle });
    if (!summary) {
      ids.push(...await notify(tx, after, named, { ...base, title: text.title, body: text.body }));
      if (unnamed.length) {
        const anonymous = alertText(figures, r.periodDays, site.name, null);
        ids.push(...await notify(tx, after, unnamed, { ...base, title: anonymous.title, body: anonymous.body }));
      }
    }
    audit.record({ action: 'analytics.alert.create', entityType: 'analytics_alert', entityId: id, siteId: site.id,
      details: { subject: d.subject, pupilId: d.pupilId, measure: d.measure, previousFrom: w.previousFrom, currentFrom: w.currentFrom, currentTo: w.currentTo,
        previousCount: d.previousCount, currentCount: d.currentCount, taskId, notified: recipients.length } });
    audit.record({ action: 'task.create', entityType: 'task', entityId: taskId, siteId: site.id, details: { sourceType: 'trend_alert', alertId: id, pupilId: d.pupilId, assignedRole: role[0] } });
    // a pupil's rising rate suggests a review of their behaviour support plan, to its owner (when they have one)
    if (d.pupilId) await suggestPlanReview(tx, audit, after, { trustId, pupilId: d.pupilId, day: w.currentTo, trigger: trendAlertTrigger({ id, raisedOn: w.currentTo }) });
  }
  if (summary) {
    ids.push(...await notify(tx, after, recipients, {
      ...base, title: `${r.raised.length} new trend alerts at ${site.name}`,
      body: `Rates rose by more than the set margin over the last ${r.periodDays} school days. Each alert has a task for you; open the alerts on the analytics page to see them.`,
    }));
  }
  return ids;
}
