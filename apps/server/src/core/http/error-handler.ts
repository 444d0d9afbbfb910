/**
 * Maps every error to a JSON body naming the fields at fault; never leaks a stack trace, SQL or internal detail.
 * A server-side failure is logged as its code (SQLSTATE or ours), the route and the request id (the logger adds
 * reqId) — never the error's message, the statement, its parameters or the body (see safe-error.ts).
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from './errors.ts';
import { safeError } from './safe-error.ts';
import { isDatabaseUnavailable } from '../db/errors.ts';
import { CommitOutcomeUnknownError } from '../db/tx.ts';

/** Shown when the database connection was lost or could not be made: the use case's transaction never committed. */
export const DATABASE_UNAVAILABLE_MESSAGE =
  'Haven lost its connection to the database, so this was not saved. Try again in a moment.';
export const COMMIT_OUTCOME_UNKNOWN_MESSAGE =
  'Haven lost its connection to the database just as this was being saved, so it cannot tell whether it was saved. Check before entering it again.';

function fieldName(prefix: string, instancePath: string): string {
  const p = instancePath.replace(/^\//, '').split('/').filter(Boolean).join('.');
  return p ? p : prefix;
}

function messageFor(fields: FieldError[]): string {
  return fields.map((f) => `${f.field}: ${f.message}`).join('; ');
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const requestId = String(req.id);
    if (err instanceof AppError) {
      return reply.status(err.status).send({ error: { code: err.code, message: err.message, fields: err.fields, requestId } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const fields: FieldError[] = [];
      for (const v of err.validation) {
        const params = v.params as { keys?: string[] } | undefined;
        if (v.keyword === 'unrecognized_keys' && params?.keys) {
          for (const k of params.keys) fields.push({ field: fieldName(where, `${v.instancePath}/${k}`), message: 'This field is not recognised' });
        } else {
          fields.push({ field: fieldName(where, v.instancePath), message: v.message ?? 'Invalid value' });
        }
      }
      return reply.status(400).send({ error: { code: 'invalid_request', message: messageFor(fields), fields, requestId } });
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const fields = [{ field: 'body', message: 'The request body is too large' }];
      return reply.status(400).send({ error: { code: 'body_too_large', message: messageFor(fields), fields, requestId } });
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') {
      const fields = [{ field: 'body', message: 'Send the body as JSON (Content-Type: application/json)' }];
      return reply.status(400).send({ error: { code: 'invalid_request', message: messageFor(fields), fields, requestId } });
    }
    if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || err instanceof SyntaxError || err.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
      const fields = [{ field: 'body', message: 'The body is not valid JSON' }];
      return reply.status(400).send({ error: { code: 'invalid_json', message: messageFor(fields), fields, requestId } });
    }
    if (err.statusCode === 429) {
      return reply.status(429).send({ error: { code: 'too_many_requests', message: 'Too many attempts. Wait a minute and try again.', requestId } });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ error: { code: 'invalid_request', message: 'The request could not be processed.', requestId } });
    }
    const route = { method: req.method, route: req.routeOptions.url ?? null };
    if (isDatabaseUnavailable(err)) {
      const unknown = err instanceof CommitOutcomeUnknownError;
      req.log.warn({ ...route, err: safeError(err) }, unknown ? 'database connection lost at commit' : 'database unavailable');
      return reply.status(503).header('retry-after', '5').send({ error: unknown
        ? { code: 'commit_outcome_unknown', message: COMMIT_OUTCOME_UNKNOWN_MESSAGE, requestId }
        : { code: 'database_unavailable', message: DATABASE_UNAVAILABLE_MESSAGE, requestId } });
    }
    req.log.error({ ...route, err: safeError(err) }, 'request failed');
    return reply.status(500).send({ error: { code: 'internal', message: 'Something went wrong on our side. The error has been logged.', requestId } });
  });
}
