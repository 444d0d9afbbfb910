/** Health, readiness, the OpenAPI document (every endpoint described) and its rendered page. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestContext, dbKinds, json, testConfig, type TestContext } from '../harness.ts';

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

describe('serving the web app', () => {
  it('serves index.html for client routes, files as files, and JSON 404s for the API and missing files', async () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-web-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><html lang="en-GB"><title>Haven</title></html>');
    fs.writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log(1)');
    const t = await createTestContext('pglite', testConfig({ webDist: dist }));
    try {
      for (const url of ['/', '/pupils', '/pupils/0190a6c4-0000-7000-8000-000000000000', '/admin/users']) {
        const res = await t.app.inject({ method: 'GET', url });
        expect(res.statusCode, url).toBe(200);
        expect(res.body, url).toContain('<html lang="en-GB">');
      }
      expect((await t.app.inject({ method: 'GET', url: '/assets/app.js' })).body).toContain('console.log');
      expect((await t.app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
      const api = await t.app.inject({ method: 'GET', url: '/api/v1/nope' });
      expect(api.statusCode).toBe(404);
      expect(json<{ error: { code: string } }>(api).error.code).toBe('not_found');
    } finally { await t.close(); fs.rmSync(dist, { recursive: true, force: true }); }
  });
});
