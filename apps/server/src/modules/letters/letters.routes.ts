/**
 * /api/v1/letters: templates (list, read, save, revert, history, preview), each site's letterhead and crest; and
 * /api/v1/communications/log and /:id/letter: the site-wide communications log, the by-hand queue, printing a letter.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  PHOTO_MAX_BYTES, ZCommsLog, ZCommsLogQuery, ZLetterhead, ZLetterheadUpdate, ZLetterKindParams, ZLetterPreviewInput, ZLetterTemplate,
  ZLetterTemplateHistory, ZLetterTemplateList, ZLetterTemplateQuery, ZLetterTemplateRevert, ZLetterTemplateUpdate,
} from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as templates from './letters.service.ts';
import * as letterhead from './letterhead.service.ts';
import * as log from './comms-log.service.ts';

const tags = ['Letters'];
const manage = { access: { auth: 'permission', permission: 'letter.template.manage' } } as const;
const read = { access: { auth: 'permission', permission: 'communication.read' } } as const;
const siteParams = z.object({ siteId: z.uuid() });

function sendPdf(reply: FastifyReply, filename: string, data: Buffer, disposition: 'inline' | 'attachment') {
  return reply.header('content-type', 'application/pdf').header('cache-control', 'no-store')
    .header('content-disposition', `${disposition}; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`).send(data);
}

export async function letterRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/letters/templates', {
    config: manage,
    schema: { tags, summary: "Every kind of letter: the trust's templates, or a site's (its overrides where it has them)", querystring: ZLetterTemplateQuery, response: { 200: ZLetterTemplateList } },
  }, async (req) => templates.list(app.deps, requireActor(req), req.query.siteId ?? null));

  r.get('/api/v1/letters/templates/:kind', {
    config: manage,
    schema: { tags, summary: 'One template, its parts (locked ones marked) and its merge fields', params: ZLetterKindParams, querystring: ZLetterTemplateQuery, response: { 200: ZLetterTemplate } },
  }, async (req) => templates.get(app.deps, requireActor(req), req.params.kind, req.query.siteId ?? null));

  r.put('/api/v1/letters/templates/:kind', {
    config: manage,
    schema: { tags, summary: "Save the trust's template or a site's override (locked parts and unknown merge fields refused; versioned, audited)", params: ZLetterKindParams, body: ZLetterTemplateUpdate, response: { 200: ZLetterTemplate } },
  }, async (req) => templates.save(app.deps, requireActor(req), auditContext(req), req.params.kind, req.body));

  r.post('/api/v1/letters/templates/:kind/revert', {
    config: manage,
    schema: { tags, summary: "Remove the trust's template or a site's override, so the letter is what is above it again (audited)", params: ZLetterKindParams, body: ZLetterTemplateRevert, response: { 200: ZLetterTemplate } },
  }, async (req) => templates.revert(app.deps, requireActor(req), auditContext(req), req.params.kind, req.body.siteId));

  r.get('/api/v1/letters/templates/:kind/history', {
    config: manage,
    schema: { tags, summary: 'The saved versions of a template, newest first', params: ZLetterKindParams, querystring: ZLetterTemplateQuery, response: { 200: ZLetterTemplateHistory } },
  }, async (req) => templates.history(app.deps, requireActor(req), req.params.kind, req.query.siteId ?? null));

  r.post('/api/v1/letters/templates/:kind/preview', {
    config: manage,
    schema: { tags, summary: "The letter as a PDF on the site's letterhead, with sample data: the template in force or an unsaved draft", params: ZLetterKindParams, body: ZLetterPreviewInput },
  }, async (req, reply) => {
    const p = await templates.preview(app.deps, requireActor(req), req.params.kind, req.body);
    return sendPdf(reply, p.filename, p.pdf, 'inline');
  });

  r.get('/api/v1/letters/letterhead/:siteId', {
    config: manage,
    schema: { tags, summary: "A site's letterhead: address, contact details, whether it has a crest", params: siteParams, response: { 200: ZLetterhead } },
  }, async (req) => letterhead.get(app.deps, requireActor(req), req.params.siteId));

  r.put('/api/v1/letters/letterhead/:siteId', {
    config: manage,
    schema: { tags, summary: "Change a site's letterhead (audited with what changed)", params: siteParams, body: ZLetterheadUpdate, response: { 200: ZLetterhead } },
  }, async (req) => letterhead.save(app.deps, requireActor(req), auditContext(req), req.params.siteId, req.body));

  r.get('/api/v1/letters/letterhead/:siteId/crest', {
    config: manage,
    schema: { tags, summary: "The site's crest as Haven re-encoded it (JPEG)", params: siteParams },
  }, async (req, reply) => reply.header('content-type', 'image/jpeg').header('cache-control', 'no-store').header('x-content-type-options', 'nosniff')
    .send(await letterhead.crest(app.deps, requireActor(req), req.params.siteId)));

  r.delete('/api/v1/letters/letterhead/:siteId/crest', {
    config: manage,
    schema: { tags, summary: "Remove the site's crest from its letters (audited)", params: siteParams, response: { 200: ZLetterhead } },
  }, async (req) => letterhead.removeCrest(app.deps, requireActor(req), auditContext(req), req.params.siteId));

  // The crest upload takes the image itself as the body, like a photo: any type arrives as bytes and is decoded.
  await app.register(async (scoped) => {
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: PHOTO_MAX_BYTES }, (_req, body, done) => done(null, body));
    scoped.withTypeProvider<ZodTypeProvider>().put('/api/v1/letters/letterhead/:siteId/crest', {
      config: manage,
      schema: { tags, summary: "Replace the site's crest (JPEG, PNG or WebP as the body; re-encoded, metadata dropped; audited)", params: siteParams, response: { 200: ZLetterhead } },
    }, async (req) => letterhead.putCrest(app.deps, requireActor(req), auditContext(req), req.params.siteId, req.body));
  });

  r.get('/api/v1/communications/log', {
    config: read,
    schema: { tags: ['Communications'], summary: "A site's communications, newest first: by pupil, kind of record, channel, status and dates (status to_send_by_hand: the by-hand queue)", querystring: ZCommsLogQuery, response: { 200: ZCommsLog } },
  }, async (req) => log.siteLog(app.deps, requireActor(req), req.query));

  r.get('/api/v1/communications/:id/letter', {
    config: read,
    schema: { tags: ['Communications'], summary: 'The letter of a communication as a PDF, to print and send by hand (audited)', params: z.object({ id: z.uuid() }) },
  }, async (req, reply) => {
    const f = await log.printable(app.deps, requireActor(req), auditContext(req), req.params.id);
    return sendPdf(reply, f.filename, f.data, 'inline');
  });
}
