/** The OpenAPI document's derived parts: operationIds from method and route, and the error answers each route documents. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { errorStatusesFor, operationIdFor } from './openapi.ts';

describe('operationIdFor', () => {
  it.each([
    ['GET', '/api/health', 'getHealth'],
    ['GET', '/api/v1/pupils', 'getPupils'],
    ['GET', '/api/v1/pupils/:id', 'getPupilsById'],
    ['POST', '/api/v1/incidents/:id/submit', 'postIncidentsByIdSubmit'],
    ['PATCH', '/api/v1/policy/escalation-rules/:id', 'patchPolicyEscalationRulesById'],
    ['GET', '/api/v1/pupils/:id/summary.pdf', 'getPupilsByIdSummaryPdf'],
    ['DELETE', '/api/v1/incidents/:incidentId/attachments/:attachmentId', 'deleteIncidentsByIncidentIdAttachmentsByAttachmentId'],
    ['POST', '/api/v1/on-call-requests', 'postOnCallRequests'],
    ['GET', '/api/v2/things', 'getThings'],
    ['GET', '/api', 'getRoot'],
  ])('%s %s → %s', (method, url, id) => {
    expect(operationIdFor(method, url)).toBe(id);
  });

  it('is an identifier for any route, and distinct for routes that differ in method or in a segment', () => {
    const segment = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/).filter((s) => !s.includes('--'));
    const route = fc.array(fc.oneof(segment, segment.map((s) => `:${s.replace(/-/g, '')}`)), { minLength: 1, maxLength: 5 }).map((s) => `/api/v1/${s.join('/')}`);
    fc.assert(fc.property(fc.constantFrom('GET', 'POST', 'PATCH', 'PUT', 'DELETE'), route, (method, url) => {
      expect(operationIdFor(method, url)).toMatch(/^(get|post|patch|put|delete)[A-Z][A-Za-z0-9]*$/);
      expect(operationIdFor(method === 'GET' ? 'POST' : 'GET', url)).not.toBe(operationIdFor(method, url));
      expect(operationIdFor(method, `${url}/extra`)).not.toBe(operationIdFor(method, url));
    }));
  });
});

describe('errorStatusesFor', () => {
  const permission = { auth: 'permission', permission: 'pupil.read' } as const;
  it.each([
    ['a public read with no input', { method: 'GET', url: '/api/health', access: { auth: 'public' } as const }, [401]],
    ['a rate-limited public sign-in', { method: 'POST', url: '/api/v1/auth/login', access: { auth: 'public' } as const, rateLimited: true }, [400, 401, 429]],
    ['a list with filters', { method: 'GET', url: '/api/v1/pupils', access: permission, schema: { querystring: {} } }, [400, 401, 403]],
    ['a signed-in read with no input', { method: 'GET', url: '/api/v1/me', access: { auth: 'user' } as const }, [401, 403]],
    ['a record by id', { method: 'GET', url: '/api/v1/pupils/:id', access: permission }, [400, 401, 403, 404]],
    ['a write to a record', { method: 'PATCH', url: '/api/v1/incidents/:id', access: permission, schema: { body: {} } }, [400, 401, 403, 404, 409]],
    ['a new record', { method: 'POST', url: '/api/v1/incidents', access: permission, schema: { body: {} } }, [400, 401, 403, 409]],
  ])('%s', (_name, route, statuses) => {
    expect(errorStatusesFor({ rateLimited: false, ...route })).toEqual(statuses);
  });
});
