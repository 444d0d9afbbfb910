/** /api/v1/isolations: internal exclusion (isolation) sessions, their pupils and register (SAN-2). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZIsolationAssignInput, ZIsolationList, ZIsolationPupil, ZIsolationQuery, ZIsolationSession, ZIsolationSessionInput, ZIsolationSessionUpdate, ZRegisterMarkInput,
} from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as service from './isolations.service.ts';

const tags = ['Isolation'];
const params = z.object({ id: z.uuid() });
const read = { auth: 'permission', permission: 'sanction.read' } as const;
const manage = { auth: 'permission', permission: 'sanction.manage' } as const;
/** Any data role reaches the register route: the member of staff in charge may hold no sanctions role; the service decides. */
const register = { auth: 'permission', permission: 'detention.assign' } as const;

export async function isolationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/isolations', {
    config: { access: read },
    schema: { tags, summary: 'Isolation sessions at your sites, soonest first, with their pupils', querystring: ZIsolationQuery, response: { 200: ZIsolationList } },
  }, async (req) => service.list(app.deps, requireActor(req), req.query));

  r.post('/api/v1/isolations', {
    config: { access: manage },
    schema: { tags, summary: 'Schedule an isolation session (a school day; morning, afternoon, all day or set times)', body: ZIsolationSessionInput, response: { 201: ZIsolationSession } },
  }, async (req, reply) => reply.status(201).send(await service.create(app.deps, requireActor(req), auditContext(req), req.body)));

  r.get('/api/v1/isolations/:id', {
    config: { access: register },
    schema: { tags, summary: 'One isolation session and its register', params, response: { 200: ZIsolationSession } },
  }, async (req) => service.get(app.deps, requireActor(req), req.params.id));

  r.patch('/api/v1/isolations/:id', {
    config: { access: manage },
    schema: { tags, summary: 'Change the room, the member of staff or the work set', params, body: ZIsolationSessionUpdate, response: { 200: ZIsolationSession } },
  }, async (req) => service.update(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.post('/api/v1/isolations/:id/pupils', {
    config: { access: manage },
    schema: { tags, summary: 'Put a pupil in an isolation session', params, body: ZIsolationAssignInput, response: { 201: ZIsolationPupil } },
  }, async (req, reply) => reply.status(201).send(await service.assign(app.deps, requireActor(req), auditContext(req), req.params.id, req.body)));

  r.post('/api/v1/isolation-pupils/:id/mark', {
    config: { access: register },
    schema: { tags, summary: 'Take the register for one pupil: attended, missed or excused (with a reason)', params, body: ZRegisterMarkInput, response: { 200: ZIsolationPupil } },
  }, async (req) => service.mark(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));
}
