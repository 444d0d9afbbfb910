/**
 * /api/v1/reports: the senior leaders' weekly report (JSON or PDF), report subscriptions (email on a schedule), the
 * head's commentary on a report period (report-commentary),
 * /api/v1/pupils/:id/summary.pdf, the pupil summary for a review meeting, and /api/v1/pupils/:id/agency-report.pdf (ANA-7).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZPupilSummaryQuery, ZReportCommentary, ZReportCommentaryInput, ZReportCommentaryList, ZReportCommentaryQuery, ZReportSubscription, ZReportSubscriptionInput, ZReportSubscriptionList, ZWeeklyReport, ZWeeklyReportQuery } from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as weekly from './weekly.service.ts';
import { agencyReportPdf } from './agency-report.ts';
import * as subscriptions from './subscriptions.service.ts';
import { pupilSummaryPdf } from './pupil-summary.ts';
import * as commentary from '../report-commentary/report-commentary.service.ts';

const tags = ['Reports'];
const aggregate = { access: { auth: 'permission', permission: 'reports.aggregate.read' } } as const;
const subscribe = { access: { auth: 'permission', permission: 'reports.subscribe' } } as const;
const comment = { access: { auth: 'permission', permission: 'reports.commentary.write' } } as const;
const idParams = z.object({ id: z.uuid() });

function sendPdf(reply: FastifyReply, filename: string, pdf: Buffer): FastifyReply {
  return reply.header('content-type', 'application/pdf').header('cache-control', 'no-store')
    .header('content-disposition', `attachment; filename="${filename}"`).send(pdf);
}

export async function reportRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/reports/weekly', {
    config: aggregate,
    schema: { tags, summary: "The senior leaders' weekly report for the caller's sites (format=pdf: as a PDF attachment); governors' copies suppress counts under 5", querystring: ZWeeklyReportQuery, response: { 200: ZWeeklyReport } },
  }, async (req, reply) => {
    const actor = requireActor(req);
    if (req.query.format !== 'pdf') return weekly.weeklyReport(app.deps, actor, req.query);
    const { pdf, report } = await weekly.weeklyReportPdf(app.deps, actor, auditContext(req), req.query);
    return sendPdf(reply, `haven-weekly-report-${report.weekStart}.pdf`, pdf);
  });

  r.get('/api/v1/reports/commentary', {
    config: aggregate,
    schema: { tags, summary: "The head's commentary on a governors' term or a weekly report's week, per site whose reports you read (with whether you may edit it)", querystring: ZReportCommentaryQuery, response: { 200: ZReportCommentaryList } },
  }, async (req) => commentary.listCommentaries(app.deps, requireActor(req), req.query));

  r.put('/api/v1/reports/commentary', {
    config: comment,
    schema: { tags, summary: "Write the head's commentary for a site's report period (heads, senior leaders and behaviour leads of the site; audited; empty text: none)", body: ZReportCommentaryInput, response: { 200: ZReportCommentary } },
  }, async (req) => commentary.saveCommentary(app.deps, requireActor(req), auditContext(req), req.body));

  r.get('/api/v1/reports/subscriptions', {
    config: subscribe,
    schema: { tags, summary: "The caller's report subscriptions, with the next send time and the last delivery", response: { 200: ZReportSubscriptionList } },
  }, async (req) => subscriptions.listSubscriptions(app.deps, requireActor(req)));

  r.post('/api/v1/reports/subscriptions', {
    config: subscribe,
    schema: { tags, summary: 'Subscribe to a report by email, weekly on a day and hour (Europe/London)', body: ZReportSubscriptionInput, response: { 201: ZReportSubscription } },
  }, async (req, reply) => reply.status(201).send(await subscriptions.subscribe(app.deps, requireActor(req), auditContext(req), req.body)));

  r.delete('/api/v1/reports/subscriptions/:id', {
    config: subscribe,
    schema: { tags, summary: 'Unsubscribe (your own subscriptions only; the delivery log is kept)', params: idParams, response: { 204: z.null() } },
  }, async (req, reply) => {
    await subscriptions.unsubscribe(app.deps, requireActor(req), auditContext(req), req.params.id);
    return reply.status(204).send(null);
  });

  r.get('/api/v1/pupils/:id/summary.pdf', {
    config: { access: { auth: 'permission', permission: 'behaviour.read' } },
    schema: { tags, summary: 'Pupil summary PDF for an EHCP annual review or a looked-after review (behaviour readers at the pupil\'s site; audited)', params: idParams, querystring: ZPupilSummaryQuery },
  }, async (req, reply) => {
    const { pdf, filename } = await pupilSummaryPdf(app.deps, requireActor(req), auditContext(req), req.params.id, req.query.from, req.query.to);
    return sendPdf(reply, filename, pdf);
  });

  r.get('/api/v1/pupils/:id/agency-report.pdf', {
    config: { access: { auth: 'permission', permission: 'casework.read' } },
    schema: { tags, summary: 'Agency report PDF about one pupil: the pupil summary with referrals, meetings and professional reports (no free text; audited)', params: idParams, querystring: ZPupilSummaryQuery },
  }, async (req, reply) => {
    const { pdf, filename } = await agencyReportPdf(app.deps, requireActor(req), auditContext(req), req.params.id, req.query.from, req.query.to);
    return sendPdf(reply, filename, pdf);
  });
}
