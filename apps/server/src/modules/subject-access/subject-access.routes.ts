/**
 * /api/v1/subject-access: subject access requests (DAT-3) — list, log, read, change, move on, the gathered records
 * with their redactions, a decision on a record, release, and the released PDF and archive. Everything needs
 * subject_access.manage (the head or the DSL) at the pupil's site.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZSarCreate, ZSarDecisionInput, ZSarDownloadParams, ZSarList, ZSarListQuery, ZSarParams, ZSarRecord, ZSarRecords, ZSarStatusChange, ZSarSummary, ZSarUpdate,
} from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as service from './subject-access.service.ts';

const tags = ['Subject access'];
const manage = { access: { auth: 'permission', permission: 'subject_access.manage' } } as const;
const params = ZSarParams;

export async function subjectAccessRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/subject-access', {
    config: manage,
    schema: { tags, summary: 'Subject access requests at your sites, newest first, with their deadlines (status=open: not yet released or withdrawn)', querystring: ZSarListQuery, response: { 200: ZSarList } },
  }, async (req) => service.list(app.deps, requireActor(req), auditContext(req), req.query.status));

  r.post('/api/v1/subject-access', {
    config: manage,
    schema: { tags, summary: 'Log a subject access request for a pupil: the deadline is one calendar month from the day it was received', body: ZSarCreate, response: { 201: ZSarSummary } },
  }, async (req, reply) => reply.status(201).send(await service.create(app.deps, requireActor(req), auditContext(req), req.body)));

  r.get('/api/v1/subject-access/:id', {
    config: manage, schema: { tags, summary: 'One request, its deadline and its release', params, response: { 200: ZSarSummary } },
  }, async (req) => service.get(app.deps, requireActor(req), auditContext(req), req.params.id));

  r.patch('/api/v1/subject-access/:id', {
    config: manage, schema: { tags, summary: "Change the requester's name, the notes, or whether staff names are redacted (an open request)", params, body: ZSarUpdate, response: { 200: ZSarSummary } },
  }, async (req) => service.update(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.post('/api/v1/subject-access/:id/status', {
    config: manage, schema: { tags, summary: 'Move the request on: gathering, redaction review, back to gathering, or withdrawn (with a reason)', params, body: ZSarStatusChange, response: { 200: ZSarSummary } },
  }, async (req) => service.move(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.get('/api/v1/subject-access/:id/records', {
    config: manage,
    schema: { tags, summary: 'Everything held about the pupil, kind by kind, as it would be released now: names replaced, names found in free text flagged, decisions applied (audited)', params, response: { 200: ZSarRecords } },
  }, async (req) => service.records(app.deps, requireActor(req), auditContext(req), req.params.id));

  r.put('/api/v1/subject-access/:id/decisions', {
    config: manage,
    schema: { tags, summary: 'Decide on one record: release it as it is, redact named fields, or withhold it with a reason (the redaction review)', params, body: ZSarDecisionInput, response: { 200: ZSarRecord } },
  }, async (req) => service.decide(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.post('/api/v1/subject-access/:id/release', {
    config: manage,
    schema: { tags, summary: 'Release: make the PDF and the archive (JSON and CSV) once, keep them with their SHA-256, and close the request (audited)', params, body: z.strictObject({ version: z.number().int().positive() }), response: { 200: ZSarSummary } },
  }, async (req) => service.release(app.deps, requireActor(req), auditContext(req), req.params.id, req.body.version));

  r.get('/api/v1/subject-access/:id/download/:format', {
    config: manage, schema: { tags, summary: 'The released PDF or archive (zip), exactly as released (each download audited)', params: ZSarDownloadParams },
  }, async (req, reply) => {
    const f = await service.download(app.deps, requireActor(req), auditContext(req), req.params.id, req.params.format);
    return reply.header('content-type', f.contentType).header('cache-control', 'no-store').header('x-content-sha256', f.sha256)
      .header('content-disposition', `attachment; filename="${f.filename}"`).send(f.bytes);
  });
}
