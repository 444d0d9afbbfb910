/**
 * Photos of pupils and staff: uploads judged by their bytes (JPEG, PNG, WebP; not text, HTML or a polyglot's payload),
 * re-encoded without metadata, 10 MB and 50 megapixels at most; served only to whoever may see the person, with
 * private caching and nosniff; replaced and removed by those who keep the records, and every change audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { TPhotoRef, TPupilList, TPupilProfile } from '@haven/contracts';
import type { ZStaffList } from '@haven/contracts';
import type { z } from 'zod';
import { dbKinds, json } from '../harness.ts';
import { HTML, jpegWithGps, photoWorld, pixelBombPng, png, polyglotJpeg, webp, type PhotoWorld } from './photos.fixtures.ts';

interface ErrorBody { error: { code: string; message: string; fields?: { field: string; message: string }[] } }
const SOME_ID = '0190a6c4-0000-7000-8000-000000000000';

describe.each(dbKinds())('photos on %s', (kind) => {
  let w: PhotoWorld;
  let pupil: string;
  const photoUrl = (id: string) => `/api/v1/pupils/${id}/photo`;
  const files = () => w.count(`select count(*)::int as n from attachments where owner_type in ('pupil_photo', 'staff_photo', 'photo_thumbnail')`);
  const audits = (action: string, entityId: string) => w.count('select count(*)::int as n from audit_entries where action = $1 and entity_id = $2', [action, entityId]);

  beforeAll(async () => {
    w = await photoWorld(kind);
    pupil = w.pupils1[0]!.id;
  }, 60_000);
  afterAll(async () => { await w?.t.close(); });

  it('stores a JPEG from a phone upright, at most 480 px, without its EXIF (GPS, owner), and audits it', async () => {
    const res = await w.put(w.s.office, photoUrl(pupil), await jpegWithGps(), 'image/jpeg');
    expect(res.statusCode, res.body).toBe(200);
    const ref = json<TPhotoRef>(res);
    expect(ref.url).toBe(`/api/v1/photos/${ref.id}`);
    const served = await w.req('GET', ref.url, w.s.staff);
    expect(served.statusCode).toBe(200);
    const meta = await sharp(served.rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 360, height: 480 });
    expect(meta.exif).toBeUndefined();
    expect(served.rawPayload.includes('EXIF-OWNER-MARKER')).toBe(false);
    const thumb = await w.req('GET', ref.thumbnailUrl, w.s.staff);
    expect(await sharp(thumb.rawPayload).metadata()).toMatchObject({ format: 'jpeg', width: 96, height: 96 });
    expect(await audits('pupil.photo.add', pupil)).toBe(1);
  });

  it('accepts PNG (transparency on white) and WebP, whatever Content-Type they were sent with, and replaces the photo', async () => {
    const before = json<TPupilProfile>(await w.req('GET', `/api/v1/pupils/${pupil}`, w.s.office)).photo!;
    const asPng = json<TPhotoRef>(await w.put(w.s.lead, photoUrl(pupil), await png(), 'application/octet-stream'));
    const asWebp = await w.put(w.s.office, photoUrl(pupil), await webp(), 'image/jpeg');
    expect(asWebp.statusCode, asWebp.body).toBe(200);
    expect(new Set([before.id, asPng.id, json<TPhotoRef>(asWebp).id]).size).toBe(3);
    // the replaced ones are gone for everyone; the profile and the list show the new one
    expect((await w.req('GET', before.url, w.s.office)).statusCode).toBe(404);
    expect((await w.req('GET', `/api/v1/photos/${asPng.id}/thumbnail`, w.s.office)).statusCode).toBe(404);
    expect(json<TPupilProfile>(await w.req('GET', `/api/v1/pupils/${pupil}`, w.s.staff)).photo?.id).toBe(json<TPhotoRef>(asWebp).id);
    const list = json<TPupilList>(await w.req('GET', `/api/v1/pupils?siteId=${w.site1}&pageSize=200`, w.s.staff));
    expect(list.items.find((p) => p.id === pupil)?.photo?.id).toBe(json<TPhotoRef>(asWebp).id);
    expect(list.items.find((p) => p.id === w.pupils1[1]!.id)?.photo).toBeNull();
    expect(await audits('pupil.photo.replace', pupil)).toBe(2);
    expect(await w.count(`select count(*)::int as n from attachments where owner_id = $1 and voided_at is null`, [pupil])).toBe(1);
  });

  it('refuses text renamed .jpg, HTML, a fake JPEG header, an empty file, more than 10 MB and 50 megapixels, naming the body and keeping nothing', async () => {
    const before = await files();
    const big = Buffer.alloc(10 * 1024 * 1024 + 1); (await jpegWithGps(10, 10)).copy(big);
    for (const [what, body, type, message] of [
      ['text renamed .jpg', Buffer.from('Pupil photo coming soon\n'), 'image/jpeg', /not a JPEG, PNG or WebP/],
      ['an HTML page sent as a JPEG', HTML, 'image/jpeg', /not a JPEG, PNG or WebP/],
      ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'image/svg+xml', /not a JPEG, PNG or WebP/],
      ['a JPEG signature followed by junk', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('not really an image at all')]), 'image/jpeg', /could not be read/],
      ['an empty file', Buffer.alloc(0), 'image/jpeg', /empty/],
      ['a PNG header claiming 100,000 × 100,000 pixels', pixelBombPng(), 'image/png', /50 megapixels/],
      ['11 MB', big, 'image/jpeg', /too large/],
    ] as const) {
      const res = await w.put(w.s.office, photoUrl(w.pupils1[1]!.id), body, type);
      expect(res.statusCode, what).toBe(400);
      const e = json<ErrorBody>(res).error;
      expect(e.fields?.map((f) => f.field), what).toEqual(['body']);
      expect(e.fields?.[0]?.message, what).toMatch(message);
    }
    expect(await files()).toBe(before);
  });

  it('serves a polyglot JPEG (HTML in a comment and after the image) only as pixels Haven encoded, as image/jpeg with nosniff', async () => {
    const ref = json<TPhotoRef>(await w.put(w.s.office, photoUrl(w.pupils1[2]!.id), await polyglotJpeg()));
    const res = await w.req('GET', ref.url, w.s.staff);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('private, max-age=600');
    expect(res.rawPayload.includes('<script')).toBe(false);
    expect(res.rawPayload.includes('<html')).toBe(false);
    // the same ETag again: 304, no bytes
    const again = await w.req('GET', ref.url, w.s.staff, { 'if-none-match': String(res.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
  });

  it('serves a pupil photo only to those who may see the pupil: 401, 403 for parents and governors, 404 at other sites', async () => {
    const ref = json<TPupilProfile>(await w.req('GET', `/api/v1/pupils/${pupil}`, w.s.office)).photo!;
    for (const who of [w.s.staff, w.s.lead, w.s.office, w.s.admin, w.s.head]) {
      expect((await w.req('GET', ref.url, who)).statusCode).toBe(200);
      expect((await w.req('GET', ref.thumbnailUrl, who)).statusCode).toBe(200);
    }
    expect((await w.req('GET', ref.url, null)).statusCode).toBe(401);
    // the parent portal shows no photos: the parent of this very child is refused, as is any other parent
    expect((await w.req('GET', ref.url, w.s.parent)).statusCode).toBe(403);
    expect((await w.req('GET', ref.thumbnailUrl, await w.addUser('parent', w.site1))).statusCode).toBe(403);
    expect((await w.req('GET', ref.url, w.s.governor)).statusCode).toBe(403);
    for (const role of ['staff', 'behaviour_lead', 'office'] as const) {
      const elsewhere = await w.addUser(role, w.site2);
      expect((await w.req('GET', ref.url, elsewhere)).statusCode, role).toBe(404);
      expect((await w.req('GET', ref.thumbnailUrl, elsewhere)).statusCode, role).toBe(404);
    }
    expect((await w.req('GET', `/api/v1/photos/${SOME_ID}`, w.s.staff)).statusCode).toBe(404);
    expect((await w.req('GET', '/api/v1/photos/not-an-id', w.s.staff)).statusCode).toBe(400);
  });

  it('lets office, leads and trust administrators change photos; staff 403; other sites 404; says so in allowed', async () => {
    const other = w.pupils1[3]!.id;
    const jpeg = await jpegWithGps(60, 80);
    expect((await w.put(null, photoUrl(other), jpeg)).statusCode).toBe(401);
    for (const who of [w.s.staff, w.s.governor, w.s.parent]) expect((await w.put(who, photoUrl(other), jpeg)).statusCode).toBe(403);
    expect((await w.req('DELETE', photoUrl(pupil), w.s.staff)).statusCode).toBe(403);
    expect((await w.put(await w.addUser('office', w.site2), photoUrl(other), jpeg)).statusCode).toBe(404);
    expect((await w.put(w.s.office, photoUrl(w.pupil2.id), jpeg)).statusCode).toBe(404);
    expect((await w.put(w.s.office, photoUrl(SOME_ID), jpeg)).statusCode).toBe(404);
    // staff here and behaviour lead at another site: past the gate, refused by the service for this site's pupil
    const mixed = await w.addUser('staff', w.site1, [['behaviour_lead', w.site2]]);
    expect((await w.put(mixed, photoUrl(other), jpeg)).statusCode).toBe(403);
    expect((await w.req('DELETE', photoUrl(pupil), mixed)).statusCode).toBe(403);
    expect((await w.put(w.s.admin, photoUrl(w.pupil2.id), jpeg)).statusCode).toBe(200);
    expect(json<TPupilProfile>(await w.req('GET', `/api/v1/pupils/${other}`, w.s.office)).allowed).toContain('managePhoto');
    expect(json<TPupilProfile>(await w.req('GET', `/api/v1/pupils/${other}`, w.s.staff)).allowed).not.toContain('managePhoto');
  });

  it('removes a photo: it is no longer served or listed, the removal is audited, and removing again is 404', async () => {
    const ref = json<TPhotoRef>(await w.put(w.s.office, photoUrl(w.pupils1[1]!.id), await png(50, 50)));
    const res = await w.req('DELETE', photoUrl(w.pupils1[1]!.id), w.s.lead);
    expect(res.statusCode).toBe(204);
    expect((await w.req('GET', ref.url, w.s.office)).statusCode).toBe(404);
    expect(json<TPupilProfile>(await w.req('GET', `/api/v1/pupils/${w.pupils1[1]!.id}`, w.s.office)).photo).toBeNull();
    expect(await audits('pupil.photo.remove', w.pupils1[1]!.id)).toBe(1);
    expect((await w.req('DELETE', photoUrl(w.pupils1[1]!.id), w.s.lead)).statusCode).toBe(404);
    // voided, never deleted (a retention purge removes it later)
    expect(await w.count('select count(*)::int as n from attachments where id = $1 and voided_at is not null', [ref.id])).toBe(1);
  });

  it('shows the photo on detention and isolation registers', async () => {
    for (const [table, route] of [['detention_assignments', 'detentions'], ['isolation_pupils', 'isolations']] as const) {
      const row = (await w.t.database.query<{ session_id: string; pupil_id: string }>(
        `select a.session_id, a.pupil_id from ${table} a join pupils p on p.id = a.pupil_id where p.site_id = $1 order by a.id limit 1`, [w.site1]))[0]!;
      const ref = json<TPhotoRef>(await w.put(w.s.office, photoUrl(row.pupil_id), await png(40, 40)));
      const session = json<{ pupils: { pupil: { id: string; photo?: TPhotoRef | null } }[] }>(await w.req('GET', `/api/v1/${route}/${row.session_id}`, w.s.lead));
      expect(session.pupils.find((x) => x.pupil.id === row.pupil_id)?.pupil.photo?.id, route).toBe(ref.id);
      expect(session.pupils.filter((x) => x.pupil.id !== row.pupil_id && x.pupil.photo).length, route).toBe(0);
    }
  });

  it("keeps a member of staff's photo, shown in the staff list to colleagues at the site and to no one elsewhere", async () => {
    const member = (await w.t.database.query<{ id: string }>('select id from staff_members where site_id = $1 and active order by id limit 1', [w.site1]))[0]!.id;
    const res = await w.put(w.s.office, `/api/v1/staff/${member}/photo`, await webp(), 'image/webp');
    expect(res.statusCode, res.body).toBe(200);
    const ref = json<TPhotoRef>(res);
    const list = json<z.infer<typeof ZStaffList>>(await w.req('GET', `/api/v1/staff?siteId=${w.site1}`, w.s.staff));
    expect(list.items.find((x) => x.id === member)?.photo?.id).toBe(ref.id);
    expect((await w.req('GET', ref.thumbnailUrl, w.s.staff)).statusCode).toBe(200);
    expect((await w.req('GET', ref.thumbnailUrl, await w.addUser('staff', w.site2))).statusCode).toBe(404);
    expect((await w.put(w.s.staff, `/api/v1/staff/${member}/photo`, await webp())).statusCode).toBe(403);
    expect(await audits('staff.photo.add', member)).toBe(1);
    expect((await w.req('DELETE', `/api/v1/staff/${member}/photo`, w.s.office)).statusCode).toBe(204);
    expect(await audits('staff.photo.remove', member)).toBe(1);
  });
});
