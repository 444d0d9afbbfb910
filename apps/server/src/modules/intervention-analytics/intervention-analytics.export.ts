/** The ANA-3 tables as CSV or XLSX (`?format=&table=`), from the same figures as the JSON, suppressed alike. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PI_FIGURE_COLUMNS, type TExportColumn, type TExportFormat, type TPiQuery } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { Actor } from '../../core/policy/policy.ts';
import { forbidden } from '../../core/http/errors.ts';
import { clockNow, londonToday } from '../../core/time.ts';
import { progressNotes } from '../analytics/analytics.rules.ts';
import { auditableFilters, sendExport } from '../../core/export/respond.ts';
import { resolve } from '../analytics/analytics.service.ts';
import { piStatsFor } from './intervention-analytics.service.ts';
import { piTable } from './intervention-analytics.presenter.ts';

export async function exportPi(deps: Deps, req: FastifyRequest, reply: FastifyReply, actor: Actor, q: TPiQuery, format: TExportFormat, now = clockNow(deps)) {
  const db = deps.database.db;
  const r = await resolve(db, actor, q, londonToday(now));
  if (q.table === 'pupils' && r.aggregateOnly) throw forbidden('Aggregate reports only: you may not download pupils\' names.');
  if (q.table === 'uncertifiedStaff' && r.aggregateOnly) throw forbidden('Aggregate reports only: you may not download names of staff.');
  const t = piTable(await piStatsFor(db, r, actor.trustId, now), q.table);
  const columns: TExportColumn[] = [...t.lead, ...(t.withFigures ? PI_FIGURE_COLUMNS : [])];
  return sendExport(deps, req, reply, format, {
    name: `physical-interventions-${q.table}`, title: 'Physical interventions', columns, rows: t.rows, notes: progressNotes(r.progress),
    filters: auditableFilters(q), siteId: r.siteIds.length === 1 ? r.siteIds[0] : null,
  });
}
