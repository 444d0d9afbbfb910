/**
 * /api/v1/suspensions (SAN-3, LAW-1 … LAW-9), /api/v1/exclusion-reasons, and /api/v1/deadlines (the reintegration meeting is a meeting: modules/meetings).
 * Issuing, previewing, cancelling and linking are for the head of the pupil's school only (LAW-1).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZDeadlineList, ZDeadlineQuery, ZExclusion, ZExclusionBoard, ZExclusionCancel, ZExclusionPreviewInput, ZExclusionInput, ZExclusionList,
  ZExclusionListQuery, ZExclusionPreview, ZExclusionProvision, ZExclusionReason, ZExclusionReasonExpire, ZExclusionReasonInput,
  ZExclusionReasonList, ZExclusionReasonQuery, ZIssued, ZNotificationUpdate,
} from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as service from './suspensions.service.ts';
import * as read from './suspensions.read.service.ts';
import * as reasons from './reasons.service.ts';
import { deadlines } from './deadlines.service.ts';

const tags = ['Suspensions and exclusions'];
const params = z.object({ id: z.uuid() });
const issue = { auth: 'permission', permission: 'suspension.issue' } as const;
const readAccess = { auth: 'permission', permission: 'suspension.read' } as const;
const manage = { auth: 'permission', permission: 'suspension.manage' } as const;

export async function suspensionRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const created = ZIssued;

  r.post('/api/v1/suspensions/preview', {
    config: { access: issue },
    schema: { tags, summary: 'What issuing would mean: running total, warnings, the 45-day refusal, board duty and deadline, AP day, return (head only)', body: ZExclusionPreviewInput, response: { 200: ZExclusionPreview } },
  }, async (req) => service.preview(app.deps, requireActor(req), req.body));

  r.post('/api/v1/suspensions', {
    config: { access: issue },
    schema: { tags, summary: 'Suspend or permanently exclude (LAW-1: the head only); records the notifications, letter, AP prompt and reintegration meeting; says which deadlines had already passed (a record entered late) and which need next year\'s calendar', body: ZExclusionInput, response: { 201: created } },
  }, async (req, reply) => reply.status(201).send(await service.issue(app.deps, requireActor(req), auditContext(req), req.body, null, req.log)));

  r.post('/api/v1/suspensions/:id/linked', {
    config: { access: issue },
    schema: { tags, summary: 'A new decision about the same matter (LAW-9: records are never extended or converted)', params, body: ZExclusionInput, response: { 201: created } },
  }, async (req, reply) => reply.status(201).send(await service.issue(app.deps, requireActor(req), auditContext(req), req.body, req.params.id, req.log)));

  r.get('/api/v1/suspensions', {
    config: { access: readAccess },
    schema: { tags, summary: 'Suspensions and permanent exclusions at your sites, newest first', querystring: ZExclusionListQuery, response: { 200: ZExclusionList } },
  }, async (req) => read.list(app.deps, requireActor(req), req.query));

  r.get('/api/v1/suspensions/:id', {
    config: { access: readAccess },
    schema: { tags, summary: 'One record with its notifications and meetings (audited)', params, response: { 200: ZExclusion } },
  }, async (req) => read.get(app.deps, requireActor(req), auditContext(req), req.params.id));

  r.get('/api/v1/suspensions/:id/letter', {
    config: { access: readAccess },
    schema: { tags, summary: 'The parent letter as a PDF (LAW-4; audited)', params },
  }, async (req, reply) => {
    const l = await read.letter(app.deps, requireActor(req), auditContext(req), req.params.id);
    return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${l.filename}"`).header('cache-control', 'no-store').send(l.pdf);
  });

  r.post('/api/v1/suspensions/:id/cancel', {
    config: { access: issue },
    schema: { tags, summary: 'Cancel before the governing board has considered it (refused once its outcome is recorded or its meeting has happened); everyone is told again', params, body: ZExclusionCancel, response: { 200: ZExclusion } },
  }, async (req) => {
    const actor = requireActor(req);
    await service.cancel(app.deps, actor, auditContext(req), req.params.id, req.body.reason, req.log);
    return read.get(app.deps, actor, auditContext(req), req.params.id);
  });

  r.post('/api/v1/suspensions/:id/board', {
    config: { access: manage },
    schema: { tags, summary: "Record representations, the board's meeting date and its outcome", params, body: ZExclusionBoard, response: { 200: ZExclusion } },
  }, async (req) => read.recordBoard(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.post('/api/v1/suspensions/:id/provision', {
    config: { access: manage },
    schema: { tags, summary: 'Record the full-time education arranged from the sixth school day (LAW-8)', params, body: ZExclusionProvision, response: { 200: ZExclusion } },
  }, async (req) => read.recordProvision(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.post('/api/v1/suspensions/:id/notifications/:notificationId', {
    config: { access: manage },
    schema: { tags, summary: 'Record that the board, the local authority, the social worker or the virtual school head was told (LAW-5)', params: z.object({ id: z.uuid(), notificationId: z.uuid() }), body: ZNotificationUpdate, response: { 200: ZExclusion } },
  }, async (req) => read.updateNotification(app.deps, requireActor(req), auditContext(req), req.params.id, req.params.notificationId, req.body));

  r.get('/api/v1/exclusion-reasons', {
    config: { access: { auth: 'permission', permission: 'exclusion-reasons.read' } },
    schema: { tags, summary: 'Census reason codes (all, or those valid on a date)', querystring: ZExclusionReasonQuery, response: { 200: ZExclusionReasonList } },
  }, async (req) => reasons.list(app.deps, requireActor(req), auditContext(req), req.query.validOn));

  r.post('/api/v1/exclusion-reasons', {
    config: { access: { auth: 'permission', permission: 'exclusion-reasons.manage' } },
    schema: { tags, summary: 'Add a reason code (e.g. from a new census code set)', body: ZExclusionReasonInput, response: { 201: ZExclusionReason } },
  }, async (req, reply) => reply.status(201).send(await reasons.add(app.deps, requireActor(req), auditContext(req), req.body)));

  r.post('/api/v1/exclusion-reasons/:id/expire', {
    config: { access: { auth: 'permission', permission: 'exclusion-reasons.manage' } },
    schema: { tags, summary: 'Stop a reason code being valid after a date', params, body: ZExclusionReasonExpire, response: { 200: ZExclusionReason } },
  }, async (req) => reasons.expire(app.deps, requireActor(req), auditContext(req), req.params.id, req.body.validTo));

  r.get('/api/v1/deadlines', {
    config: { access: { auth: 'permission', permission: 'deadlines.read' } },
    schema: { tags, summary: 'Every statutory deadline across your sites, soonest first, overdue marked', querystring: ZDeadlineQuery, response: { 200: ZDeadlineList } },
  }, async (req) => deadlines(app.deps, requireActor(req), req.query.siteId));
}
