/**
 * The behaviour dashboard's tables as CSV or XLSX (`?format=&table=`, ANA-7), from the same presented dashboard as the
 * JSON: same sites, dates and filters, same suppression. The staff and pupils tables name people, so an aggregate-only
 * viewer (no behaviour.read at every chosen site) is refused them with 403, before anything is counted.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { TAnalyticsDashboardQuery, TExportFormat } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { Actor } from '../../core/policy/policy.ts';
import { forbidden } from '../../core/http/errors.ts';
import { auditableFilters, sendExport } from '../../core/export/respond.ts';
import { dashboardFor, resolve } from './analytics.service.ts';
import { dashboardTable } from './analytics.tables.ts';
import { progressNotes } from './analytics.rules.ts';
import { schoolToday } from '../../core/time.ts';

export async function exportDashboard(deps: Deps, req: FastifyRequest, reply: FastifyReply, actor: Actor, q: TAnalyticsDashboardQuery, format: TExportFormat) {
  const r = await resolve(deps.database.db, actor, q, schoolToday(deps));
  if ((q.table === 'staff' || q.table === 'pupils') && r.aggregateOnly) {
    throw forbidden(`Aggregate reports only: the ${q.table === 'staff' ? 'per-staff' : 'per-pupil'} table needs behaviour.read at every chosen site.`);
  }
  const t = dashboardTable(await dashboardFor(deps, actor, r, q.granularity), q.table);
  return sendExport(deps, req, reply, format, {
    name: `behaviour-${q.table}`, title: t.title, columns: t.columns, rows: t.rows, notes: progressNotes(r.progress),
    filters: auditableFilters(q), siteId: r.siteIds.length === 1 ? r.siteIds[0] : null,
  });
}
