/**
 * Bulk photo import: a zip of <UPN>.jpg (or <staff code>.jpg) for one site, by those who keep its records. Unknown
 * names and non-images are left out and named; one unreadable photo refuses the whole zip naming the file; a dry run
 * saves nothing; a re-import of the same zip changes nothing; every change is audited, and the import as a whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import type { TPhotoImportResult, TPupilProfile } from '@haven/contracts';
import { dbKinds, json, type Session } from '../harness.ts';
import { HTML, jpegWithGps, photoWorld, png, webp, type PhotoWorld } from './photos.fixtures.ts';

interface ErrorBody { error: { code: string; message: string; fields?: { field: string; message: string }[] } }

describe.each(dbKinds())('photo import on %s', (kind) => {
  let w: PhotoWorld;
  const upload = (who: Session | null, siteId: string, body: Buffer | Uint8Array, query = '') =>
    w.t.app.inject({ method: 'POST', url: `/api/v1/photos/import?siteId=${siteId}${query}`, payload: Buffer.from(body), headers: { ...(who?.headers ?? {}), 'content-type': 'application/zip' } });
  const photos = () => w.count(`select count(*)::int as n from attachments where owner_type = 'pupil_photo'`);

  beforeAll(async () => { w = await photoWorld(kind); }, 60_000);
  afterAll(async () => { await w?.t.close(); });

  it('imports photos named by UPN (any case, any folder), names unknown UPNs and other files, and audits each change', async () => {
    const [a, b, c] = w.pupils1;
    const zip = zipSync({
      [`${a!.upn}.jpg`]: await jpegWithGps(300, 400),
      [`Year 9/${b!.upn.toLowerCase()}.PNG`]: await png(),
      [`${c!.upn}.webp`]: await webp(),
      'A999999999999.jpg': await png(),
      [`${w.pupil2.upn}.jpg`]: await png(),
      'read me.txt': strToU8('Photos from the photographer, autumn term'),
      '__MACOSX/._x.jpg': strToU8('resource fork'),
    });
    const before = await photos();
    const dry = await upload(w.s.office, w.site1, zip, '&dryRun=true');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(json<TPhotoImportResult>(dry)).toMatchObject({ dryRun: true, images: 5, added: 3, replaced: 0, unchanged: 0 });
    expect(await photos()).toBe(before);

    const res = json<TPhotoImportResult>(await upload(w.s.office, w.site1, zip));
    // a pupil at another site of the trust is not this site's: unknown here
    expect(res).toMatchObject({ dryRun: false, kind: 'pupils', images: 5, added: 3, replaced: 0, unchanged: 0,
      unknown: ['A999999999999.jpg', `${w.pupil2.upn}.jpg`].sort(), ignored: ['read me.txt'] });
    expect(res.fileHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await photos()).toBe(before + 3);
    for (const p of [a!, b!, c!]) {
      expect(json<TPupilProfile>(await w.req('GET', `/api/v1/pupils/${p.id}`, w.s.staff)).photo).not.toBeNull();
      expect(await w.count(`select count(*)::int as n from audit_entries where action = 'pupil.photo.add' and entity_id = $1 and details->>'source' = 'import'`, [p.id])).toBe(1);
    }
    expect(await w.count(`select count(*)::int as n from audit_entries where action = 'photo.import' and details->>'fileHash' = $1`, [res.fileHash])).toBe(1);

    // the same zip again changes nothing; a new photo for one pupil replaces only theirs
    expect(json<TPhotoImportResult>(await upload(w.s.office, w.site1, zip))).toMatchObject({ added: 0, replaced: 0, unchanged: 3 });
    expect(await photos()).toBe(before + 3);
    const one = json<TPhotoImportResult>(await upload(w.s.admin, w.site1, zipSync({ [`${a!.upn}.jpeg`]: await webp(80, 80) })));
    expect(one).toMatchObject({ added: 0, replaced: 1, unchanged: 0, unknown: [] });
    expect(await w.count(`select count(*)::int as n from audit_entries where action = 'pupil.photo.replace' and entity_id = $1`, [a!.id])).toBe(1);
  });

  it('refuses the whole zip, naming every file, when a photo of a known pupil cannot be used; nothing is saved', async () => {
    const [, , , d] = w.pupils1;
    const before = await photos();
    const zip = zipSync({
      [`${d!.upn}.jpg`]: new Uint8Array(HTML),
      [`photos/${w.pupils1[0]!.upn}.jpg`]: await png(),
      [`photos/again/${w.pupils1[0]!.upn}.png`]: await png(),
    });
    const res = await upload(w.s.office, w.site1, zip);
    expect(res.statusCode).toBe(400);
    const e = json<ErrorBody>(res).error;
    expect(e.code).toBe('import_problems');
    expect(e.message).toMatch(/Nothing was imported: 2 photos/);
    const byFile = new Map(e.fields?.map((f) => [f.field, f.message]));
    expect([...byFile.keys()].sort()).toEqual([`${d!.upn}.jpg`, `photos/again/${w.pupils1[0]!.upn}.png`].sort());
    expect(byFile.get(`${d!.upn}.jpg`)).toMatch(/not a JPEG, PNG or WebP/);
    expect(byFile.get(`photos/again/${w.pupils1[0]!.upn}.png`)).toMatch(/same UPN/);
    expect(await photos()).toBe(before);
  });

  it('answers a file that is not a zip, an empty body, a zip without photos and bad parameters with 400 naming the field', async () => {
    for (const [body, field] of [[HTML, 'file'], [Buffer.alloc(0), 'file'], [Buffer.from(zipSync({ 'a.txt': strToU8('x') })), 'file']] as const) {
      const res = await upload(w.s.office, w.site1, body);
      expect(res.statusCode).toBe(400);
      expect(json<ErrorBody>(res).error.fields?.[0]?.field).toBe(field);
    }
    const badKind = await upload(w.s.office, w.site1, zipSync({}), '&kind=parents');
    expect(badKind.statusCode).toBe(400);
    expect(json<ErrorBody>(badKind).error.fields?.[0]?.field).toBe('kind');
  });

  it('refuses anonymous callers, roles that do not keep records, and other sites', async () => {
    const zip = zipSync({ [`${w.pupils1[0]!.upn}.jpg`]: await png() });
    expect((await upload(null, w.site1, zip)).statusCode).toBe(401);
    for (const who of [w.s.staff, w.s.lead, w.s.parent, w.s.governor]) expect((await upload(who, w.site1, zip)).statusCode).toBe(403);
    expect((await upload(w.s.office, w.site2, zip)).statusCode).toBe(403);
    expect((await upload(w.s.admin, '0190a6c4-0000-7000-8000-000000000000', zip)).statusCode).toBe(404);
  });

  it('imports staff photos named by staff code', async () => {
    const member = (await w.t.database.query<{ id: string }>('select id from staff_members where site_id = $1 and active order by id limit 1', [w.site1]))[0]!.id;
    await w.t.database.query(`update staff_members set staff_code = 'ZQX' where id = $1`, [member]);
    const res = await upload(w.s.office, w.site1, zipSync({ 'zqx.jpg': await png(), 'NOBODY.jpg': await png() }), '&kind=staff');
    expect(res.statusCode, res.body).toBe(200);
    expect(json<TPhotoImportResult>(res)).toMatchObject({ kind: 'staff', added: 1, unknown: ['NOBODY.jpg'] });
    expect(await w.count(`select count(*)::int as n from audit_entries where action = 'staff.photo.add' and entity_id = $1`, [member])).toBe(1);
  });
});
