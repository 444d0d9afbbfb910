/**
 * /api/v1/ctf/exports (a leavers' CTF for a destination school, people.manage at the pupils' site) and
 * /api/v1/pupils/:id/transfer-records (what previous schools sent, pupil.read; an audited read). CTF imports go
 * through /api/v1/imports with kind=ctf.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZCtfExportRequest, ZTransferRecordList } from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as service from './ctf.service.ts';

export async function ctfRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/ctf/exports', {
    config: { access: { auth: 'permission', permission: 'people.manage' } },
    schema: {
      tags: ['Imports'], body: ZCtfExportRequest,
      summary: 'A common transfer file (XML, CTF 25) for leavers of one site, to a destination LA and establishment number (XXXXXXX when not known). Safeguarding records never travel in it; the export is audited.',
    },
  }, async (req, reply) => {
    const file = await service.exportCtf(app.deps, requireActor(req), auditContext(req), req.body);
    return reply.status(200)
      .header('content-type', 'application/xml; charset=utf-8')
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .send(file.xml);
  });

  r.get('/api/v1/pupils/:id/transfer-records', {
    config: { access: { auth: 'permission', permission: 'pupil.read' } },
    schema: { tags: ['Pupils'], summary: "What a pupil's previous schools sent in a CTF (SEN and FSM history, attendance, school history, addresses); 404 outside the caller's sites; the read is audited", params: z.object({ id: z.uuid() }), response: { 200: ZTransferRecordList } },
  }, async (req) => service.transferRecords(app.deps, requireActor(req), auditContext(req), req.params.id));
}
