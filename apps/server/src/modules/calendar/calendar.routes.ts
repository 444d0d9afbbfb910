/**
 * /api/v1/calendar: the school calendar. Reading needs calendar.read (data roles, governors, trust administrators);
 * changing it needs calendar.manage, held only trust-wide (trust administrators).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZAcademicYear, ZAcademicYearInput, ZAcademicYearUpdate, ZCalendar, ZCalendarClosure, ZCalendarQuery, ZCalendarTerm, ZClosureInput,
  ZOk, ZSchoolDays, ZSchoolDaysQuery, ZTermInput, ZTermUpdate,
} from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as service from './calendar.service.ts';

const tags = ['Calendar'];
const params = z.object({ id: z.uuid() });
const read = { auth: 'permission', permission: 'calendar.read' } as const;
const manage = { auth: 'permission', permission: 'calendar.manage' } as const;

export async function calendarRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/calendar', {
    config: { access: read },
    schema: { tags, summary: "Academic years, half-terms and closure days: in force at a site, or the trust's and your sites' own", querystring: ZCalendarQuery, response: { 200: ZCalendar } },
  }, async (req) => service.getCalendar(app.deps, requireActor(req), req.query.siteId));

  r.get('/api/v1/calendar/school-days', {
    config: { access: read },
    schema: { tags, summary: 'Each day of a range at a site: school day or not, its half-term and any closure', querystring: ZSchoolDaysQuery, response: { 200: ZSchoolDays } },
  }, async (req) => service.schoolDays(app.deps, requireActor(req), req.query));

  r.post('/api/v1/calendar/academic-years', {
    config: { access: manage },
    schema: { tags, summary: 'Add an academic year', body: ZAcademicYearInput, response: { 201: ZAcademicYear } },
  }, async (req, reply) => reply.status(201).send(await service.createYear(app.deps, requireActor(req), auditContext(req), req.body)));

  r.patch('/api/v1/calendar/academic-years/:id', {
    config: { access: manage },
    schema: { tags, summary: 'Change an academic year (its half-terms must stay inside it)', params, body: ZAcademicYearUpdate, response: { 200: ZAcademicYear } },
  }, async (req) => service.updateYear(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.post('/api/v1/calendar/terms', {
    config: { access: manage },
    schema: { tags, summary: "Add a half-term, trust-wide or a site's own", body: ZTermInput, response: { 201: ZCalendarTerm } },
  }, async (req, reply) => reply.status(201).send(await service.createTerm(app.deps, requireActor(req), auditContext(req), req.body)));

  r.patch('/api/v1/calendar/terms/:id', {
    config: { access: manage },
    schema: { tags, summary: 'Change a half-term', params, body: ZTermUpdate, response: { 200: ZCalendarTerm } },
  }, async (req) => service.updateTerm(app.deps, requireActor(req), auditContext(req), req.params.id, req.body));

  r.delete('/api/v1/calendar/terms/:id', {
    config: { access: manage },
    schema: { tags, summary: 'Remove a half-term', params, response: { 200: ZOk } },
  }, async (req) => service.deleteTerm(app.deps, requireActor(req), auditContext(req), req.params.id));

  r.post('/api/v1/calendar/closures', {
    config: { access: manage },
    schema: { tags, summary: 'Add a closure or INSET day, trust-wide or for one site', body: ZClosureInput, response: { 201: ZCalendarClosure } },
  }, async (req, reply) => reply.status(201).send(await service.createClosure(app.deps, requireActor(req), auditContext(req), req.body)));

  r.delete('/api/v1/calendar/closures/:id', {
    config: { access: manage },
    schema: { tags, summary: 'Remove a closure day', params, response: { 200: ZOk } },
  }, async (req) => service.deleteClosure(app.deps, requireActor(req), auditContext(req), req.params.id));
}
