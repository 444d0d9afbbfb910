/**
 * Trend alerts (ANA-5) for the API. Settings: the trust-wide scope is changed only by a trust-wide holder of
 * analytics.manage, a site's by those holding it there; saves carry the version read (409 if someone saved since).
 * The alerts list names pupils, so it covers only sites where the caller reads behaviour records (governors and
 * other aggregate-only viewers are refused). "Evaluate now" runs the daily evaluation for the caller's sites.
 */
import type { TAlertSettingsList, TAlertSettingsScope, TAlertSettingsUpdate, TTrendAlertEvaluate, TTrendAlertEvaluation, TTrendAlertList, TTrendAlertQuery } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { MailLog } from '../../core/mail/outbox.ts';
import type { Executor } from '../../core/db/client.ts';
import { can, scope, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { fieldError, forbidden, notFound, staleVersion } from '../../core/http/errors.ts';
import { londonToday } from '../../core/time.ts';
import * as repo from './trend-alerts.repo.ts';
import { evaluateTrust } from './trend-alerts.engine.ts';
import { presentAlert, presentScope } from './trend-alerts.presenter.ts';

const mayManage = (actor: Actor, siteId: string | null) => can(actor, 'analytics.manage', { trustId: actor.trustId, siteId });

async function scopes(db: Executor, actor: Actor): Promise<TAlertSettingsList> {
  const rows = await repo.settingsRows(db, actor.trustId);
  const managed = new Set(scope(actor, 'analytics.manage').siteIds);
  const sites = (await repo.sitesOfTrust(db, actor.trustId)).filter((s) => managed.has(s.id));
  return {
    trust: presentScope(rows, null, null, mayManage(actor, null)),
    sites: sites.map((s) => presentScope(rows, s.id, s.name, true)),
  };
}

export async function getSettings(deps: Deps, actor: Actor): Promise<TAlertSettingsList> {
  if (scope(actor, 'analytics.manage').siteIds.length === 0) throw forbidden('You do not configure trend alerts at any site.');
  return scopes(deps.database.db, actor);
}

async function assertMayManage(db: Executor, actor: Actor, siteId: string | null): Promise<void> {
  if (siteId === null) {
    if (!mayManage(actor, null)) throw forbidden('Only someone with a trust-wide role can change the trust-wide alert settings. Change your site\'s settings instead.');
    return;
  }
  const inTrust = (await repo.sitesOfTrust(db, actor.trustId)).some((s) => s.id === siteId);
  if (!inTrust || !mayManage(actor, siteId)) throw notFound('site');
}

function scopeOf(list: TAlertSettingsList, siteId: string | null): TAlertSettingsScope {
  return siteId === null ? list.trust : list.sites.find((s) => s.siteId === siteId)!;
}

export async function saveSettings(deps: Deps, actor: Actor, ctx: AuditContext, body: TAlertSettingsUpdate): Promise<TAlertSettingsScope> {
  const { siteId, version, ...values } = body;
  await assertMayManage(deps.database.db, actor, siteId);
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    await repo.lockSettings(tx, actor.trustId);
    const before = (await repo.settingsRows(tx, actor.trustId)).find((r) => r.siteId === siteId);
    if ((before?.version ?? 0) !== version) throw staleVersion('alert settings');
    if (before) {
      if (!(await repo.updateSettings(tx, actor.trustId, siteId, version, values, actor.userId))) throw staleVersion('alert settings');
    } else {
      await repo.insertSettings(tx, actor.trustId, siteId, values, actor.userId);
    }
    const pick = (r: typeof before) => (r ? { enabled: r.enabled, periodDays: r.periodDays, marginPercent: r.marginPercent, minCount: r.minCount } : null);
    audit.record({ action: 'analytics.alert_settings.update', entityType: 'analytics_alert_settings', entityId: siteId ?? actor.trustId, siteId,
      details: { scope: siteId === null ? 'trust' : 'site', before: pick(before), after: values, version: version + 1 } });
    return scopeOf(await scopes(tx, actor), siteId);
  });
}

/** Removes a site's own settings: the trust-wide ones (or the defaults) apply there again. */
export async function resetSiteSettings(deps: Deps, actor: Actor, ctx: AuditContext, siteId: string, version: number): Promise<TAlertSettingsScope> {
  await assertMayManage(deps.database.db, actor, siteId);
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    await repo.lockSettings(tx, actor.trustId);
    const before = (await repo.settingsRows(tx, actor.trustId)).find((r) => r.siteId === siteId);
    if (!before) throw notFound('site alert settings');
    if (before.version !== version || !(await repo.deleteSettings(tx, actor.trustId, siteId, version))) throw staleVersion('alert settings');
    audit.record({ action: 'analytics.alert_settings.reset', entityType: 'analytics_alert_settings', entityId: siteId, siteId,
      details: { before: { enabled: before.enabled, periodDays: before.periodDays, marginPercent: before.marginPercent, minCount: before.minCount } } });
    return scopeOf(await scopes(tx, actor), siteId);
  });
}

/** Sites whose alerts the caller may list: requested ones must be in their analytics scope (else 404) and readable. */
function alertSites(actor: Actor, siteIds: string | undefined): string[] {
  const allowed = new Set(scope(actor, 'analytics.read').siteIds);
  const readable = new Set(scope(actor, 'behaviour.read').siteIds);
  if (!siteIds) {
    const mine = [...allowed].filter((s) => readable.has(s));
    if (mine.length === 0) throw forbidden('Trend alerts name pupils: they are shown only where you read behaviour records.');
    return mine;
  }
  const requested = [...new Set(siteIds.split(',').map((s) => s.trim().toLowerCase()))];
  if (requested.some((id) => !allowed.has(id) && !readable.has(id))) throw notFound('site');
  if (requested.some((id) => !readable.has(id))) throw forbidden('Trend alerts name pupils: they are shown only where you read behaviour records.');
  return requested;
}

export async function listAlerts(deps: Deps, actor: Actor, q: TTrendAlertQuery): Promise<TTrendAlertList> {
  if (q.from && q.to && q.from > q.to) throw fieldError('to', 'The end date is before the start date.');
  const siteIds = alertSites(actor, q.siteIds);
  const { rows, total } = await repo.listAlerts(deps.database.db, { siteIds, subject: q.subject, measure: q.measure, from: q.from, to: q.to }, q.page, q.pageSize);
  return { items: rows.map(presentAlert), total, page: q.page, pageSize: q.pageSize };
}

export async function evaluateNow(deps: Deps, actor: Actor, ctx: AuditContext, body: TTrendAlertEvaluate, log?: MailLog): Promise<TTrendAlertEvaluation> {
  const managed = scope(actor, 'analytics.manage').siteIds;
  const siteIds = body.siteIds ? [...new Set(body.siteIds.map((s) => s.toLowerCase()))] : managed;
  if (siteIds.some((s) => !managed.includes(s))) throw notFound('site');
  if (siteIds.length === 0) throw forbidden('You do not configure trend alerts at any site.');
  const today = londonToday();
  const date = body.date ?? today;
  if (date > today) throw fieldError('date', 'Choose today or an earlier day.');
  const result = await evaluateTrust(deps, ctx, { trustId: actor.trustId, day: date, siteIds, ...(log ? { log } : {}) });
  await inTransaction(deps.database, ctx, async (_tx, audit) => {
    audit.record({ action: 'analytics.alerts.evaluate', entityType: 'trust', entityId: actor.trustId,
      details: { date, created: result.created, sites: result.sites.map((s) => ({ siteId: s.siteId, status: s.status, created: s.created })) } });
  });
  return { date, created: result.created, sites: result.sites };
}
