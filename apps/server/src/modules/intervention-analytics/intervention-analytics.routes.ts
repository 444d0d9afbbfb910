/**
 * /api/v1/analytics/physical-interventions (ANA-3): the dashboard (analytics.read; aggregate-only viewers suppressed,
 * no names), its tables as files (`?format=csv|xlsx&table=`), and the records behind a figure (behaviour.read).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZPiQuery, ZPiRecords, ZPiRecordsQuery, ZPiStats } from '@haven/contracts';
import { requireActor } from '../../core/http/context.ts';
import { piRecords, piStats } from './intervention-analytics.service.ts';
import { exportPi } from './intervention-analytics.export.ts';

const tags = ['Analytics'];

export async function interventionAnalyticsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/analytics/physical-interventions', {
    config: { access: { auth: 'permission', permission: 'analytics.read' } },
    schema: {
      tags, querystring: ZPiQuery, response: { 200: ZPiStats },
      summary: 'Physical interventions: count, total and median minutes, pupils, staff, holds and techniques, injuries, debriefs and parents informed, by site; pupils with most (ANA-3). ?format=csv|xlsx&table=summary|sites|techniques|pupils downloads a table',
    },
  }, async (req, reply) => (req.query.format
    ? exportPi(app.deps, req, reply, requireActor(req), req.query, req.query.format)
    : piStats(app.deps, requireActor(req), req.query)));

  r.get('/api/v1/analytics/physical-interventions/records', {
    config: { access: { auth: 'permission', permission: 'behaviour.read' } },
    schema: { tags, summary: 'The physical interventions behind one figure of the dashboard (kind, technique, pupil)', querystring: ZPiRecordsQuery, response: { 200: ZPiRecords } },
  }, async (req) => piRecords(app.deps, requireActor(req), req.query));
}
