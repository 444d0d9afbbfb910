/**
 * The school calendar in use (issue 4 item 1). Everyone with a data role (and governors) reads the calendar of their
 * sites; only a trust-wide holder of calendar.manage (a trust administrator) changes it. Every change is audited and
 * validated before anything is written. Other modules load a site's calendar with loadSiteCalendar(). When terms are
 * added or moved, statutory deadlines that were waiting for the calendar to reach them ("needs next year's calendar")
 * are worked out in the same transaction (suspensions/deadlines.fill.ts), so no record keeps a blank deadline.
 */
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type {
  TCalendar, TSchoolDays, ZAcademicYearInput, ZAcademicYearUpdate, ZClosureInput, ZTermInput, ZTermUpdate,
} from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import { can, scope, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { fieldError, forbidden, notFound } from '../../core/http/errors.ts';
import { addDays, daysBetween, isSchoolDay, schoolDaysBetween, termOf, type SchoolCalendar } from '../../core/calendar/calendar.ts';
import * as repo from './calendar.repo.ts';
import { fillPendingDeadlines } from '../suspensions/deadlines.fill.ts';
import { closureProblem, siteCalendar, termProblem, termsInForce, yearContaining, yearProblem, type Problem, type TermRow } from './calendar.rules.ts';

const MAX_RANGE_DAYS = 400;

/** A site's school calendar (every academic year the trust holds), for school-day arithmetic in other modules. */
export async function loadSiteCalendar(db: Executor, trustId: string, siteId: string): Promise<SchoolCalendar> {
  // one after the other: inside a transaction both run on the same connection
  const terms = await repo.allTerms(db, trustId);
  return siteCalendar(siteId, terms, await repo.allClosures(db, trustId));
}

/** Several sites' calendars from one read of the trust's terms and closures (for trust-wide figures). */
export async function loadSiteCalendars(db: Executor, trustId: string, siteIds: Iterable<string>): Promise<Map<string, SchoolCalendar>> {
  const out = new Map<string, SchoolCalendar>();
  const ids = [...new Set(siteIds)];
  if (ids.length === 0) return out;
  const terms = await repo.allTerms(db, trustId);
  const closures = await repo.allClosures(db, trustId);
  for (const siteId of ids) out.set(siteId, siteCalendar(siteId, terms, closures));
  return out;
}

const fail = (p: Problem | null): void => { if (p) throw fieldError(p.field, p.message); };

async function assertTrustSite(db: Executor, actor: Actor, siteId: string | null): Promise<void> {
  if (siteId === null) return;
  if (!(await repo.trustSites(db, actor.trustId)).some((s) => s.id === siteId)) throw fieldError('siteId', 'Not a site of your trust');
}

export async function getCalendar(deps: Deps, actor: Actor, siteId: string | undefined): Promise<TCalendar> {
  const db = deps.database.db;
  const readable = scope(actor, 'calendar.read').siteIds;
  if (siteId && !can(actor, 'calendar.read', { trustId: actor.trustId, siteId })) throw forbidden('You cannot see the calendar of that site.');
  const [years, terms, closures, sites] = await Promise.all([repo.years(db, actor.trustId), repo.allTerms(db, actor.trustId), repo.allClosures(db, actor.trustId), repo.trustSites(db, actor.trustId)]);
  const shownTerms = siteId ? termsInForce(siteId, terms) : terms.filter((t) => t.siteId === null || readable.includes(t.siteId));
  const shownClosures = siteId ? closures.filter((c) => c.siteId === null || c.siteId === siteId) : closures.filter((c) => c.siteId === null || readable.includes(c.siteId));
  const calFor = (t: TermRow) => siteCalendar(t.siteId ?? siteId ?? '', terms, closures.filter((c) => c.siteId === null || c.siteId === (t.siteId ?? siteId)));
  return {
    academicYears: years,
    terms: shownTerms.map((t) => ({ ...t, term: t.term as 'autumn', schoolDays: schoolDaysBetween(calFor(t), t.startDate, t.endDate) })),
    closures: shownClosures,
    sites: sites.filter((s) => readable.includes(s.id)),
    allowed: can(actor, 'calendar.manage', { trustId: actor.trustId }) ? ['manage'] : [],
  };
}

export async function schoolDays(deps: Deps, actor: Actor, q: { siteId: string; from: string; to: string }): Promise<TSchoolDays> {
  if (!can(actor, 'calendar.read', { trustId: actor.trustId, siteId: q.siteId })) throw forbidden('You cannot see the calendar of that site.');
  if (q.to < q.from) throw fieldError('to', 'Must be on or after the start of the range');
  if (daysBetween(q.from, q.to) > MAX_RANGE_DAYS) throw fieldError('to', `Ask for at most ${MAX_RANGE_DAYS} days at a time`);
  const db = deps.database.db;
  const [terms, closures] = await Promise.all([repo.allTerms(db, actor.trustId), repo.allClosures(db, actor.trustId)]);
  const cal = siteCalendar(q.siteId, terms, closures);
  const closureOn = new Map(closures.filter((c) => c.siteId === null || c.siteId === q.siteId).map((c) => [c.date, c.reason]));
  const days: TSchoolDays['days'] = [];
  for (let d = q.from; d <= q.to; d = addDays(d, 1)) {
    days.push({ date: d, schoolDay: isSchoolDay(cal, d), term: termOf(cal, d)?.name ?? null, closure: closureOn.get(d) ?? null });
  }
  return { siteId: q.siteId, from: q.from, to: q.to, days, schoolDays: days.filter((d) => d.schoolDay).length };
}

export async function createYear(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZAcademicYearInput>) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    fail(yearProblem(body, await repo.years(tx, actor.trustId)));
    const id = uuidv7();
    await repo.insertYear(tx, { id, trustId: actor.trustId, ...body });
    audit.record({ action: 'calendar.year.create', entityType: 'academic_year', entityId: id, details: { after: body } });
    return { id, ...body };
  });
}

export async function updateYear(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZAcademicYearUpdate>) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const years = await repo.years(tx, actor.trustId);
    const before = years.find((y) => y.id === id);
    if (!before) throw notFound('academic year');
    const after = { ...before, ...body };
    fail(yearProblem(after, years));
    for (const t of (await repo.allTerms(tx, actor.trustId)).filter((x) => x.academicYearId === id)) {
      if (t.startDate < after.startDate) throw fieldError('startDate', `${t.name} would start before the year: move it first`);
      if (t.endDate > after.endDate) throw fieldError('endDate', `${t.name} would end after the year: move it first`);
    }
    await repo.updateYear(tx, actor.trustId, id, body);
    audit.record({ action: 'calendar.year.update', entityType: 'academic_year', entityId: id, details: { before, after } });
    return after;
  });
}

async function schoolDaysOf(db: Executor, trustId: string, t: TermRow): Promise<number> {
  const cal = siteCalendar(t.siteId ?? '', await repo.allTerms(db, trustId), await repo.allClosures(db, trustId));
  return schoolDaysBetween(cal, t.startDate, t.endDate);
}

export async function createTerm(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZTermInput>) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    await assertTrustSite(tx, actor, body.siteId);
    const year = (await repo.years(tx, actor.trustId)).find((y) => y.id === body.academicYearId);
    if (!year) throw fieldError('academicYearId', 'No such academic year');
    fail(termProblem(body, year, await repo.allTerms(tx, actor.trustId)));
    const id = uuidv7();
    await repo.insertTerm(tx, { id, trustId: actor.trustId, ...body });
    audit.record({ action: 'calendar.term.create', entityType: 'term', entityId: id, siteId: body.siteId, details: { after: body } });
    await fillPendingDeadlines(tx, audit, actor.trustId, actor.userId);
    const row = { id, ...body };
    return { ...row, schoolDays: await schoolDaysOf(tx, actor.trustId, row) };
  });
}

export async function updateTerm(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZTermUpdate>) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const all = await repo.allTerms(tx, actor.trustId);
    const before = all.find((t) => t.id === id);
    if (!before) throw notFound('half-term');
    const after = { ...before, ...body };
    const year = (await repo.years(tx, actor.trustId)).find((y) => y.id === before.academicYearId)!;
    fail(termProblem(after, year, all));
    await repo.updateTerm(tx, actor.trustId, id, body);
    audit.record({ action: 'calendar.term.update', entityType: 'term', entityId: id, siteId: before.siteId, details: { before, after } });
    await fillPendingDeadlines(tx, audit, actor.trustId, actor.userId);
    return { ...after, term: after.term as 'autumn', schoolDays: await schoolDaysOf(tx, actor.trustId, after) };
  });
}

export async function deleteTerm(deps: Deps, actor: Actor, ctx: AuditContext, id: string) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const before = (await repo.allTerms(tx, actor.trustId)).find((t) => t.id === id);
    if (!before) throw notFound('half-term');
    await repo.deleteTerm(tx, actor.trustId, id);
    audit.record({ action: 'calendar.term.delete', entityType: 'term', entityId: id, siteId: before.siteId, details: { before } });
    return { ok: true as const };
  });
}

export async function createClosure(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZClosureInput>) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    await assertTrustSite(tx, actor, body.siteId);
    const years = await repo.years(tx, actor.trustId);
    fail(closureProblem(body, years, await repo.allClosures(tx, actor.trustId)));
    const academicYearId = yearContaining(years, body.date)!.id;
    const id = uuidv7();
    await repo.insertClosure(tx, { id, trustId: actor.trustId, academicYearId, ...body });
    audit.record({ action: 'calendar.closure.create', entityType: 'closure_day', entityId: id, siteId: body.siteId, details: { after: body } });
    return { id, academicYearId, ...body };
  });
}

export async function deleteClosure(deps: Deps, actor: Actor, ctx: AuditContext, id: string) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const before = (await repo.allClosures(tx, actor.trustId)).find((c) => c.id === id);
    if (!before) throw notFound('closure day');
    await repo.deleteClosure(tx, actor.trustId, id);
    audit.record({ action: 'calendar.closure.delete', entityType: 'closure_day', entityId: id, siteId: before.siteId, details: { before } });
    return { ok: true as const };
  });
}
