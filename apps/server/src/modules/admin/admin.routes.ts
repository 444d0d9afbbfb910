/** /api/v1/admin/*: sites, users and role assignments (trust administrators). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZAssignmentInput, ZSite, ZSiteCreate, ZSiteList, ZSiteUpdate, ZUser, ZUserCreate, ZUserList, ZUserListQuery, ZUserUpdate } from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as sites from './sites.service.ts';
import * as users from './users.service.ts';

const idParams = z.object({ id: z.uuid() });

export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const siteAccess = { access: { auth: 'permission', permission: 'site.manage' } } as const;
  const userAccess = { access: { auth: 'permission', permission: 'user.manage' } } as const;

  r.get('/api/v1/admin/sites', { config: siteAccess, schema: { tags: ['Administration'], summary: "The trust's sites", response: { 200: ZSiteList } } },
    async (req) => sites.list(app.deps, requireActor(req)));
  r.post('/api/v1/admin/sites', { config: siteAccess, schema: { tags: ['Administration'], summary: 'Add a site', body: ZSiteCreate, response: { 201: ZSite } } },
    async (req, reply) => reply.status(201).send(await sites.create(app.deps, requireActor(req), auditContext(req), req.body)));
  r.patch('/api/v1/admin/sites/:id', { config: siteAccess, schema: { tags: ['Administration'], summary: 'Change a site (send the version you edited)', params: idParams, body: ZSiteUpdate, response: { 200: ZSite } } },
    async (req) => sites.update(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.get('/api/v1/admin/users', { config: userAccess, schema: { tags: ['Administration'], summary: "The trust's users", querystring: ZUserListQuery, response: { 200: ZUserList } } },
    async (req) => users.list(app.deps, requireActor(req), req.query));
  r.get('/api/v1/admin/users/:id', { config: userAccess, schema: { tags: ['Administration'], summary: 'One user', params: idParams, response: { 200: ZUser } } },
    async (req) => users.get(app.deps, requireActor(req), req.params.id));
  r.post('/api/v1/admin/users', { config: userAccess, schema: { tags: ['Administration'], summary: 'Create a user with role assignments', body: ZUserCreate, response: { 201: ZUser } } },
    async (req, reply) => reply.status(201).send(await users.create(app.deps, requireActor(req), auditContext(req), req.body)));
  r.patch('/api/v1/admin/users/:id', { config: userAccess, schema: { tags: ['Administration'], summary: 'Change a user: name, active, password, unlock, reset two-factor', params: idParams, body: ZUserUpdate, response: { 200: ZUser } } },
    async (req) => users.update(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));
  r.post('/api/v1/admin/users/:id/assignments', { config: userAccess, schema: { tags: ['Administration'], summary: 'Give a user a role at a site (or trust-wide with siteId null)', params: idParams, body: ZAssignmentInput, response: { 200: ZUser } } },
    async (req) => users.addAssignment(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));
  r.delete('/api/v1/admin/users/:id/assignments/:assignmentId', { config: userAccess, schema: { tags: ['Administration'], summary: 'Remove a role assignment', params: z.object({ id: z.uuid(), assignmentId: z.uuid() }), response: { 200: ZUser } } },
    async (req) => users.removeAssignment(app.deps, requireActor(req), auditContext(req), req.params.id, req.params.assignmentId));
}
