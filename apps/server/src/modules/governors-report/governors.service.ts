/**
 * The governors' termly report (ANA-7): for the caller's chosen sites (reports.aggregate.read, default all they may
 * see) and one half-term, beside the half-term before (a half-term in progress: to today, beside as many school days
 * of the one before). Always suppressed as for a governor, whoever asks: the PDF
 * travels. Generating it is audited.
 */
import type { TGovernorsReportQuery } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { scope, type Actor } from '../../core/policy/policy.ts';
import { fieldError, forbidden, notFound } from '../../core/http/errors.ts';
import { clockNow, londonToday } from '../../core/time.ts';
import { refreshAnalytics } from '../analytics/analytics.refresh.ts';
import { countsBy, endAfterSchoolDays, pupilDaysSeries, sitesOfTrust } from '../analytics/analytics.repo.ts';
import { periodSoFar } from '../analytics/analytics.rules.ts';
import { dashboardOf, type Resolved } from '../analytics/analytics.service.ts';
import { dashboardCharts, REPORT_CHART_MEASURE } from '@haven/contracts/charts';
import { commentariesFor } from '../report-commentary/report-commentary.service.ts';
import { exclusionData } from '../exclusion-analytics/exclusion-analytics.service.ts';
import { presentExclusions } from '../exclusion-analytics/exclusion-analytics.presenter.ts';
import { groupRowsFor } from '../exclusion-analytics/group-comparison.service.ts';
import { loadRows } from '../intervention-analytics/intervention-analytics.service.ts';
import { summarise } from '../intervention-analytics/intervention-analytics.rules.ts';
import { qualitySummary } from '../record-quality/record-quality.service.ts';
import * as repo from './governors.repo.ts';
import type { PeriodCounts } from './governors.rules.ts';
import { renderGovernorsReport, type GovernorsReport } from './governors.pdf.ts';

const GROUP_MEASURES = ['inv', 'detention', 'isolation', 'suspension'] as const;

async function periodCounts(db: Executor, siteIds: string[], from: string, to: string): Promise<PeriodCounts> {
  const q = { siteIds, from, to, filter: {}, rollup: true };
  const [all, days] = await Promise.all([countsBy(db, 'all', q), pupilDaysSeries(db, 'all', q)]);
  return { pupilDays: days[0]?.pupilDays ?? 0, schoolDays: days[0]?.schoolDays ?? 0, counts: Object.fromEntries(all.map((r) => [r.measure, r.n])) };
}

/**
 * Every figure of the report. A term still in progress (SPEC §9) is counted from its start to `today` only, records
 * and pupil-days alike, and its behaviour is compared with the same number of school days of the term before (up to
 * the day before that term's next school day); a finished term with the whole of the term before.
 */
export async function reportData(db: Executor, trustId: string, siteIds: string[], termId: string, today: string, now: Date): Promise<GovernorsReport> {
  const terms = await repo.trustTerms(db, trustId);
  const i = terms.findIndex((t) => t.id === termId);
  if (i < 0) throw fieldError('termId', 'No such term.');
  const term = terms[i]!;
  const prev = i > 0 ? terms[i - 1]! : null;
  const progress = periodSoFar(term.startDate, term.endDate, today, 'term');
  const allSites = await sitesOfTrust(db, trustId);
  const sites = allSites.filter((s) => siteIds.includes(s.id));
  const resolved: Resolved = {
    siteIds, sites, from: term.startDate, to: progress.figuresTo, requestedTo: term.endDate, progress, filter: {}, aggregateOnly: true, rollup: false,
  };
  const current = await periodCounts(db, siteIds, term.startDate, progress.figuresTo);
  const previousTo = prev && progress.inProgress ? await endAfterSchoolDays(db, siteIds, prev.startDate, prev.endDate, current.schoolDays) : prev?.endDate ?? null;
  const [previous, interventions, quality, excl, trust, groups, dash, commentary] = await Promise.all([
    prev && previousTo ? periodCounts(db, siteIds, prev.startDate, previousTo) : Promise.resolve(null),
    loadRows(db, resolved).then((rows) => summarise(rows, now)), qualitySummary(db, resolved, now), exclusionData(db, resolved, trustId, today), repo.trustName(db, trustId),
    groupRowsFor(db, resolved, GROUP_MEASURES),
    // the dashboard's charts of the term by week, beside the term before (as the tables compare), as a governor sees them
    dashboardOf(db, trustId, { ...resolved, rollup: true }, 'week', prev && previousTo ? { from: prev.startDate, to: previousTo } : null),
    commentariesFor(db, trustId, 'governors', term.id, sites),
  ]);
  return {
    trustName: trust, sites: sites.map((s) => s.name), wholeTrust: sites.length === allSites.length, term, previousTerm: prev, generatedOn: today,
    progress, previousTo, current, previous, interventions, quality, exclusions: presentExclusions(resolved, excl),
    groups, charts: dashboardCharts(dash, REPORT_CHART_MEASURE), commentary,
  };
}

export async function governorsReport(deps: Deps, actor: Actor, ctx: AuditContext, q: TGovernorsReportQuery): Promise<{ pdf: Buffer; filename: string }> {
  const db = deps.database.db;
  const allowed = scope(actor, 'reports.aggregate.read').siteIds;
  const requested = q.siteIds ? [...new Set(q.siteIds.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean))] : allowed;
  if (requested.some((id) => !/^[0-9a-f-]{36}$/.test(id))) throw fieldError('siteIds', 'A comma-separated list of site ids');
  if (requested.some((id) => !allowed.includes(id))) throw notFound('site');
  if (requested.length === 0) throw forbidden('You have no sites whose reports you may see.');
  // a document of record: everything of this trust up to now (waits only for this trust's refresher, if busy)
  await refreshAnalytics(deps.database, [actor.trustId]);
  const now = clockNow(deps);
  const data = await reportData(db, actor.trustId, requested, q.termId, londonToday(now), now);
  const pdf = await renderGovernorsReport(data);
  await inTransaction(deps.database, ctx, async (_tx, audit) => {
    for (const siteId of requested) {
      audit.record({ action: 'report.governors.download', entityType: 'report', entityId: q.termId, siteId, details: { termId: q.termId, siteIds: requested } });
    }
  });
  const slug = data.term.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return { pdf, filename: `governors-report-${slug}.pdf` };
}
