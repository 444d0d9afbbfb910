/**
 * The OpenAPI document (DAT-5), made from the routes' own zod schemas, in the shape API tools accept
 * (`npm run lint:openapi` checks it with Redocly's linter):
 * - every operation has an operationId derived from its method and route (`GET /api/v1/pupils/:id` →
 *   `getPupilsById`), unless the route names one;
 * - the error answers are documented once, centrally, from what the route declares: 400 (with the error body naming
 *   each field at fault) for a route that takes input, 401 everywhere (a token that is not valid is refused even on a
 *   public route), 403 for a route that needs sign-in, 404 for a route
 *   addressing a record by id, 409 for a signed-in write, 429 for a rate-limited route;
 * - `servers` names this server (HAVEN_PUBLIC_URL), public routes need no credentials;
 * - only the API is described: the web app's pages and files (every route outside /api/) are left out.
 */
import type { FastifySchema, RouteOptions } from 'fastify';
import type { SwaggerTransform, SwaggerTransformObject } from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { RouteAccess } from './context.ts';

const ERRORS_KEY = 'x-haven-errors';
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const upperFirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const camel = (segment: string) => segment.split(/[^A-Za-z0-9]+/).filter(Boolean).map(upperFirst).join('');

/**
 * A stable, readable operationId from the method and the route: the HTTP method, then each path segment after /api
 * (and /v1) in camel case, a path parameter as `By` + its name. Distinct routes give distinct ids (checked when
 * the document is made).
 */
export function operationIdFor(method: string, url: string): string {
  const segments = url.replace(/^\/api(\/v\d+)?(?=\/|$)/, '').split('/').filter(Boolean);
  const words = segments.map((s) => (s.startsWith(':') ? `By${camel(s.slice(1))}` : camel(s)));
  return `${method.toLowerCase()}${words.join('') || 'Root'}`;
}

/** The error statuses a route can answer with, from what it declares (its access, its input, its method). */
export function errorStatusesFor(route: { method: string; url: string; schema?: FastifySchema; access?: RouteAccess; rateLimited: boolean }): number[] {
  const statuses: number[] = [];
  const signedIn = route.access !== undefined && route.access.auth !== 'public';
  const write = WRITE_METHODS.has(route.method);
  const takesInput = Boolean(route.schema?.body || route.schema?.querystring || route.schema?.params || route.url.includes(':')) || write;
  if (takesInput) statuses.push(400);
  // 401 on a public route too: an Authorization header with a token that is not valid is refused wherever it is sent
  if (route.access !== undefined) statuses.push(401);
  if (signedIn) statuses.push(403);
  if (route.url.includes(':')) statuses.push(404);
  if (signedIn && write) statuses.push(409);
  if (route.rateLimited) statuses.push(429);
  return statuses;
}

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'requestId'],
      properties: {
        code: { type: 'string', description: 'What went wrong, for programs: e.g. invalid_request, unauthorised, forbidden, not_found, conflict, stale_version' },
        message: { type: 'string', description: 'What went wrong, in words for a person' },
        fields: {
          type: 'array',
          description: 'Each field at fault (400): its name (a body property such as startDate or pupils.0.role, a query parameter, or `body` for the body as a whole) and why',
          items: {
            type: 'object', required: ['field', 'message'],
            properties: { field: { type: 'string' }, message: { type: 'string' } },
          },
        },
        requestId: { type: 'string', description: 'Quote it when reporting a problem: it finds the request in the server log' },
      },
    },
  },
} as const;

const RESPONSES: Record<number, { name: string; description: string }> = {
  400: { name: 'BadRequest', description: 'Bad input: nothing was saved; `error.fields` names each field at fault and why' },
  401: { name: 'Unauthorised', description: 'Not signed in: no session, an expired one, or an API token that is not valid' },
  403: { name: 'Forbidden', description: 'Signed in, but this role or these sites may not do this (or the X-CSRF-Token header is missing)' },
  404: { name: 'NotFound', description: 'No such record, or it is outside the sites you work at' },
  409: { name: 'Conflict', description: 'The record was changed by someone else since it was read, or the action does not fit its current state; nothing was saved' },
  429: { name: 'TooManyRequests', description: 'Too many attempts from this address: wait a minute and try again' },
};

/** Per route: the zod schemas as JSON Schema, then its operationId, its error answers, its security; web routes hidden. */
export const openApiTransform: SwaggerTransform = (document) => {
  const route = document.route as RouteOptions & { config?: { access?: RouteAccess; rateLimit?: unknown } };
  const url = document.url;
  if (!url.startsWith('/api/')) return { schema: { ...(document.schema ?? {}), hide: true }, url };
  const schema: FastifySchema & Record<string, unknown> = { ...(jsonSchemaTransform(document).schema ?? {}) };
  const method = Array.isArray(route.method) ? route.method.find((m) => m !== 'HEAD') ?? 'GET' : route.method;
  schema.operationId ??= operationIdFor(method, url);
  const access = route.config?.access;
  schema[ERRORS_KEY] = errorStatusesFor({ method, url, schema: document.schema, access, rateLimited: route.config?.rateLimit !== undefined });
  if (access?.auth === 'public') schema.security ??= [];
  return { schema, url };
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A record keyed by an enum (`z.record(z.enum([...]), X)`) comes out as `propertyNames` + `required`, which tools read
 * as required properties that are never defined: spell its keys out as properties instead (the same values).
 */
function spellOutEnumRecords(node: unknown): void {
  if (Array.isArray(node)) { for (const n of node) spellOutEnumRecords(n); return; }
  if (!isObject(node)) return;
  for (const v of Object.values(node)) spellOutEnumRecords(v);
  const names = node.propertyNames;
  if (isObject(names) && Array.isArray(names.enum) && isObject(node.additionalProperties) && node.properties === undefined) {
    const value = node.additionalProperties;
    node.properties = Object.fromEntries((names.enum as string[]).map((k) => [k, value]));
    node.additionalProperties = false;
    delete node.propertyNames;
  }
}

/** The whole document: the shared error answers, operationIds proved unique, enum-keyed records spelt out, servers. */
export function openApiTransformObject(servers: { url: string; description: string }[]): SwaggerTransformObject {
  return (document) => {
    if (!('openapiObject' in document)) throw new Error('OpenAPI: Haven describes its API in OpenAPI 3 only');
    const doc = document.openapiObject as Json & { paths?: Record<string, Record<string, Json>>; components?: Json };
    const components = (doc.components ??= {}) as Json;
    components.schemas = { ...(components.schemas as Json | undefined), Error: errorSchema };
    const responses: Json = { ...(components.responses as Json | undefined) };
    for (const { name, description } of Object.values(RESPONSES)) {
      responses[name] = { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    }
    components.responses = responses;
    const seen = new Map<string, string>();
    for (const [path, item] of Object.entries(doc.paths ?? {})) {
      for (const [method, op] of Object.entries(item)) {
        const id = op.operationId as string | undefined;
        if (id) {
          const other = seen.get(id);
          if (other) throw new Error(`OpenAPI: operationId ${id} is used by both ${other} and ${method.toUpperCase()} ${path}`);
          seen.set(id, `${method.toUpperCase()} ${path}`);
        }
        const statuses = (op[ERRORS_KEY] as number[] | undefined) ?? [];
        delete op[ERRORS_KEY];
        const opResponses = (op.responses ??= {}) as Json;
        for (const s of statuses) opResponses[String(s)] ??= { $ref: `#/components/responses/${RESPONSES[s]!.name}` };
      }
    }
    spellOutEnumRecords(doc.paths);
    return { ...doc, servers };
  };
}
