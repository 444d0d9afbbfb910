/** /api/v1/reports: the governors' termly report (PDF) and the census exclusions return (CSV or XML). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZCensusQuery, ZGovernorsReportQuery, ZReportTerms } from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import { censusReturn } from './census.service.ts';
import { governorsReport } from '../governors-report/governors.service.ts';
import { trustTerms } from '../governors-report/governors.repo.ts';

const tags = ['Reports'];

export async function governanceReportRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/reports/terms', {
    config: { access: { auth: 'permission', permission: 'reports.aggregate.read' } },
    schema: { tags, summary: 'The trust\'s half-terms a termly report can cover, newest first', response: { 200: ZReportTerms } },
  }, async (req) => {
    const terms = await trustTerms(app.deps.database.db, requireActor(req).trustId);
    return { items: terms.map(({ id, name, startDate, endDate }) => ({ id, name, startDate, endDate })).reverse() };
  });

  r.get('/api/v1/reports/governors', {
    config: { access: { auth: 'permission', permission: 'reports.aggregate.read' } },
    schema: { tags, summary: 'Governors\' termly report as a PDF: no pupil names, counts 1–4 as "fewer than 5" (ANA-7; audited)', querystring: ZGovernorsReportQuery },
  }, async (req, reply) => {
    const out = await governorsReport(app.deps, requireActor(req), auditContext(req), req.query);
    return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${out.filename}"`).header('cache-control', 'no-store').send(out.pdf);
  });

  r.get('/api/v1/reports/census-exclusions', {
    config: { access: { auth: 'permission', permission: 'census.export' } },
    schema: { tags, summary: 'School census exclusions return of one site for a period, as CSV or XML (ANA-7; audited)', querystring: ZCensusQuery },
  }, async (req, reply) => {
    const out = await censusReturn(app.deps, requireActor(req), auditContext(req), req.query);
    return reply.header('content-type', out.contentType).header('content-disposition', `attachment; filename="${out.filename}"`).header('cache-control', 'no-store').send(out.body);
  });
}
