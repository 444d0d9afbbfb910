/** /api/v1/meetings (SUP-4): list, arrange, record, agreed actions (→ tasks) and the minutes PDF. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZAttendeeOptions, ZMeeting, ZMeetingActionCreate, ZMeetingCreate, ZMeetingList, ZMeetingListQuery, ZMeetingUpdate } from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import { sendPdf } from '../../core/http/download.ts';
import * as service from './meetings.service.ts';
import { minutesPdf } from './meetings.minutes.ts';

const tags = ['Meetings'];
const params = z.object({ id: z.uuid() });
const read = { access: { auth: 'permission', permission: 'casework.read' } } as const;
const manage = { access: { auth: 'permission', permission: 'casework.manage' } } as const;

export async function meetingRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/meetings', {
    config: read,
    schema: { tags, summary: 'Meetings at your sites (restorative, reintegration, multi-agency, parent), by pupil, type, status or from a day', querystring: ZMeetingListQuery, response: { 200: ZMeetingList } },
  }, async (req) => service.list(app.deps, requireActor(req), req.query));

  r.post('/api/v1/meetings', {
    config: manage,
    schema: { tags, summary: 'Arrange a meeting about a pupil, from the pupil, an incident or a suspension', body: ZMeetingCreate, response: { 201: ZMeeting } },
  }, async (req, reply) => reply.status(201).send(await service.create(app.deps, requireActor(req), auditContext(req), req.body)));

  r.get('/api/v1/meetings/attendee-options', {
    config: read,
    schema: { tags, summary: "Who can attend a meeting about this pupil: the school's staff, the pupil's contacts, agency contacts, the pupil", querystring: z.object({ pupilId: z.uuid() }), response: { 200: ZAttendeeOptions } },
  }, async (req) => service.attendeeOptions(app.deps, requireActor(req), req.query.pupilId));

  r.get('/api/v1/meetings/:id', {
    config: read,
    schema: { tags, summary: 'One meeting with its attendees, notes and agreed actions', params, response: { 200: ZMeeting } },
  }, async (req) => service.get(app.deps, requireActor(req), req.params.id));

  r.patch('/api/v1/meetings/:id', {
    config: manage,
    schema: { tags, summary: 'Record a meeting: date, time, place, attendees, notes, held or cancelled (version: 409 when changed since)', params, body: ZMeetingUpdate, response: { 200: ZMeeting } },
  }, async (req) => service.update(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.post('/api/v1/meetings/:id/actions', {
    config: manage,
    schema: { tags, summary: 'Add an agreed action: a member of staff owns it by a due date; it becomes a task for them', params, body: ZMeetingActionCreate, response: { 201: ZMeeting } },
  }, async (req, reply) => reply.status(201).send(await service.addAction(app.deps, requireActor(req), auditContext(req), req.params.id, req.body)));

  r.get('/api/v1/meetings/:id/minutes.pdf', {
    config: read,
    schema: { tags, summary: 'The minutes as a PDF to keep and share (audited)', params },
  }, async (req, reply) => {
    const out = await minutesPdf(app.deps, requireActor(req), auditContext(req), req.params.id);
    return sendPdf(reply, out.filename, out.pdf);
  });
}
