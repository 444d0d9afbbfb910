/**
 * A route whose body is the file itself (any Content-Type arrives as raw bytes, up to a limit; the service checks the
 * type against its allow-list and the bytes), with X-Filename as the file's name. Used for every attachment upload.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteAccess } from './context.ts';

export interface UploadRoute {
  url: string;
  config: { access: RouteAccess };
  tags: string[];
  summary: string;
  maxBytes: number;
  response: z.ZodType;
  handler: (req: FastifyRequest<{ Params: { id: string }; Headers: { 'x-filename'?: string } }>, reply: FastifyReply) => Promise<unknown>;
}

export async function registerUploadRoute(app: FastifyInstance, u: UploadRoute): Promise<void> {
  await app.register(async (scoped) => {
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: u.maxBytes }, (_req, body, done) => done(null, body));
    scoped.withTypeProvider<ZodTypeProvider>().post(u.url, {
      config: u.config,
      bodyLimit: u.maxBytes,
      schema: {
        tags: u.tags, params: z.object({ id: z.uuid() }), summary: u.summary,
        headers: z.object({ 'x-filename': z.string().max(1000).optional() }),
        response: { 201: u.response },
      },
    }, u.handler as never);
  });
}
