/** /api/v1/referrals and /api/v1/professional-reports (SUP-5). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZProfessionalReport, ZProfessionalReportCreate, ZProfessionalReportList, ZReferral, ZReferralCreate, ZReferralList, ZReferralListQuery, ZReferralUpdate,
} from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import { registerUploadRoute } from '../../core/http/upload-route.ts';
import { MAX_ATTACHMENT_BYTES } from '../incidents/attachments.rules.ts';
import { sendFile } from '../../core/http/download.ts';
import * as service from './referrals.service.ts';
import * as reports from './reports.service.ts';

const params = z.object({ id: z.uuid() });
const read = { access: { auth: 'permission', permission: 'casework.read' } } as const;
const manage = { access: { auth: 'permission', permission: 'casework.manage' } } as const;

export async function referralRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Referrals'];
  r.get('/api/v1/referrals', {
    config: read, schema: { tags, summary: 'Referrals to agencies at your sites, newest first; overdue=true: sent, unanswered, past the expected response', querystring: ZReferralListQuery, response: { 200: ZReferralList } },
  }, async (req) => service.list(app.deps, requireActor(req), req.query));
  r.post('/api/v1/referrals', {
    config: manage, schema: { tags, summary: 'Make (or draft) a referral of a pupil to an agency', body: ZReferralCreate, response: { 201: ZReferral } },
  }, async (req, reply) => reply.status(201).send(await service.create(app.deps, requireActor(req), auditContext(req), req.body)));
  r.get('/api/v1/referrals/:id', {
    config: read, schema: { tags, summary: 'One referral', params, response: { 200: ZReferral } },
  }, async (req) => service.get(app.deps, requireActor(req), req.params.id));
  r.patch('/api/v1/referrals/:id', {
    config: manage, schema: { tags, summary: 'Send, record the response (accepted, declined, waiting) or close; change the expected response (version: 409 when changed since)', params, body: ZReferralUpdate, response: { 200: ZReferral } },
  }, async (req) => service.update(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  const rtags = ['Professional reports'];
  r.get('/api/v1/professional-reports', {
    config: read, schema: { tags: rtags, summary: 'Professional reports received and sent, at your sites (audited)', querystring: z.object({ pupilId: z.uuid().optional() }), response: { 200: ZProfessionalReportList } },
  }, async (req) => reports.list(app.deps, requireActor(req), auditContext(req), req.query));
  r.post('/api/v1/professional-reports', {
    config: manage, schema: { tags: rtags, summary: 'Record a professional report received or sent (then attach its file)', body: ZProfessionalReportCreate, response: { 201: ZProfessionalReport } },
  }, async (req, reply) => reply.status(201).send(await reports.create(app.deps, requireActor(req), auditContext(req), req.body)));
  r.get('/api/v1/professional-reports/:id/file', {
    config: read, schema: { tags: rtags, summary: "Download the report's file (audited; served as an attachment)", params },
  }, async (req, reply) => {
    const f = await reports.download(app.deps, requireActor(req), auditContext(req), req.params.id);
    return sendFile(reply, f);
  });
  await registerUploadRoute(app, {
    url: '/api/v1/professional-reports/:id/file', config: manage, tags: rtags, maxBytes: MAX_ATTACHMENT_BYTES, response: ZProfessionalReport,
    summary: "Attach the report's file (replacing any earlier one): the body is the file; Content-Type application/pdf, image/jpeg, image/png or text/plain; X-Filename its name; at most 10 MB",
    handler: async (req, reply) => reply.status(201).send(await reports.attachFile(app.deps, requireActor(req), auditContext(req), req.params.id,
      { contentType: req.headers['content-type'], filename: req.headers['x-filename'], body: req.body })),
  });
}
