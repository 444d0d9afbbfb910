/**
 * /api/v1/analytics (ANA-1 … ANA-6). Dashboards need analytics.read at each chosen site; governors and others
 * without behaviour.read there get aggregates only. Drill-down lists records, so it needs behaviour.read. The
 * dashboard's tables download as files with `?format=csv|xlsx&table=` (analytics.export).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZAnalyticsDashboard, ZAnalyticsDashboardQuery, ZDrillDown, ZDrillDownQuery } from '@haven/contracts';
import { requireActor } from '../../core/http/context.ts';
import * as service from './analytics.service.ts';
import { exportDashboard } from './analytics.export.ts';

const tags = ['Analytics'];
const read = { auth: 'permission', permission: 'analytics.read' } as const;
const records = { auth: 'permission', permission: 'behaviour.read' } as const;

export async function analyticsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/analytics/dashboard', {
    config: { access: read },
    schema: {
      tags, querystring: ZAnalyticsDashboardQuery, response: { 200: ZAnalyticsDashboard },
      summary: 'Behaviour dashboard for one site, several sites or the trust: over time, what, where, when, who (ANA-1). ?format=csv|xlsx&table=series|categories|locations|periods|heatmap|staff|pupils|yearGroups|sites downloads a table',
    },
  }, async (req, reply) => (req.query.format
    ? exportDashboard(app.deps, req, reply, requireActor(req), req.query, req.query.format)
    : service.dashboard(app.deps, requireActor(req), req.query)));

  r.get('/api/v1/analytics/drill-down', {
    config: { access: records },
    schema: { tags, summary: 'The records behind one dashboard figure (its measure, dimension, key and time bucket)', querystring: ZDrillDownQuery, response: { 200: ZDrillDown } },
  }, async (req) => service.drillDown(app.deps, requireActor(req), req.query));
}
