/** /api/v1/placements: managed moves and alternative-provision placements with reviews and outcome (SAN-4). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZPlacement, ZPlacementEnd, ZPlacementInput, ZPlacementList, ZPlacementQuery, ZPlacementReviewInput, ZPlacementReviewOutcome, ZPlacementUpdate } from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as service from './placements.service.ts';

const tags = ['Placements'];
const params = z.object({ id: z.uuid() });
const read = { auth: 'permission', permission: 'sanction.read' } as const;
const manage = { auth: 'permission', permission: 'sanction.manage' } as const;

export async function placementRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/placements', {
    config: { access: read },
    schema: { tags, summary: 'Managed moves and alternative-provision placements at your sites (or of one pupil)', querystring: ZPlacementQuery, response: { 200: ZPlacementList } },
  }, async (req) => service.list(app.deps, requireActor(req), req.query));

  r.post('/api/v1/placements', {
    config: { access: manage },
    schema: { tags, summary: 'Record a managed move or an alternative-provision placement, with its review dates', body: ZPlacementInput, response: { 201: ZPlacement } },
  }, async (req, reply) => reply.status(201).send(await service.create(app.deps, requireActor(req), auditContext(req), req.body)));

  r.get('/api/v1/placements/:id', {
    config: { access: read },
    schema: { tags, summary: 'One placement with its reviews', params, response: { 200: ZPlacement } },
  }, async (req) => service.get(app.deps, requireActor(req), req.params.id));

  r.patch('/api/v1/placements/:id', {
    config: { access: manage },
    schema: { tags, summary: 'Change the provider, end date, sessions per week or purpose', params, body: ZPlacementUpdate, response: { 200: ZPlacement } },
  }, async (req) => service.update(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.post('/api/v1/placements/:id/end', {
    config: { access: manage },
    schema: { tags, summary: 'Record the final outcome (the placement ends)', params, body: ZPlacementEnd, response: { 200: ZPlacement } },
  }, async (req) => service.end(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.post('/api/v1/placements/:id/reviews', {
    config: { access: manage },
    schema: { tags, summary: 'Add a review date (and its outcome if it has happened)', params, body: ZPlacementReviewInput, response: { 201: ZPlacement } },
  }, async (req, reply) => reply.status(201).send(await service.addReview(app.deps, requireActor(req), auditContext(req), req.params.id, req.body)));

  r.post('/api/v1/placement-reviews/:id/outcome', {
    config: { access: manage },
    schema: { tags, summary: 'Record the outcome of a review', params, body: ZPlacementReviewOutcome, response: { 200: ZPlacement } },
  }, async (req) => service.recordReview(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));
}
