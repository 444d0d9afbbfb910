/**
 * Photos of pupils and staff: PUT (the body is the image) and DELETE on /pupils/:id/photo and /staff/:id/photo,
 * GET /photos/:id and /photos/:id/thumbnail (JPEG, private caching, nosniff), and POST /photos/import (a zip).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PHOTO_MAX_BYTES, PHOTO_ZIP_MAX_BYTES, ZPhotoImportQuery, ZPhotoImportResult, ZPhotoRef } from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as service from './photos.service.ts';
import { importPhotos } from './photos.import.ts';
import type { OwnerKind } from './photos.repo.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['Photos'];
const manage = { access: { auth: 'permission', permission: 'photo.manage' } } as const;
const view = { access: { auth: 'permission', permission: ['pupil.read', 'behaviour.record', 'people.manage', 'photo.manage'] } } as const;
const OWNERS: [OwnerKind, string, string][] = [['pupil', 'pupils', "a pupil's"], ['staff', 'staff', "a member of staff's"]];

async function sendPhoto(reply: FastifyReply, ifNoneMatch: string | undefined, f: { data: Buffer; etag: string }) {
  reply.header('cache-control', 'private, max-age=600').header('etag', f.etag).header('x-content-type-options', 'nosniff')
    .header('content-disposition', 'inline; filename="photo.jpg"').header('cross-origin-resource-policy', 'same-origin');
  if (ifNoneMatch === f.etag) return reply.status(304).send();
  return reply.header('content-type', 'image/jpeg').send(f.data);
}

export async function photoRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  for (const variant of ['photo', 'thumbnail'] as const) {
    r.get(variant === 'photo' ? '/api/v1/photos/:id' : '/api/v1/photos/:id/thumbnail', {
      config: view,
      schema: {
        tags, params: idParams,
        summary: variant === 'photo'
          ? "A pupil's or member of staff's photo (JPEG), for whoever may see them: 404 for anyone else, or once it is replaced or removed"
          : 'The 96 × 96 thumbnail of a photo, for lists (the same access as the photo)',
      },
    }, async (req, reply) => sendPhoto(reply, req.headers['if-none-match'], await service.readPhoto(app.deps, requireActor(req), req.params.id, variant)));
  }

  for (const [kind, path, whose] of OWNERS) {
    r.delete(`/api/v1/${path}/:id/photo`, {
      config: manage,
      schema: { tags, summary: `Remove ${whose} photo (audited; it is no longer shown or served)`, params: idParams, response: { 204: z.null() } },
    }, async (req, reply) => {
      await service.removePhoto(app.deps, requireActor(req), auditContext(req), kind, req.params.id);
      return reply.status(204).send(null);
    });
  }

  // Uploads take the file itself as the body, so they get their own parsers: any type arrives as raw bytes, and the
  // service decides what it is from the bytes alone.
  await app.register(async (scoped) => {
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: PHOTO_ZIP_MAX_BYTES }, (_req, body, done) => done(null, body));
    const s = scoped.withTypeProvider<ZodTypeProvider>();
    for (const [kind, path, whose] of OWNERS) {
      s.put(`/api/v1/${path}/:id/photo`, {
        config: manage,
        bodyLimit: PHOTO_MAX_BYTES,
        schema: {
          tags, params: idParams, response: { 200: ZPhotoRef },
          summary: `Add or replace ${whose} photo: the body is the image, JPEG, PNG or WebP (judged by its bytes, whatever the Content-Type), at most 10 MB. It is re-encoded as a JPEG without its metadata (EXIF, GPS).`,
        },
      }, async (req) => service.setPhoto(app.deps, requireActor(req), auditContext(req), kind, req.params.id, req.body));
    }
    s.post('/api/v1/photos/import', {
      config: { access: { auth: 'permission', permission: 'people.manage' } },
      bodyLimit: PHOTO_ZIP_MAX_BYTES,
      schema: {
        tags, querystring: ZPhotoImportQuery, response: { 200: ZPhotoImportResult },
        summary: 'Import a zip of photos named <UPN>.jpg (kind=pupils) or <staff code>.jpg (kind=staff) for a site, at most 100 MB: all or nothing; files named for no one at the site are left out and listed; dryRun=true saves nothing',
      },
    }, async (req) => importPhotos(app.deps, requireActor(req), auditContext(req), req.query, req.body));
  });
}
