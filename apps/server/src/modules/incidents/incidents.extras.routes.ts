/** Post-incident reviews, parent contacts and attachments of incidents. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZAttachment, ZAttachmentList, ZParentContact, ZParentContactInput, ZParentContactList, ZPostIncidentReview, ZPostIncidentReviewInput } from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as extras from './incidents.extras.service.ts';
import * as files from './attachments.service.ts';
import { registerUploadRoute } from '../../core/http/upload-route.ts';
import { MAX_ATTACHMENT_BYTES, contentDisposition } from './attachments.rules.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['Incidents'];
const record = { access: { auth: 'permission', permission: 'behaviour.record' } } as const;
const review = { access: { auth: 'permission', permission: 'incident.review' } } as const;

export async function incidentExtraRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/incidents/:id/post-incident-review', {
    config: review,
    schema: { tags, summary: 'The post-incident review of a serious incident (404 until one is started)', params: idParams, response: { 200: ZPostIncidentReview } },
  }, async (req) => extras.getPir(app.deps, requireActor(req), req.params.id));

  r.put('/api/v1/incidents/:id/post-incident-review', {
    config: review,
    schema: { tags, summary: 'Start or update the post-incident review (REV-3); complete=true marks it completed', params: idParams, body: ZPostIncidentReviewInput, response: { 200: ZPostIncidentReview } },
  }, async (req) => extras.putPir(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.post('/api/v1/incidents/:id/parent-contacts', {
    config: record,
    schema: { tags, summary: "Log a contact with a pupil's parent or carer about this incident", params: idParams, body: ZParentContactInput, response: { 201: ZParentContact } },
  }, async (req, reply) => reply.status(201).send(await extras.addParentContact(app.deps, requireActor(req), auditContext(req), req.params.id, req.body)));

  r.get('/api/v1/incidents/:id/parent-contacts', {
    config: record,
    schema: { tags, summary: 'The parent contact log of this incident, newest first', params: idParams, response: { 200: ZParentContactList } },
  }, async (req) => extras.listParentContacts(app.deps, requireActor(req), req.params.id));

  r.get('/api/v1/incidents/:id/attachments', {
    config: record,
    schema: { tags, summary: 'Files attached to this incident', params: idParams, response: { 200: ZAttachmentList } },
  }, async (req) => files.list(app.deps, requireActor(req), req.params.id));

  r.get('/api/v1/attachments/:id', {
    config: record,
    schema: { tags, summary: 'Download an attachment (served as an attachment, never rendered inline)', params: idParams },
  }, async (req, reply) => {
    const f = await files.download(app.deps, requireActor(req), auditContext(req), req.params.id);
    return reply.header('content-type', f.contentType).header('content-disposition', contentDisposition(f.filename))
      .header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-store').send(f.data);
  });

  await registerUploadRoute(app, {
    url: '/api/v1/incidents/:id/attachments', config: record, tags, maxBytes: MAX_ATTACHMENT_BYTES, response: ZAttachment,
    summary: 'Attach a file: the body is the file; Content-Type image/jpeg, image/png, application/pdf or text/plain; X-Filename its name (percent-encoded UTF-8 accepted); at most 10 MB',
    handler: async (req, reply) => {
      const created = await files.upload(app.deps, requireActor(req), auditContext(req), req.params.id,
        { contentType: req.headers['content-type'], filename: req.headers['x-filename'], body: req.body });
      return reply.status(201).send(created);
    },
  });
}
