/**
 * Exclusions dashboard (ANA-4) and its drill-down. Sites, dates and pupil filters resolve exactly as the behaviour
 * dashboards' (analytics.service resolve): same scope (analytics.read), same 404 for a site outside it. Aggregate-only
 * viewers (governors) get counts 1–4 as "fewer than 5" and rates built on them withheld; records need suspension.read.
 */
import type { TExclusionRecords, TExclusionRecordsQuery, TExclusionStats, TExclusionsQuery } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { Executor } from '../../core/db/client.ts';
import { can, type Actor } from '../../core/policy/policy.ts';
import { forbidden } from '../../core/http/errors.ts';
import { academicYearOf } from '../../core/calendar/calendar.ts';
import { schoolToday } from '../../core/time.ts';
import { resolve, type Resolved } from '../analytics/analytics.service.ts';
import { pupilDaysSeries } from '../analytics/analytics.repo.ts';
import * as repo from './exclusion-analytics.repo.ts';
import { summarise, type ExclusionSummary } from './exclusion-analytics.rules.ts';
import { presentExclusions } from './exclusion-analytics.presenter.ts';
import { exclusionRecordRows } from './exclusion-analytics.records.ts';

export interface ExclusionData {
  summary: ExclusionSummary;
  year: { startDate: string; endDate: string };
  headcount: Map<string, number>;
  pupilDays: number;
  duties: repo.OpenDuties;
  national: Awaited<ReturnType<typeof repo.nationalRates>>;
  reasonLabels: Map<string, string>;
}

/** Every ANA-4 figure for resolved sites and dates (shared with the governors' report). */
/** Counted over [r.from, r.to] (to today while the period is in progress); pupils at 35+ in the academic year of the end asked for. */
export async function exclusionData(db: Executor, r: Pick<Resolved, 'siteIds' | 'from' | 'to' | 'filter'> & { requestedTo?: string }, trustId: string, today: string): Promise<ExclusionData> {
  const ay = academicYearOf(r.requestedTo ?? r.to);
  const year = { startDate: ay.startDate, endDate: ay.endDate };
  const w: repo.Window = { siteIds: r.siteIds, from: r.from, to: r.to, pupil: r.filter.pupil };
  const [rows, headcount, days, duties, national, reasonLabels] = await Promise.all([
    repo.exclusionRows(db, { ...w, from: r.from < year.startDate ? r.from : year.startDate }),
    repo.headcounts(db, w),
    pupilDaysSeries(db, 'all', { siteIds: r.siteIds, from: r.from, to: r.to, filter: r.filter, rollup: false }),
    repo.openDuties(db, w, today), repo.nationalRates(db), repo.reasonLabels(db, trustId),
  ]);
  return { summary: summarise(rows, r.from, r.to, year), year, headcount, pupilDays: days[0]?.pupilDays ?? 0, duties, national, reasonLabels };
}

export async function exclusionStats(deps: Deps, actor: Actor, q: TExclusionsQuery): Promise<TExclusionStats> {
  const db = deps.database.db;
  const today = schoolToday(deps);
  const r = await resolve(db, actor, q, today);
  return presentExclusions(r, await exclusionData(db, r, actor.trustId, today));
}

export async function exclusionRecords(deps: Deps, actor: Actor, q: TExclusionRecordsQuery): Promise<TExclusionRecords> {
  const db = deps.database.db;
  const today = schoolToday(deps);
  const r = await resolve(db, actor, q, today);
  if (!r.siteIds.every((siteId) => can(actor, 'suspension.read', { trustId: actor.trustId, siteId }))) {
    throw forbidden('Aggregate reports only: you may not see the suspensions behind this figure.');
  }
  const data = await exclusionData(db, r, actor.trustId, today);
  return exclusionRecordRows(db, r, data.summary, q);
}
