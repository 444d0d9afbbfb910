/** GET /api/v1/staff: the members of staff at the caller's sites (names and job titles only), for pickers. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZStaffList, ZStaffListQuery } from '@haven/contracts';
import { requireActor } from '../../core/http/context.ts';
import { scope } from '../../core/policy/policy.ts';
import { forbidden } from '../../core/http/errors.ts';
import { listStaff } from './staff.repo.ts';
import { photoRef } from '../photos/photos.refs.ts';

export async function staffRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/staff', {
    config: { access: { auth: 'permission', permission: 'behaviour.record' } },
    schema: { tags: ['Staff'], summary: "Members of staff at the caller's sites (or one of them), for pickers", querystring: ZStaffListQuery, response: { 200: ZStaffList } },
  }, async (req) => {
    const actor = requireActor(req);
    const inScope = scope(actor, 'behaviour.record').siteIds;
    if (req.query.siteId && !inScope.includes(req.query.siteId)) throw forbidden('You do not work at that site.');
    const rows = await listStaff(app.deps.database.db, { siteIds: req.query.siteId ? [req.query.siteId] : inScope, search: req.query.search, limit: req.query.pageSize });
    return {
      items: rows.map((s) => ({ id: s.id, siteId: s.siteId, displayName: `${s.forename} ${s.surname}`, jobTitle: s.jobTitle, userId: s.userId, photo: photoRef(s.photoId) })),
      total: rows.length,
    };
  });
}
