/** Health, readiness, the OpenAPI document (every endpoint described, in a shape API tools accept) and its rendered page. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, testConfig, type TestContext } from '../harness.ts';
import { operationIdFor } from '../../src/core/http/openapi.ts';
import { lintOpenApi } from '../openapi-lint.ts';
import { compressFile } from '../../../web/build/precompress.ts';

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
    const t = await createTestContext(dbKinds()[0]!, testConfig({ webDist: dist }));
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

describe('a fast first load', () => {
  it('sends the Brotli or gzip copy the build wrote, caches hashed assets for a year and revalidates index.html', async () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-web-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    const html = `<!doctype html><html lang="en-GB"><title>Haven</title>${'<!-- padding -->'.repeat(100)}</html>`;
    const js = `console.log(${JSON.stringify('x'.repeat(4000))})`;
    fs.writeFileSync(path.join(dist, 'index.html'), html);
    fs.writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), js);
    fs.writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    compressFile(path.join(dist, 'index.html'));
    compressFile(path.join(dist, 'assets', 'index-abc123.js'));
    const t = await createTestContext(dbKinds()[0]!, testConfig({ webDist: dist }));
    try {
      const br = await t.app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(br.statusCode).toBe(200);
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(js);
      const gz = await t.app.inject({ method: 'GET', url: '/assets/index-abc123.js', headers: { 'accept-encoding': 'gzip' } });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(js);
      const plain = await t.app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body).toBe(js);
      // outside /assets/ a file may change under the same name: revalidated
      expect((await t.app.inject({ method: 'GET', url: '/favicon.svg' })).headers['cache-control']).toBe('no-cache');
      for (const url of ['/', '/pupils/0190a6c4-0000-7000-8000-000000000000']) {
        const page = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'br;q=1, gzip;q=0.5' } });
        expect(page.headers['content-encoding'], url).toBe('br');
        expect(page.headers['cache-control'], url).toBe('no-cache');
        expect(page.headers.vary, url).toMatch(/accept-encoding/i);
        expect(zlib.brotliDecompressSync(page.rawPayload).toString(), url).toBe(html);
      }
      const identity = await t.app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'identity' } });
      expect(identity.headers['content-encoding']).toBeUndefined();
      expect(identity.body).toBe(html);
    } finally { await t.close(); fs.rmSync(dist, { recursive: true, force: true }); }
  });

  it("compresses the API's larger JSON answers for a browser that accepts it, leaving small ones and other clients alone", async () => {
    const t = await createTestContext(dbKinds()[0]!);
    try {
      const lead = await sessionFor(t, demoEmail('behaviour_lead'));
      const plain = await t.app.inject({ method: 'GET', url: '/api/v1/pupils?pageSize=50', headers: lead.headers });
      expect(plain.statusCode).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.body.length).toBeGreaterThan(1024);
      const br = await t.app.inject({ method: 'GET', url: '/api/v1/pupils?pageSize=50', headers: { ...lead.headers, 'accept-encoding': 'gzip, deflate, br' } });
      expect(br.headers['content-encoding']).toBe('br');
      expect(br.headers.vary).toMatch(/accept-encoding/i);
      expect(br.rawPayload.length).toBeLessThan(plain.body.length / 2);
      expect(JSON.parse(zlib.brotliDecompressSync(br.rawPayload).toString())).toEqual(JSON.parse(plain.body));
      const gz = await t.app.inject({ method: 'GET', url: '/api/v1/pupils?pageSize=50', headers: { ...lead.headers, 'accept-encoding': 'gzip' } });
      expect(gz.headers['content-encoding']).toBe('gzip');
      expect(JSON.parse(zlib.gunzipSync(gz.rawPayload).toString())).toEqual(JSON.parse(plain.body));
      // under 1 KB: not worth the CPU
      const small = await t.app.inject({ method: 'GET', url: '/api/health', headers: { 'accept-encoding': 'br' } });
      expect(small.headers['content-encoding']).toBeUndefined();
      expect(json(small)).toEqual({ status: 'ok' });
    } finally { await t.close(); }
  });
});

describe('the installable app and its service worker', () => {
  it('serves /sw.js and the manifest revalidated (never immutable), with a CSP that lets them load', async () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-web-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><html lang="en-GB"><title>Haven</title></html>');
    const sw = `self.addEventListener('notificationclick', () => {}); // ${'x'.repeat(2000)}`;
    fs.writeFileSync(path.join(dist, 'sw.js'), sw);
    fs.writeFileSync(path.join(dist, 'manifest.webmanifest'), JSON.stringify({ name: 'Haven', start_url: '/', display: 'standalone' }));
    compressFile(path.join(dist, 'sw.js'));
    const t = await createTestContext(dbKinds()[0]!, testConfig({ webDist: dist }));
    try {
      const worker = await t.app.inject({ method: 'GET', url: '/sw.js', headers: { 'accept-encoding': 'br' } });
      expect(worker.statusCode).toBe(200);
      expect(worker.headers['content-type']).toMatch(/javascript/);
      expect(worker.headers['cache-control']).toBe('no-cache');
      expect(zlib.brotliDecompressSync(worker.rawPayload).toString()).toBe(sw);
      const csp = String(worker.headers['content-security-policy']);
      expect(csp).toContain("worker-src 'self'");
      expect(csp).toContain("manifest-src 'self'");
      const manifest = await t.app.inject({ method: 'GET', url: '/manifest.webmanifest' });
      expect(manifest.statusCode).toBe(200);
      expect(manifest.headers['content-type']).toMatch(/^application\/manifest\+json/);
      expect(manifest.headers['cache-control']).toBe('no-cache');
    } finally { await t.close(); fs.rmSync(dist, { recursive: true, force: true }); }
  });
});

interface Operation { operationId?: string; responses: Record<string, { $ref?: string }>; security?: unknown[] }
interface OpenApiDoc {
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }>; schemas: Record<string, unknown> };
}

describe('the OpenAPI document, with the web app served beside the API', () => {
  let t: TestContext;
  let dist: string;
  let doc: OpenApiDoc;
  beforeAll(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-web-'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><html lang="en-GB"><title>Haven</title></html>');
    t = await createTestContext(dbKinds()[0]!, testConfig({ webDist: dist, publicUrl: 'https://haven.northern-lights.sch.uk' }));
    doc = json<OpenApiDoc>(await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' }));
  });
  afterAll(async () => { await t?.close(); fs.rmSync(dist, { recursive: true, force: true }); });

  const operations = () => Object.entries(doc.paths).flatMap(([p, item]) => Object.entries(item).map(([m, op]) => ({ path: p, method: m, op })));

  it('describes the API only, names its server, and gives every operation a unique id from its method and route', () => {
    expect(Object.keys(doc.paths).filter((p) => !p.startsWith('/api/'))).toEqual([]);
    expect(doc.servers).toEqual([{ url: 'https://haven.northern-lights.sch.uk', description: 'This Haven server' }]);
    const ids = operations().map(({ op }) => op.operationId);
    expect(ids.every(Boolean)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path: p, method, op } of operations()) expect(op.operationId).toBe(operationIdFor(method, p.replace(/\{(\w+)\}/g, ':$1')));
    expect(doc.paths['/api/v1/pupils/{id}']?.get?.operationId).toBe('getPupilsById');
  });

  it('documents the error answers of every operation with the one error body, which names the fields at fault', () => {
    const ref = (name: string) => ({ $ref: `#/components/responses/${name}` });
    for (const { path: p, method, op } of operations()) {
      expect(Object.keys(op.responses).some((s) => /^4\d\d$/.test(s)), `${method} ${p}`).toBe(true);
      expect(op.responses['401'], `${method} ${p}`).toEqual(ref('Unauthorised'));
    }
    const pupil = doc.paths['/api/v1/pupils/{id}']!.get!;
    expect(pupil.responses).toMatchObject({ 400: ref('BadRequest'), 401: ref('Unauthorised'), 403: ref('Forbidden'), 404: ref('NotFound') });
    expect(pupil.responses['409']).toBeUndefined();
    expect(doc.paths['/api/v1/incidents/{id}']!.patch!.responses['409']).toEqual(ref('Conflict'));
    const login = doc.paths['/api/v1/auth/login']!.post!;
    expect(login.responses['429']).toEqual(ref('TooManyRequests'));
    expect(login.responses['403']).toBeUndefined();
    expect(login.security).toEqual([]);
    expect(doc.components.responses.BadRequest!.content['application/json']!.schema).toEqual({ $ref: '#/components/schemas/Error' });
    expect(JSON.stringify(doc.components.schemas.Error)).toContain('"fields"');
  });

  it('answers bad input with the documented error body naming the field', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'not-an-email', password: 'x' } });
    expect(res.statusCode).toBe(400);
    const body = json<{ error: { code: string; message: string; fields: { field: string; message: string }[]; requestId: string } }>(res);
    expect(body.error.fields.map((f) => f.field)).toContain('email');
    expect(Object.keys(body.error).sort()).toEqual(['code', 'fields', 'message', 'requestId']);
  });

  it('passes Redocly\'s linter with no errors, and the linter does fail a document that lacks what tools need', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-openapi-'));
    try {
      const good = path.join(dir, 'openapi.json');
      fs.writeFileSync(good, JSON.stringify(doc));
      const ok = lintOpenApi(good);
      expect(ok.output).toContain('Your API description is valid');
      expect(ok.status).toBe(0);

      const broken = structuredClone(doc);
      delete broken.servers;
      delete broken.paths['/api/v1/pupils/{id}']!.get!.operationId;
      delete broken.paths['/api/health']!.get!.responses['401'];
      const bad = path.join(dir, 'broken.json');
      fs.writeFileSync(bad, JSON.stringify(broken));
      const refused = lintOpenApi(bad);
      expect(refused.status).not.toBe(0);
      for (const rule of ['no-empty-servers', 'operation-operationId', 'operation-4xx-response']) expect(refused.output).toContain(rule);
    } finally { fs.rmSync(dir, { recursive: true, force: true }); }
  }, 180_000);
});
