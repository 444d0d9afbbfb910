/** /api/v1/my-day (issue 13): what the signed-in person must act on today, as cards linking to where it is done. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZMyDay } from '@haven/contracts';
import { requireActor } from '../../core/http/context.ts';
import { myDay } from './my-day.service.ts';

export async function myDayRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Any signed-in person: each card inside is built only where they hold the permission it needs (my-day.service.ts).
  r.get('/api/v1/my-day', {
    config: { access: { auth: 'user' } },
    schema: {
      tags: ['My day'], summary: 'What you must act on today: your records returned for changes, reviews, tasks, calls, detentions, deadlines, your children',
      response: { 200: ZMyDay },
    },
  }, async (req) => myDay(app.deps, requireActor(req)));
}
