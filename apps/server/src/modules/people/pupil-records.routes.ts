/**
 * /api/v1/pupils writes (issue 12 #1): add a pupil, change one, record a leaver, re-join, move to another site of the
 * trust, the sealed facts (the DSL), and the pupil's contacts. Reading stays with the pupils module.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZContactInput, ZContactUpdate, ZContactWriteResult, ZPupilCreate, ZPupilLeave, ZPupilMove, ZPupilRejoin, ZPupilSealedUpdate,
  ZPupilUpdate, ZPupilWriteResult,
} from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as service from './pupil-records.service.ts';

const tags = ['Pupils'];
const access = { access: { auth: 'permission', permission: 'people.manage' } } as const;
const idParams = z.object({ id: z.uuid() });
const contactParams = z.object({ id: z.uuid(), contactId: z.uuid() });

export async function pupilRecordRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/v1/pupils', {
    config: access,
    schema: { tags, summary: 'Add a pupil at a site where you keep pupil records (the UPN is checked and never used twice in the trust)', body: ZPupilCreate, response: { 201: ZPupilWriteResult } },
  }, async (req, reply) => reply.status(201).send(await service.createPupil(app.deps, requireActor(req), auditContext(req), req.body)));

  r.patch('/api/v1/pupils/:id', {
    config: access,
    schema: { tags, summary: "Change a pupil's details (send the version you edited; 409 when someone else changed it first)", params: idParams, body: ZPupilUpdate, response: { 200: ZPupilWriteResult } },
  }, async (req) => service.updatePupil(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.post('/api/v1/pupils/:id/leave', {
    config: access,
    schema: { tags, summary: 'Record that a pupil leaves: the last day on roll and why', params: idParams, body: ZPupilLeave, response: { 200: ZPupilWriteResult } },
  }, async (req) => service.leavePupil(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.post('/api/v1/pupils/:id/rejoin', {
    config: access,
    schema: { tags, summary: 'Put a pupil who left back on roll from a date', params: idParams, body: ZPupilRejoin, response: { 200: ZPupilWriteResult } },
  }, async (req) => service.rejoinPupil(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.post('/api/v1/pupils/:id/move', {
    config: access,
    schema: { tags, summary: 'Move a pupil to another site of the trust (you keep records at both); the old enrolment is kept in the audit log', params: idParams, body: ZPupilMove, response: { 200: ZPupilWriteResult } },
  }, async (req) => service.movePupil(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.put('/api/v1/pupils/:id/sealed', {
    config: { access: { auth: 'permission', permission: 'pupil.sealed.manage' } },
    schema: { tags, summary: "Set a pupil's sealed facts (the DSL of the pupil's site only; audited without the values)", params: idParams, body: ZPupilSealedUpdate, response: { 200: ZPupilWriteResult } },
  }, async (req) => service.updateSealed(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.post('/api/v1/pupils/:id/contacts', {
    config: access,
    schema: { tags, summary: 'Add a contact to a pupil (the same person already linked to a sibling, by name and email, is reused)', params: idParams, body: ZContactInput, response: { 201: ZContactWriteResult } },
  }, async (req, reply) => reply.status(201).send(await service.addContact(app.deps, requireActor(req), auditContext(req), req.params.id, req.body)));

  r.patch('/api/v1/pupils/:id/contacts/:contactId', {
    config: access,
    schema: { tags, summary: "Change a pupil's contact: the person's details (for every pupil they are linked to) and this pupil's link", params: contactParams, body: ZContactUpdate, response: { 200: ZContactWriteResult } },
  }, async (req) => service.updateContact(app.deps, requireActor(req), auditContext(req), req.params.id, req.params.contactId, req.body));

  r.delete('/api/v1/pupils/:id/contacts/:contactId', {
    config: access,
    schema: { tags, summary: "Remove a contact from a pupil (the others move up; the person's record goes when nothing else needs it)", params: contactParams, response: { 200: ZContactWriteResult } },
  }, async (req) => service.removeContact(app.deps, requireActor(req), auditContext(req), req.params.id, req.params.contactId));
}
