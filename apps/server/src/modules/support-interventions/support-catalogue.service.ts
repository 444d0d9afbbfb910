/**
 * The trust's catalogue of support interventions and its own measurement scales (SUP-3). Read by anyone who reads
 * interventions anywhere (or keeps the catalogue); kept by a trust-wide lead or the trust administrator.
 */
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { TSupportCatalogue, TSupportScale, TSupportType, ZSupportScaleInput, ZSupportTypeInput, ZSupportTypeUpdate } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import { holdsAnywhere, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { diff } from '../../core/audit/diff.ts';
import { conflict, fieldError, forbidden, notFound, staleVersion } from '../../core/http/errors.ts';
import * as repo from './support-catalogue.repo.ts';
import { BUILT_IN_SCALES, scaleProblem, type Scale } from './support-interventions.rules.ts';

export const scaleKey = (id: string) => `scale:${id}`;

export function presentScale(s: repo.ScaleRow): TSupportScale {
  return { id: s.id, name: s.name, min: s.minValue, max: s.maxValue, higherIsBetter: s.higherIsBetter, active: s.active, key: scaleKey(s.id) };
}

/** Every scale the trust can measure with: the built-in ones and its own. */
export function scalesOf(own: readonly repo.ScaleRow[]): Map<string, Scale> {
  const out = new Map<string, Scale>(BUILT_IN_SCALES.map((s) => [s.key, s]));
  for (const s of own) out.set(scaleKey(s.id), { key: scaleKey(s.id), name: s.name, min: s.minValue, max: s.maxValue, higherIsBetter: s.higherIsBetter, step: 'whole' });
  return out;
}

function mayRead(actor: Actor): boolean {
  return holdsAnywhere(actor, 'intervention.read') || holdsAnywhere(actor, 'intervention.catalogue.manage');
}

function presentType(actor: Actor, t: repo.TypeRow): TSupportType {
  return {
    id: t.id, name: t.name, kind: t.kind as TSupportType['kind'], description: t.description, defaultWeeks: t.defaultWeeks,
    measures: t.measures, dailyPoints: t.dailyPoints, dailyPointsMax: t.dailyPointsMax, active: t.active, version: t.version,
    allowed: holdsAnywhere(actor, 'intervention.catalogue.manage') ? ['edit'] : [],
  };
}

/** A catalogue entry of the caller's trust, else a 400 naming the field. */
export async function assertCatalogueEntry(db: Executor, trustId: string, id: string, field: string): Promise<repo.TypeRow> {
  const t = await repo.findType(db, trustId, id);
  if (!t) throw fieldError(field, 'Choose an intervention from your trust\'s catalogue');
  return t;
}

function checkMeasures(measures: readonly string[] | undefined, own: readonly repo.ScaleRow[]): void {
  if (!measures) return;
  const known = scalesOf(own);
  const bad = measures.find((m) => !known.has(m));
  if (bad) throw fieldError('measures', 'Choose measures from the list (the built-in ones or your trust\'s own scales)');
}

function checkPoints(dailyPoints: boolean, max: number | null | undefined): void {
  if (dailyPoints && !max) throw fieldError('dailyPointsMax', 'Say how many points a pupil can earn in a day');
}

export async function catalogue(deps: Deps, actor: Actor): Promise<TSupportCatalogue> {
  if (!mayRead(actor)) throw forbidden('You do not work with support interventions.');
  const db = deps.database.db;
  const types = await repo.listTypes(db, actor.trustId);
  const scales = await repo.listScales(db, actor.trustId);
  return { items: types.map((t) => presentType(actor, t)), scales: scales.map(presentScale), allowed: holdsAnywhere(actor, 'intervention.catalogue.manage') ? ['create'] : [] };
}

export async function createType(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZSupportTypeInput>): Promise<TSupportType> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    checkMeasures(body.measures, await repo.listScales(tx, actor.trustId));
    checkPoints(body.dailyPoints, body.dailyPointsMax);
    const measures = [...new Set(body.measures)];
    if (body.dailyPoints && !measures.includes('daily_points')) measures.push('daily_points');
    if ((await repo.listTypes(tx, actor.trustId)).some((t) => t.name.toLowerCase() === body.name.toLowerCase())) throw fieldError('name', 'The catalogue already has an intervention of that name');
    const id = uuidv7();
    const values = { name: body.name, kind: body.kind, description: body.description || null, defaultWeeks: body.defaultWeeks, measures, dailyPoints: body.dailyPoints, dailyPointsMax: body.dailyPoints ? body.dailyPointsMax ?? null : null };
    await repo.insertType(tx, { id, trustId: actor.trustId, ...values });
    audit.record({ action: 'support_intervention_type.create', entityType: 'support_intervention_type', entityId: id, siteId: null, details: { after: values } });
    return presentType(actor, (await repo.findType(tx, actor.trustId, id))!);
  });
}

export async function updateType(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZSupportTypeUpdate>): Promise<TSupportType> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const before = await repo.findType(tx, actor.trustId, id);
    if (!before) throw notFound('intervention');
    checkMeasures(body.measures, await repo.listScales(tx, actor.trustId));
    const { version, ...set } = body;
    checkPoints(set.dailyPoints ?? before.dailyPoints, set.dailyPointsMax === undefined ? before.dailyPointsMax : set.dailyPointsMax);
    if (set.name && set.name.toLowerCase() !== before.name.toLowerCase() && (await repo.listTypes(tx, actor.trustId)).some((t) => t.name.toLowerCase() === set.name!.toLowerCase())) {
      throw conflict('The catalogue already has an intervention of that name', [{ field: 'name', message: 'Choose another name' }]);
    }
    const patch = { ...set, ...(set.description !== undefined ? { description: set.description || null } : {}) };
    const after = await repo.updateType(tx, id, version, patch);
    if (!after) throw staleVersion('intervention');
    audit.record({ action: 'support_intervention_type.update', entityType: 'support_intervention_type', entityId: id, siteId: null, details: diff(before, after, Object.keys(patch)) });
    return presentType(actor, after);
  });
}

export async function createScale(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZSupportScaleInput>): Promise<TSupportScale> {
  const p = scaleProblem(body);
  if (p) throw fieldError(p.field, p.message);
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    if ((await repo.listScales(tx, actor.trustId)).some((s) => s.name.toLowerCase() === body.name.toLowerCase())) throw fieldError('name', 'Your trust already has a scale of that name');
    const id = uuidv7();
    const row = { id, trustId: actor.trustId, name: body.name, minValue: body.min, maxValue: body.max, higherIsBetter: body.higherIsBetter };
    await repo.insertScale(tx, row);
    audit.record({ action: 'support_scale.create', entityType: 'support_scale', entityId: id, siteId: null, details: { after: body } });
    return presentScale({ ...row, active: true, version: 1, createdAt: new Date(), updatedAt: new Date() });
  });
}
