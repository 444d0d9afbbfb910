/** /api/v1/communications: the log of what was sent to whom about a record (PAR-2). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZCommunication, ZCommunicationList, ZCommunicationListQuery, ZCommunicationMarkSent } from '@haven/contracts';
import { auditContext, requireActor } from '../http/context.ts';
import * as service from './comms.service.ts';

const tags = ['Communications'];
const params = z.object({ id: z.uuid() });
const read = { auth: 'permission', permission: 'communication.read' } as const;
const send = { auth: 'permission', permission: 'communication.send' } as const;

export async function commsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/communications', {
    config: { access: read },
    schema: { tags, summary: "A record's communications: to whom, what, how and whether sent (your sites only)", querystring: ZCommunicationListQuery, response: { 200: ZCommunicationList } },
  }, async (req) => service.listForRecord(app.deps, requireActor(req), req.query.recordType, req.query.recordId));

  r.get('/api/v1/communications/:id/attachment', {
    config: { access: read },
    schema: { tags, summary: 'The file sent with a communication (audited)', params },
  }, async (req, reply) => {
    const f = await service.attachment(app.deps, requireActor(req), auditContext(req), req.params.id);
    return reply.header('content-type', f.contentType)
      .header('content-disposition', `attachment; filename="${f.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
      .header('cache-control', 'no-store').send(f.data);
  });

  r.post('/api/v1/communications/:id/mark-sent', {
    config: { access: send },
    schema: { tags, summary: 'Record that a by-hand (or failed) message was sent by a member of staff', params, body: ZCommunicationMarkSent, response: { 200: ZCommunication } },
  }, async (req) => service.markSentByHand(app.deps, requireActor(req), auditContext(req), req.params.id, req.body.note, req.body.sentOn));
}
