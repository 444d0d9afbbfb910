/**
 * /api/v1/on-call-requests (INC-5) and /api/v1/on-call-staff. Requests are gated on oncall.request (every data role):
 * responders from a site's on-call list may hold no oncall.respond role, so the service decides who answers where.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZOnCallCandidateQuery, ZOnCallCandidates, ZOnCallList, ZOnCallListQuery, ZOnCallRequest, ZOnCallRequestInput, ZOnCallResolve,
  ZOnCallSettings, ZOnCallSettingsInput, ZOnCallSettingsQuery, ZOnCallStaff, ZOnCallStaffInput, ZOnCallStaffList, ZOnCallStaffQuery,
} from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as service from './oncall.service.ts';
import * as staff from './oncall-staff.service.ts';
import * as escalation from './oncall-escalation.service.ts';

const tags = ['On call'];
const params = z.object({ id: z.uuid() });
const request = { auth: 'permission', permission: 'oncall.request' } as const;
const manage = { auth: 'permission', permission: 'policy.manage' } as const;

export async function onCallRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/on-call-requests', {
    config: { access: request },
    schema: { tags, summary: 'Call for urgent help at a location; every responder at the site is notified live', body: ZOnCallRequestInput, response: { 201: ZOnCallRequest } },
  }, async (req, reply) => reply.status(201).send(await service.create(app.deps, requireActor(req), auditContext(req), req.body)));

  r.get('/api/v1/on-call-requests', {
    config: { access: request },
    schema: { tags, summary: "Calls at the sites where you respond, and your own calls (default: open or acknowledged)", querystring: ZOnCallListQuery, response: { 200: ZOnCallList } },
  }, async (req) => service.list(app.deps, requireActor(req), req.query));

  r.get('/api/v1/on-call-requests/:id', {
    config: { access: request },
    schema: { tags, summary: 'One call (its requester and the responders of its site only)', params, response: { 200: ZOnCallRequest } },
  }, async (req) => service.get(app.deps, requireActor(req), req.params.id));

  r.post('/api/v1/on-call-requests/:id/acknowledge', {
    config: { access: request },
    schema: { tags, summary: "A responder is on the way (\"I'm coming\"): the first stops the escalation and sets the response time; later ones join the names the caller sees", params, response: { 200: ZOnCallRequest } },
  }, async (req) => service.step(app.deps, requireActor(req), auditContext(req), req.params.id, 'acknowledge'));

  r.post('/api/v1/on-call-requests/:id/resolve', {
    config: { access: request },
    schema: { tags, summary: 'A responder closes the call with its outcome (the resolution time)', params, body: ZOnCallResolve, response: { 200: ZOnCallRequest } },
  }, async (req) => service.step(app.deps, requireActor(req), auditContext(req), req.params.id, 'resolve', req.body.outcome));

  r.post('/api/v1/on-call-requests/:id/cancel', {
    config: { access: request },
    schema: { tags, summary: 'The requester no longer needs help', params, response: { 200: ZOnCallRequest } },
  }, async (req) => service.step(app.deps, requireActor(req), auditContext(req), req.params.id, 'cancel'));

  r.get('/api/v1/on-call-staff', {
    config: { access: manage },
    schema: { tags, summary: 'The on-call list of the sites whose policy you manage', querystring: ZOnCallStaffQuery, response: { 200: ZOnCallStaffList } },
  }, async (req) => staff.list(app.deps, requireActor(req), req.query));

  r.get('/api/v1/on-call-staff/candidates', {
    config: { access: manage },
    schema: { tags, summary: 'People who may be put on call at a site (a data role there)', querystring: ZOnCallCandidateQuery, response: { 200: ZOnCallCandidates } },
  }, async (req) => staff.candidates(app.deps, requireActor(req), req.query.siteId));

  r.post('/api/v1/on-call-staff', {
    config: { access: manage },
    schema: { tags, summary: "Put someone on a site's on-call list", body: ZOnCallStaffInput, response: { 201: ZOnCallStaff } },
  }, async (req, reply) => reply.status(201).send(await staff.add(app.deps, requireActor(req), auditContext(req), req.body)));

  r.delete('/api/v1/on-call-staff/:id', {
    config: { access: manage },
    schema: { tags, summary: 'Take someone off the on-call list (deactivates the entry; nothing is deleted)', params, response: { 200: ZOnCallStaff } },
  }, async (req) => staff.deactivate(app.deps, requireActor(req), auditContext(req), req.params.id));

  r.get('/api/v1/on-call-settings', {
    config: { access: manage },
    schema: { tags, summary: 'How long a call waits unanswered before it goes to the next responders (a site, or the trust)', querystring: ZOnCallSettingsQuery, response: { 200: ZOnCallSettings } },
  }, async (req) => escalation.getSettings(app.deps, requireActor(req), req.query.siteId));

  r.put('/api/v1/on-call-settings', {
    config: { access: manage },
    schema: { tags, summary: 'Set the wait before escalating, for a site or (trust-wide role) the trust', body: ZOnCallSettingsInput, response: { 200: ZOnCallSettings } },
  }, async (req) => escalation.putSettings(app.deps, requireActor(req), auditContext(req), req.body));
}
