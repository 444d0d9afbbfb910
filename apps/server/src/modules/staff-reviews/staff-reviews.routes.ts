/**
 * Staff reviews (STF-2, STF-4). Owns: the live certificate check the incident form calls (/api/v1/certificate-check),
 * and performance reviews of support staff (/api/v1/performance-reviews). The incident's certificate flags are kept
 * by the incidents module through certificate-check.service; ANA-3's "used without a valid certificate" reads them.
 * Reviews are personal: the routes let any signed-in user through and the service decides (404 to anyone who is not
 * the member of staff, their line manager or the cluster lead).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZCertificateCheck, ZCertificateCheckQuery, ZPerformanceReview, ZPerformanceReviewCreate, ZPerformanceReviewList, ZPerformanceReviewListQuery,
  ZPerformanceReviewUpdate, ZReviewEvidenceOptions, ZReviewVersionBody,
} from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import { liveCheck } from './certificate-check.service.ts';
import * as reviews from './performance-reviews.service.ts';
import { reviewPdf } from './performance-reviews.pdf.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['Staff'];
// personnel records: a person signed in, never an API token
const user = { access: { auth: 'session' } } as const;

export async function staffReviewRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/certificate-check', {
    config: { access: { auth: 'permission', permission: 'behaviour.record' } },
    schema: { tags, summary: "A member of staff's certificate for holds on a day (missing, expired, in grace, not covering): shown on the incident form, never blocking it", querystring: ZCertificateCheckQuery, response: { 200: ZCertificateCheck } },
  }, async (req) => liveCheck(app.deps, requireActor(req), req.query));

  r.get('/api/v1/performance-reviews', {
    config: user,
    schema: { tags, summary: 'My performance reviews (view=mine), or those of the staff I line-manage (view=team) with who may be given one (audited)', querystring: ZPerformanceReviewListQuery, response: { 200: ZPerformanceReviewList } },
  }, async (req) => reviews.listReviews(app.deps, requireActor(req), auditContext(req), req.query.view));

  r.post('/api/v1/performance-reviews', {
    config: { ...user, idempotent: true },
    schema: { tags, summary: 'Start a review for an academic year (the line manager of the member of staff only)', body: ZPerformanceReviewCreate, response: { 201: ZPerformanceReview } },
  }, async (req, reply) => reply.status(201).send(await reviews.createReview(app.deps, requireActor(req), auditContext(req), req.body)));

  r.get('/api/v1/performance-reviews/:id', {
    config: user,
    schema: { tags, summary: 'One review (the member of staff, their line manager, the cluster lead; 404 to anyone else; audited)', params: idParams, response: { 200: ZPerformanceReview } },
  }, async (req) => reviews.getReview(app.deps, requireActor(req), auditContext(req), req.params.id));

  r.patch('/api/v1/performance-reviews/:id', {
    config: { ...user, idempotent: true },
    schema: { tags, summary: "Change a review: the reviewer its objectives, comments, observations and stage; the member of staff their comments; both the evidence. A stale version is refused with 409; a change after a signature asks both to sign again", params: idParams, body: ZPerformanceReviewUpdate, response: { 200: ZPerformanceReview } },
  }, async (req) => reviews.updateReview(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.post('/api/v1/performance-reviews/:id/sign', {
    config: user,
    schema: { tags, summary: 'Sign the annual review (the reviewer and the member of staff, each once; signed by both, it is complete)', params: idParams, body: ZReviewVersionBody, response: { 200: ZPerformanceReview } },
  }, async (req) => reviews.signReview(app.deps, requireActor(req), auditContext(req), req.params.id, req.body.version));

  r.get('/api/v1/performance-reviews/:id/evidence-options', {
    config: user,
    schema: { tags, summary: "What can be linked as evidence: the member of staff's certificates and the incidents they were part of in the review's year", params: idParams, response: { 200: ZReviewEvidenceOptions } },
  }, async (req) => reviews.evidenceOptions(app.deps, requireActor(req), auditContext(req), req.params.id));

  r.get('/api/v1/performance-reviews/:id/pdf', {
    config: user,
    schema: { tags, summary: 'The review as a PDF, with both signatures (audited)', params: idParams },
  }, async (req, reply) => {
    const p = await reviewPdf(await reviews.reviewForPrint(app.deps, requireActor(req), auditContext(req), req.params.id));
    return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${p.filename}"`)
      .header('cache-control', 'private, no-store').send(p.pdf);
  });
}
