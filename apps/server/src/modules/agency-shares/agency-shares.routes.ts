/** /api/v1/agency/*: shares made by a DSL or a lead (agency.share.manage) and read by the agency professional (agency.shares.read). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZAgencyShare, ZAgencyShareCreate, ZAgencyShareList, ZSharedIncident, ZAgencyRecordType } from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as service from './agency-shares.service.ts';
import { sendFile } from '../../core/http/download.ts';

export async function agencyShareRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Agency shares'];
  const manage = { access: { auth: 'permission', permission: 'agency.share.manage' } } as const;
  const read = { access: { auth: 'permission', permission: 'agency.shares.read' } } as const;

  r.get('/api/v1/agency/shares', {
    config: manage,
    schema: { tags, summary: "A pupil's agency shares, open and ended", querystring: z.object({ pupilId: z.uuid() }), response: { 200: ZAgencyShareList } },
  }, async (req) => service.listForPupil(app.deps, requireActor(req), req.query.pupilId));

  r.post('/api/v1/agency/shares', {
    config: manage,
    schema: { tags, summary: 'Share named records about a pupil with an agency professional until a last day (invites them when they have no account)', body: ZAgencyShareCreate, response: { 201: ZAgencyShare } },
  }, async (req, reply) => reply.status(201).send(await service.create(app.deps, requireActor(req), auditContext(req), req.body, req.log)));

  r.delete('/api/v1/agency/shares/:id', {
    config: manage,
    schema: { tags, summary: 'Revoke a share: the agency professional can no longer read it', params: z.object({ id: z.uuid() }), response: { 200: ZAgencyShare } },
  }, async (req) => service.revoke(app.deps, requireActor(req), auditContext(req), req.params.id));

  r.get('/api/v1/agency/my-shares', {
    config: read,
    schema: { tags, summary: 'The records shared with you that are open now (audited)', response: { 200: ZAgencyShareList } },
  }, async (req) => service.myShares(app.deps, requireActor(req), auditContext(req)));

  r.get('/api/v1/agency/my-shares/:shareId/incidents/:incidentId', {
    config: read,
    schema: { tags, summary: 'One shared incident, while the share is open (audited)', params: z.object({ shareId: z.uuid(), incidentId: z.uuid() }), response: { 200: ZSharedIncident } },
  }, async (req) => service.readIncident(app.deps, requireActor(req), auditContext(req), req.params.shareId, req.params.incidentId));

  r.get('/api/v1/agency/my-shares/:shareId/documents/:type/:id', {
    config: read,
    schema: { tags, summary: 'A shared document (the pupil summary, the agency report, a professional report), while the share is open (audited; a download)',
      params: z.object({ shareId: z.uuid(), type: ZAgencyRecordType, id: z.uuid() }) },
  }, async (req, reply) => sendFile(reply, await service.readDocument(app.deps, requireActor(req), auditContext(req), req.params.shareId, req.params.type, req.params.id)));
}
