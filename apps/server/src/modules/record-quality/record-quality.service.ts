/**
 * Record-keeping quality (ANA-6) per site and per member of staff who recorded the incidents, and the records behind a
 * figure. Sites, dates and pupil filters resolve as the behaviour dashboard's (analytics.read; 404 for a site outside
 * scope). Aggregate-only viewers (governors, trust administrators) see the per-site table only, suppressed: no staff
 * names, no per-staff table, no records.
 */
import type { TQualityFilters, TQualityRecords, TQualityRecordsQuery, TRecordQuality } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { Executor } from '../../core/db/client.ts';
import type { Actor } from '../../core/policy/policy.ts';
import { forbidden } from '../../core/http/errors.ts';
import { clockNow, londonToday } from '../../core/time.ts';
import { resolve, type Resolved } from '../analytics/analytics.service.ts';
import { userNames } from '../analytics/analytics.repo.ts';
import { qualityIncidents } from './record-quality.repo.ts';
import { hoursToSignOff, recordsOf, summarise, summariseBy, type QualityIncident } from './record-quality.rules.ts';
import { presentQuality } from './record-quality.presenter.ts';

const STATUS: Record<string, string> = { submitted: 'Awaiting review', returned: 'Returned for amendment', signed_off: 'Signed off' };

function load(db: Executor, r: Resolved): Promise<QualityIncident[]> {
  return qualityIncidents(db, { siteIds: r.siteIds, from: r.from, to: r.to, pupil: r.filter.pupil });
}

/** The ANA-6 figures of the incidents in scope, unpresented (the governors' report shows them its own way). */
export async function qualitySummary(db: Executor, r: Resolved, now: Date) {
  return summarise(await load(db, r), now);
}

export async function recordQualityFor(db: Executor, r: Resolved, now: Date): Promise<TRecordQuality> {
  const suppress = r.aggregateOnly;
  const incidents = await load(db, r);
  const bySite = summariseBy(incidents, (i) => i.siteId, now);
  const empty = summarise([], now);
  let byStaff: TRecordQuality['byStaff'] = null;
  if (!suppress) {
    const perStaff = summariseBy(incidents, (i) => i.recordedBy, now);
    const names = await userNames(db, [...perStaff.keys()]);
    byStaff = [...perStaff.entries()]
      .map(([userId, s]) => ({ userId, name: names.get(userId) ?? 'Unknown', ...presentQuality(s, false) }))
      .sort((a, b) => (b.submitted.count ?? 0) - (a.submitted.count ?? 0) || a.name.localeCompare(b.name));
  }
  return {
    from: r.from, to: r.requestedTo, progress: r.progress, aggregateOnly: suppress, sites: r.sites,
    totals: presentQuality(summarise(incidents, now), suppress),
    bySite: r.sites.map((s) => ({ siteId: s.id, siteName: s.name, ...presentQuality(bySite.get(s.id) ?? empty, suppress) })),
    byStaff,
  };
}

export async function recordQuality(deps: Deps, actor: Actor, q: TQualityFilters, now = clockNow(deps)): Promise<TRecordQuality> {
  const db = deps.database.db;
  return recordQualityFor(db, await resolve(db, actor, q, londonToday(now)), now);
}

export async function qualityRecords(deps: Deps, actor: Actor, q: TQualityRecordsQuery, now = clockNow(deps)): Promise<TQualityRecords> {
  const db = deps.database.db;
  const r = await resolve(db, actor, q, londonToday(now));
  if (r.aggregateOnly) throw forbidden('Aggregate reports only: you may not see the records behind this figure.');
  const incidents = (await load(db, r)).filter((i) => !q.recordedBy || i.recordedBy === q.recordedBy);
  const all = recordsOf(incidents, q.kind, now);
  const page = all.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
  const names = await userNames(db, [...new Set(page.map((x) => x.incident.recordedBy))]);
  const siteName = new Map(r.sites.map((s) => [s.id, s.name]));
  return {
    total: all.length, page: q.page, pageSize: q.pageSize,
    items: page.map(({ incident: i, pi }) => ({
      incidentId: i.id, interventionId: pi?.id ?? null, siteId: i.siteId, siteName: siteName.get(i.siteId) ?? '', occurredOn: i.occurredOn,
      status: STATUS[i.status] ?? i.status, recordedBy: names.get(i.recordedBy) ?? 'Unknown',
      firstSubmittedAt: i.firstSubmittedAt, signedOffAt: i.status === 'signed_off' ? i.signedOffAt : null, hoursToSignOff: hoursToSignOff(i),
      returns: i.returns, interventions: i.pis.length, link: `/incidents/${i.id}`,
    })),
  };
}
