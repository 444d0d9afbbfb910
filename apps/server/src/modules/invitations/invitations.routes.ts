/**
 * /api/v1/admin/users/invitations, /api/v1/invitations/*, /api/v1/pupils/:id/portal-access, and the public
 * /api/v1/auth/invitation and /api/v1/auth/invitation/accept (the set-password page; the token goes in the body,
 * never in an address, so no log line carries it).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZInvitation, ZInvitationAccept, ZInvitationCheck, ZInvitationToken, ZLoginResult, ZParentInvite, ZPortalAccessList, ZStaffInvite, ZUserInvitationState,
} from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import { setSessionCookies } from '../auth/authenticate.ts';
import * as invitations from './invitations.service.ts';
import * as parents from './parents.service.ts';
import * as acceptance from './invitations.accept.ts';

const idParams = z.object({ id: z.uuid() });

export async function invitationRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['Invitations'];
  const userAccess = { access: { auth: 'permission', permission: 'user.manage' } } as const;
  const anyInviter = { access: { auth: 'permission', permission: ['user.manage', 'people.manage', 'agency.share.manage'] } } as const;
  const publicLimit = { access: { auth: 'public' }, rateLimit: { max: app.deps.config.login.ratePerMinute, timeWindow: '1 minute' } } as const;

  r.post('/api/v1/admin/users/invitations', {
    config: userAccess,
    schema: { tags, summary: 'Invite a member of staff: the account is made with its roles and no password; they set one from the emailed link', body: ZStaffInvite, response: { 201: ZInvitation } },
  }, async (req, reply) => reply.status(201).send(await invitations.inviteStaff(app.deps, requireActor(req), auditContext(req), req.body, req.log)));

  r.get('/api/v1/admin/users/:id/invitation', {
    config: userAccess,
    schema: { tags, summary: "Whether a user has set a password, and their latest invitation", params: idParams, response: { 200: ZUserInvitationState } },
  }, async (req) => invitations.stateOfUser(app.deps, requireActor(req), req.params.id));

  r.post('/api/v1/admin/users/:id/invitation', {
    config: userAccess,
    schema: { tags, summary: 'Email a user a set-password link (any earlier link stops working)', params: idParams, response: { 201: ZInvitation } },
  }, async (req, reply) => reply.status(201).send(await invitations.inviteExistingUser(app.deps, requireActor(req), auditContext(req), req.params.id, req.log)));

  r.post('/api/v1/invitations/parents', {
    config: { access: { auth: 'permission', permission: 'people.manage' } },
    schema: { tags, summary: "Invite a parent or carer to the parent portal, linked to their contact records (the office of every child's site)", body: ZParentInvite, response: { 201: ZInvitation } },
  }, async (req, reply) => reply.status(201).send(await parents.inviteParent(app.deps, requireActor(req), auditContext(req), req.body, req.log)));

  r.get('/api/v1/pupils/:id/portal-access', {
    config: { access: { auth: 'permission', permission: 'people.manage' } },
    schema: { tags, summary: "A pupil's contacts and their parent-portal accounts (the office of the pupil's site)", params: idParams, response: { 200: ZPortalAccessList } },
  }, async (req) => parents.portalAccessOf(app.deps, requireActor(req), req.params.id));

  r.post('/api/v1/invitations/:id/resend', {
    config: anyInviter,
    schema: { tags, summary: 'Send a new link in place of this invitation (the old link stops working)', params: idParams, response: { 201: ZInvitation } },
  }, async (req, reply) => reply.status(201).send(await invitations.resend(app.deps, requireActor(req), auditContext(req), req.params.id, req.log)));

  r.delete('/api/v1/invitations/:id', {
    config: anyInviter,
    schema: { tags, summary: 'Withdraw an invitation: its link stops working', params: idParams, response: { 200: ZInvitation } },
  }, async (req) => invitations.revoke(app.deps, requireActor(req), auditContext(req), req.params.id));

  r.post('/api/v1/auth/invitation', {
    config: publicLimit,
    schema: { tags: ['Sign-in'], summary: 'Check a set-password link (404 unknown; 410 used, expired or withdrawn)', body: ZInvitationToken, response: { 200: ZInvitationCheck } },
  }, async (req) => acceptance.check(app.deps, req.body.token));

  r.post('/api/v1/auth/invitation/accept', {
    config: publicLimit,
    schema: { tags: ['Sign-in'], summary: 'Set your password from an invitation and sign in (through two-factor when your role requires it)', body: ZInvitationAccept, response: { 200: ZLoginResult } },
  }, async (req, reply) => {
    const out = await acceptance.accept(app.deps, req.body, { ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null, audit: auditContext(req, null) });
    if (out.session) setSessionCookies(app, reply, out.session);
    return out.result;
  });
}
