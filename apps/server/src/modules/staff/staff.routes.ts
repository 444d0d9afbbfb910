/**
 * GET /api/v1/staff: the members of staff at the caller's sites (names and job titles only), for pickers.
 * /api/v1/people/staff: a site's staff records as the office keeps them (people.manage): list, add, edit, mark as left.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZStaffList, ZStaffListQuery, ZStaffRecord, ZStaffRecordCreate, ZStaffRecordList, ZStaffRecordQuery, ZStaffRecordUpdate } from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import { scope } from '../../core/policy/policy.ts';
import { forbidden } from '../../core/http/errors.ts';
import { listStaff } from './staff.repo.ts';
import { photoRef } from '../photos/photos.refs.ts';
import * as service from './staff.service.ts';

const idParams = z.object({ id: z.uuid() });

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
      items: rows.map((s) => ({ id: s.id, siteId: s.siteId, displayName: `${s.forename} ${s.surname}`.trim(), jobTitle: s.jobTitle, userId: s.userId, photo: photoRef(s.photoId) })),
      total: rows.length,
    };
  });

  const config = { access: { auth: 'permission', permission: 'people.manage' } } as const;
  const tags = ['People'];
  r.get('/api/v1/people/staff', { config, schema: { tags, summary: "A site's staff records (current, left or all), with or without an account", querystring: ZStaffRecordQuery, response: { 200: ZStaffRecordList } } },
    async (req) => service.listRecords(app.deps, requireActor(req), req.query));
  r.post('/api/v1/people/staff', { config, schema: { tags, summary: 'Add a member of staff (supply and visiting staff need no account)', body: ZStaffRecordCreate, response: { 201: ZStaffRecord } } },
    async (req, reply) => reply.status(201).send(await service.createRecord(app.deps, requireActor(req), auditContext(req), req.body)));
  r.get('/api/v1/people/staff/:id', { config, schema: { tags, summary: 'One staff record', params: idParams, response: { 200: ZStaffRecord } } },
    async (req) => service.getRecord(app.deps, requireActor(req), req.params.id));
  r.patch('/api/v1/people/staff/:id', { config, schema: { tags, summary: 'Change a staff record, or mark the member of staff as left (active false) or back', params: idParams, body: ZStaffRecordUpdate, response: { 200: ZStaffRecord } } },
    async (req) => service.updateRecord(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));
}
