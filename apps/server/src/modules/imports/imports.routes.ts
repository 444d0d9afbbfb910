/**
 * /api/v1/imports: upload a CSV or XLSX file, or a CTF (kind=ctf), for preview (the body is the file), re-map its
 * columns, commit it by id with the previewed file's SHA-256, and list past imports. Every route needs people.manage
 * (office staff at their sites, trust administrators across the trust). A body over the kind's limit is refused from
 * its Content-Length, before it is read.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CTF_MAX_BYTES, IMPORT_MAX_BYTES, ZImport, ZImportCommit, ZImportList, ZImportListQuery, ZImportPreview, ZImportQuery, ZImportRemap,
} from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import { fieldError } from '../../core/http/errors.ts';
import * as service from './imports.service.ts';

const tags = ['Imports'];
const access = { access: { auth: 'permission', permission: 'people.manage' } } as const;
const idParams = z.object({ id: z.uuid() });

export async function importRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/imports', {
    config: access,
    schema: { tags, summary: "Past imports at the caller's sites, newest first (who, when, file hash, kind, counts)", querystring: ZImportListQuery, response: { 200: ZImportList } },
  }, async (req) => service.list(app.deps, requireActor(req), req.query));

  r.get('/api/v1/imports/:id', {
    config: access,
    schema: { tags, summary: 'A previewed import again (problems by row and column, what it would add, change and leave out)', params: idParams, response: { 200: ZImportPreview } },
  }, async (req) => service.remap(app.deps, requireActor(req), auditContext(req), req.params.id, null));

  r.post('/api/v1/imports/:id/mapping', {
    config: access,
    schema: { tags, summary: 'Preview a previewed import again with another column mapping (field → column index)', params: idParams, body: ZImportRemap, response: { 200: ZImportPreview } },
  }, async (req) => service.remap(app.deps, requireActor(req), auditContext(req), req.params.id, req.body.mapping));

  r.post('/api/v1/imports/:id/commit', {
    config: access,
    schema: { tags, summary: 'Import a previewed file: everything or nothing, in one transaction (fileHash: the SHA-256 the preview reported)', params: idParams, body: ZImportCommit, response: { 200: ZImport } },
  }, async (req) => service.commit(app.deps, requireActor(req), auditContext(req), req.params.id, req.body.fileHash));

  // The upload takes the file itself as the body (any content type arrives as bytes; the format is read from them).
  await app.register(async (scoped) => {
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: CTF_MAX_BYTES }, (_req, body, done) => done(null, body));
    scoped.withTypeProvider<ZodTypeProvider>().post('/api/v1/imports', {
      config: access,
      bodyLimit: CTF_MAX_BYTES,
      onRequest: async (req) => {
        const declared = Number(req.headers['content-length'] ?? 0);
        const limit = service.maxBytes((req.query as { kind?: string }).kind === 'ctf' ? 'ctf' : 'pupils');
        if (declared > limit) throw fieldError('body', `The file is ${(declared / 1048576).toFixed(1)} MB; this import takes at most ${limit / 1048576} MB.`);
      },
      schema: {
        tags, querystring: ZImportQuery, response: { 201: ZImportPreview },
        summary: `Upload a CSV (UTF-8 with or without BOM, Windows-1252, UTF-16) or XLSX file (at most ${IMPORT_MAX_BYTES / 1048576} MB), or a DfE common transfer file as XML with kind=ctf (at most ${CTF_MAX_BYTES / 1048576} MB), for preview; nothing but the import record is written.`,
      },
    }, async (req, reply) => reply.status(201).send(await service.preview(app.deps, requireActor(req), auditContext(req), req.query, req.body)));
  });
}
