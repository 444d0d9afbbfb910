/** Health, readiness, the OpenAPI document (every endpoint described) and its rendered page. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, dbKinds, json, type TestContext } from '../harness.ts';

describe.each(dbKinds())('system endpoints on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => { t = await createTestContext(kind); });
  afterAll(async () => { await t?.close(); });

  it('answers health and readiness', async () => {
    const h = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(h.statusCode).toBe(200);
    expect(json(h)).toEqual({ status: 'ok' });
    const r = await t.app.inject({ method: 'GET', url: '/api/ready' });
    expect(json(r)).toEqual({ status: 'ok', database: kind });
  });

  it('describes every API endpoint in the OpenAPI 3 document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(res);
    expect(doc.openapi).toMatch(/^3\./);
    for (const r of t.app.routeAccess) {
      if (!r.url.startsWith('/api/') || r.url === '/api/v1/openapi.json') continue;
      const p = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
      expect(doc.paths[p]?.[r.method.toLowerCase()], `${r.method} ${r.url}`).toBeDefined();
    }
    expect(JSON.stringify(doc.paths['/api/v1/pupils'])).toContain('siteId');
  });

  it('renders the API documentation page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
  });

  it('sends security headers and a JSON 404 for unknown API paths', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(res.statusCode).toBe(404);
    expect(json<{ error: { code: string } }>(res).error.code).toBe('not_found');
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
