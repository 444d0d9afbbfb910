/**
 * /api/v1/pupils/:id/cp-transfers, /api/v1/cp-transfers/* (the DSL of the pupil's site) and the public
 * /api/v1/cp-transfer-link/* calls of the one-time link's page (the token in the body, never in an address).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZCpLinkInfo, ZCpLinkReceipt, ZCpLinkToken, ZCpTransfer, ZCpTransferCreate, ZCpTransferLink, ZCpTransferPack, ZCpTransferPacked, ZCpTransferReceipt,
  ZCpTransfersOfPupil, ZOk,
} from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import { sendFile } from '../../core/http/download.ts';
import * as service from './cp-transfer.service.ts';
import * as release from './cp-transfer.release.ts';

const tags = ['Child-protection transfers'];
const params = z.object({ id: z.uuid() });
const dsl = { access: { auth: 'permission', permission: 'safeguarding.transfer' } } as const;

export async function cpTransferRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Sealed content and one-time secrets must not be kept by a browser or proxy cache.
  app.addHook('onSend', async (_req, reply, payload) => { reply.header('cache-control', 'no-store'); return payload; });
  const publicLimit = { access: { auth: 'public' }, rateLimit: { max: app.deps.config.login.ratePerMinute, timeWindow: '1 minute' } } as const;

  r.get('/api/v1/pupils/:id/cp-transfers', {
    config: dsl,
    schema: { tags, summary: "A pupil's child-protection file transfers and what a pack can hold (the DSL of the pupil's site; audited)", params, response: { 200: ZCpTransfersOfPupil } },
  }, async (req) => service.ofPupil(app.deps, requireActor(req), auditContext(req), req.params.id));

  r.post('/api/v1/cp-transfers', {
    config: dsl,
    schema: { tags, summary: 'Start the transfer of a leaving pupil\'s child-protection file: due 5 school days after the leaving date', body: ZCpTransferCreate, response: { 201: ZCpTransfer } },
  }, async (req, reply) => reply.status(201).send(await service.create(app.deps, requireActor(req), auditContext(req), req.body)));

  r.get('/api/v1/cp-transfers/:id', {
    config: dsl, schema: { tags, summary: 'One transfer (audited)', params, response: { 200: ZCpTransfer } },
  }, async (req) => service.get(app.deps, requireActor(req), auditContext(req), req.params.id));

  r.post('/api/v1/cp-transfers/:id/pack', {
    config: dsl,
    schema: { tags, summary: 'Build the pack (PDF and documents, zipped) and encrypt it with OpenPGP to a passphrase (shown once) or the receiving DSL\'s public key', params, body: ZCpTransferPack, response: { 200: ZCpTransferPacked } },
  }, async (req) => service.pack(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.get('/api/v1/cp-transfers/:id/pack', {
    config: dsl, schema: { tags, summary: 'Download the encrypted pack (.pgp) to send it; the first download marks the file sent (audited)', params },
  }, async (req, reply) => sendFile(reply, await release.download(app.deps, requireActor(req), auditContext(req), req.params.id)));

  r.post('/api/v1/cp-transfers/:id/link', {
    config: dsl,
    schema: { tags, summary: 'Make a one-time link for the receiving DSL (shown once; any earlier link stops working); the file counts as sent', params, response: { 201: ZCpTransferLink } },
  }, async (req, reply) => reply.status(201).send(await release.issueLink(app.deps, requireActor(req), auditContext(req), req.params.id)));

  r.post('/api/v1/cp-transfers/:id/receipt', {
    config: dsl,
    schema: { tags, summary: 'Record that the receiving school confirmed the receipt (date and name)', params, body: ZCpTransferReceipt, response: { 200: ZCpTransfer } },
  }, async (req) => release.recordReceipt(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  const ptags = ['Child-protection transfers (receiving school)'];
  r.post('/api/v1/cp-transfer-link', {
    config: publicLimit,
    schema: { tags: ptags, summary: 'What a one-time link holds (404 unknown; 410 expired or finished)', body: ZCpLinkToken, response: { 200: ZCpLinkInfo } },
  }, async (req) => release.linkInfo(app.deps, req.body.token));

  r.post('/api/v1/cp-transfer-link/download', {
    config: publicLimit,
    schema: { tags: ptags, summary: 'Download the encrypted file, once, without signing in (then 410)', body: ZCpLinkToken },
  }, async (req, reply) => sendFile(reply, await release.linkDownload(app.deps, auditContext(req, null), req.body.token)));

  r.post('/api/v1/cp-transfer-link/receipt', {
    config: publicLimit,
    schema: { tags: ptags, summary: 'Confirm the receipt of the file, once, after downloading it', body: ZCpLinkReceipt, response: { 200: ZOk } },
  }, async (req) => release.linkReceipt(app.deps, auditContext(req, null), req.body));
}
