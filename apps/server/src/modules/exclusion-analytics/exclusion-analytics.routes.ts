/**
 * /api/v1/analytics/exclusions (ANA-4) and /api/v1/analytics/groups/compare (ANA-2 for sanctions, suspensions,
 * involvements and physical interventions). Same filters and scope as the behaviour dashboards (analytics.read);
 * governors see suppressed aggregates. The records behind a figure need suspension.read.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZExclusionRecords, ZExclusionRecordsQuery, ZExclusionStats, ZExclusionsQuery, ZGroupComparison, ZGroupComparisonQuery } from '@haven/contracts';
import { requireActor } from '../../core/http/context.ts';
import * as service from './exclusion-analytics.service.ts';
import { groupComparison } from './group-comparison.service.ts';

const tags = ['Analytics'];
const read = { auth: 'permission', permission: 'analytics.read' } as const;

export async function exclusionAnalyticsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/analytics/exclusions', {
    config: { access: read },
    schema: { tags, summary: 'Suspensions and permanent exclusions: counts, days lost, pupils at 35+ days, repeats, reasons, deadlines, DfE rates beside national (ANA-4)', querystring: ZExclusionsQuery, response: { 200: ZExclusionStats } },
  }, async (req) => service.exclusionStats(app.deps, requireActor(req), req.query));

  r.get('/api/v1/analytics/exclusions/records', {
    config: { access: { auth: 'permission', permission: 'suspension.read' } },
    schema: { tags, summary: 'The suspensions and exclusions behind one exclusions figure', querystring: ZExclusionRecordsQuery, response: { 200: ZExclusionRecords } },
  }, async (req) => service.exclusionRecords(app.deps, requireActor(req), req.query));

  r.get('/api/v1/analytics/groups/compare', {
    config: { access: read },
    schema: { tags, summary: 'Pupil groups: rates, rate ratios, risk indices and risk ratios for involvements, physical interventions, detentions, isolations, suspensions and permanent exclusions (ANA-2)', querystring: ZGroupComparisonQuery, response: { 200: ZGroupComparison } },
  }, async (req) => groupComparison(app.deps, requireActor(req), req.query));
}
