/**
 * /api/v1/analytics/exclusions (ANA-4) and /api/v1/analytics/groups/compare (ANA-2 for sanctions, suspensions,
 * involvements and physical interventions). Same filters and scope as the behaviour dashboards (analytics.read);
 * governors see suppressed aggregates. The records behind a figure need suspension.read. Both dashboards' tables
 * download as files with `?format=csv|xlsx&table=` (exclusion-analytics.export).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZExclusionRecords, ZExclusionRecordsQuery, ZExclusionStats, ZExclusionStatsQuery, ZGroupComparison, ZGroupComparisonQuery } from '@haven/contracts';
import { requireActor } from '../../core/http/context.ts';
import * as service from './exclusion-analytics.service.ts';
import { groupComparison } from './group-comparison.service.ts';
import { exportExclusions, exportGroups } from './exclusion-analytics.export.ts';

const tags = ['Analytics'];
const read = { auth: 'permission', permission: 'analytics.read' } as const;

export async function exclusionAnalyticsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/analytics/exclusions', {
    config: { access: read },
    schema: {
      tags, querystring: ZExclusionStatsQuery, response: { 200: ZExclusionStats },
      summary: 'Suspensions and permanent exclusions: counts, days lost, pupils at 35+ days, repeats, reasons, deadlines, DfE rates beside national (ANA-4). ?format=csv|xlsx&table=summary|rates|reasons|sites downloads a table',
    },
  }, async (req, reply) => (req.query.format
    ? exportExclusions(app.deps, req, reply, requireActor(req), req.query, req.query.format)
    : service.exclusionStats(app.deps, requireActor(req), req.query)));

  r.get('/api/v1/analytics/exclusions/records', {
    config: { access: { auth: 'permission', permission: 'suspension.read' } },
    schema: { tags, summary: 'The suspensions and exclusions behind one exclusions figure', querystring: ZExclusionRecordsQuery, response: { 200: ZExclusionRecords } },
  }, async (req) => service.exclusionRecords(app.deps, requireActor(req), req.query));

  r.get('/api/v1/analytics/groups/compare', {
    config: { access: read },
    schema: {
      tags, querystring: ZGroupComparisonQuery, response: { 200: ZGroupComparison },
      summary: 'Pupil groups: rates, rate ratios, risk indices and risk ratios for involvements, physical interventions, detentions, isolations, suspensions and permanent exclusions (ANA-2). ?format=csv|xlsx&table=groups downloads the table',
    },
  }, async (req, reply) => (req.query.format
    ? exportGroups(app.deps, req, reply, requireActor(req), req.query, req.query.format)
    : groupComparison(app.deps, requireActor(req), req.query)));
}
