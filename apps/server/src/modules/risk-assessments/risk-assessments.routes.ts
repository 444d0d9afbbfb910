/**
 * /api/v1/risk-assessments: a pupil's risk assessments (SUP-2) — list, read, write a draft, sign off, make active,
 * revise, history and the PDF. Readers hold risk_assessment.read at the pupil's site; the service checks the site.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ZRiskAssessment, ZRiskAssessmentCreate, ZRiskAssessmentHistory, ZRiskAssessmentList, ZRiskAssessmentListQuery, ZRiskAssessmentParams,
  ZRiskAssessmentUpdate, ZRiskAssessmentVersionOnly,
} from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as service from './risk-assessments.service.ts';
import { renderRiskAssessmentPdf } from './risk-assessments.pdf.ts';
import { siteName } from './risk-assessments.repo.ts';

const tags = ['Risk assessments'];
const params = ZRiskAssessmentParams;
const read = { access: { auth: 'permission', permission: 'risk_assessment.read' } } as const;
const write = { access: { auth: 'permission', permission: 'risk_assessment.write' } } as const;
const signOff = { access: { auth: 'permission', permission: 'risk_assessment.sign_off' } } as const;

export async function riskAssessmentRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/risk-assessments', {
    config: read,
    schema: { tags, summary: "A pupil's risk assessments, newest first, and the behaviour support plans they may be linked to (read audited)", querystring: ZRiskAssessmentListQuery, response: { 200: ZRiskAssessmentList } },
  }, async (req) => service.list(app.deps, requireActor(req), auditContext(req), req.query.pupilId));

  r.post('/api/v1/risk-assessments', {
    config: write,
    schema: { tags, summary: 'Start a draft risk assessment for a pupil (one draft at a time; with an active one, revise it instead)', body: ZRiskAssessmentCreate, response: { 201: ZRiskAssessment } },
  }, async (req, reply) => reply.status(201).send(await service.create(app.deps, requireActor(req), auditContext(req), req.body)));

  r.get('/api/v1/risk-assessments/:id', {
    config: read,
    schema: { tags, summary: 'One risk assessment with its hazards, ratings and sign-off (read audited as special-category data)', params, response: { 200: ZRiskAssessment } },
  }, async (req) => service.get(app.deps, requireActor(req), auditContext(req), req.params.id));

  r.put('/api/v1/risk-assessments/:id', {
    config: write,
    schema: { tags, summary: 'Save a draft (the version you read; a change after sign-off takes the sign-off away)', params, body: ZRiskAssessmentUpdate, response: { 200: ZRiskAssessment } },
  }, async (req) => service.update(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.post('/api/v1/risk-assessments/:id/sign-off', {
    config: signOff,
    schema: { tags, summary: 'Sign off a draft (a lead; records who and when)', params, body: ZRiskAssessmentVersionOnly, response: { 200: ZRiskAssessment } },
  }, async (req) => service.signOff(app.deps, requireActor(req), auditContext(req), req.params.id, req.body.version));

  r.post('/api/v1/risk-assessments/:id/activate', {
    config: signOff,
    schema: { tags, summary: "Make a signed-off draft the pupil's active assessment (the previous one is superseded)", params, body: ZRiskAssessmentVersionOnly, response: { 200: ZRiskAssessment } },
  }, async (req) => service.activate(app.deps, requireActor(req), auditContext(req), req.params.id, req.body.version));

  r.post('/api/v1/risk-assessments/:id/revise', {
    config: write,
    schema: { tags, summary: 'Start the next version of the active assessment as a draft holding what it holds', params, body: ZRiskAssessmentVersionOnly, response: { 201: ZRiskAssessment } },
  }, async (req, reply) => reply.status(201).send(await service.revise(app.deps, requireActor(req), auditContext(req), req.params.id, req.body.version)));

  r.get('/api/v1/risk-assessments/:id/history', {
    config: read,
    schema: { tags, summary: 'Every version of the assessment with the fields each changed, newest first', params, response: { 200: ZRiskAssessmentHistory } },
  }, async (req) => service.history(app.deps, requireActor(req), auditContext(req), req.params.id));

  r.get('/api/v1/risk-assessments/:id/pdf', {
    config: read,
    schema: { tags, summary: 'The risk assessment as a PDF with the coloured risk matrix (audited)', params },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const a = await service.printable(app.deps, actor, auditContext(req), req.params.id);
    const pdf = await renderRiskAssessmentPdf(a, { siteName: await siteName(app.deps.database.db, a.pupil.siteId), printedBy: actor.displayName });
    const file = `risk-assessment-${a.pupil.displayName}-v${a.version}.pdf`.replace(/[^A-Za-z0-9._-]/g, '_');
    return reply.header('content-type', 'application/pdf').header('cache-control', 'no-store').header('content-disposition', `inline; filename="${file}"`).send(pdf);
  });
}
