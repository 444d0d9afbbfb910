/**
 * Security headers (helmet) on every reply. helmet's middleware is built once, here, from the options: the
 * @fastify/helmet plugin builds it anew for every request (re-parsing the Content-Security-Policy each time), which
 * cost a busy server a measurable share of each request's CPU. The headers are helmet's, from the same options.
 */
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

export function installSecurityHeaders(app: FastifyInstance, options: Readonly<HelmetOptions>): void {
  const apply = helmet(options);
  app.addHook('onRequest', (req, reply, done) => {
    apply(req.raw, reply.raw, (err?: unknown) => done(err instanceof Error ? err : undefined));
  });
}
