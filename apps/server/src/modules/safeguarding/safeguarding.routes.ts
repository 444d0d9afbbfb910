/**
 * /api/v1/safeguarding-concerns and /api/v1/pupils/:id/safeguarding-chronology (INC-4, LAW-11).
 * Single-concern routes are open to any signed-in user at the gate on purpose: the service answers 404 to anyone who
 * is not a DSL of the concern's site, so a head or the author learns no more than from a concern that does not exist.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZSafeguardingChronology, ZSafeguardingConcern, ZSafeguardingConcernInput, ZSafeguardingConcernList, ZSafeguardingListQuery,
  ZSafeguardingReceipt, ZSafeguardingTriage,
} from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import { mailerFor } from '../../core/mail/mailer.ts';
import * as service from './safeguarding.service.ts';

const tags = ['Safeguarding'];
const params = z.object({ id: z.uuid() });

export async function safeguardingRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Emails to DSLs go out after commit in the background; let them finish (bounded by SMTP timeouts) before the
  // database closes. This module is the first to send email; the hook moves to core/mail when others do.
  app.addHook('onClose', async () => { const mailer = mailerFor(app.deps); await mailer.idle(); mailer.close(); });
  // Sealed content must not be kept by a browser or proxy cache: every answer of this module is no-store.
  app.addHook('onSend', async (_req, reply, payload) => { reply.header('cache-control', 'no-store'); return payload; });

  r.post('/api/v1/safeguarding-concerns', {
    config: { access: { auth: 'permission', permission: 'safeguarding.raise' } },
    schema: {
      tags, summary: 'Raise a sealed safeguarding concern. Returns a receipt only; the DSLs of the site are notified at once',
      body: ZSafeguardingConcernInput, response: { 201: ZSafeguardingReceipt },
    },
  }, async (req, reply) => {
    const receipt = await service.raise(app.deps, requireActor(req), auditContext(req), req.body, req.log);
    return reply.status(201).send(receipt);
  });

  r.get('/api/v1/safeguarding-concerns', {
    config: { access: { auth: 'permission', permission: 'safeguarding.read' } },
    schema: {
      tags, summary: "The DSL's inbox: concerns at the caller's DSL sites, newest first (no text; the read is audited)",
      querystring: ZSafeguardingListQuery, response: { 200: ZSafeguardingConcernList },
    },
  }, async (req) => service.list(app.deps, requireActor(req), auditContext(req), req.query));

  r.get('/api/v1/safeguarding-concerns/:id', {
    config: { access: { auth: 'user' } },
    schema: {
      tags, summary: 'A concern in full, for a DSL of its site (every read is audited); 404 for everyone else',
      params, response: { 200: ZSafeguardingConcern },
    },
  }, async (req) => service.get(app.deps, requireActor(req), auditContext(req), req.params.id));

  r.patch('/api/v1/safeguarding-concerns/:id/triage', {
    config: { access: { auth: 'user', area: 'safeguarding' } },
    schema: {
      tags, summary: "Record the DSL's triage decision (optimistic concurrency on version); 404 for anyone but a DSL of the site",
      params, body: ZSafeguardingTriage, response: { 200: ZSafeguardingConcern },
    },
  }, async (req) => service.triage(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.get('/api/v1/pupils/:id/safeguarding-chronology', {
    config: { access: { auth: 'permission', permission: 'safeguarding.read' } },
    schema: {
      tags, summary: "A pupil's safeguarding chronology, newest first, for the DSL of the pupil's site (audited)",
      params, response: { 200: ZSafeguardingChronology },
    },
  }, async (req) => service.chronology(app.deps, requireActor(req), auditContext(req), req.params.id));
}
