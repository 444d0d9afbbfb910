/** The trend alerts list as CSV or XLSX (`?format=`, ANA-7): every page of the same scoped list as the JSON. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { EXPORT_MAX_ROWS, TREND_ALERT_EXPORT_COLUMNS, TREND_ALERT_MEASURE_LABELS, type TExportFormat, type TTrendAlertQuery } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { Actor } from '../../core/policy/policy.ts';
import { assertExportable, auditableFilters, sendExport } from '../../core/export/respond.ts';
import { listAlerts } from './trend-alerts.service.ts';

const TASK: Record<string, string> = { open: 'Open', done: 'Done', dismissed: 'Dismissed' };

export async function exportAlerts(deps: Deps, req: FastifyRequest, reply: FastifyReply, actor: Actor, q: TTrendAlertQuery, format: TExportFormat) {
  const list = await listAlerts(deps, actor, { ...q, page: 1, pageSize: EXPORT_MAX_ROWS + 1 });
  assertExportable(list.total);
  const sites = new Set(list.items.map((a) => a.siteId));
  return sendExport(deps, req, reply, format, {
    name: 'trend-alerts', title: 'Trend alerts', columns: TREND_ALERT_EXPORT_COLUMNS, filters: auditableFilters(q),
    siteId: sites.size === 1 ? [...sites][0]! : null,
    rows: list.items.map((a) => ({
      createdAt: a.createdAt, siteName: a.siteName, subject: a.subject === 'site' ? 'The site' : 'A pupil', pupil: a.pupil?.name ?? null,
      yearGroup: a.pupil?.yearGroup ?? null, measure: TREND_ALERT_MEASURE_LABELS[a.measure], previousFrom: a.previousFrom, previousTo: a.previousTo,
      previousCount: a.previousCount, previousRate: a.previousRate, currentFrom: a.currentFrom, currentTo: a.currentTo,
      currentCount: a.currentCount, currentRate: a.currentRate, rateUnit: a.rateUnit, risePercent: a.risePercent,
      taskStatus: a.task ? (TASK[a.task.status] ?? a.task.status) : null, id: a.id,
    })),
  });
}
