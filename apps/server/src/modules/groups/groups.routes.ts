/** /api/v1/people/groups: forms, classes and teaching groups of a site and their members, kept by hand (people.manage). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZGroupCandidates, ZGroupCandidatesQuery, ZGroupMembersAdd, ZPeopleGroup, ZPeopleGroupCreate, ZPeopleGroupDetail, ZPeopleGroupList,
  ZPeopleGroupQuery, ZPeopleGroupUpdate,
} from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as service from './groups.service.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['People'];

export async function groupRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const config = { access: { auth: 'permission', permission: 'people.manage' } } as const;

  r.get('/api/v1/people/groups', { config, schema: { tags, summary: "A site's forms, classes and teaching groups (current, archived or all)", querystring: ZPeopleGroupQuery, response: { 200: ZPeopleGroupList } } },
    async (req) => service.list(app.deps, requireActor(req), req.query));
  r.post('/api/v1/people/groups', { config, schema: { tags, summary: 'Add a form, class or teaching group', body: ZPeopleGroupCreate, response: { 201: ZPeopleGroup } } },
    async (req, reply) => reply.status(201).send(await service.create(app.deps, requireActor(req), auditContext(req), req.body)));
  r.get('/api/v1/people/groups/:id', { config, schema: { tags, summary: 'One group with its members (on roll first)', params: idParams, response: { 200: ZPeopleGroupDetail } } },
    async (req) => service.get(app.deps, requireActor(req), req.params.id));
  r.patch('/api/v1/people/groups/:id', { config, schema: { tags, summary: 'Rename a group, change its kind or year, archive it or bring it back', params: idParams, body: ZPeopleGroupUpdate, response: { 200: ZPeopleGroup } } },
    async (req) => service.update(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));
  r.get('/api/v1/people/groups/:id/candidates', { config, schema: { tags, summary: 'Pupils on roll at the site, not in the group, whose name or UPN matches', params: idParams, querystring: ZGroupCandidatesQuery, response: { 200: ZGroupCandidates } } },
    async (req) => service.candidates(app.deps, requireActor(req), req.params.id, req.query.search));
  r.post('/api/v1/people/groups/:id/members', { config, schema: { tags, summary: 'Put pupils in a group (a form becomes their form)', params: idParams, body: ZGroupMembersAdd, response: { 200: ZPeopleGroupDetail } } },
    async (req) => service.addMembers(app.deps, requireActor(req), auditContext(req), req.params.id, req.body.pupilIds));
  r.delete('/api/v1/people/groups/:id/members/:pupilId', { config, schema: { tags, summary: 'Take a pupil off a group', params: z.object({ id: z.uuid(), pupilId: z.uuid() }), response: { 200: ZPeopleGroupDetail } } },
    async (req) => service.removeMember(app.deps, requireActor(req), auditContext(req), req.params.id, req.params.pupilId));
}
