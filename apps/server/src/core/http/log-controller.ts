/**
 * Fastify's own log lines about failed requests, without the error's message. Fastify's default controller uses
 * `error.message` as the line's text (for the default error handler and a failed writeHead); for a database error
 * that text quotes the statement and every value in it. The `err` object itself goes through the `safeError`
 * serializer (app.ts) either way.
 */
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { safeError } from './safe-error.ts';

export class SafeLogController extends LogController {
  override defaultErrorLog(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    const fields = { res: reply, err: safeError(error), route: request.routeOptions.url ?? null };
    if (reply.statusCode >= 500) reply.log.error(fields, 'request failed');
    else reply.log.info(fields, 'request refused');
  }

  override writeHeadError(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    if (this.isLogDisabled(request)) return;
    reply.log.warn({ err: safeError(error), route: request.routeOptions.url ?? null }, 'response headers could not be written');
  }
}
