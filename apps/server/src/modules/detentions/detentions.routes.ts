/**
 * /api/v1/detention-types, /api/v1/detentions (sessions), /api/v1/detention-assignments (pupils and the register),
 * /api/v1/detention-rules (escalation rules that assign a detention) — SAN-1.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZDetentionAssignInput, ZDetentionAssignment, ZDetentionMarkResult, ZDetentionRule, ZDetentionRuleLink, ZDetentionRuleList, ZDetentionSession,
  ZDetentionSessionInput, ZDetentionSessionList, ZDetentionSessionQuery, ZDetentionSessionUpdate, ZDetentionType, ZDetentionTypeInput,
  ZDetentionTypeList, ZDetentionTypeUpdate, ZPupilDetentions, ZRegisterMarkInput, ZSiteQuery,
} from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as types from './detention-types.service.ts';
import * as service from './detentions.service.ts';
import * as rules from './detention-rules.service.ts';

const tags = ['Detentions'];
const params = z.object({ id: z.uuid() });
const assign = { auth: 'permission', permission: 'detention.assign' } as const;
const manage = { auth: 'permission', permission: 'sanction.manage' } as const;
const read = { auth: 'permission', permission: 'sanction.read' } as const;
const policy = { auth: 'permission', permission: 'policy.manage' } as const;

export async function detentionRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/detention-types', {
    config: { access: assign },
    schema: { tags, summary: 'Detention types in use at your sites (or one site): trust-wide and the site’s own', querystring: ZSiteQuery, response: { 200: ZDetentionTypeList } },
  }, async (req) => types.list(app.deps, requireActor(req), req.query.siteId));

  r.post('/api/v1/detention-types', {
    config: { access: manage },
    schema: { tags, summary: 'Add a detention type (duration, default location, what a missed one leads to)', body: ZDetentionTypeInput, response: { 201: ZDetentionType } },
  }, async (req, reply) => reply.status(201).send(await types.create(app.deps, requireActor(req), auditContext(req), req.body)));

  r.patch('/api/v1/detention-types/:id', {
    config: { access: manage },
    schema: { tags, summary: 'Change a detention type (deactivate rather than delete)', params, body: ZDetentionTypeUpdate, response: { 200: ZDetentionType } },
  }, async (req) => types.update(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.get('/api/v1/detentions', {
    config: { access: assign },
    schema: { tags, summary: 'Detention sessions at your sites, soonest first; the register is included where you may see it', querystring: ZDetentionSessionQuery, response: { 200: ZDetentionSessionList } },
  }, async (req) => service.list(app.deps, requireActor(req), req.query));

  r.post('/api/v1/detentions', {
    config: { access: manage },
    schema: { tags, summary: 'Schedule a detention session (a school day only)', body: ZDetentionSessionInput, response: { 201: ZDetentionSession } },
  }, async (req, reply) => reply.status(201).send(await service.create(app.deps, requireActor(req), auditContext(req), req.body)));

  r.get('/api/v1/detentions/:id', {
    config: { access: assign },
    schema: { tags, summary: 'One detention session and its register', params, response: { 200: ZDetentionSession } },
  }, async (req) => service.get(app.deps, requireActor(req), req.params.id));

  r.patch('/api/v1/detentions/:id', {
    config: { access: manage },
    schema: { tags, summary: 'Change or cancel a session (capacity never below the pupils in it)', params, body: ZDetentionSessionUpdate, response: { 200: ZDetentionSession } },
  }, async (req) => service.update(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.post('/api/v1/detention-assignments', {
    config: { access: assign },
    schema: { tags, summary: 'Put a pupil in a detention session (from an incident or directly); parents are notified', body: ZDetentionAssignInput, response: { 201: ZDetentionAssignment } },
  }, async (req, reply) => reply.status(201).send(await service.assign(app.deps, requireActor(req), auditContext(req), req.body)));

  r.post('/api/v1/detention-assignments/:id/mark', {
    config: { access: assign },
    schema: { tags, summary: 'Take the register for one pupil: attended, missed (escalates by the type’s rule) or excused (with a reason)', params, body: ZRegisterMarkInput, response: { 200: ZDetentionMarkResult } },
  }, async (req) => service.mark(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.get('/api/v1/pupils/:id/detentions', {
    config: { access: read },
    schema: { tags, summary: "A pupil's detentions, newest first", params, response: { 200: ZPupilDetentions } },
  }, async (req) => service.forPupil(app.deps, requireActor(req), req.params.id));

  r.get('/api/v1/detention-rules', {
    config: { access: policy },
    schema: { tags, summary: 'Escalation rules in force at a site and the detention type each assigns', querystring: ZSiteQuery, response: { 200: ZDetentionRuleList } },
  }, async (req) => rules.list(app.deps, requireActor(req), req.query.siteId));

  r.put('/api/v1/detention-rules/:id', {
    config: { access: policy },
    schema: { tags, summary: 'Make an escalation rule assign a detention of a type when it fires (or stop it)', params, body: ZDetentionRuleLink, response: { 200: ZDetentionRule } },
  }, async (req) => rules.link(app.deps, requireActor(req), auditContext(req), req.params.id, req.body.detentionTypeId));
}
