/** /api/v1/policy: the effective policy of a site, its management (POL-1), the custom form (POL-2) and escalation rules (POL-3). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZCategory, ZCategoryCreate, ZCategoryList, ZCategoryUpdate, ZEffectivePolicy, ZEffectivePolicyQuery, ZEscalationRule,
  ZEscalationRuleCreate, ZEscalationRuleList, ZEscalationRuleUpdate, ZFormCurrent, ZFormPut, ZFormQuery, ZFormVersion, ZOption,
  ZOptionCreate, ZOptionList, ZOptionListQuery, ZOptionUpdate, ZPolicyScopeQuery,
} from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as policy from './policy.service.ts';
import * as entries from './entries.service.ts';
import * as rules from './escalation-rules.service.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['Behaviour policy'];

export async function policyRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { access: { auth: 'permission', permission: 'policy.read' } } as const;
  const manage = { access: { auth: 'permission', permission: 'policy.manage' } } as const;

  r.get('/api/v1/policy', {
    config: read,
    schema: { tags, summary: 'The policy in force at one site: categories, lists, settings and the custom form (for recording)', querystring: ZEffectivePolicyQuery, response: { 200: ZEffectivePolicy } },
  }, async (req) => policy.getEffectivePolicy(app.deps, requireActor(req), req.query));

  r.get('/api/v1/policy/categories', {
    config: manage,
    schema: { tags, summary: "Behaviour categories of one site (with the trust's it inherits) or of the trust (scope=trust), inactive included", querystring: ZPolicyScopeQuery, response: { 200: ZCategoryList } },
  }, async (req) => entries.listCategories(app.deps, requireActor(req), req.query));
  r.post('/api/v1/policy/categories', {
    config: manage,
    schema: { tags, summary: 'Add a behaviour category (siteId null: trust-wide, trust administrators only)', body: ZCategoryCreate, response: { 201: ZCategory } },
  }, async (req, reply) => reply.status(201).send(await entries.createCategory(app.deps, requireActor(req), auditContext(req), req.body)));
  r.patch('/api/v1/policy/categories/:id', {
    config: manage,
    schema: { tags, summary: 'Change or deactivate a category (send the version you edited; the code never changes)', params: idParams, body: ZCategoryUpdate, response: { 200: ZCategory } },
  }, async (req) => entries.updateCategory(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.get('/api/v1/policy/options', {
    config: manage,
    schema: { tags, summary: 'Locations, periods, actions, motivations, holds and techniques, or settings of one site or of the trust', querystring: ZOptionListQuery, response: { 200: ZOptionList } },
  }, async (req) => entries.listOptions(app.deps, requireActor(req), req.query));
  r.post('/api/v1/policy/options', {
    config: manage,
    schema: { tags, summary: 'Add an entry to one of the lists (siteId null: trust-wide)', body: ZOptionCreate, response: { 201: ZOption } },
  }, async (req, reply) => reply.status(201).send(await entries.createOption(app.deps, requireActor(req), auditContext(req), req.body)));
  r.patch('/api/v1/policy/options/:id', {
    config: manage,
    schema: { tags, summary: 'Change or deactivate a list entry (send the version you edited)', params: idParams, body: ZOptionUpdate, response: { 200: ZOption } },
  }, async (req) => entries.updateOption(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.get('/api/v1/policy/form', {
    config: read,
    schema: { tags, summary: 'The custom incident form in use at a site (or the trust-wide form with scope=trust), with its version history', querystring: ZFormQuery, response: { 200: ZFormCurrent } },
  }, async (req) => policy.getForm(app.deps, requireActor(req), req.query));
  r.put('/api/v1/policy/form', {
    config: manage,
    schema: { tags, summary: 'Save the custom form: always creates a new version (old versions never change)', body: ZFormPut, response: { 201: ZFormVersion } },
  }, async (req, reply) => reply.status(201).send(await policy.saveForm(app.deps, requireActor(req), auditContext(req), req.body)));
  r.get('/api/v1/policy/form/versions/:id', {
    config: read,
    schema: { tags, summary: 'One version of the custom form, old or current', params: idParams, response: { 200: ZFormVersion } },
  }, async (req) => policy.getFormVersion(app.deps, requireActor(req), req.params.id));

  r.get('/api/v1/policy/escalation-rules', {
    config: manage,
    schema: { tags, summary: "Escalation rules of one site (with the trust's) or of the trust (scope=trust)", querystring: ZPolicyScopeQuery, response: { 200: ZEscalationRuleList } },
  }, async (req) => rules.listRules(app.deps, requireActor(req), req.query));
  r.post('/api/v1/policy/escalation-rules', {
    config: manage,
    schema: { tags, summary: 'Add an escalation rule: N events of a kind in a period, or a points total, create a task and notify a role', body: ZEscalationRuleCreate, response: { 201: ZEscalationRule } },
  }, async (req, reply) => reply.status(201).send(await rules.createRule(app.deps, requireActor(req), auditContext(req), req.body)));
  r.patch('/api/v1/policy/escalation-rules/:id', {
    config: manage,
    schema: { tags, summary: 'Change or deactivate an escalation rule (send the version you edited)', params: idParams, body: ZEscalationRuleUpdate, response: { 200: ZEscalationRule } },
  }, async (req) => rules.updateRule(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));
}
