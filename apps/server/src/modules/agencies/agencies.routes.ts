/** /api/v1/agencies (SUP-5): the trust's directory of agencies and their contacts. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZAgency, ZAgencyContactInput, ZAgencyContactUpdate, ZAgencyInput, ZAgencyList, ZAgencyUpdate } from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as service from './agencies.service.ts';

const tags = ['Agencies'];
const params = z.object({ id: z.uuid() });
const read = { access: { auth: 'permission', permission: 'casework.read' } } as const;
const manage = { access: { auth: 'permission', permission: 'agency.directory.manage' } } as const;

export async function agencyRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/agencies', {
    config: read, schema: { tags, summary: "The trust's agencies and their contacts", response: { 200: ZAgencyList } },
  }, async (req) => service.list(app.deps, requireActor(req)));
  r.post('/api/v1/agencies', {
    config: manage, schema: { tags, summary: 'Add an agency to the directory', body: ZAgencyInput, response: { 201: ZAgency } },
  }, async (req, reply) => reply.status(201).send(await service.create(app.deps, requireActor(req), auditContext(req), req.body)));
  r.patch('/api/v1/agencies/:id', {
    config: manage, schema: { tags, summary: 'Change an agency, or make it inactive (version: 409 when changed since)', params, body: ZAgencyUpdate, response: { 200: ZAgency } },
  }, async (req) => service.update(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));
  r.post('/api/v1/agencies/:id/contacts', {
    config: manage, schema: { tags, summary: 'Add a contact at an agency', params, body: ZAgencyContactInput, response: { 201: ZAgency } },
  }, async (req, reply) => reply.status(201).send(await service.addContact(app.deps, requireActor(req), auditContext(req), req.params.id, req.body)));
  r.patch('/api/v1/agency-contacts/:id', {
    config: manage, schema: { tags, summary: 'Change a contact, or make them inactive (version: 409 when changed since)', params, body: ZAgencyContactUpdate, response: { 200: ZAgency } },
  }, async (req) => service.updateContact(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));
}
