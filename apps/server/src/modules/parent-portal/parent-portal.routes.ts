/**
 * /api/v1/parent/… (the parent portal, PAR-1, LAW-12): a parent's children and their records, shareable plans and
 * restraint-record copies to read and acknowledge, letters sent to them, their email choices (PAR-2).
 * /api/v1/parent-portal/settings: what the trust lets parents see. /api/v1/plans/:id/sharing: share a plan with parents.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZNotificationPreferences, ZNotificationPreferencesUpdate, ZPlanSharing, ZPlanSharingResult, ZPortalAcknowledged, ZPortalHome, ZPortalPlan,
  ZPortalPlanAcknowledge, ZPortalRecord, ZPortalSettings, ZPortalSettingsUpdate,
} from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as portal from './parent-portal.service.ts';
import * as settings from './parent-portal.settings.ts';

const tags = ['Parents'];
const parent = { access: { auth: 'permission', permission: 'parent.children.read' } } as const;
const child = z.object({ pupilId: z.uuid() });
const childPlan = z.object({ pupilId: z.uuid(), planId: z.uuid() });
const idParams = z.object({ id: z.uuid() });

export async function parentPortalRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/parent/portal', {
    config: parent,
    schema: { tags, summary: "The parent's children and what waits for their acknowledgement", response: { 200: ZPortalHome } },
  }, async (req) => portal.home(app.deps, requireActor(req)));

  r.get('/api/v1/parent/children/:pupilId/record', {
    config: parent,
    schema: { tags, summary: "One child's records as the trust lets parents see them (404 for a child not linked to the caller; audited)", params: child, response: { 200: ZPortalRecord } },
  }, async (req) => portal.record(app.deps, requireActor(req), auditContext(req), req.params.pupilId));

  r.get('/api/v1/parent/children/:pupilId/plans/:planId', {
    config: parent,
    schema: { tags, summary: "A behaviour support plan the school shares with parents (audited)", params: childPlan, response: { 200: ZPortalPlan } },
  }, async (req) => portal.readPlan(app.deps, requireActor(req), auditContext(req), req.params.pupilId, req.params.planId));

  r.post('/api/v1/parent/children/:pupilId/plans/:planId/acknowledge', {
    config: parent,
    schema: { tags, summary: 'Acknowledge the plan as it stands (recorded as from the portal, by this account, now)', params: childPlan, body: ZPortalPlanAcknowledge, response: { 201: ZPortalAcknowledged } },
  }, async (req, reply) => reply.status(201).send(await portal.acknowledgePlan(app.deps, requireActor(req), auditContext(req), req.params.pupilId, req.params.planId, req.body.version)));

  r.get('/api/v1/parent/letters/:id/file', {
    config: parent,
    schema: { tags, summary: 'The letter (PDF) sent to the caller, as it was sent (audited)', params: idParams },
  }, async (req, reply) => {
    const f = await portal.letterFile(app.deps, requireActor(req), auditContext(req), req.params.id);
    return reply.header('content-type', f.contentType).header('content-disposition', `inline; filename="${f.filename}"`)
      .header('cache-control', 'private, no-store').send(f.data);
  });

  r.post('/api/v1/parent/letters/:id/acknowledge', {
    config: parent,
    schema: { tags, summary: 'Confirm receipt of the copy of a record of physical intervention sent to the caller', params: idParams, response: { 201: ZPortalAcknowledged } },
  }, async (req, reply) => reply.status(201).send(await portal.acknowledgeCopy(app.deps, requireActor(req), auditContext(req), req.params.id)));

  r.get('/api/v1/parent/notification-preferences', {
    config: parent,
    schema: { tags, summary: 'How the parent is emailed about new records, per kind', response: { 200: ZNotificationPreferences } },
  }, async (req) => settings.getPreferences(app.deps, requireActor(req)));

  r.put('/api/v1/parent/notification-preferences', {
    config: parent,
    schema: { tags, summary: 'Choose, per kind, to be emailed straight away, once a day, or never', body: ZNotificationPreferencesUpdate, response: { 200: ZNotificationPreferences } },
  }, async (req) => settings.putPreferences(app.deps, requireActor(req), auditContext(req), req.body));

  r.get('/api/v1/parent-portal/settings', {
    config: { access: { auth: 'permission', permission: 'parent_portal.manage' } },
    schema: { tags, summary: "What the trust's parents see in the portal: hidden behaviour categories, staff names", response: { 200: ZPortalSettings } },
  }, async (req) => settings.getSettings(app.deps, requireActor(req)));

  r.put('/api/v1/parent-portal/settings', {
    config: { access: { auth: 'permission', permission: 'parent_portal.manage' } },
    schema: { tags, summary: "Change what the trust's parents see (audited)", body: ZPortalSettingsUpdate, response: { 200: ZPortalSettings } },
  }, async (req) => settings.putSettings(app.deps, requireActor(req), auditContext(req), req.body));

  r.put('/api/v1/plans/:id/sharing', {
    config: { access: { auth: 'permission', permission: 'plan.write' } },
    schema: { tags: ['Plans'], summary: "Share the plan with the pupil's parents in the portal, or stop sharing it (audited)", params: idParams, body: ZPlanSharing, response: { 200: ZPlanSharingResult } },
  }, async (req) => settings.setPlanSharing(app.deps, requireActor(req), auditContext(req), req.params.id, req.body.shareableWithParents));
}
