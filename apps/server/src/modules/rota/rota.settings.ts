/**
 * What the rota is measured against (STF-3): each pupil's EHCP support hours (pupils.ehcp_support_minutes, shown as
 * hours) with the holds their plan approves, and the minutes to travel between two sites. Written with rota.manage
 * (a travel time: at both sites), versioned where the record is, audited.
 */
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { ZSupportHoursInput, ZTravelTimeInput } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { can, scope, type Actor } from '../../core/policy/policy.ts';
import { fieldError, forbidden, notFound, staleVersion } from '../../core/http/errors.ts';
import { schoolToday } from '../../core/time.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import { DEFAULT_TRAVEL_MINUTES } from './rota.context.ts';
import { holdsNeeded } from './rota.sources.ts';
import * as repo from './rota.repo.ts';

const hoursOf = (minutes: number | null): number | null => (minutes === null ? null : Math.round((minutes / 60) * 100) / 100);

export async function supportNeeds(deps: Deps, actor: Actor, siteId: string) {
  if (!can(actor, 'rota.read', { trustId: actor.trustId, siteId })) throw notFound('site');
  const db = deps.database.db;
  const rows = await repo.pupilsForSupport(db, siteId, schoolToday(deps));
  const holds = await holdsNeeded(db, actor.trustId, [siteId], []);
  const extra = await repo.pupilsByIds(db, [...holds.keys()].filter((id) => !rows.some((r) => r.id === id)));
  return {
    items: [...rows, ...extra.filter((p) => p.siteId === siteId && !p.enrolmentEnd)].map((p) => ({
      pupil: { id: p.id, displayName: displayName(p) }, siteId: p.siteId, hours: hoursOf(p.ehcpSupportMinutes), holds: holds.get(p.id) ?? [], version: p.version,
    })),
  };
}

export async function setSupportHours(deps: Deps, actor: Actor, ctx: AuditContext, pupilId: string, body: z.infer<typeof ZSupportHoursInput>) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const [p] = await repo.pupilsByIds(tx, [pupilId]);
    if (!p || !can(actor, 'rota.read', p)) throw notFound('pupil');
    if (!can(actor, 'rota.manage', p)) throw forbidden('You do not manage the rota at that site.');
    const minutes = body.hours === null ? null : Math.round(body.hours * 60);
    if (!(await repo.setSupportMinutes(tx, pupilId, body.version, minutes))) throw staleVersion('pupil');
    audit.record({ action: 'rota.support_hours.set', entityType: 'pupil', entityId: pupilId, siteId: p.siteId, details: { before: { hours: hoursOf(p.ehcpSupportMinutes) }, after: { hours: body.hours } } });
    const holds = await holdsNeeded(tx, actor.trustId, [], [pupilId]);
    return { pupil: { id: p.id, displayName: displayName(p) }, siteId: p.siteId, hours: body.hours, holds: holds.get(p.id) ?? [], version: body.version + 1 };
  });
}

export async function travelTimes(deps: Deps, actor: Actor) {
  const sites = new Set(scope(actor, 'rota.read').siteIds);
  if (!sites.size) throw forbidden('You do not read the rota of any site.');
  const rows = await repo.travelTimes(deps.database.db, actor.trustId);
  return { defaultMinutes: DEFAULT_TRAVEL_MINUTES, items: rows.filter((r) => sites.has(r.siteA) || sites.has(r.siteB)) };
}

export async function setTravelTime(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZTravelTimeInput>) {
  if (body.siteA === body.siteB) throw fieldError('siteB', 'Choose two different sites.');
  const [siteA, siteB] = body.siteA < body.siteB ? [body.siteA, body.siteB] : [body.siteB, body.siteA];
  for (const [field, id] of [['siteA', body.siteA], ['siteB', body.siteB]] as const) {
    if (!actor.trustSiteIds.includes(id)) throw fieldError(field, 'Not a site of your trust.');
    if (!can(actor, 'rota.manage', { trustId: actor.trustId, siteId: id })) throw forbidden('You manage the rota at only one of these sites.');
  }
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    await repo.upsertTravelTime(tx, { id: uuidv7(), trustId: actor.trustId, siteA, siteB, minutes: body.minutes });
    audit.record({ action: 'rota.travel.set', entityType: 'site_travel_time', entityId: null, siteId: siteA, details: { after: { siteA, siteB, minutes: body.minutes } } });
    return { siteA, siteB, minutes: body.minutes };
  });
}
