/** GET /api/v1/pupils/:id/chronology — a pupil's events and incidents in one timeline (first part of SUP-6) — and /pdf to print it. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZChronology, ZChronologyPdfQuery, ZChronologyQuery } from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as service from './chronology.service.ts';

export async function chronologyRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/pupils/:id/chronology', {
    config: { access: { auth: 'permission', permission: 'behaviour.record' } },
    schema: {
      tags: ['Pupils'],
      summary: "A pupil's quick events and incidents, newest first, as far as you may see them (404 outside your sites; the read is audited)",
      description: 'Behaviour leads, senior leaders, SENCos and DSLs see every record at their sites; other staff see what they recorded. Drafts appear only to their author; voided records only on request, to leads. Safeguarding concerns are never included.',
      params: z.object({ id: z.uuid() }), querystring: ZChronologyQuery, response: { 200: ZChronology },
    },
  }, async (req) => service.pupilChronology(app.deps, requireActor(req), auditContext(req), req.params.id, req.query));

  r.get('/api/v1/pupils/:id/chronology/pdf', {
    config: { access: { auth: 'permission', permission: 'behaviour.record' } },
    schema: {
      tags: ['Pupils'],
      summary: "A pupil's chronology as a PDF to print, with the same filters and keyEvents for serious incidents and physical interventions only (audited)",
      params: z.object({ id: z.uuid() }), querystring: ZChronologyPdfQuery,
    },
  }, async (req, reply) => {
    const p = await service.chronologyPdf(app.deps, requireActor(req), auditContext(req), req.params.id, req.query);
    return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${p.filename}"`)
      .header('cache-control', 'private, no-store').send(p.pdf);
  });
}
