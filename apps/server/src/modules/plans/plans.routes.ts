/**
 * /api/v1/plans — behaviour support plans (SUP-1): a pupil's plans, one plan with its versions and history, the
 * editor's choices, saving, signing, activating, a parent's acknowledgement, the one-page PDF, and the trust's template.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZPlan, ZPlanAcknowledge, ZPlanCreate, ZPlanHistory, ZPlanList, ZPlanOptions, ZPlanTemplate, ZPlanTemplateUpdate, ZPlanUpdate, ZPlanVersionBody,
} from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as service from './plans.service.ts';
import * as lifecycle from './plans.lifecycle.service.ts';
import * as template from './plans.template.service.ts';
import { planPdf } from './plans.pdf.service.ts';

const tags = ['Behaviour support plans'];
const params = z.object({ id: z.uuid() });
const pupilQuery = z.object({ pupilId: z.uuid() });
const read = { auth: 'permission', permission: 'plan.read' } as const;
const write = { auth: 'permission', permission: 'plan.write' } as const;

export async function planRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/plans', {
    config: { access: read },
    schema: { tags, summary: "A pupil's behaviour support plans, newest first (audited)", querystring: pupilQuery, response: { 200: ZPlanList } },
  }, async (req) => service.list(app.deps, requireActor(req), auditContext(req), req.query.pupilId));

  r.get('/api/v1/plans/options', {
    config: { access: read },
    schema: { tags, summary: "The editor's choices for a pupil: the site's holds, who may own the plan, the pupil's parents", querystring: pupilQuery, response: { 200: ZPlanOptions } },
  }, async (req) => service.options(app.deps, requireActor(req), req.query.pupilId));

  r.post('/api/v1/plans', {
    config: { access: write },
    schema: { tags, summary: "Start a draft plan: from the trust's template, the pupil's previous plan, or a plan from another site", body: ZPlanCreate, response: { 201: ZPlan } },
  }, async (req, reply) => reply.status(201).send(await service.create(app.deps, requireActor(req), auditContext(req), req.body)));

  r.get('/api/v1/plans/template', {
    config: { access: { auth: 'permission', permission: ['plan.write', 'plan.template.manage'] } },
    schema: { tags, summary: "The trust's plan template: each section's heading and prompt", response: { 200: ZPlanTemplate } },
  }, async (req) => template.getTemplate(app.deps, requireActor(req)));

  r.put('/api/v1/plans/template', {
    config: { access: { auth: 'permission', permission: 'plan.template.manage' } },
    schema: { tags, summary: "Change the trust's plan template (new plans start with it)", body: ZPlanTemplateUpdate, response: { 200: ZPlanTemplate } },
  }, async (req) => template.updateTemplate(app.deps, requireActor(req), auditContext(req), req.body));

  r.get('/api/v1/plans/:id', {
    config: { access: read },
    schema: { tags, summary: 'One plan (audited: special-category data)', params, response: { 200: ZPlan } },
  }, async (req) => service.get(app.deps, requireActor(req), auditContext(req), req.params.id));

  r.get('/api/v1/plans/:id/history', {
    config: { access: read },
    schema: { tags, summary: "The plan's versions and which fields changed, from what to what, by whom and when (audited)", params, response: { 200: ZPlanHistory } },
  }, async (req) => service.history(app.deps, requireActor(req), auditContext(req), req.params.id));

  r.patch('/api/v1/plans/:id', {
    config: { access: write },
    schema: { tags, summary: 'Save changes (a new version; 409 if someone saved first)', params, body: ZPlanUpdate, response: { 200: ZPlan } },
  }, async (req) => lifecycle.update(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.post('/api/v1/plans/:id/sign', {
    config: { access: write },
    schema: { tags, summary: 'Sign the plan as its author', params, body: ZPlanVersionBody, response: { 200: ZPlan } },
  }, async (req) => lifecycle.sign(app.deps, requireActor(req), auditContext(req), req.params.id, req.body.version));

  r.post('/api/v1/plans/:id/activate', {
    config: { access: write },
    schema: { tags, summary: "Make the plan the pupil's active plan (the previous one is superseded)", params, body: ZPlanVersionBody, response: { 200: ZPlan } },
  }, async (req) => lifecycle.activate(app.deps, requireActor(req), auditContext(req), req.params.id, req.body.version));

  r.post('/api/v1/plans/:id/acknowledgements', {
    config: { access: write },
    schema: { tags, summary: "Record a parent's acknowledgement of the plan (which parent, when, how)", params, body: ZPlanAcknowledge, response: { 201: ZPlan } },
  }, async (req, reply) => reply.status(201).send(await lifecycle.acknowledge(app.deps, requireActor(req), auditContext(req), req.params.id, req.body)));

  r.get('/api/v1/plans/:id/pdf', {
    config: { access: read },
    schema: { tags, summary: 'The plan on a page, as a PDF (audited)', params },
  }, async (req, reply) => {
    const p = await planPdf(app.deps, requireActor(req), auditContext(req), req.params.id);
    return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${p.filename}"`)
      .header('cache-control', 'private, no-store').send(p.pdf);
  });
}
