/**
 * Serves the built web app beside the API (PLT-6, issue 13's fast first load): hashed files under /assets/ are
 * immutable for a year (a new build gives them new names), everything else — index.html above all — is revalidated on
 * every load. Each text file goes out as the Brotli or gzip copy the build wrote beside it (apps/web/build/
 * precompress.ts) when the browser accepts it, so nothing is compressed per request. The not-found handler gives
 * JSON for the API and for missing files, and index.html for the web app's client-side routes.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { negotiate } from '@fastify/accept-negotiator';

export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** index.html as the build left it and its compressed copies (when the build wrote them). */
function indexVariants(webDist: string): { encoding: 'br' | 'gzip' | 'identity'; body: Buffer }[] {
  const file = path.join(webDist, 'index.html');
  const variants: { encoding: 'br' | 'gzip' | 'identity'; body: Buffer }[] = [];
  if (fs.existsSync(`${file}.br`)) variants.push({ encoding: 'br', body: fs.readFileSync(`${file}.br`) });
  if (fs.existsSync(`${file}.gz`)) variants.push({ encoding: 'gzip', body: fs.readFileSync(`${file}.gz`) });
  variants.push({ encoding: 'identity', body: fs.readFileSync(file) });
  return variants;
}

export async function serveWebApp(app: FastifyInstance, webDist: string): Promise<void> {
  const apiNotFound = (req: FastifyRequest, reply: FastifyReply) =>
    reply.status(404).send({ error: { code: 'not_found', message: 'No such endpoint.', requestId: String(req.id) } });
  if (!fs.existsSync(path.join(webDist, 'index.html'))) {
    app.setNotFoundHandler(apiNotFound);
    return;
  }
  const assets = path.join(webDist, 'assets') + path.sep;
  await app.register(fastifyStatic, {
    root: webDist, prefix: '/', wildcard: false, index: false, preCompressed: true, cacheControl: false,
    setHeaders(reply, file) { reply.header('cache-control', file.startsWith(assets) ? IMMUTABLE : 'no-cache'); },
  });
  const variants = indexVariants(webDist);
  const serveIndex = (req: FastifyRequest, reply: FastifyReply) => {
    const chosen = negotiate(req.headers['accept-encoding'] ?? '', variants.map((v) => v.encoding));
    const v = variants.find((x) => x.encoding === chosen) ?? variants[variants.length - 1]!;
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('vary', 'accept-encoding');
    if (v.encoding !== 'identity') reply.header('content-encoding', v.encoding);
    return reply.send(v.body);
  };
  app.get('/', serveIndex);
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.method !== 'GET' || path.extname(req.url.split('?')[0] ?? '')) return apiNotFound(req, reply);
    return serveIndex(req, reply);
  });
}
