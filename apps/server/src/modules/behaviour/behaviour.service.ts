/**
 * Quick log use cases (INC-1): log one category for many pupils in one transaction (one batch), undo it within the
 * window, void an event (leads), and the scoped list. Nothing is ever deleted: undo and void set voided_at.
 */
import { uuidv7 } from 'uuidv7';
import { QUICK_LOG_UNDO_SECONDS, UNDO_REASON, type TBehaviourEventListQuery, type TQuickLogInput } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import { can, scope, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { AfterCommit } from '../../core/notify/notify.ts';
import { AppError, conflict, fieldError, forbidden, notFound } from '../../core/http/errors.ts';
import { londonToday, pgTimestampToIso } from '../../core/time.ts';
import * as repo from './behaviour.repo.ts';
import { presentEvent, presentGroup, presentNewEvent } from './behaviour.presenter.ts';
import { effectiveEntries, effectiveEntry, FUTURE_TOLERANCE_MS, londonDateAndMinutes, onRoll, periodAt, undoOpen } from './behaviour.rules.ts';
import { checkMilestones, yearOrDefault, type MilestonesKnown } from '../rewards/rewards.service.ts';
import { finishWrite } from '../detentions/detentions.place.ts';
import { evaluateEscalations } from '../policy/escalation.ts';
import { recentBehaviour } from '../policy/escalation.repo.ts';
import type { Occurrence, Polarity } from '../policy/escalation.rules.ts';

export function visibilityOf(actor: Actor, includeVoided = false): repo.EventVisibility {
  return {
    trustId: actor.trustId, userId: actor.userId,
    readSiteIds: scope(actor, 'behaviour.read').siteIds,
    recordSiteIds: scope(actor, 'behaviour.record').siteIds,
    voidSiteIds: includeVoided ? scope(actor, 'incident.void').siteIds : [],
  };
}

/** The quick-log category that applies at each site, or a 400 naming categoryCode. */
function categoriesBySite(rows: readonly repo.LogCategory[], siteIds: string[], code: string) {
  const bySite = new Map<string, repo.LogCategory>();
  for (const siteId of siteIds) {
    const c = effectiveEntry(rows, siteId, code);
    if (!c || !c.active || !c.quickLog) {
      throw fieldError('categoryCode', `"${code}" is not a quick-log category in the behaviour policy of this pupil's school.`);
    }
    bySite.set(siteId, c);
  }
  return bySite;
}

/** A given period or location code must be configured (and active) at every site of the log. */
function checkOption(rows: readonly repo.LogOption[], siteIds: string[], kind: 'period' | 'location', code: string, field: string) {
  const ofKind = rows.filter((r) => r.kind === kind);
  for (const siteId of siteIds) {
    const o = effectiveEntry(ofKind, siteId, code);
    if (!o || !o.active) throw fieldError(field, `"${code}" is not a ${kind} in the behaviour policy of this pupil's school.`);
  }
}

function defaultPeriods(rows: readonly repo.LogOption[], siteIds: string[], minutes: number) {
  const periods = rows.filter((r) => r.kind === 'period');
  return new Map(siteIds.map((siteId) => [siteId, periodAt(minutes, effectiveEntries(periods, siteId).filter((p) => p.active))]));
}

/** What the escalation rules and reward milestones of one site need, from the log's context and its new rows. */
function knownAt(context: repo.LogContext, siteId: string, rows: readonly repo.NewEvent[], recent: Occurrence[] | null, recentSite: string | null) {
  const rules = context.rules.filter((r) => r.siteId === null || r.siteId === siteId);
  // the pupils' behaviour read before this log's rows were written, and these rows (as recentBehaviour groups them)
  const occurrences = recent && recentSite === siteId ? [...recent, ...rows.filter((r) => r.siteId === siteId).map((r) => ({
    pupilId: r.pupilId, day: r.occurredOn, weight: 1, categories: [{ code: r.categoryCode, polarity: r.polarity as Polarity, pointsAbs: Math.abs(r.points) }],
  }))] : null;
  const milestones = context.milestones.filter((m) => m.siteId === null || m.siteId === siteId);
  const points = new Map(context.rewards.map((p) => [p.pupilId, p.points]));
  for (const r of rows) if (r.polarity === 'positive') points.set(r.pupilId, (points.get(r.pupilId) ?? 0) + r.points);
  return {
    escalation: occurrences ? { rules, occurrences, openTasks: new Set(context.openTasks) } : undefined,
    milestones: (year: { label: string; startDate: string; endDate: string }): MilestonesKnown => ({
      milestones, year, points, have: new Map(context.rewards.map((p) => [p.pupilId, new Set(p.have)])),
    }),
  };
}

/**
 * Log one category for the pupils, in one transaction of two round trips when nothing fires: (1) BEGIN, the
 * Idempotency-Key claim, everything the log checks against (repo.logContext) and, for a caller recording at one
 * site, the pupils' recent behaviour for the escalation rules; (2) the events (one insert), the stored answer, the
 * audit entries and COMMIT. An escalation that fires or a milestone reached reads and writes more, as before.
 */
export async function quickLog(deps: Deps, actor: Actor, ctx: AuditContext, input: TQuickLogInput, now = new Date()) {
  const pupilIds = [...new Set(input.pupilIds)];
  const occurredAt = input.occurredAt ? new Date(input.occurredAt) : now;
  if (occurredAt.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) throw fieldError('occurredAt', 'This time is in the future.');
  const { date: occurredOn, minutes } = londonDateAndMinutes(occurredAt);
  const today = londonToday(now);
  const recordSites = scope(actor, 'behaviour.record').siteIds;
  // every pupil of a log must be at a site where the caller records: with one such site, that is the log's site
  const recentSite = recordSites.length === 1 ? recordSites[0]! : null;
  const after = new AfterCommit();
  const comms: string[] = [];

  const result = await inTransaction(deps.database, ctx, async (tx, audit, claimed) => {
    const [context, recent] = await Promise.all([
      repo.logContext(tx, {
        pupilIds, trustId: actor.trustId, categoryCode: input.categoryCode, periodCode: input.periodCode ?? null,
        locationCode: input.locationCode ?? null, today, defaultYear: yearOrDefault(null, today),
      }),
      recentSite ? recentBehaviour(tx, { trustId: actor.trustId, siteId: recentSite, pupilIds, from: null, to: today }) : null,
    ]);
    await claimed; // a retry ends here with the first answer
    const found = context.pupils;
    // Any pupil missing or outside the caller's sites: one 404 that names nobody, and nothing is saved.
    if (found.length !== pupilIds.length || found.some((p) => !can(actor, 'behaviour.record', p))) throw notFound('pupil');
    const byId = new Map(found.map((p) => [p.id, p]));
    pupilIds.forEach((id, i) => {
      if (!onRoll(byId.get(id)!, occurredOn)) throw fieldError(`pupilIds.${i}`, 'This pupil was not on roll on that day.');
    });
    const siteIds = [...new Set(found.map((p) => p.siteId))];
    const categories = categoriesBySite(context.categories, siteIds, input.categoryCode);
    if (input.periodCode) checkOption(context.options, siteIds, 'period', input.periodCode, 'periodCode');
    if (input.locationCode) checkOption(context.options, siteIds, 'location', input.locationCode, 'locationCode');
    const periods = input.periodCode ? null : defaultPeriods(context.options, siteIds, minutes);

    const batchId = uuidv7();
    const rows: repo.LoggedEvent[] = pupilIds.map((pupilId) => {
      const p = byId.get(pupilId)!;
      const c = categories.get(p.siteId)!;
      return {
        id: uuidv7(), trustId: actor.trustId, siteId: p.siteId, pupilId, batchId,
        categoryId: c.id, categoryCode: c.code, polarity: c.polarity, severity: c.severity, points: c.points,
        occurredAt, occurredOn, periodCode: input.periodCode ?? periods?.get(p.siteId) ?? null, locationCode: input.locationCode ?? null,
        note: input.note ? input.note : null, recordedBy: actor.userId, createdAt: now,
      };
    });
    await repo.insertEventsLater(tx, rows);
    for (const r of rows) {
      audit.record({ action: 'behaviour_event.create', entityType: 'behaviour_event', entityId: r.id, siteId: r.siteId,
        details: { batchId, pupilId: r.pupilId, categoryCode: r.categoryCode, points: r.points, occurredAt: occurredAt.toISOString(), periodCode: r.periodCode, locationCode: r.locationCode, note: r.note !== null } });
    }
    const year = yearOrDefault(context.year, today);
    for (const siteId of siteIds) {
      const known = knownAt(context, siteId, rows, recent, recentSite);
      // POL-3: escalation rules are evaluated when events are recorded, in the same transaction.
      await evaluateEscalations(tx, after, { trustId: actor.trustId, siteId, pupilIds: rows.filter((r) => r.siteId === siteId).map((r) => r.pupilId), now, audit, sanctions: { deps, comms, actingUserId: actor.userId }, ...(known.escalation ? { known: known.escalation } : {}) });
      // SAN-5: positive points may take pupils past a reward milestone
      const rewarded = rows.filter((r) => r.siteId === siteId && r.polarity === 'positive' && r.points > 0).map((r) => r.pupilId);
      if (rewarded.length) await checkMilestones(tx, after, { trustId: actor.trustId, siteId, pupilIds: rewarded, now, audit, known: known.milestones(year), letters: { deps, comms, actingUserId: actor.userId } });
    }
    // the answer from what was written (the rows as inserted, the names read in the context): no read back
    const items = rows.map((r) => presentNewEvent(actor, r, byId.get(r.pupilId)!, categories.get(r.siteId)!.name, now))
      .sort((a, b) => byName(byId.get(a.pupilId)!, byId.get(b.pupilId)!));
    return { batchId, items, undoUntil: new Date(now.getTime() + QUICK_LOG_UNDO_SECONDS * 1000).toISOString() };
  }, { pipelineClaim: true });
  finishWrite(deps, after, comms);
  return result;
}

const names = new Intl.Collator('en-GB');
/** The order findEventsByIds returns: legal surname, then legal forename. */
function byName(a: repo.LogPupil, b: repo.LogPupil): number {
  return names.compare(a.legalSurname, b.legalSurname) || names.compare(a.legalForename, b.legalForename);
}

/** Undo by the author within the window: voids the whole batch. A retry after a dropped response answers the same. */
export async function undoBatch(deps: Deps, actor: Actor, ctx: AuditContext, batchId: string, now = new Date()) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const rows = await repo.findBatch(tx, actor.trustId, batchId);
    const visible = rows.filter((r) => r.event.recordedBy === actor.userId || can(actor, 'behaviour.read', r.event));
    if (visible.length === 0) throw notFound('quick log');
    if (rows.some((r) => r.event.recordedBy !== actor.userId)) {
      throw forbidden('Only the person who logged these points can undo them. A behaviour lead can void them with a reason.');
    }
    const open = rows.filter((r) => r.event.voidedAt === null);
    if (open.length === 0) {
      if (rows.every((r) => r.event.voidReason === UNDO_REASON)) return { batchId, items: rows.map((r) => presentEvent(actor, r, now)) };
      throw conflict('These points have already been voided.');
    }
    const createdAt = new Date(pgTimestampToIso(rows[0]!.event.createdAt));
    if (!undoOpen(createdAt, now)) {
      throw new AppError(409, 'undo_expired', 'The 10-second undo has passed, so these points are saved. If they were logged in error, ask a behaviour lead to void them.');
    }
    await repo.voidEvents(tx, open.map((r) => r.event.id), actor.userId, UNDO_REASON, now);
    for (const r of open) {
      audit.record({ action: 'behaviour_event.undo', entityType: 'behaviour_event', entityId: r.event.id, siteId: r.event.siteId, details: { batchId, reason: UNDO_REASON } });
    }
    const saved = await repo.findBatch(tx, actor.trustId, batchId);
    return { batchId, items: saved.map((r) => presentEvent(actor, r, now)) };
  });
}

export async function voidEvent(deps: Deps, actor: Actor, ctx: AuditContext, id: string, reason: string, now = new Date()) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const r = await repo.findEvent(tx, actor.trustId, id);
    const e = r?.event;
    if (!r || !e || !(can(actor, 'behaviour.read', e) || (e.recordedBy === actor.userId && can(actor, 'behaviour.record', e)))) throw notFound('behaviour event');
    if (!can(actor, 'incident.void', e)) throw forbidden('Only a behaviour lead at this school can void an event.');
    if (e.voidedAt) throw conflict('This event has already been voided.');
    await repo.voidEvents(tx, [id], actor.userId, reason, now);
    audit.record({ action: 'behaviour_event.void', entityType: 'behaviour_event', entityId: id, siteId: e.siteId, details: { reason, batchId: e.batchId } });
    const saved = await repo.findEvent(tx, actor.trustId, id);
    return presentEvent(actor, saved!, now);
  });
}

export async function listEvents(deps: Deps, actor: Actor, q: TBehaviourEventListQuery) {
  const v = visibilityOf(actor, q.includeVoided ?? false);
  if (q.siteId && !v.readSiteIds.includes(q.siteId) && !v.recordSiteIds.includes(q.siteId)) throw forbidden('You do not work at that site.');
  if (q.from && q.to && q.from > q.to) throw fieldError('to', 'The end date is before the start date.');
  const now = new Date();
  const { rows, total } = await repo.listEvents(deps.database.db, v, q, q.page, q.pageSize);
  return { items: rows.map((r) => presentEvent(actor, r, now)), total, page: q.page, pageSize: q.pageSize };
}

/** Groups to pick pupils from in the quick log, at the sites where the caller may record. */
export async function listGroups(deps: Deps, actor: Actor, siteId: string | undefined) {
  const inScope = scope(actor, 'behaviour.record').siteIds;
  if (siteId && !inScope.includes(siteId)) throw forbidden('You do not work at that site.');
  const rows = await repo.listGroups(deps.database.db, actor.trustId, siteId ? [siteId] : inScope, londonToday());
  return { items: rows.map(presentGroup) };
}
