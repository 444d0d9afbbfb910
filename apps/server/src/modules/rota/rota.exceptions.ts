/**
 * Dated exceptions to the support team's patterns (STF-3): absence, training and cover elsewhere; for an absence,
 * who can cover each emptied slot (trained for the pupil's holds on that date, free, nearest site first) and
 * recording the chosen cover. Written with rota.manage at the exception's site; each write audited.
 */
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { TRotaException, TRotaSuggestions, ZRotaCoverInput, ZRotaExceptionInput } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { allowedActions, can, scope, type Actor } from '../../core/policy/policy.ts';
import { conflict, fieldError, forbidden, notFound } from '../../core/http/errors.ts';
import { addDays } from '../../core/calendar/calendar.ts';
import { schoolToday } from '../../core/time.ts';
import { deploymentsFor, slotProblem, suggestCover, type Displaced, type RotaMode } from './rota.rules.ts';
import { loadContext, rotaDays, toException, toSlot } from './rota.context.ts';
import { checkSlot } from './rota.service.ts';
import { lookups, periodLabel, person, pupilRef, type Lookups } from './rota.presenter.ts';
import * as repo from './rota.repo.ts';

const ACTIONS = { delete: 'rota.manage', cover: 'rota.manage' } as const;

/** The pattern slots each absence or training empties, with the cover recorded for each. */
async function displacedBy(db: Executor, trustId: string, rows: readonly repo.ExceptionDbRow[]): Promise<Displaced[]> {
  const away = rows.filter((e) => e.kind !== 'cover');
  if (!away.length) return [];
  const from = away.reduce((m, e) => (e.date < m ? e.date : m), away[0]!.date);
  const to = away.reduce((m, e) => (e.date > m ? e.date : m), away[0]!.date);
  const staffIds = [...new Set(away.map((e) => e.staffId))];
  const patterns = (await repo.patternsFor(db, trustId, { staffIds, from, to })).map(toSlot);
  const covers = await repo.coversOf(db, away.map((e) => e.id));
  const days = (await rotaDays(db, trustId, [...new Set(patterns.map((p) => p.siteId))], from, to)).filter((d) => away.some((e) => e.date === d.date));
  return deploymentsFor(days, patterns, [...away, ...covers].map(toException)).displaced;
}

function present(actor: Actor, l: Lookups, e: repo.ExceptionDbRow, displaced: readonly Displaced[], coversStaffId: string | null): TRotaException {
  return {
    id: e.id, siteId: e.siteId, siteName: l.sites.get(e.siteId) ?? '', staff: person(l, e.staffId)!, date: e.date, periodCode: e.periodCode,
    periodLabel: e.periodCode ? periodLabel(l, e.siteId, e.periodCode) : null, kind: e.kind as TRotaException['kind'], mode: e.mode as RotaMode | null,
    pupil: pupilRef(l, e.pupilId), teacher: person(l, e.teacherStaffId), note: e.note, coversExceptionId: e.coversExceptionId, covers: person(l, coversStaffId),
    slots: displaced.filter((d) => d.exceptionId === e.id).map((d) => ({
      patternId: d.patternId, siteId: d.siteId, siteName: l.sites.get(d.siteId) ?? '', periodCode: d.periodCode, periodLabel: periodLabel(l, d.siteId, d.periodCode),
      mode: d.mode, pupil: pupilRef(l, d.pupilId), coveredBy: person(l, d.coveredBy),
    })),
    version: e.version, allowed: allowedActions(actor, e, ACTIONS),
  };
}

async function presentAll(db: Executor, actor: Actor, rows: readonly repo.ExceptionDbRow[]): Promise<TRotaException[]> {
  const displaced = await displacedBy(db, actor.trustId, rows);
  const patternOwners = new Map((await Promise.all([...new Set(rows.map((e) => e.coversPatternId).filter((x): x is string => !!x))]
    .map((id) => repo.findPattern(db, actor.trustId, id)))).filter((p) => !!p).map((p) => [p!.id, p!.staffId]));
  const l = await lookups(db, actor.trustId, [...rows.flatMap((e) => [e.staffId, e.teacherStaffId]), ...displaced.map((d) => d.coveredBy), ...patternOwners.values()],
    [...rows.map((e) => e.pupilId), ...displaced.map((d) => d.pupilId)]);
  return rows.map((e) => present(actor, l, e, displaced, e.coversPatternId ? patternOwners.get(e.coversPatternId) ?? null : null));
}

export async function listExceptions(deps: Deps, actor: Actor, q: { siteId?: string | undefined; from?: string | undefined; to?: string | undefined }) {
  const db = deps.database.db;
  const sites = scope(actor, 'rota.read').siteIds;
  if (q.siteId && !sites.includes(q.siteId)) throw notFound('site');
  const from = q.from ?? schoolToday(deps);
  const to = q.to ?? addDays(from, 27);
  if (to < from) throw fieldError('to', 'The end date is before the start date.');
  if (addDays(from, 366) < to) throw fieldError('to', 'Choose at most a year.');
  const rows = await repo.exceptionsFor(db, actor.trustId, { siteIds: q.siteId ? [q.siteId] : sites, from, to });
  return { items: await presentAll(db, actor, rows), allowed: scope(actor, 'rota.manage').siteIds.length ? ['create'] : [] };
}

export async function createException(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZRotaExceptionInput>) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const [staff] = await repo.staffByIds(tx, [body.staffId]);
    if (!staff || staff.trustId !== actor.trustId || !staff.active) throw fieldError('staffId', 'No such member of staff in your trust.');
    const periodCode = body.periodCode ?? null;
    let siteId: string;
    if (body.kind === 'cover') {
      if (!body.siteId) throw fieldError('siteId', 'Choose the site they cover at.');
      if (!periodCode) throw fieldError('periodCode', 'Choose the period they cover.');
      if (!body.mode) throw fieldError('mode', 'Choose what they do there.');
      const problem = slotProblem({ mode: body.mode, pupilId: body.pupilId, teacherStaffId: body.teacherStaffId });
      if (problem) throw fieldError(problem.field, problem.message);
      await checkSlot(tx, actor, { siteId: body.siteId, staffId: body.staffId, periodCode, pupilId: body.pupilId, teacherStaffId: body.teacherStaffId });
      siteId = body.siteId;
    } else {
      for (const f of ['mode', 'pupilId', 'teacherStaffId'] as const) if (body[f]) throw fieldError(f, 'Only cover names this.');
      siteId = body.siteId ?? staff.siteId;
      if (!can(actor, 'rota.manage', { trustId: actor.trustId, siteId })) throw forbidden('You do not manage the rota at that site.');
      if (periodCode && ![...(await repo.periodsBySite(tx, actor.trustId)).values()].some((m) => m.has(periodCode))) throw fieldError('periodCode', 'Not a period of your trust.');
      const same = (await repo.exceptionsFor(tx, actor.trustId, { staffIds: [body.staffId], from: body.date, to: body.date }))
        .filter((e) => e.kind !== 'cover' && (e.periodCode === null || periodCode === null || e.periodCode === periodCode));
      if (same.length) throw conflict('They are already recorded as away then.');
    }
    const id = uuidv7();
    const values = { staffId: body.staffId, siteId, date: body.date, periodCode, kind: body.kind, mode: body.mode ?? null, pupilId: body.pupilId ?? null,
      teacherStaffId: body.teacherStaffId ?? null, note: body.note || null };
    await repo.insertException(tx, { id, trustId: actor.trustId, ...values, createdBy: actor.userId });
    audit.record({ action: `rota.exception.${body.kind}`, entityType: 'rota_exception', entityId: id, siteId, details: { after: values } });
    return (await presentAll(tx, actor, [(await repo.findException(tx, actor.trustId, id))!]))[0]!;
  });
}

async function visibleException(db: Executor, actor: Actor, id: string) {
  const row = await repo.findException(db, actor.trustId, id);
  if (!row || !can(actor, 'rota.read', row)) throw notFound('exception');
  return row;
}

/** Removes an exception; removing an absence removes the cover recorded for it too. */
export async function deleteException(deps: Deps, actor: Actor, ctx: AuditContext, id: string) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await visibleException(tx, actor, id);
    if (!can(actor, 'rota.manage', row)) throw forbidden('You do not manage the rota at that site.');
    const covers = await repo.coversOf(tx, [id]);
    await repo.deleteExceptions(tx, [...covers.map((c) => c.id), id]);
    for (const c of covers) audit.record({ action: 'rota.exception.delete', entityType: 'rota_exception', entityId: c.id, siteId: c.siteId, details: { before: { kind: c.kind, staffId: c.staffId, date: c.date, coversExceptionId: id } } });
    audit.record({ action: 'rota.exception.delete', entityType: 'rota_exception', entityId: id, siteId: row.siteId, details: { before: { kind: row.kind, staffId: row.staffId, date: row.date, periodCode: row.periodCode } } });
    return { ok: true as const };
  });
}

/** The slot an absence empties (404 unless it is one of the exception's) and who could cover it. */
async function coverOptions(db: Executor, actor: Actor, exceptionId: string, patternId: string) {
  const e = await visibleException(db, actor, exceptionId);
  const pattern = await repo.findPattern(db, actor.trustId, patternId);
  if (!pattern || e.kind === 'cover') throw fieldError('patternId', 'Not a slot this absence empties.');
  const c = await loadContext(db, actor.trustId, [pattern.siteId], e.date, e.date, scope(actor, 'rota.manage').siteIds);
  const slot = c.displaced.find((d) => d.exceptionId === e.id && d.patternId === patternId);
  if (!slot) throw fieldError('patternId', 'Not a slot this absence empties.');
  const holds = slot.pupilId ? c.holds.get(slot.pupilId) ?? [] : [];
  const candidates = c.team.map((s) => ({ staffId: s.id, homeSiteId: s.siteId, name: `${s.forename} ${s.surname}`.trim() }));
  const items = suggestCover({ staffId: slot.staffId, siteId: slot.siteId, date: slot.date, periodCode: slot.periodCode, holds }, candidates, c.deployments,
    c.exceptions.filter((x) => x.kind !== 'cover'), c.trainedFor, c.periodsOf, c.travel);
  return { e, pattern, slot, holds, items, c };
}

export async function suggestions(deps: Deps, actor: Actor, exceptionId: string, patternId: string): Promise<TRotaSuggestions> {
  const db = deps.database.db;
  const { e, slot, holds, items, c } = await coverOptions(db, actor, exceptionId, patternId);
  const l = await lookups(db, actor.trustId, items.map((s) => s.staffId), [slot.pupilId]);
  const techniques = await repo.techniqueLabels(db, actor.trustId);
  return {
    exceptionId: e.id, patternId, date: slot.date, siteId: slot.siteId, periodCode: slot.periodCode, periodLabel: c.periodsOf(slot.siteId).get(slot.periodCode)?.label ?? slot.periodCode,
    pupil: pupilRef(l, slot.pupilId), holds: holds.map((code) => ({ code, label: techniques.get(code) ?? code })),
    items: items.map((s) => ({ staff: person(l, s.staffId)!, fromSiteId: s.fromSiteId, fromSiteName: l.sites.get(s.fromSiteId) ?? '', travelMinutes: s.travelMinutes })),
  };
}

/** Records the chosen cover: only someone still suggested (free, trained, reachable) for a slot not yet covered. */
export async function chooseCover(deps: Deps, actor: Actor, ctx: AuditContext, exceptionId: string, body: z.infer<typeof ZRotaCoverInput>) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const { e, pattern, slot, items } = await coverOptions(tx, actor, exceptionId, body.patternId);
    if (!can(actor, 'rota.manage', { trustId: actor.trustId, siteId: slot.siteId })) throw forbidden('You do not manage the rota at that site.');
    if (slot.coveredBy) throw conflict('That slot already has cover.');
    if (!items.some((s) => s.staffId === body.staffId)) throw fieldError('staffId', 'They are not free, trained for the holds or able to get there then.');
    const id = uuidv7();
    const values = { staffId: body.staffId, siteId: slot.siteId, date: slot.date, periodCode: slot.periodCode, kind: 'cover', mode: slot.mode, pupilId: pattern.pupilId,
      teacherStaffId: pattern.teacherStaffId, coversExceptionId: e.id, coversPatternId: pattern.id, note: body.note || null };
    await repo.insertException(tx, { id, trustId: actor.trustId, ...values, createdBy: actor.userId });
    audit.record({ action: 'rota.cover.choose', entityType: 'rota_exception', entityId: id, siteId: slot.siteId, details: { after: values } });
    return (await presentAll(tx, actor, [e]))[0]!;
  });
}
