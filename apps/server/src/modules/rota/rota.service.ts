/**
 * The support team's weekly patterns and dated exceptions (STF-3). Read with rota.read, written with rota.manage at
 * the site concerned (a pattern's site; an absence's site, the member of staff's own by default; a cover's site);
 * every write is one audited transaction, versioned records refuse a stale version with 409.
 */
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { TRotaPattern, ZRotaPatternInput, ZRotaPatternUpdate } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { allowedActions, can, scope, type Actor } from '../../core/policy/policy.ts';
import { fieldError, forbidden, notFound, staleVersion } from '../../core/http/errors.ts';
import { addDays } from '../../core/calendar/calendar.ts';
import { schoolToday } from '../../core/time.ts';
import { slotProblem, type RotaMode } from './rota.rules.ts';
import { lookups, periodLabel, person, pupilRef, type Lookups } from './rota.presenter.ts';
import * as repo from './rota.repo.ts';

const fail = (p: { field: string; message: string } | null): void => { if (p) throw fieldError(p.field, p.message); };
const ACTIONS = { edit: 'rota.manage', delete: 'rota.manage' } as const;

export function presentPattern(actor: Actor, l: Lookups, p: repo.PatternRow): TRotaPattern {
  return {
    id: p.id, siteId: p.siteId, siteName: l.sites.get(p.siteId) ?? '', staff: person(l, p.staffId)!, weekday: p.weekday, periodCode: p.periodCode,
    periodLabel: periodLabel(l, p.siteId, p.periodCode), mode: p.mode as RotaMode, pupil: pupilRef(l, p.pupilId), teacher: person(l, p.teacherStaffId),
    note: p.note, validFrom: p.validFrom, validTo: p.validTo, version: p.version, allowed: allowedActions(actor, p, ACTIONS),
  };
}

export async function listPatterns(deps: Deps, actor: Actor, q: { siteId?: string | undefined; staffId?: string | undefined }) {
  const db = deps.database.db;
  const sites = scope(actor, 'rota.read').siteIds;
  if (q.siteId && !sites.includes(q.siteId)) throw notFound('site');
  const today = schoolToday(deps);
  const rows = (await repo.patternsFor(db, actor.trustId, { siteIds: q.siteId ? [q.siteId] : sites, from: today, to: addDays(today, 3660) }))
    .filter((p) => !q.staffId || p.staffId === q.staffId);
  const l = await lookups(db, actor.trustId, rows.flatMap((p) => [p.staffId, p.teacherStaffId]), rows.map((p) => p.pupilId));
  const periods = [...((q.siteId ? l.periods.get(q.siteId) : undefined) ?? l.periods.get('') ?? new Map()).values()]
    .sort((a, b) => (a.start || '99').localeCompare(b.start || '99')).map((p) => ({ code: p.code, label: p.label }));
  return { items: rows.map((p) => presentPattern(actor, l, p)), periods, allowed: scope(actor, 'rota.manage').siteIds.length ? ['create'] : [] };
}

/** The site is one the actor manages, the people named are the trust's (staff active; the pupil on roll at that site). */
export async function checkSlot(db: Executor, actor: Actor, body: { siteId: string; staffId: string; periodCode: string; pupilId?: string | null | undefined; teacherStaffId?: string | null | undefined }) {
  if (!can(actor, 'rota.manage', { trustId: actor.trustId, siteId: body.siteId })) throw forbidden('You do not manage the rota at that site.');
  const [staff] = await repo.staffByIds(db, [body.staffId]);
  if (!staff || staff.trustId !== actor.trustId || !staff.active) throw fieldError('staffId', 'No such member of staff in your trust.');
  if (body.teacherStaffId) {
    const [t] = await repo.staffByIds(db, [body.teacherStaffId]);
    if (!t || t.trustId !== actor.trustId || t.siteId !== body.siteId) throw fieldError('teacherStaffId', 'No such teacher at that site.');
  }
  if (body.pupilId) {
    const [p] = await repo.pupilsByIds(db, [body.pupilId]);
    if (!p || p.trustId !== actor.trustId || p.siteId !== body.siteId) throw fieldError('pupilId', 'No such pupil at that site.');
  }
  const periods = await repo.periodsBySite(db, actor.trustId);
  if (!(periods.get(body.siteId) ?? periods.get(''))?.has(body.periodCode)) throw fieldError('periodCode', 'Not a period of that site.');
}

export async function createPattern(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZRotaPatternInput>) {
  fail(slotProblem(body));
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    await checkSlot(tx, actor, body);
    const id = uuidv7();
    const values = { siteId: body.siteId, staffId: body.staffId, weekday: body.weekday, periodCode: body.periodCode, mode: body.mode, pupilId: body.pupilId ?? null,
      teacherStaffId: body.teacherStaffId ?? null, note: body.note || null, validFrom: body.validFrom, validTo: body.validTo ?? null };
    await repo.insertPattern(tx, { id, trustId: actor.trustId, ...values, createdBy: actor.userId });
    audit.record({ action: 'rota.pattern.create', entityType: 'rota_pattern', entityId: id, siteId: body.siteId, details: { after: values } });
    const row = (await repo.findPattern(tx, actor.trustId, id))!;
    return presentPattern(actor, await lookups(tx, actor.trustId, [row.staffId, row.teacherStaffId], [row.pupilId]), row);
  });
}

async function managedPattern(db: Executor, actor: Actor, id: string) {
  const row = await repo.findPattern(db, actor.trustId, id);
  if (!row || !can(actor, 'rota.read', row)) throw notFound('pattern');
  if (!can(actor, 'rota.manage', row)) throw forbidden('You do not manage the rota at that site.');
  return row;
}

export async function updatePattern(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZRotaPatternUpdate>) {
  fail(slotProblem(body));
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await managedPattern(tx, actor, id);
    await checkSlot(tx, actor, { ...body, siteId: row.siteId, staffId: row.staffId });
    const { version, ...rest } = body;
    const set = { weekday: rest.weekday, periodCode: rest.periodCode, mode: rest.mode, pupilId: rest.pupilId ?? null, teacherStaffId: rest.teacherStaffId ?? null,
      note: rest.note || null, validFrom: rest.validFrom, validTo: rest.validTo ?? null };
    if (!(await repo.updatePattern(tx, id, version, set))) throw staleVersion('pattern');
    audit.record({ action: 'rota.pattern.update', entityType: 'rota_pattern', entityId: id, siteId: row.siteId,
      details: { before: { weekday: row.weekday, periodCode: row.periodCode, mode: row.mode, pupilId: row.pupilId, teacherStaffId: row.teacherStaffId, validFrom: row.validFrom, validTo: row.validTo }, after: set } });
    const after = (await repo.findPattern(tx, actor.trustId, id))!;
    return presentPattern(actor, await lookups(tx, actor.trustId, [after.staffId, after.teacherStaffId], [after.pupilId]), after);
  });
}

/** Removes a slot; one that cover was recorded against is ended the day before today instead, so the cover keeps it. */
export async function deletePattern(deps: Deps, actor: Actor, ctx: AuditContext, id: string) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await managedPattern(tx, actor, id);
    if (await repo.patternHasCovers(tx, id)) {
      const end = addDays(schoolToday(deps), -1);
      if (!(await repo.updatePattern(tx, id, row.version, { validTo: end < row.validFrom ? row.validFrom : end }))) throw staleVersion('pattern');
      audit.record({ action: 'rota.pattern.end', entityType: 'rota_pattern', entityId: id, siteId: row.siteId, details: { before: { validTo: row.validTo }, after: { validTo: end } } });
    } else {
      await repo.deletePattern(tx, id);
      audit.record({ action: 'rota.pattern.delete', entityType: 'rota_pattern', entityId: id, siteId: row.siteId, details: { before: { staffId: row.staffId, weekday: row.weekday, periodCode: row.periodCode, mode: row.mode } } });
    }
    return { ok: true as const };
  });
}
