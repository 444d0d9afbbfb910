/** Health, readiness and the OpenAPI document. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

export async function systemRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/health', { config: { access: { auth: 'public' } }, schema: { tags: ['System'], summary: 'Liveness', response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => ({ status: 'ok' as const }));
  r.get('/api/ready', { config: { access: { auth: 'public' } }, schema: { tags: ['System'], summary: 'Readiness: the database answers', response: { 200: z.object({ status: z.literal('ok'), database: z.string() }), 503: z.object({ status: z.literal('unavailable'), database: z.string() }) } } },
    async (_req, reply) => {
      try {
        await app.deps.database.query('select 1');
        return { status: 'ok' as const, database: app.deps.database.kind };
      } catch {
        return reply.status(503).send({ status: 'unavailable' as const, database: app.deps.database.kind });
      }
    });
  r.get('/api/v1/openapi.json', { config: { access: { auth: 'public' } }, schema: { hide: true } }, async () => app.swagger());
}
