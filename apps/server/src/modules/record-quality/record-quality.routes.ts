/**
 * /api/v1/analytics/record-quality (ANA-6): per site and per member of staff (analytics.read; aggregate-only viewers
 * get the per-site table suppressed, no staff), its tables as files (`?format=csv|xlsx&table=`), and the records
 * behind a figure (behaviour.read).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZQualityQuery, ZQualityRecords, ZQualityRecordsQuery, ZRecordQuality } from '@haven/contracts';
import { requireActor } from '../../core/http/context.ts';
import { qualityRecords, recordQuality } from './record-quality.service.ts';
import { exportQuality } from './record-quality.export.ts';

const tags = ['Analytics'];

export async function recordQualityRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/analytics/record-quality', {
    config: { access: { auth: 'permission', permission: 'analytics.read' } },
    schema: {
      tags, querystring: ZQualityQuery, response: { 200: ZRecordQuality },
      summary: 'Record-keeping quality per site and per member of staff: signed off within 48 hours, median hours to sign-off, returned for amendment, parent contact and debriefs missing, reviews overdue (ANA-6). ?format=csv|xlsx&table=sites|staff downloads a table',
    },
  }, async (req, reply) => (req.query.format
    ? exportQuality(app.deps, req, reply, requireActor(req), req.query, req.query.format)
    : recordQuality(app.deps, requireActor(req), req.query)));

  r.get('/api/v1/analytics/record-quality/records', {
    config: { access: { auth: 'permission', permission: 'behaviour.read' } },
    schema: { tags, summary: 'The incidents (or interventions) behind one record-quality figure, optionally of one recorder', querystring: ZQualityRecordsQuery, response: { 200: ZQualityRecords } },
  }, async (req) => qualityRecords(app.deps, requireActor(req), req.query));
}
