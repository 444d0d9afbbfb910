/**
 * The plan in use: a pupil's plan key points (plan.read at the pupil's site; audited), an incident's check against
 * the plan in force (incident viewers), what a post-incident review may link (reviewers), and overdue plan and
 * risk-assessment reviews (record-keeping quality, ANA-6) with the records behind them.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZIncidentPlanCheck, ZOverdueReviewRecords, ZOverdueReviewRecordsQuery, ZOverdueReviews, ZOverdueReviewsQuery, ZPlanKeyPoints, ZReviewLinkOptions,
} from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import { keyPoints } from './plans-use.service.ts';
import { incidentPlanCheck, reviewLinkOptions } from './plans-use.incident.service.ts';
import { overdueReviewRecords, overdueReviews } from './plans-use.reviews.service.ts';

const idParams = z.object({ id: z.uuid() });

export async function plansUseRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/pupils/:id/plan-key-points', {
    config: { access: { auth: 'permission', permission: 'plan.read' } },
    schema: {
      tags: ['Plans'], params: idParams, response: { 200: ZPlanKeyPoints },
      summary: "The key points of the pupil's active behaviour support plan (triggers, early signs, what helps, what to avoid, approved holds) with a link to the whole plan; plan null when none is active. 404 outside the caller's sites; each read is audited as special-category data",
    },
  }, async (req) => keyPoints(app.deps, requireActor(req), auditContext(req), req.params.id));

  r.get('/api/v1/incidents/:id/plan-check', {
    config: { access: { auth: 'permission', permission: 'behaviour.record' } },
    schema: {
      tags: ['Incidents'], params: idParams, response: { 200: ZIncidentPlanCheck },
      summary: "For each pupil involved or held: the behaviour support plan version in force when it happened, its approved holds, and the holds used that it does not approve (as stored with the incident's last save)",
    },
  }, async (req) => incidentPlanCheck(app.deps, requireActor(req), req.params.id));

  r.get('/api/v1/incidents/:id/post-incident-review/link-options', {
    config: { access: { auth: 'permission', permission: 'incident.review' } },
    schema: { tags: ['Incidents'], params: idParams, response: { 200: ZReviewLinkOptions }, summary: "The plans and risk assessments of the incident's pupils, with their versions, that its post-incident review may link" },
  }, async (req) => reviewLinkOptions(app.deps, requireActor(req), req.params.id));

  r.get('/api/v1/analytics/overdue-reviews', {
    config: { access: { auth: 'permission', permission: 'analytics.read' } },
    schema: { tags: ['Analytics'], querystring: ZOverdueReviewsQuery, response: { 200: ZOverdueReviews }, summary: 'Overdue behaviour support plan and risk-assessment reviews per site and per owner (ANA-6; per owner withheld from aggregate-only viewers)' },
  }, async (req) => overdueReviews(app.deps, requireActor(req), req.query));

  r.get('/api/v1/analytics/overdue-reviews/records', {
    config: { access: { auth: 'permission', permission: 'plan.read' } },
    schema: { tags: ['Analytics'], querystring: ZOverdueReviewRecordsQuery, response: { 200: ZOverdueReviewRecords }, summary: 'The plans and risk assessments whose review is overdue, longest overdue first, at a site and of an owner' },
  }, async (req) => overdueReviewRecords(app.deps, requireActor(req), req.query));
}
