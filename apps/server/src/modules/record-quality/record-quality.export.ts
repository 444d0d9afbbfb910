/** The ANA-6 tables as CSV or XLSX (`?format=&table=sites|staff`), from the same figures as the JSON, suppressed alike. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QUALITY_FIGURE_COLUMNS, type TExportColumn, type TExportFormat, type TQualityQuery } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { Actor } from '../../core/policy/policy.ts';
import { forbidden } from '../../core/http/errors.ts';
import { clockNow, londonToday } from '../../core/time.ts';
import { progressNotes } from '../analytics/analytics.rules.ts';
import { auditableFilters, sendExport } from '../../core/export/respond.ts';
import { resolve } from '../analytics/analytics.service.ts';
import { recordQualityFor } from './record-quality.service.ts';
import { qualityCells } from './record-quality.presenter.ts';

export async function exportQuality(deps: Deps, req: FastifyRequest, reply: FastifyReply, actor: Actor, q: TQualityQuery, format: TExportFormat, now = clockNow(deps)) {
  const db = deps.database.db;
  const r = await resolve(db, actor, q, londonToday(now));
  if (q.table === 'staff' && r.aggregateOnly) throw forbidden('Aggregate reports only: the per-staff table needs behaviour.read at every chosen site.');
  const data = await recordQualityFor(db, r, now);
  const lead: TExportColumn = q.table === 'staff' ? { key: 'name', header: 'Member of staff (recorded by)', type: 'text' } : { key: 'site', header: 'Site', type: 'text' };
  const rows = q.table === 'staff'
    ? (data.byStaff ?? []).map((s) => ({ name: s.name, ...qualityCells(s) }))
    : data.bySite.map((s) => ({ site: s.siteName, ...qualityCells(s) }));
  return sendExport(deps, req, reply, format, {
    name: `record-quality-${q.table}`, title: 'Record quality', columns: [lead, ...QUALITY_FIGURE_COLUMNS], rows, notes: progressNotes(r.progress),
    filters: auditableFilters(q), siteId: r.siteIds.length === 1 ? r.siteIds[0] : null,
  });
}
