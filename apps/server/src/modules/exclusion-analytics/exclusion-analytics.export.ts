/**
 * The exclusions (ANA-4) and pupil-group (ANA-2) tables as CSV or XLSX (`?format=&table=`, ANA-7), from the same
 * figures as the JSON, suppressed alike for aggregate-only viewers. Neither names a pupil, so every caller who may see
 * the dashboard may download its tables; the download is audited (core/export).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TExclusionStatsQuery, TExportFormat, TGroupComparisonQuery } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { Actor } from '../../core/policy/policy.ts';
import { schoolToday } from '../../core/time.ts';
import { progressNotes } from '../analytics/analytics.rules.ts';
import { auditableFilters, sendExport } from '../../core/export/respond.ts';
import { resolve } from '../analytics/analytics.service.ts';
import { exclusionData } from './exclusion-analytics.service.ts';
import { presentExclusions } from './exclusion-analytics.presenter.ts';
import { groupRows } from './group-comparison.service.ts';
import { exclusionTable, groupTable } from './exclusion-analytics.tables.ts';

export async function exportExclusions(deps: Deps, req: FastifyRequest, reply: FastifyReply, actor: Actor, q: TExclusionStatsQuery, format: TExportFormat) {
  const db = deps.database.db;
  const today = schoolToday(deps);
  const r = await resolve(db, actor, q, today);
  const t = exclusionTable(presentExclusions(r, await exclusionData(db, r, actor.trustId, today)), q.table);
  return sendExport(deps, req, reply, format, {
    name: `exclusions-${q.table}`, title: t.title, columns: t.columns, rows: t.rows, notes: progressNotes(r.progress),
    filters: auditableFilters(q), siteId: r.siteIds.length === 1 ? r.siteIds[0] : null,
  });
}

export async function exportGroups(deps: Deps, req: FastifyRequest, reply: FastifyReply, actor: Actor, q: TGroupComparisonQuery, format: TExportFormat) {
  const db = deps.database.db;
  const r = await resolve(db, actor, q, schoolToday(deps));
  const t = groupTable({ from: r.from, to: r.requestedTo, progress: r.progress, measure: q.measure, aggregateOnly: r.aggregateOnly, rows: await groupRows(db, r, q.measure) });
  return sendExport(deps, req, reply, format, {
    name: `pupil-groups-${q.measure}`, title: t.title, columns: t.columns, rows: t.rows, notes: progressNotes(r.progress),
    filters: auditableFilters(q), siteId: r.siteIds.length === 1 ? r.siteIds[0] : null,
  });
}
