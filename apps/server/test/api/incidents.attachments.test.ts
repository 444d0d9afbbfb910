/** Attachments on incidents: type allow-list, magic bytes, 10 MB, safe names, storage per database, download headers, scope. */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { dbKinds, json, type Session } from '../harness.ts';
import { attachments } from '../../src/db/schema/recording.ts';
import { SOME_ID, fieldsOf, world, type ErrorBody, type World } from './incidents.fixtures.ts';

interface Attachment { id: string; filename: string; contentType: string; sizeBytes: number; createdAt: string }

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF test image bytes')]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
const PDF = Buffer.from('%PDF-1.4\n%test\n');
const TEXT = Buffer.from('Debrief notes: calm by 10:20.\n');

describe.each(dbKinds())('incident attachments on %s', (kind) => {
  let w: World;
  let incidentId: string;
  beforeAll(async () => {
    w = await world(kind);
    incidentId = (await w.create(w.s.staff)).id;
  });
  afterAll(async () => { await w?.t.close(); });
  const upload = (id: string, data: Buffer | string, type: string | undefined, filename?: string, who: Session | null = w.s.staff) =>
    w.t.app.inject({ method: 'POST', url: `/api/v1/incidents/${id}/attachments`, payload: data,
      headers: { ...(who?.headers ?? {}), ...(type ? { 'content-type': type } : {}), ...(filename ? { 'x-filename': filename } : {}) } });
  const filesOnDisk = () => {
    const dir = path.join(w.dataDir, 'attachments');
    return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).filter((f) => fs.statSync(path.join(dir, String(f))).isFile()).length : 0;
  };

  it('refuses anonymous callers with 401 and roles that record nothing with 403', async () => {
    expect((await upload(incidentId, JPEG, 'image/jpeg', 'a.jpg', null)).statusCode).toBe(401);
    expect((await w.req('GET', `/api/v1/incidents/${incidentId}/attachments`)).statusCode).toBe(401);
    expect((await w.req('GET', `/api/v1/attachments/${SOME_ID}`)).statusCode).toBe(401);
    expect((await upload(incidentId, JPEG, 'image/jpeg', 'a.jpg', w.s.governor)).statusCode).toBe(403);
    expect((await w.req('GET', `/api/v1/incidents/${incidentId}/attachments`, w.s.parent)).statusCode).toBe(403);
    expect((await w.req('GET', `/api/v1/attachments/${SOME_ID}`, w.s.parent)).statusCode).toBe(403);
  });

  it('stores an allowed file with a safe name and its sha256, on disk for the embedded database and in the database for PostgreSQL', async () => {
    const res = await upload(incidentId, JPEG, 'image/jpeg', '../../secret/"bruise" photo.jpg');
    expect(res.statusCode, res.body).toBe(201);
    const a = json<Attachment>(res);
    expect(a).toMatchObject({ filename: 'bruise photo.jpg', contentType: 'image/jpeg', sizeBytes: JPEG.length });
    const row = (await w.t.database.db.select().from(attachments).where(eq(attachments.id, a.id)))[0]!;
    expect(row).toMatchObject({ ownerType: 'incident', ownerId: incidentId, siteId: w.site1, sha256: createHash('sha256').update(JPEG).digest('hex') });
    if (kind === 'pglite') {
      expect(row).toMatchObject({ storage: 'disk', storagePath: path.join(w.trustId, a.id), data: null });
      expect(fs.readFileSync(path.join(w.dataDir, 'attachments', w.trustId, a.id))).toEqual(JPEG);
    } else {
      expect(row.storage).toBe('database');
      expect(Buffer.from(row.data!)).toEqual(JPEG);
    }
    for (const [data, type, name, expected] of [[PNG, 'image/png', 'scan', 'scan.png'], [PDF, 'application/pdf', 'report.pdf', 'report.pdf'],
      [TEXT, 'text/plain; charset=utf-8', '%E2%9C%93%20notes.txt', '✓ notes.txt'], [TEXT, 'text/plain', undefined, 'attachment.txt']] as const) {
      const r = await upload(incidentId, data, type, name);
      expect(r.statusCode, r.body).toBe(201);
      expect(json<Attachment>(r).filename).toBe(expected);
    }
    const list = json<{ items: Attachment[] }>(await w.req('GET', `/api/v1/incidents/${incidentId}/attachments`, w.s.staff));
    expect(list.items.map((x) => x.contentType)).toEqual(['image/jpeg', 'image/png', 'application/pdf', 'text/plain', 'text/plain']);
  });

  it('refuses other types, contents that do not match their type, empty files and anything over 10 MB, keeping nothing', async () => {
    const before = [await w.rows(attachments), filesOnDisk()];
    for (const [data, type, field] of [
      [JPEG, 'image/gif', 'Content-Type'], [TEXT, 'text/html', 'Content-Type'], [PDF, 'application/x-msdownload', 'Content-Type'],
      [PNG, 'image/jpeg', 'body'], [TEXT, 'application/pdf', 'body'], [Buffer.from([0x41, 0x00, 0x42]), 'text/plain', 'body'],
      [Buffer.from('MZ\x90\x00'), 'text/plain', 'body'], [Buffer.alloc(0), 'image/png', 'body'], [JPEG, undefined, 'Content-Type'],
    ] as const) {
      const res = await upload(incidentId, data, type, 'x');
      expect(res.statusCode, `${type}`).toBe(400);
      expect(fieldsOf(json<ErrorBody>(res)), `${type}`).toEqual([field]);
    }
    const asJson = await w.t.app.inject({ method: 'POST', url: `/api/v1/incidents/${incidentId}/attachments`, headers: w.s.staff.headers, payload: { file: 'x' } });
    expect(fieldsOf(json<ErrorBody>(asJson))).toEqual(['Content-Type']);
    const big = Buffer.alloc(10 * 1024 * 1024 + 1); JPEG.copy(big);
    const tooBig = await upload(incidentId, big, 'image/jpeg', 'big.jpg');
    expect(tooBig.statusCode).toBe(400);
    expect(fieldsOf(json<ErrorBody>(tooBig))).toEqual(['body']);
    const justUnder = Buffer.alloc(10 * 1024 * 1024); JPEG.copy(justUnder);
    expect((await upload(incidentId, justUnder, 'image/jpeg', 'ok.jpg')).statusCode).toBe(201);
    expect([await w.rows(attachments), filesOnDisk()]).toEqual([before[0]! + 1, before[1]! + (kind === 'pglite' ? 1 : 0)]);
  });

  it('serves a download as an attachment with its stored type, nosniff and no caching, and audits it', async () => {
    const a = json<Attachment>(await upload(incidentId, TEXT, 'text/plain', 'café notes.txt'));
    for (const who of [w.s.staff, w.s.lead, w.s.senco]) {
      const res = await w.req('GET', `/api/v1/attachments/${a.id}`, who);
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload).toEqual(TEXT);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="caf_ notes.txt"; filename*=UTF-8''caf%C3%A9%20notes.txt`);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['cache-control']).toBe('private, no-store');
    }
    const jpg = json<Attachment>(await upload(incidentId, JPEG, 'image/jpeg', 'a.jpg'));
    expect((await w.req('GET', `/api/v1/attachments/${jpg.id}`, w.s.lead)).headers['content-type']).toBe('image/jpeg');
    expect((await w.req('GET', `/api/v1/attachments/${SOME_ID}`, w.s.lead)).statusCode).toBe(404);
  });

  it("hides files from other sites' leads and from colleagues who did not record the incident", async () => {
    const a = json<Attachment>(await upload(incidentId, PDF, 'application/pdf', 'plan.pdf'));
    const lead2 = await w.addUser('behaviour_lead', w.site2);
    const colleague = await w.addUser('staff', w.site1);
    for (const who of [lead2, colleague]) {
      expect((await w.req('GET', `/api/v1/attachments/${a.id}`, who)).statusCode).toBe(404);
      expect((await w.req('GET', `/api/v1/incidents/${incidentId}/attachments`, who)).statusCode).toBe(404);
      expect((await upload(incidentId, PDF, 'application/pdf', 'x.pdf', who)).statusCode).toBe(404);
    }
    // a reader who may not change the draft may not attach to it either
    expect((await upload(incidentId, PDF, 'application/pdf', 'x.pdf', w.s.lead)).statusCode).toBe(403);
  });

  it('keeps the attachments of a voided incident and accepts no more', async () => {
    const i = await w.create(w.s.staff);
    const a = json<Attachment>(await upload(i.id, JPEG, 'image/jpeg', 'before.jpg'));
    expect((await w.req('POST', `/api/v1/incidents/${i.id}/void`, w.s.lead, { version: 1, reason: 'Entered on the wrong pupil' })).statusCode).toBe(200);
    const refused = await upload(i.id, JPEG, 'image/jpeg', 'after.jpg');
    expect(refused.statusCode).toBe(409);
    expect(json<ErrorBody>(refused).error.message).toMatch(/voided/);
    expect(json<{ items: Attachment[] }>(await w.req('GET', `/api/v1/incidents/${i.id}/attachments`, w.s.staff)).items.map((x) => x.id)).toEqual([a.id]);
    expect((await w.req('GET', `/api/v1/attachments/${a.id}`, w.s.staff)).statusCode).toBe(200);
    expect(w.t.app.routeAccess.some((r) => r.method === 'DELETE' && r.url.includes('attachments'))).toBe(false);
  });
});
