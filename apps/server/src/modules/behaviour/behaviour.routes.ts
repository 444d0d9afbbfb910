/** /api/v1/behaviour-events (the quick log, INC-1) and /api/v1/pupil-groups (what the quick log picks pupils from). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZBehaviourEvent, ZBehaviourEventList, ZBehaviourEventListQuery, ZEventVoidBody, ZPupilGroupList, ZPupilGroupQuery,
  ZQuickLogInput, ZQuickLogResult, ZUndoResult,
} from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as service from './behaviour.service.ts';

const tags = ['Quick log'];

export async function behaviourRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const record = { access: { auth: 'permission', permission: 'behaviour.record' } } as const;

  r.post('/api/v1/behaviour-events', {
    config: { ...record, idempotent: true },
    schema: {
      tags, summary: 'Log one category for one or more pupils (one batch, one transaction)',
      description: "Every pupil must be at a site where you may record (else 404, naming nobody); the category must be a quick-log category of each pupil's school. The author may undo the batch for 10 seconds.",
      body: ZQuickLogInput, response: { 201: ZQuickLogResult },
    },
  }, async (req, reply) => reply.status(201).send(await service.quickLog(app.deps, requireActor(req), auditContext(req), req.body)));

  r.post('/api/v1/behaviour-events/batches/:batchId/undo', {
    config: record,
    schema: {
      tags, summary: 'Undo a quick log (the author, within 10 seconds): voids the batch, deletes nothing',
      params: z.object({ batchId: z.uuid() }), response: { 200: ZUndoResult },
    },
  }, async (req) => service.undoBatch(app.deps, requireActor(req), auditContext(req), req.params.batchId));

  r.post('/api/v1/behaviour-events/:id/void', {
    config: { access: { auth: 'permission', permission: 'incident.void' } },
    schema: { tags, summary: 'Void a quick event with a reason (behaviour leads)', params: z.object({ id: z.uuid() }), body: ZEventVoidBody, response: { 200: ZBehaviourEvent } },
  }, async (req) => service.voidEvent(app.deps, requireActor(req), auditContext(req), req.params.id, req.body.reason));

  r.get('/api/v1/behaviour-events', {
    config: record,
    schema: {
      tags, summary: 'Quick events: your own, or every event at the sites where you read behaviour records (newest first)',
      querystring: ZBehaviourEventListQuery, response: { 200: ZBehaviourEventList },
    },
  }, async (req) => service.listEvents(app.deps, requireActor(req), req.query));

  r.get('/api/v1/pupil-groups', {
    config: record,
    schema: { tags, summary: 'Forms, classes and teaching groups at the sites where you may record', querystring: ZPupilGroupQuery, response: { 200: ZPupilGroupList } },
  }, async (req) => service.listGroups(app.deps, requireActor(req), req.query.siteId));
}
