/**
 * /api/v1/training (STF-1): the course catalogue, sessions with their registers and certificate issue, certificates
 * (recorded, revoked, imported from CSV/XLSX), the training matrix (JSON, CSV, XLSX), my training, line management.
 * Every route names its permission; the services check the site of each record through training.scope.ts.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZBookingInput, ZCertificate, ZCertificateImport, ZCertificateImportQuery, ZCertificateInput, ZCertificateList, ZCertificateQuery,
  ZCourse, ZCourseInput, ZCourseList, ZCourseUpdate, ZIssueResult, ZLineManagement, ZLineManagementEnd, ZLineManagementInput,
  ZLineManagementList, ZLineManagementQuery, ZMatrix, ZMatrixQuery, ZMyTraining, ZRegisterInput, ZSession, ZSessionInput,
  ZSessionList, ZSessionQuery,
} from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import { fieldError } from '../../core/http/errors.ts';
import * as courses from './courses.service.ts';
import * as sessions from './sessions.service.ts';
import * as certificates from './certificates.service.ts';
import * as importer from './certificates.import.ts';
import * as matrix from './matrix.service.ts';
import * as lines from './line-management.service.ts';

const tags = ['Training'];
const read = { access: { auth: 'permission', permission: ['training.read', 'training.own'] } } as const;
const readers = { access: { auth: 'permission', permission: 'training.read' } } as const;
const manage = { access: { auth: 'permission', permission: 'training.manage' } } as const;
const catalogue = { access: { auth: 'permission', permission: 'training.courses.manage' } } as const;
const own = { access: { auth: 'permission', permission: 'training.own' } } as const;
const idParams = z.object({ id: z.uuid() });
const ZVersion = z.strictObject({ version: z.number().int().min(1) });

export async function trainingRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/training/courses', { config: read, schema: { tags, summary: "The trust's course catalogue and the techniques a course may cover", response: { 200: ZCourseList } } },
    async (req) => courses.list(app.deps, requireActor(req)));
  r.post('/api/v1/training/courses', { config: catalogue, schema: { tags, summary: 'Add a course (audited)', body: ZCourseInput, response: { 201: ZCourse } } },
    async (req, reply) => reply.status(201).send(await courses.create(app.deps, requireActor(req), auditContext(req), req.body)));
  r.put('/api/v1/training/courses/:id', { config: catalogue, schema: { tags, summary: 'Change a course (versioned, audited)', params: idParams, body: ZCourseUpdate, response: { 200: ZCourse } } },
    async (req) => courses.update(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.get('/api/v1/training/sessions', { config: read, schema: { tags, summary: 'Training sessions at your sites (a member of staff: those booked on, or upcoming ones to book)', querystring: ZSessionQuery, response: { 200: ZSessionList } } },
    async (req) => sessions.list(app.deps, requireActor(req), req.query));
  r.post('/api/v1/training/sessions', { config: manage, schema: { tags, summary: 'Plan a session (a physical-skills course: at most 15 per instructor)', body: ZSessionInput, response: { 201: ZSession } } },
    async (req, reply) => reply.status(201).send(await sessions.create(app.deps, requireActor(req), auditContext(req), req.body)));
  r.get('/api/v1/training/sessions/:id', { config: read, schema: { tags, summary: 'A session, with its register for those who read the site\'s training', params: idParams, response: { 200: ZSession } } },
    async (req) => sessions.get(app.deps, requireActor(req), req.params.id));
  r.post('/api/v1/training/sessions/:id/bookings', { config: manage, schema: { tags, summary: 'Book members of staff onto a session (never beyond its capacity)', params: idParams, body: ZBookingInput, response: { 200: ZSession } } },
    async (req) => sessions.book(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));
  r.post('/api/v1/training/sessions/:id/book-me', { config: own, schema: { tags, summary: 'Book yourself onto an upcoming session (a refresher)', params: idParams, response: { 200: ZSession } } },
    async (req) => sessions.bookMe(app.deps, requireActor(req), auditContext(req), req.params.id));
  r.put('/api/v1/training/sessions/:id/register', { config: manage, schema: { tags, summary: 'Take the register: attendance and competence per technique (versioned per entry)', params: idParams, body: ZRegisterInput, response: { 200: ZSession } } },
    async (req) => sessions.register(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));
  r.post('/api/v1/training/sessions/:id/issue', { config: manage, schema: { tags, summary: 'Issue certificates from the register for the techniques passed; the session is then completed', params: idParams, response: { 200: ZIssueResult } } },
    async (req) => sessions.issue(app.deps, requireActor(req), auditContext(req), req.params.id));
  r.post('/api/v1/training/sessions/:id/cancel', { config: manage, schema: { tags, summary: 'Cancel a planned session', params: idParams, body: ZVersion, response: { 200: ZSession } } },
    async (req) => sessions.cancel(app.deps, requireActor(req), auditContext(req), req.params.id, req.body.version));

  r.get('/api/v1/training/certificates', { config: read, schema: { tags, summary: "Certificates of a member of staff (yourself, those you line-manage, or your sites') or of your sites", querystring: ZCertificateQuery, response: { 200: ZCertificateList } } },
    async (req) => certificates.list(app.deps, requireActor(req), req.query));
  r.post('/api/v1/training/certificates', { config: manage, schema: { tags, summary: 'Record a certificate held (expiry from the course)', body: ZCertificateInput, response: { 201: ZCertificate } } },
    async (req, reply) => reply.status(201).send(await certificates.record(app.deps, requireActor(req), auditContext(req), req.body)));
  r.post('/api/v1/training/certificates/:id/revoke', { config: manage, schema: { tags, summary: 'Revoke a certificate recorded in error (audited; it stays on record)', params: idParams, response: { 200: ZCertificate } } },
    async (req) => certificates.revoke(app.deps, requireActor(req), auditContext(req), req.params.id));
  r.get('/api/v1/training/me', { config: own, schema: { tags, summary: 'My training: my certificates and line manager', response: { 200: ZMyTraining } } },
    async (req) => certificates.mine(app.deps, requireActor(req)));

  // The matrix is built field by field (matrix.service.ts buildMatrix: nothing outside the contract) and a trust's has
  // 20,000 cells: it is written as built rather than passed through its response schema again (a tenth of its time).
  r.get('/api/v1/training/matrix', { config: readers, serializerCompiler: () => (data) => JSON.stringify(data), schema: { tags, summary: 'Who holds what on a day (valid, expiring, in grace, expired, never trained); format=csv|xlsx downloads it', querystring: ZMatrixQuery, response: { 200: ZMatrix } } },
    async (req, reply) => {
      const actor = requireActor(req);
      if (req.query.format !== 'json') return matrix.exportMatrix(app.deps, req, reply, actor, req.query, req.query.format);
      return matrix.matrix(app.deps, actor, req.query);
    });

  r.get('/api/v1/training/line-management', { config: readers, schema: { tags, summary: 'Who manages whom at your sites (either person working there)', querystring: ZLineManagementQuery, response: { 200: ZLineManagementList } } },
    async (req) => lines.list(app.deps, requireActor(req), req.query));
  r.post('/api/v1/training/line-management', { config: manage, schema: { tags, summary: 'Record a line manager from a date (one at a time; across sites)', body: ZLineManagementInput, response: { 201: ZLineManagement } } },
    async (req, reply) => reply.status(201).send(await lines.create(app.deps, requireActor(req), auditContext(req), req.body)));
  r.post('/api/v1/training/line-management/:id/end', { config: manage, schema: { tags, summary: 'End a line management on a day (versioned, audited)', params: idParams, body: ZLineManagementEnd, response: { 200: ZLineManagement } } },
    async (req) => lines.end(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  // The import takes the file itself as the body; without fileHash it previews, with the preview's hash it commits.
  await app.register(async (scoped) => {
    scoped.removeAllContentTypeParsers();
    scoped.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: importer.CERTIFICATE_IMPORT_MAX_BYTES }, (_req, body, done) => done(null, body));
    scoped.withTypeProvider<ZodTypeProvider>().post('/api/v1/training/certificates/import', {
      config: manage,
      bodyLimit: importer.CERTIFICATE_IMPORT_MAX_BYTES,
      schema: { tags, querystring: ZCertificateImportQuery, response: { 200: ZCertificateImport },
        summary: 'Import existing certificates from CSV or XLSX: preview (no fileHash), then commit the same file with the preview\'s fileHash' },
    }, async (req) => {
      if (!Buffer.isBuffer(req.body)) throw fieldError('body', 'Send the file as the body.');
      const actor = requireActor(req);
      return req.query.fileHash ? importer.commit(app.deps, actor, auditContext(req), req.body, req.query.fileHash) : importer.preview(app.deps, actor, req.body);
    });
  });
}
