/**
 * /api/v1/support-interventions and /api/v1/support-catalogue: support interventions (SUP-3) with their sessions,
 * attendance, daily points and measures, their impact (ANA-5), and the trust's catalogue. Not the physical
 * interventions (restraint) of incidents: those are /api/v1/intervention-analytics and the incidents.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZImpactOverview, ZImpactOverviewQuery, ZImpactQuery, ZImpactRecords, ZImpactRecordsQuery, ZSupportCatalogue, ZSupportIntervention, ZSupportInterventionEnd,
  ZSupportInterventionInput, ZSupportInterventionList, ZSupportInterventionQuery, ZSupportInterventionUpdate, ZSupportImpact, ZSupportMeasureInput,
  ZSupportPointsInput, ZSupportPupilInput, ZSupportRegister, ZSupportScale, ZSupportScaleInput, ZSupportSessionInput, ZSupportTargets, ZSupportType,
  ZSupportTypeInput, ZSupportTypeUpdate,
} from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as catalogue from './support-catalogue.service.ts';
import * as service from './support-interventions.service.ts';
import * as sessions from './support-sessions.service.ts';
import * as impact from './support-impact.service.ts';

const tags = ['Support interventions'];
const params = z.object({ id: z.uuid() });
const read = { auth: 'permission', permission: 'intervention.read' } as const;
const manage = { auth: 'permission', permission: 'intervention.manage' } as const;
const keep = { auth: 'permission', permission: 'intervention.catalogue.manage' } as const;
/** Catalogue readers: staff who read interventions anywhere, or who keep the catalogue. */
const catalogueRead = { auth: 'permission', permission: ['intervention.read', 'intervention.catalogue.manage'] } as const;

export async function supportInterventionRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/support-catalogue', {
    config: { access: catalogueRead },
    schema: { tags, summary: "The trust's catalogue of support interventions and its own measurement scales", response: { 200: ZSupportCatalogue } },
  }, async (req) => catalogue.catalogue(app.deps, requireActor(req)));

  r.post('/api/v1/support-catalogue', {
    config: { access: keep },
    schema: { tags, summary: 'Add an intervention to the catalogue', body: ZSupportTypeInput, response: { 201: ZSupportType } },
  }, async (req, reply) => reply.status(201).send(await catalogue.createType(app.deps, requireActor(req), auditContext(req), req.body)));

  r.patch('/api/v1/support-catalogue/:id', {
    config: { access: keep },
    schema: { tags, summary: 'Change a catalogue entry (or withdraw it: active false)', params, body: ZSupportTypeUpdate, response: { 200: ZSupportType } },
  }, async (req) => catalogue.updateType(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.post('/api/v1/support-scales', {
    config: { access: keep },
    schema: { tags, summary: "Add one of the trust's own measurement scales", body: ZSupportScaleInput, response: { 201: ZSupportScale } },
  }, async (req, reply) => reply.status(201).send(await catalogue.createScale(app.deps, requireActor(req), auditContext(req), req.body)));

  r.get('/api/v1/support-interventions', {
    config: { access: read },
    schema: { tags, summary: 'Support interventions at your sites (or of one pupil)', querystring: ZSupportInterventionQuery, response: { 200: ZSupportInterventionList } },
  }, async (req) => service.list(app.deps, requireActor(req), req.query));

  r.post('/api/v1/support-interventions', {
    config: { access: manage },
    schema: { tags, summary: 'Start an intervention for a pupil or a group, scheduling its sessions on school days', body: ZSupportInterventionInput, response: { 201: ZSupportIntervention } },
  }, async (req, reply) => reply.status(201).send(await service.create(app.deps, requireActor(req), auditContext(req), req.body)));

  r.get('/api/v1/support-interventions/impact', {
    config: { access: read },
    schema: { tags, summary: 'Impact of every open intervention at your sites: incidents per school day before and after the start', querystring: ZImpactOverviewQuery, response: { 200: ZImpactOverview } },
  }, async (req) => impact.overview(app.deps, requireActor(req), req.query));

  r.get('/api/v1/support-interventions/:id', {
    config: { access: read },
    schema: { tags, summary: 'One intervention: pupils, targets, sessions and register, daily points, measures', params, response: { 200: ZSupportIntervention } },
  }, async (req) => service.get(app.deps, requireActor(req), req.params.id));

  r.patch('/api/v1/support-interventions/:id', {
    config: { access: manage },
    schema: { tags, summary: 'Change the title, the lead or the planned end', params, body: ZSupportInterventionUpdate, response: { 200: ZSupportIntervention } },
  }, async (req) => service.update(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.post('/api/v1/support-interventions/:id/end', {
    config: { access: manage },
    schema: { tags, summary: 'End the intervention', params, body: ZSupportInterventionEnd, response: { 200: ZSupportIntervention } },
  }, async (req) => service.end(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.post('/api/v1/support-interventions/:id/pupils', {
    config: { access: manage },
    schema: { tags, summary: 'Add a pupil to a group intervention', params, body: ZSupportPupilInput, response: { 201: ZSupportIntervention } },
  }, async (req, reply) => reply.status(201).send(await service.addPupil(app.deps, requireActor(req), auditContext(req), req.params.id, req.body)));

  r.put('/api/v1/support-interventions/:id/pupils/:pupilId/targets', {
    config: { access: read },
    schema: { tags, summary: "Set a pupil's targets (the lead or a lead at the site)", params: z.object({ id: z.uuid(), pupilId: z.uuid() }), body: ZSupportTargets, response: { 200: ZSupportIntervention } },
  }, async (req) => service.setTargets(app.deps, requireActor(req), auditContext(req), req.params.id, req.params.pupilId, req.body));

  r.post('/api/v1/support-interventions/:id/sessions', {
    config: { access: read },
    schema: { tags, summary: 'Schedule a session on a school day, or record one held with its register (the lead or a lead at the site)', params, body: ZSupportSessionInput, response: { 201: ZSupportIntervention } },
  }, async (req, reply) => reply.status(201).send(await sessions.addSession(app.deps, requireActor(req), auditContext(req), req.params.id, req.body)));

  r.put('/api/v1/support-sessions/:id/register', {
    config: { access: read },
    schema: { tags, summary: "Take or correct a session's register", params, body: ZSupportRegister, response: { 200: ZSupportIntervention } },
  }, async (req) => sessions.takeRegister(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.delete('/api/v1/support-sessions/:id', {
    config: { access: read },
    schema: { tags, summary: 'Remove a session whose register has not been taken', params, response: { 200: ZSupportIntervention } },
  }, async (req) => sessions.removeSession(app.deps, requireActor(req), auditContext(req), req.params.id));

  r.put('/api/v1/support-interventions/:id/points', {
    config: { access: read },
    schema: { tags, summary: "Check-in/check-out: each pupil's points for a school day", params, body: ZSupportPointsInput, response: { 200: ZSupportIntervention } },
  }, async (req) => sessions.recordPoints(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.post('/api/v1/support-interventions/:id/measures', {
    config: { access: read },
    schema: { tags, summary: 'Record a baseline or outcome measure (SDQ, Boxall, daily points or a trust scale)', params, body: ZSupportMeasureInput, response: { 201: ZSupportIntervention } },
  }, async (req, reply) => reply.status(201).send(await sessions.recordMeasure(app.deps, requireActor(req), auditContext(req), req.params.id, req.body)));

  r.get('/api/v1/support-interventions/:id/impact', {
    config: { access: read },
    schema: { tags, summary: "Each pupil's and the group's incidents per school day in the N school weeks before and after the start", params, querystring: ZImpactQuery, response: { 200: ZSupportImpact } },
  }, async (req) => impact.impact(app.deps, requireActor(req), req.params.id, req.query.weeks));

  r.get('/api/v1/support-interventions/:id/impact/records', {
    config: { access: read },
    schema: { tags, summary: 'The incident records counted in one window (needs every behaviour record of the site)', params, querystring: ZImpactRecordsQuery, response: { 200: ZImpactRecords } },
  }, async (req) => impact.impactRecords(app.deps, requireActor(req), req.params.id, req.query));
}
