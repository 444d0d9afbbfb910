/**
 * /api/v1/rota (STF-3): the support team deployed across sites — the week's rota (JSON or a landscape PDF), weekly
 * patterns, exceptions with cover suggestions, "where am I today", travel times and pupils' EHCP support hours.
 * Owns the tables in db/schema/rota.ts and pupils.ehcp_support_minutes.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZOk, ZRotaCoverInput, ZRotaException, ZRotaExceptionInput, ZRotaExceptionList, ZRotaExceptionQuery, ZRotaPattern, ZRotaPatternInput, ZRotaPatternList,
  ZRotaPatternQuery, ZRotaPatternUpdate, ZRotaSuggestionQuery, ZRotaSuggestions, ZRotaToday, ZRotaWeek, ZRotaWeekQuery, ZSupportHoursInput, ZSupportNeed,
  ZSupportNeedList, ZSupportNeedQuery, ZTravelTimeInput, ZTravelTimes,
} from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as service from './rota.service.ts';
import * as exceptions from './rota.exceptions.ts';
import * as settings from './rota.settings.ts';
import { today, week } from './rota.week.ts';
import { rotaPdf } from './rota.pdf.ts';

const tags = ['Rota'];
const params = z.object({ id: z.uuid() });
const read = { auth: 'permission', permission: 'rota.read' } as const;
const manage = { auth: 'permission', permission: 'rota.manage' } as const;

export async function rotaRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/rota/week', {
    config: { access: read },
    schema: { tags, summary: "One week's rota for a site or sites: who is where, gaps, double bookings, impossible journeys, beside the incident heatmap (?format=pdf prints it)", querystring: ZRotaWeekQuery },
  }, async (req, reply) => {
    const w = ZRotaWeek.parse(await week(app.deps, requireActor(req), req.query));
    if (req.query.format !== 'pdf') return w;
    const p = await rotaPdf(w);
    return reply.header('content-type', 'application/pdf').header('content-disposition', `inline; filename="${p.filename}"`).header('cache-control', 'private, no-store').send(p.pdf);
  });

  r.get('/api/v1/rota/today', {
    config: { access: { auth: 'user' } },
    schema: { tags, summary: 'Where am I today: your own deployments (site, period, mode) and whether you are recorded as away', response: { 200: ZRotaToday } },
  }, async (req) => today(app.deps, requireActor(req)));

  r.get('/api/v1/rota/patterns', { config: { access: read }, schema: { tags, summary: 'Weekly patterns in force from today at your sites (or one site, or of one member of staff)', querystring: ZRotaPatternQuery, response: { 200: ZRotaPatternList } } },
    async (req) => service.listPatterns(app.deps, requireActor(req), req.query));
  r.post('/api/v1/rota/patterns', { config: { access: manage }, schema: { tags, summary: 'Add a slot to a member of the support team\'s weekly pattern', body: ZRotaPatternInput, response: { 201: ZRotaPattern } } },
    async (req, reply) => reply.status(201).send(await service.createPattern(app.deps, requireActor(req), auditContext(req), req.body)));
  r.patch('/api/v1/rota/patterns/:id', { config: { access: manage }, schema: { tags, summary: 'Change a slot (weekday, period, mode, pupil, teacher, dates)', params, body: ZRotaPatternUpdate, response: { 200: ZRotaPattern } } },
    async (req) => service.updatePattern(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));
  r.delete('/api/v1/rota/patterns/:id', { config: { access: manage }, schema: { tags, summary: 'Remove a slot (one that cover was recorded against ends yesterday instead)', params, response: { 200: ZOk } } },
    async (req) => service.deletePattern(app.deps, requireActor(req), auditContext(req), req.params.id));

  r.get('/api/v1/rota/exceptions', { config: { access: read }, schema: { tags, summary: 'Absences, training and cover at your sites in a date range (default: the next four weeks)', querystring: ZRotaExceptionQuery, response: { 200: ZRotaExceptionList } } },
    async (req) => exceptions.listExceptions(app.deps, requireActor(req), req.query));
  r.post('/api/v1/rota/exceptions', { config: { access: manage }, schema: { tags, summary: 'Record an absence, training, or cover elsewhere for a member of staff on a date', body: ZRotaExceptionInput, response: { 201: ZRotaException } } },
    async (req, reply) => reply.status(201).send(await exceptions.createException(app.deps, requireActor(req), auditContext(req), req.body)));
  r.delete('/api/v1/rota/exceptions/:id', { config: { access: manage }, schema: { tags, summary: 'Remove an exception (an absence takes its cover with it)', params, response: { 200: ZOk } } },
    async (req) => exceptions.deleteException(app.deps, requireActor(req), auditContext(req), req.params.id));
  r.get('/api/v1/rota/exceptions/:id/suggestions', { config: { access: manage }, schema: { tags, summary: 'Who can cover a slot an absence empties: trained for the pupil\'s holds that day, free, nearest site first', params, querystring: ZRotaSuggestionQuery, response: { 200: ZRotaSuggestions } } },
    async (req) => exceptions.suggestions(app.deps, requireActor(req), req.params.id, req.query.patternId));
  r.post('/api/v1/rota/exceptions/:id/cover', { config: { access: manage }, schema: { tags, summary: 'Record the cover chosen for a slot an absence empties', params, body: ZRotaCoverInput, response: { 201: ZRotaException } } },
    async (req, reply) => reply.status(201).send(await exceptions.chooseCover(app.deps, requireActor(req), auditContext(req), req.params.id, req.body)));

  r.get('/api/v1/rota/support-needs', { config: { access: read }, schema: { tags, summary: "A site's pupils with EHCP support hours or an EHCP, and the holds their plan approves", querystring: ZSupportNeedQuery, response: { 200: ZSupportNeedList } } },
    async (req) => settings.supportNeeds(app.deps, requireActor(req), req.query.siteId));
  r.put('/api/v1/rota/support-needs/:id', { config: { access: manage }, schema: { tags, summary: "Set a pupil's EHCP support hours a week (null: none)", params, body: ZSupportHoursInput, response: { 200: ZSupportNeed } } },
    async (req) => settings.setSupportHours(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));
  r.get('/api/v1/rota/travel-times', { config: { access: read }, schema: { tags, summary: 'Minutes to travel between sites (pairs not listed take the default)', response: { 200: ZTravelTimes } } },
    async (req) => settings.travelTimes(app.deps, requireActor(req)));
  r.put('/api/v1/rota/travel-times', { config: { access: manage }, schema: { tags, summary: 'Set the minutes to travel between two sites (you manage the rota at both)', body: ZTravelTimeInput, response: { 200: ZTravelTimeInput } } },
    async (req) => settings.setTravelTime(app.deps, requireActor(req), auditContext(req), req.body));
}
