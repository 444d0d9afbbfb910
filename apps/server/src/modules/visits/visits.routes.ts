/**
 * /api/v1/visits: off-site visits (TRP-1 … TRP-4) — propose, plan, participants, risk assessment, consent recorded
 * by staff, approval along the category's path, the departure gate, day sheet (JSON and PDF), incidents, evaluation;
 * /api/v1/visit-settings: categories, risk library, standing approvals, EVCs; /api/v1/parent/visits: a parent's
 * consent for their own children. Every route names its permission; the services check the visit's site.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ZCoordinatorInput, ZDaySheet, ZLibraryAssessmentInput, ZOk, ZParentConsent, ZParentVisitList, ZStaffConsent, ZStandingApprovalInput, ZVisit, ZVisitCategoryInput,
  ZVisitDecision, ZVisitEvaluationInput, ZVisitIncidentLink, ZVisitList, ZVisitListQuery, ZVisitParams, ZVisitParticipants, ZVisitProposal, ZVisitRisk, ZVisitSettings,
  ZVisitUpdate, ZVisitVersionOnly,
} from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import type { Permission } from '../../core/policy/permissions.ts';
import * as service from './visits.service.ts';
import * as consent from './visits.consent.service.ts';
import * as settings from './visits.settings.service.ts';
import { daySheet, daySheetPdf } from './visits.daysheet.ts';

const tags = ['Visits'];
const params = ZVisitParams;
const perm = (permission: Permission) => ({ access: { auth: 'permission' as const, permission } });
const read = perm('visit.read');
const plan = perm('visit.plan');

export async function visitRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const d = () => app.deps;

  r.get('/api/v1/visits', { config: read, schema: { tags, summary: 'Visits at your sites, latest first', querystring: ZVisitListQuery, response: { 200: ZVisitList } } },
    async (req) => service.list(d(), requireActor(req), req.query.siteId));
  r.post('/api/v1/visits', { config: plan, schema: { tags, summary: 'Propose a visit (a draft): purpose, dates and times, venue, itinerary, transport, category, leader, ratio', body: ZVisitProposal, response: { 201: ZVisit } } },
    async (req, reply) => reply.status(201).send(await service.create(d(), requireActor(req), auditContext(req), req.body)));
  r.get('/api/v1/visits/:id', { config: read, schema: { tags, summary: 'A visit with its risk assessment, consents, approval steps and departure checklist (read audited)', params, response: { 200: ZVisit } } },
    async (req) => service.get(d(), requireActor(req), auditContext(req), req.params.id));
  r.put('/api/v1/visits/:id', { config: plan, schema: { tags, summary: 'Change the plan (while a draft or returned)', params, body: ZVisitUpdate, response: { 200: ZVisit } } },
    async (req) => service.update(d(), requireActor(req), auditContext(req), req.params.id, req.body));
  r.put('/api/v1/visits/:id/participants', { config: plan, schema: { tags, summary: 'Set the pupils and staff going (the site’s own)', params, body: ZVisitParticipants, response: { 200: ZVisit } } },
    async (req) => service.participants(d(), requireActor(req), auditContext(req), req.params.id, req.body));
  r.put('/api/v1/visits/:id/risk', { config: plan, schema: { tags, summary: 'Adopt generic assessments and set the visit’s own hazards (takes away the leader’s confirmation)', params, body: ZVisitRisk, response: { 200: ZVisit } } },
    async (req) => service.risk(d(), requireActor(req), auditContext(req), req.params.id, req.body));
  r.post('/api/v1/visits/:id/confirm-risk', { config: plan, schema: { tags, summary: 'Confirm the risk assessment is complete', params, body: ZVisitVersionOnly, response: { 200: ZVisit } } },
    async (req) => service.confirmRisk(d(), requireActor(req), auditContext(req), req.params.id, req.body.version));
  r.post('/api/v1/visits/:id/submit', { config: plan, schema: { tags, summary: 'Submit for approval: a routine visit under a current standing approval is approved at once; others go to the EVC', params, body: ZVisitVersionOnly, response: { 200: ZVisit } } },
    async (req) => service.submit(d(), requireActor(req), auditContext(req), req.params.id, req.body.version));
  r.post('/api/v1/visits/:id/approve', { config: read, schema: { tags, summary: 'Approve the step the visit waits at (EVC, head, or the LA adviser recorded with their name)', params, body: ZVisitDecision, response: { 200: ZVisit } } },
    async (req) => service.approve(d(), requireActor(req), auditContext(req), req.params.id, req.body));
  r.post('/api/v1/visits/:id/return', { config: read, schema: { tags, summary: 'Return the visit to its leader with reasons', params, body: ZVisitDecision, response: { 200: ZVisit } } },
    async (req) => service.returnForChanges(d(), requireActor(req), auditContext(req), req.params.id, req.body));
  r.post('/api/v1/visits/:id/consents', { config: perm('visit.consent.record'), schema: { tags, summary: 'Record a parent’s consent or refusal given on paper or by telephone', params, body: ZStaffConsent, response: { 200: ZVisit } } },
    async (req) => consent.recordByStaff(d(), requireActor(req), auditContext(req), req.params.id, req.body));
  r.post('/api/v1/visits/:id/depart', { config: plan, schema: { tags, summary: 'Mark the visit departed: 409 listing what is missing until the checklist is complete', params, body: ZVisitVersionOnly, response: { 200: ZVisit } } },
    async (req) => service.depart(d(), requireActor(req), auditContext(req), req.params.id, req.body.version));
  r.post('/api/v1/visits/:id/return-home', { config: plan, schema: { tags, summary: 'Mark the group back', params, body: ZVisitVersionOnly, response: { 200: ZVisit } } },
    async (req) => service.returnHome(d(), requireActor(req), auditContext(req), req.params.id, req.body.version));
  r.post('/api/v1/visits/:id/cancel', { config: plan, schema: { tags, summary: 'Cancel the visit before it leaves', params, body: ZVisitVersionOnly, response: { 200: ZVisit } } },
    async (req) => service.cancel(d(), requireActor(req), auditContext(req), req.params.id, req.body.version));
  r.put('/api/v1/visits/:id/evaluation', { config: plan, schema: { tags, summary: 'The post-visit evaluation', params, body: ZVisitEvaluationInput.extend({ version: ZVisitVersionOnly.shape.version }), response: { 200: ZVisit } } },
    async (req) => service.evaluate(d(), requireActor(req), auditContext(req), req.params.id, req.body));
  r.post('/api/v1/visits/:id/incidents', { config: plan, schema: { tags, summary: 'Link an incident recorded on the visit to it', params, body: ZVisitIncidentLink, response: { 200: ZVisit } } },
    async (req) => service.linkIncident(d(), requireActor(req), auditContext(req), req.params.id, req.body.incidentId));
  r.post('/api/v1/visits/:id/incidents/unlink', { config: plan, schema: { tags, summary: 'Take an incident off the visit (linked by mistake)', params, body: ZVisitIncidentLink, response: { 200: ZVisit } } },
    async (req) => service.unlinkIncident(d(), requireActor(req), auditContext(req), req.params.id, req.body.incidentId));
  r.get('/api/v1/visits/:id/day-sheet', { config: read, schema: { tags, summary: 'The leader’s day sheet: pupils with photos, plan key points, medical, emergency contacts (read audited)', params, response: { 200: ZDaySheet } } },
    async (req) => { const { photoIds: _p, ...sheet } = await daySheet(d(), requireActor(req), auditContext(req), req.params.id); return sheet; });
  r.get('/api/v1/visits/:id/day-sheet.pdf', { config: read, schema: { tags, summary: 'The day sheet as a PDF (audited)', params } }, async (req, reply) => {
    const actor = requireActor(req);
    const sheet = await daySheet(d(), actor, auditContext(req), req.params.id, true);
    const pdf = await daySheetPdf(d(), sheet, actor.displayName);
    return reply.header('content-type', 'application/pdf').header('cache-control', 'no-store').header('content-disposition', 'inline; filename="day-sheet.pdf"').send(pdf);
  });

  r.get('/api/v1/visit-settings', { config: { access: { auth: 'permission' as const, permission: ['visit.read', 'visit.site.manage', 'visit.library.manage'] as const } }, schema: { tags, summary: 'Visit categories, the risk library, standing approvals and EVCs of your sites', response: { 200: ZVisitSettings } } },
    async (req) => settings.settings(d(), requireActor(req)));
  r.post('/api/v1/visit-settings/categories', { config: perm('visit.library.manage'), schema: { tags, summary: 'Add a visit category (as the LA sets them)', body: ZVisitCategoryInput, response: { 201: ZVisitSettings } } },
    async (req, reply) => reply.status(201).send(await settings.addCategory(d(), requireActor(req), auditContext(req), req.body)));
  r.post('/api/v1/visit-settings/library', { config: perm('visit.library.manage'), schema: { tags, summary: 'Add a generic visit risk assessment to the library', body: ZLibraryAssessmentInput, response: { 201: ZVisitSettings } } },
    async (req, reply) => reply.status(201).send(await settings.addLibrary(d(), requireActor(req), auditContext(req), req.body)));
  r.post('/api/v1/visit-settings/standing-approvals', { config: perm('visit.site.manage'), schema: { tags, summary: 'Record a site’s standing approval for routine visits of a category, until it expires', body: ZStandingApprovalInput, response: { 201: ZVisitSettings } } },
    async (req, reply) => reply.status(201).send(await settings.addStandingApproval(d(), requireActor(req), auditContext(req), req.body)));
  r.post('/api/v1/visit-settings/coordinators', { config: perm('visit.site.manage'), schema: { tags, summary: 'Name an educational visits coordinator of a site', body: ZCoordinatorInput, response: { 201: ZVisitSettings } } },
    async (req, reply) => reply.status(201).send(await settings.addCoordinator(d(), requireActor(req), auditContext(req), req.body)));
  r.put('/api/v1/visit-settings/categories/:id', { config: perm('visit.library.manage'), schema: { tags, summary: 'Change a visit category, or stop offering it (active: false)', params, body: ZVisitCategoryInput, response: { 200: ZVisitSettings } } },
    async (req) => settings.updateCategory(d(), requireActor(req), auditContext(req), req.params.id, req.body));
  r.delete('/api/v1/visit-settings/library/:id', { config: perm('visit.library.manage'), schema: { tags, summary: 'Retire a generic risk assessment from the library (visits that adopted it keep their copy)', params, response: { 200: ZVisitSettings } } },
    async (req) => settings.retireLibrary(d(), requireActor(req), auditContext(req), req.params.id));
  r.post('/api/v1/visit-settings/standing-approvals/:id/revoke', { config: perm('visit.site.manage'), schema: { tags, summary: 'Revoke a standing approval before it expires', params, response: { 200: ZVisitSettings } } },
    async (req) => settings.revokeStandingApproval(d(), requireActor(req), auditContext(req), req.params.id));
  r.post('/api/v1/visit-settings/coordinators/remove', { config: perm('visit.site.manage'), schema: { tags, summary: 'A member of staff is no longer an educational visits coordinator of the site', body: ZCoordinatorInput, response: { 200: ZVisitSettings } } },
    async (req) => settings.removeCoordinator(d(), requireActor(req), auditContext(req), req.body));

  r.get('/api/v1/parent/visits', { config: perm('parent.visits.consent'), schema: { tags: ['Parents'], summary: 'Visits your children go on that ask for your consent', response: { 200: ZParentVisitList } } },
    async (req) => consent.parentVisits(d(), requireActor(req)));
  r.post('/api/v1/parent/visits/:id/consent', { config: perm('parent.visits.consent'), schema: { tags: ['Parents'], summary: 'Give or refuse consent for your own child, with the day’s medical information and emergency contact', params, body: ZParentConsent, response: { 200: ZOk } } },
    async (req) => consent.recordByParent(d(), requireActor(req), auditContext(req), req.params.id, req.body));
}
