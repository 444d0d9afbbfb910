/** /api/v1/rewards: milestones, a pupil's points and milestones, ratios and a leaderboard (SAN-5). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZLeaderboard, ZLeaderboardQuery, ZMilestone, ZMilestoneInput, ZMilestoneList, ZMilestoneUpdate, ZPupilRewards, ZRatio, ZRatioQuery, ZRewardGroups, ZSiteQuery } from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as service from './rewards.service.ts';

const tags = ['Rewards'];
const params = z.object({ id: z.uuid() });
const read = { auth: 'permission', permission: 'rewards.read' } as const;
const manage = { auth: 'permission', permission: 'rewards.manage' } as const;

export async function rewardRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/rewards/milestones', {
    config: { access: manage },
    schema: { tags, summary: 'Reward milestones (trust-wide and your sites’)', querystring: ZSiteQuery, response: { 200: ZMilestoneList } },
  }, async (req) => service.listMilestones(app.deps, requireActor(req), req.query.siteId));

  r.post('/api/v1/rewards/milestones', {
    config: { access: manage },
    schema: { tags, summary: 'Add a milestone (e.g. Bronze at 50 points in the academic year)', body: ZMilestoneInput, response: { 201: ZMilestone } },
  }, async (req, reply) => reply.status(201).send(await service.createMilestone(app.deps, requireActor(req), auditContext(req), req.body)));

  r.patch('/api/v1/rewards/milestones/:id', {
    config: { access: manage },
    schema: { tags, summary: 'Change or deactivate a milestone', params, body: ZMilestoneUpdate, response: { 200: ZMilestone } },
  }, async (req) => service.updateMilestone(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.get('/api/v1/rewards/pupils/:id', {
    config: { access: read },
    schema: { tags, summary: "A pupil's points this academic year, milestones reached and next, and positive-to-negative ratio", params, response: { 200: ZPupilRewards } },
  }, async (req) => service.pupilRewards(app.deps, requireActor(req), req.params.id));

  r.get('/api/v1/rewards/ratio', {
    config: { access: read },
    schema: { tags, summary: 'Positive-to-negative ratio of a pupil, a group, a member of staff (who recorded) or a site over a range', querystring: ZRatioQuery, response: { 200: ZRatio } },
  }, async (req) => service.ratioFor(app.deps, requireActor(req), req.query));

  r.get('/api/v1/rewards/leaderboard', {
    config: { access: read },
    schema: { tags, summary: 'Pupils with the most points this academic year, at a site or in a group', querystring: ZLeaderboardQuery, response: { 200: ZLeaderboard } },
  }, async (req) => service.leaderboard(app.deps, requireActor(req), req.query));

  r.get('/api/v1/rewards/groups', {
    config: { access: read },
    schema: { tags, summary: 'Forms and classes at your sites (for group totals and ratios)', querystring: ZSiteQuery, response: { 200: ZRewardGroups } },
  }, async (req) => service.groups(app.deps, requireActor(req), req.query.siteId));
}
