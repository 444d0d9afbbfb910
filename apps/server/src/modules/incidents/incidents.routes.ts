/**
 * /api/v1/incidents and /api/v1/review-queue: full incidents (INC-2, INC-3, INC-6) and their review (REV-1 … REV-3).
 * Routes only validate, resolve the actor and call one service function; the services authorise each record's site.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZIncident, ZIncidentFlags, ZIncidentFlagsQuery, ZIncidentHistory, ZIncidentInput, ZIncidentList, ZIncidentListQuery, ZIncidentUpdate,
  ZReturnBody, ZReviewQueue, ZReviewQueueQuery, ZVersionBody, ZVoidBody,
} from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as incidents from './incidents.service.ts';
import * as workflow from './incidents.workflow.service.ts';
import * as lists from './incidents.lists.service.ts';
import { incidentExtraRoutes } from './incidents.extras.routes.ts';
import { parentCopyRoutes } from './parent-copy.routes.ts';
import { printIncident } from './incident-print.ts';
import { exportIncidents, exportReviewQueue } from './incidents.export.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['Incidents'];
const record = { access: { auth: 'permission', permission: 'behaviour.record' } } as const;
const read = { access: { auth: 'permission', permission: 'behaviour.read' } } as const;
const review = { access: { auth: 'permission', permission: 'incident.review' } } as const;
const voiding = { access: { auth: 'permission', permission: 'incident.void' } } as const;

export async function incidentRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/incidents', {
    config: { ...record, idempotent: true },
    schema: { tags, summary: "Start an incident as a draft (at siteId, or the caller's only site); any fields may be sent", body: ZIncidentInput, response: { 201: ZIncident } },
  }, async (req, reply) => reply.status(201).send(await incidents.createIncident(app.deps, requireActor(req), auditContext(req), req.body)));

  r.get('/api/v1/incidents', {
    config: record,
    schema: { tags, summary: 'Incidents: every incident of the sites where the caller reads behaviour records, else those they recorded (?format=csv|xlsx: the whole list as a file)', querystring: ZIncidentListQuery, response: { 200: ZIncidentList } },
  }, async (req, reply) => (req.query.format
    ? exportIncidents(app.deps, req, reply, requireActor(req), req.query, req.query.format)
    : lists.listIncidents(app.deps, requireActor(req), req.query)));

  r.get('/api/v1/incidents/flags', {
    config: read,
    schema: { tags, summary: 'Dashboard counts: awaiting review, overdue (over 48 hours), physical interventions whose parent was not told the same day', querystring: ZIncidentFlagsQuery, response: { 200: ZIncidentFlags } },
  }, async (req) => lists.flags(app.deps, requireActor(req), req.query.siteId));

  r.get('/api/v1/incidents/:id', {
    config: record,
    schema: { tags, summary: 'One incident, with what is still missing and what the caller may do (404 outside scope)', params: idParams, response: { 200: ZIncident } },
  }, async (req) => incidents.getIncident(app.deps, requireActor(req), auditContext(req), req.params.id));

  r.get('/api/v1/incidents/:id/pdf', {
    config: record,
    schema: { tags, summary: 'One incident as a PDF to print or file: every section with its labels, physical interventions and the review (audited; 404 outside scope)', params: idParams },
  }, async (req, reply) => {
    const p = await printIncident(app.deps, requireActor(req), auditContext(req), req.params.id);
    return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${p.filename}"`)
      .header('cache-control', 'private, no-store').send(p.pdf);
  });

  r.patch('/api/v1/incidents/:id', {
    config: { ...record, idempotent: true },
    schema: { tags, summary: 'Save changes (autosave): send the version edited; a stale version is refused with 409', params: idParams, body: ZIncidentUpdate, response: { 200: ZIncident } },
  }, async (req) => incidents.updateIncident(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.post('/api/v1/incidents/:id/submit', {
    config: record,
    schema: { tags, summary: 'Submit for review (draft or returned → submitted); 400 names every missing field', params: idParams, body: ZVersionBody, response: { 200: ZIncident } },
  }, async (req) => workflow.submit(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.post('/api/v1/incidents/:id/return', {
    config: review,
    schema: { tags, summary: 'Return for amendment with comments (submitted → returned); the author is notified', params: idParams, body: ZReturnBody, response: { 200: ZIncident } },
  }, async (req) => workflow.returnForAmendment(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.post('/api/v1/incidents/:id/sign-off', {
    config: review,
    schema: { tags, summary: "Sign off (submitted → signed off) after the completeness checks; not one's own incident", params: idParams, body: ZVersionBody, response: { 200: ZIncident } },
  }, async (req) => workflow.signOff(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.post('/api/v1/incidents/:id/void', {
    config: voiding,
    schema: { tags, summary: 'Void with a reason (any status); nothing is deleted', params: idParams, body: ZVoidBody, response: { 200: ZIncident } },
  }, async (req) => workflow.voidIncident(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.get('/api/v1/incidents/:id/history', {
    config: record,
    schema: { tags, summary: 'Every version, newest first, with who, when and the field-level changes', params: idParams, response: { 200: ZIncidentHistory } },
  }, async (req) => workflow.history(app.deps, requireActor(req), auditContext(req), req.params.id));

  r.get('/api/v1/review-queue', {
    config: review,
    schema: { tags, summary: 'Incidents awaiting review at the sites the caller reviews, oldest first, with ages and flags (?format=csv|xlsx: as a file)', querystring: ZReviewQueueQuery, response: { 200: ZReviewQueue } },
  }, async (req, reply) => (req.query.format
    ? exportReviewQueue(app.deps, req, reply, requireActor(req), req.query, req.query.format)
    : lists.reviewQueue(app.deps, requireActor(req), req.query)));

  await app.register(incidentExtraRoutes);
  await app.register(parentCopyRoutes);
}
