/** /api/v1/pupils and /api/v1/parent/children. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZParentChildren, ZPupilList, ZPupilListQuery, ZPupilProfile } from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as service from './pupils.service.ts';
import { exportPupils } from './pupils.export.ts';

export async function pupilRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/pupils', {
    config: { access: { auth: 'permission', permission: ['pupil.read', 'people.manage'] } },
    schema: { tags: ['Pupils'], summary: "Pupils at the caller's sites (search, site, year group, group; paged; ?format=csv|xlsx: the whole list as a file)", querystring: ZPupilListQuery, response: { 200: ZPupilList } },
  }, async (req, reply) => (req.query.format
    ? exportPupils(app.deps, req, reply, requireActor(req), req.query, req.query.format)
    : service.listPupils(app.deps, requireActor(req), req.query)));

  r.get('/api/v1/pupils/:id', {
    config: { access: { auth: 'permission', permission: ['pupil.read', 'people.manage'] } },
    schema: { tags: ['Pupils'], summary: "A pupil's one-page profile (404 outside the caller's sites; the read is audited)", params: z.object({ id: z.uuid() }), response: { 200: ZPupilProfile } },
  }, async (req) => service.getProfile(app.deps, requireActor(req), auditContext(req), req.params.id));

  r.get('/api/v1/parent/children', {
    config: { access: { auth: 'permission', permission: 'parent.children.read' } },
    schema: { tags: ['Parents'], summary: "A parent's own children", response: { 200: ZParentChildren } },
  }, async (req) => service.childrenOfParent(app.deps, requireActor(req)));
}
