/** Images and people for the photo suites: real JPEG, PNG and WebP files made with sharp, and the hostile ones. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync, crc32 } from 'node:zlib';
import sharp from 'sharp';
import type { LightMyRequestResponse } from 'fastify';
import { uuidv7 } from 'uuidv7';
import type { TRole } from '@haven/contracts';
import { createTestContext, demoEmail, json, sessionFor, testConfig, type Session, type TestContext } from '../harness.ts';
import type { DbKind } from '../../src/core/db/client.ts';

const canvas = (width: number, height: number, alpha = false) =>
  sharp({ create: { width, height, channels: alpha ? 4 : 3, background: { r: 200, g: 120, b: 60, alpha: alpha ? 0.5 : 1 } } });

/** A JPEG as a phone takes it: EXIF with a GPS position and the owner's name (both must be gone once stored). */
export const jpegWithGps = (width = 900, height = 1200) => canvas(width, height).jpeg()
  .withExif({ IFD0: { Copyright: 'EXIF-OWNER-MARKER', Artist: 'EXIF-OWNER-MARKER' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 2600/100', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 3900/100' } })
  .toBuffer();
export const png = (width = 300, height = 300) => canvas(width, height, true).png().toBuffer();
export const webp = (width = 300, height = 400) => canvas(width, height).webp().toBuffer();

export const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');

/** A real JPEG with an HTML page hidden in a comment segment and another after its end: a "polyglot". */
export async function polyglotJpeg(): Promise<Buffer> {
  const jpeg = await canvas(200, 200).jpeg().toBuffer();
  const html = Buffer.from('<html><script>alert("polyglot")</script></html>');
  const comment = Buffer.concat([Buffer.from([0xff, 0xfe, (html.length + 2) >> 8, (html.length + 2) & 0xff]), html]);
  return Buffer.concat([jpeg.subarray(0, 2), comment, jpeg.subarray(2), html]);
}

/** A PNG of a few bytes that says it is 100,000 × 100,000 pixels (a decompression bomb's header). */
export function pixelBombPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(100_000, 0); ihdr.writeUInt32BE(100_000, 4); ihdr[8] = 8; ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(64))), chunk('IEND', Buffer.alloc(0))]);
}

export interface PhotoWorld {
  t: TestContext;
  dataDir: string;
  trustId: string;
  site1: string;
  site2: string;
  s: Record<'office' | 'lead' | 'staff' | 'admin' | 'parent' | 'governor' | 'head', Session>;
  /** Pupils on roll at site 1 (the first is the demo parent's child) and one at site 2. */
  pupils1: { id: string; upn: string }[];
  pupil2: { id: string; upn: string };
  /** A new user with this role (and any more roles given) at these sites. */
  addUser(role: TRole, siteId: string | null, more?: [TRole, string | null][]): Promise<Session>;
  put(who: Session | null, path: string, body: Buffer, type?: string): Promise<LightMyRequestResponse>;
  req(method: 'GET' | 'DELETE', url: string, who: Session | null, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  count(sql: string, params?: unknown[]): Promise<number>;
}

export async function photoWorld(kind: DbKind): Promise<PhotoWorld> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-photos-'));
  const t = await createTestContext(kind, testConfig({ dataDir }));
  const names = { office: 'office', lead: 'behaviour_lead', staff: 'staff', admin: 'trust_admin', parent: 'parent', governor: 'governor', head: 'head' } as const;
  const s = Object.fromEntries(await Promise.all(Object.entries(names).map(async ([k, role]) => [k, await sessionFor(t, demoEmail(role))]))) as PhotoWorld['s'];
  const me = async (who: Session) => json<{ sites: { id: string }[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: who.headers })).sites.map((x) => x.id);
  const site1 = (await me(s.office))[0]!;
  const site2 = (await me(await sessionFor(t, demoEmail('cluster_lead')))).find((id) => id !== site1)!;
  const trustId = (await t.database.query<{ trust_id: string }>('select trust_id from sites where id = $1', [site1]))[0]!.trust_id;
  const onRoll = (siteId: string) => t.database.query<{ id: string; upn: string }>(
    `select id, upn from pupils where site_id = $1 and (enrolment_end is null or enrolment_end >= current_date) order by legal_surname, id limit 4`, [siteId]);
  const child = (await t.database.query<{ id: string; upn: string }>(
    `select p.id, p.upn from pupils p join pupil_contacts pc on pc.pupil_id = p.id and pc.parental_responsibility
       join contacts c on c.id = pc.contact_id where c.user_id = $1 and p.site_id = $2 order by p.id limit 1`, [s.parent.userId, site1]))[0]!;
  const pupils1 = [child, ...(await onRoll(site1)).filter((p) => p.id !== child.id)];
  const pupil2 = (await onRoll(site2))[0]!;
  const addUser = async (role: TRole, siteId: string | null, more: [TRole, string | null][] = []) => {
    const id = uuidv7();
    const email = `ph-${role}-${id.slice(-8)}@test.haven.test`;
    await t.database.query('insert into users (id, trust_id, email, display_name) values ($1, $2, $3, $4)', [id, trustId, email, `Test ${role}`]);
    for (const [r, site] of [[role, siteId] as const, ...more]) {
      await t.database.query('insert into role_assignments (id, trust_id, user_id, role, site_id) values ($1, $2, $3, $4, $5)', [uuidv7(), trustId, id, r, site]);
    }
    return sessionFor(t, email);
  };
  const close = t.close.bind(t);
  t.close = async () => { await close(); fs.rmSync(dataDir, { recursive: true, force: true }); };
  return {
    t, dataDir, trustId, site1, site2, s, pupils1, pupil2, addUser,
    put: (who, url, body, type = 'image/jpeg') => t.app.inject({ method: 'PUT', url, payload: body, headers: { ...(who?.headers ?? {}), 'content-type': type } }),
    req: (method, url, who, headers = {}) => t.app.inject({ method, url, headers: { ...(who?.headers ?? {}), ...headers } }),
    count: async (sql, params = []) => Number((await t.database.query<{ n: number }>(sql, params))[0]!.n),
  };
}
