/** /api/v1/exclusion-contacts: whom each site tells about exclusions, and how parents make representations. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZExclusionContacts, ZExclusionContactsInput } from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as service from './exclusion-contacts.service.ts';

export async function exclusionContactsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const config = { access: { auth: 'permission', permission: 'exclusion-contacts.manage' } } as const;
  const tags = ['Suspensions and exclusions'];
  r.get('/api/v1/exclusion-contacts', { config, schema: { tags, summary: 'The exclusion contacts of each site where you keep them', response: { 200: z.object({ items: z.array(ZExclusionContacts) }) } } },
    async (req) => service.list(app.deps, requireActor(req)));
  r.put('/api/v1/exclusion-contacts/:siteId', { config, schema: { tags, summary: "Save a site's exclusion contacts: local authority, clerk to the governors, virtual school head", params: z.object({ siteId: z.uuid() }), body: ZExclusionContactsInput, response: { 200: ZExclusionContacts } } },
    async (req) => service.save(app.deps, requireActor(req), auditContext(req), req.params.siteId, req.body));
}
