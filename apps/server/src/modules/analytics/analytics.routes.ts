/**
 * /api/v1/analytics (ANA-1 … ANA-6). Dashboards need analytics.read at each chosen site; governors and others
 * without behaviour.read there get aggregates only. Drill-down lists records, so it needs behaviour.read.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZAnalyticsDashboard, ZAnalyticsQuery, ZDrillDown, ZDrillDownQuery } from '@haven/contracts';
import { requireActor } from '../../core/http/context.ts';
import * as service from './analytics.service.ts';

const tags = ['Analytics'];
const read = { auth: 'permission', permission: 'analytics.read' } as const;
const records = { auth: 'permission', permission: 'behaviour.read' } as const;

export async function analyticsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/analytics/dashboard', {
    config: { access: read },
    schema: { tags, summary: 'Behaviour dashboard for one site, several sites or the trust: over time, what, where, when, who (ANA-1)', querystring: ZAnalyticsQuery, response: { 200: ZAnalyticsDashboard } },
  }, async (req) => service.dashboard(app.deps, requireActor(req), req.query));

  r.get('/api/v1/analytics/drill-down', {
    config: { access: records },
    schema: { tags, summary: 'The records behind one dashboard figure (its measure, dimension, key and time bucket)', querystring: ZDrillDownQuery, response: { 200: ZDrillDown } },
  }, async (req) => service.drillDown(app.deps, requireActor(req), req.query));
}
