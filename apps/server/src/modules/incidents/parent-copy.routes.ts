/**
 * /api/v1/incidents/:id/parent-copies (LAW-12): the parent's copy of the record of a physical intervention, per pupil:
 * where each stands, the PDF preview, send and withhold. All for the leads and head of the incident's site.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZParentCopyList, ZParentCopyQuery, ZParentCopySend, ZParentCopyWithhold } from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as copies from './parent-copy.service.ts';

const idParams = z.object({ id: z.uuid() });
const tags = ['Incidents'];
const access = { access: { auth: 'permission', permission: 'restraint.parent_copy' } } as const;

export async function parentCopyRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/incidents/:id/parent-copies', {
    config: access,
    schema: { tags, summary: "Parents' copies of the record of a physical intervention, per pupil: sent, to send by hand, withheld or outstanding", params: idParams, response: { 200: ZParentCopyList } },
  }, async (req) => copies.listCopies(app.deps, requireActor(req), req.params.id));

  r.get('/api/v1/incidents/:id/parent-copies/preview', {
    config: access,
    schema: { tags, summary: "The parent's copy of the record for one pupil, as the PDF that would be sent (audited)", params: idParams, querystring: ZParentCopyQuery },
  }, async (req, reply) => {
    const l = await copies.previewCopy(app.deps, requireActor(req), auditContext(req), req.params.id, req.query.pupilId);
    return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${l.filename}"`)
      .header('cache-control', 'private, no-store').send(l.pdf);
  });

  r.post('/api/v1/incidents/:id/parent-copies/send', {
    config: access,
    schema: { tags, summary: "Send the parent's copy to the pupil's contacts with parental responsibility (email, else to send by hand); logged", params: idParams, body: ZParentCopySend, response: { 200: ZParentCopyList } },
  }, async (req) => copies.sendCopy(app.deps, requireActor(req), auditContext(req), req.params.id, req.body.pupilId, req.log));

  r.post('/api/v1/incidents/:id/parent-copies/withhold', {
    config: access,
    schema: { tags, summary: "Withhold the parent's copy, with the reason (risk of significant harm, or the pupil is 20 or over) and an explanation; audited", params: idParams, body: ZParentCopyWithhold, response: { 200: ZParentCopyList } },
  }, async (req) => copies.withholdCopy(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));
}
