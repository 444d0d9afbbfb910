/**
 * The pupil chronology (first part of SUP-6): quick events and incidents in one timeline, newest first, filtered by
 * what the viewer may see. Behaviour readers see every record at their sites; staff who only record see their own.
 * The read is audited (behaviour records are special-category data about a child).
 */
import type { TChronology, TChronologyQuery } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import { can, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { fieldError, notFound } from '../../core/http/errors.ts';
import { visibilityOf } from '../behaviour/behaviour.service.ts';
import * as repo from './chronology.repo.ts';
import { presentEventItem, presentIncidentItem } from './chronology.presenter.ts';

export async function pupilChronology(deps: Deps, actor: Actor, ctx: AuditContext, pupilId: string, q: TChronologyQuery): Promise<TChronology> {
  if (q.from && q.to && q.from > q.to) throw fieldError('to', 'The end date is before the start date.');
  const kinds = new Set((q.kinds ?? 'event,incident').split(',').map((k) => k.trim()));
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const pupil = await repo.findPupil(tx, pupilId);
    if (!pupil || !(can(actor, 'behaviour.read', pupil) || can(actor, 'behaviour.record', pupil))) throw notFound('pupil');
    const mayIncludeVoided = can(actor, 'incident.void', pupil);
    const v = visibilityOf(actor, q.includeVoided ?? false);
    const filter = { pupilId, from: q.from, to: q.to, events: kinds.has('event'), incidents: kinds.has('incident') };
    const { rows, total } = await repo.chronologyPage(tx, v, filter, q.page, q.pageSize);

    const eventIds = rows.filter((r) => r.kind === 'event').map((r) => r.id);
    const incidentIds = rows.filter((r) => r.kind === 'incident').map((r) => r.id);
    const eventRows = await repo.eventDetails(tx, eventIds);
    const events = new Map(eventRows.map((e) => [e.event.id, e]));
    const labels = await repo.optionLabels(tx, actor.trustId, [...new Set(eventRows.map((e) => e.event.siteId))]);
    const incidentRows = await repo.incidentDetails(tx, pupilId, incidentIds);
    const incidents = new Map(incidentRows.map((i) => [i.id, i]));
    const names = await repo.categoryNames(tx, actor.trustId, [...new Set(incidentRows.map((i) => i.siteId))]);

    const items = rows.flatMap((r) => {
      if (r.kind === 'event') { const e = events.get(r.id); return e ? [presentEventItem(actor, e, labels)] : []; }
      const i = incidents.get(r.id);
      return i ? [presentIncidentItem(actor, i, names)] : [];
    });
    const visibility = can(actor, 'behaviour.read', pupil) ? 'all' as const : 'own' as const;
    audit.record({ action: 'pupil.chronology.read', entityType: 'pupil', entityId: pupilId, siteId: pupil.siteId,
      details: { visibility, kinds: [...kinds].sort(), from: q.from ?? null, to: q.to ?? null, page: q.page, returned: items.length } });
    return { items, total, page: q.page, pageSize: q.pageSize, visibility, mayIncludeVoided };
  });
}
