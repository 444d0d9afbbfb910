/**
 * Physical interventions dashboard (ANA-3) and its drill-down. Sites, dates and pupil filters resolve exactly as the
 * behaviour dashboard's (analytics.service resolve): analytics.read, 404 for a site outside scope. Aggregate-only
 * viewers (no behaviour.read at every chosen site: governors, trust administrators) get suppressed counts, no pupil
 * names and no records.
 */
import type { TPiRecords, TPiRecordsQuery, TPiStats, TQualityFilters } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { Executor } from '../../core/db/client.ts';
import type { Actor } from '../../core/policy/policy.ts';
import { forbidden } from '../../core/http/errors.ts';
import { clockNow, londonToday } from '../../core/time.ts';
import { resolve, type Resolved } from '../analytics/analytics.service.ts';
import { labels, pupilsByIds } from '../analytics/analytics.repo.ts';
import { figure, percentOf } from '../analytics/analytics.rules.ts';
import { durationMinutes } from '../incidents/incidents.rules.ts';
import { interventionRows, staffByIds } from './intervention-analytics.repo.ts';
import { byTechnique, piFlags, recordsOf, summarise, techniquesOf, topPupils, uncertifiedUses, type PiRow } from './intervention-analytics.rules.ts';
import { presentFigures } from './intervention-analytics.presenter.ts';

/** How many pupils the "most interventions" table lists. */
export const TOP_PUPILS = 20;

export async function loadRows(db: Executor, r: Resolved): Promise<PiRow[]> {
  return interventionRows(db, { siteIds: r.siteIds, from: r.from, to: r.to, pupil: r.filter.pupil });
}

export async function piStatsFor(db: Executor, r: Resolved, trustId: string, now: Date): Promise<TPiStats> {
  const suppress = r.aggregateOnly;
  const [rows, names] = await Promise.all([loadRows(db, r), labels(db, trustId)]);
  const top = suppress ? [] : topPupils(rows, TOP_PUPILS);
  const pupils = new Map((await pupilsByIds(db, top.map((p) => p.pupilId))).map((p) => [p.id, p]));
  const siteName = new Map(r.sites.map((s) => [s.id, s.name]));
  const techniqueLabel = (code: string) => names.find((l) => l.kind === 'technique' && l.code === code)?.label ?? code;
  const uncertified = uncertifiedUses(rows);
  const staff = suppress ? new Map<string, { name: string; siteId: string }>() : await staffByIds(db, uncertified.byStaff.map((s) => s.staffId));
  const allSites = new Map(r.sites.map((s) => [s.id, s.name]));
  return {
    from: r.from, to: r.requestedTo, progress: r.progress, aggregateOnly: suppress, sites: r.sites,
    totals: presentFigures(summarise(rows, now), suppress),
    bySite: r.sites.map((s) => ({ siteId: s.id, siteName: s.name, ...presentFigures(summarise(rows.filter((x) => x.siteId === s.id), now), suppress) })),
    byTechnique: [...byTechnique(rows).entries()]
      .map(([code, t]) => ({
        code, label: techniqueLabel(code),
        interventions: figure(t.interventions, percentOf(t.interventions, rows.length), suppress, [rows.length]),
        staffUses: figure(t.staffUses, null, suppress),
      }))
      .sort((a, b) => (b.interventions.count ?? 0) - (a.interventions.count ?? 0) || a.label.localeCompare(b.label)),
    byPupil: suppress ? null : top.map((p) => {
      const pupil = pupils.get(p.pupilId);
      return { pupilId: p.pupilId, name: pupil?.name ?? 'Unknown', yearGroup: pupil?.yearGroup ?? 0, siteName: siteName.get(pupil?.siteId ?? '') ?? '', count: p.count, totalMinutes: p.totalMinutes };
    }),
    // STF-2: holds used without a valid certificate; names only for those who may open the records
    uncertifiedByTechnique: uncertified.byTechnique.map((t) => ({ code: t.code, label: techniqueLabel(t.code), uses: figure(t.uses, null, suppress) })),
    uncertifiedByStaff: suppress ? null : uncertified.byStaff.map((s) => {
      const who = staff.get(s.staffId);
      return { staffId: s.staffId, name: who?.name ?? 'Unknown', siteName: allSites.get(who?.siteId ?? '') ?? '', uses: s.uses, missing: s.missing, expired: s.expired, notCovered: s.notCovered };
    }),
  };
}

export async function piStats(deps: Deps, actor: Actor, q: TQualityFilters, now = clockNow(deps)): Promise<TPiStats> {
  const db = deps.database.db;
  return piStatsFor(db, await resolve(db, actor, q, londonToday(now)), actor.trustId, now);
}

export async function piRecords(deps: Deps, actor: Actor, q: TPiRecordsQuery, now = clockNow(deps)): Promise<TPiRecords> {
  const db = deps.database.db;
  const r = await resolve(db, actor, q, londonToday(now));
  if (r.aggregateOnly) throw forbidden('Aggregate reports only: you may not see the records behind this figure.');
  const all = recordsOf(await loadRows(db, r), q.kind, now, { technique: q.technique, pupilId: q.pupilId, staffId: q.staffId });
  const page = all.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  const pupils = new Map((await pupilsByIds(db, [...new Set(page.flatMap((x) => (x.pupilId ? [x.pupilId] : [])))])).map((p) => [p.id, p]));
  const siteName = new Map(r.sites.map((s) => [s.id, s.name]));
  return {
    total: all.length, page: q.page, pageSize: q.pageSize,
    items: page.map((x) => {
      const p = x.pupilId ? pupils.get(x.pupilId) : undefined;
      return {
        interventionId: x.id, incidentId: x.incidentId, siteId: x.siteId, siteName: siteName.get(x.siteId) ?? '', occurredOn: x.occurredOn,
        startedAt: x.startedAt, durationMinutes: durationMinutes(x.startedAt, x.endedAt),
        pupil: p ? { id: p.id, name: p.name } : null,
        techniqueCodes: techniquesOf(x), staffCount: new Set(x.staffTechniques.map((s) => s.staffId)).size,
        pupilInjured: x.pupilInjured, staffInjured: x.staffInjured,
        pupilDebriefAt: x.pupilDebriefAt, staffDebriefAt: x.staffDebriefAt, parentInformedAt: x.parentInformedAt,
        parentNotInformedByEndOfDay: piFlags(x, now).parentNotInformedByEndOfDay,
        link: `/incidents/${x.incidentId}`,
      };
    }),
  };
}
