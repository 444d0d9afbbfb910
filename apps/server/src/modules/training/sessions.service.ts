/**
 * Training sessions (STF-1): a session of a course with a tutor, venue, dates and capacity (a physical-skills course
 * at most 15 per instructor); its register (booked, attended, absent) with competence per technique; certificates
 * issued from the register for the techniques passed, expiring validity months after the last day. Sessions held at a
 * site are read by that site's training readers and run by its training managers; a trust-wide session (no site) by
 * those who hold the permission anywhere. Members of staff see the sessions they are booked on.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { TSession, ZBookingInput, ZRegisterInput, ZSessionInput, ZSessionQuery } from '@haven/contracts';
import type { Executor } from '../../core/db/client.ts';
import { inTransaction } from '../../core/db/tx.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Deps } from '../../core/http/context.ts';
import { conflict, fieldError, forbidden, notFound, staleVersion } from '../../core/http/errors.ts';
import { can, holdsAnywhere, scope, type Actor } from '../../core/policy/policy.ts';
import { schoolToday } from '../../core/time.ts';
import { trainingAttendees, trainingCertificates, trainingSessions } from '../../db/schema/training.ts';
import { courseOf } from './courses.service.ts';
import { validCertificatesOn } from './training.repo.ts';
import { capacityProblem, certificateDates, techniquesPassed } from './training.rules.ts';
import { manageableStaff, ownStaff, staffRecord } from './training.scope.ts';
import * as repo from './sessions.repo.ts';

type SessionListRow = repo.SessionListRow;

function mayRead(actor: Actor, s: { trustId: string; siteId: string | null }): boolean {
  if (s.trustId !== actor.trustId) return false;
  return s.siteId ? can(actor, 'training.read', { trustId: s.trustId, siteId: s.siteId }) : holdsAnywhere(actor, 'training.read');
}
function mayManage(actor: Actor, s: { trustId: string; siteId: string | null }): boolean {
  if (s.trustId !== actor.trustId) return false;
  return s.siteId ? can(actor, 'training.manage', { trustId: s.trustId, siteId: s.siteId }) : holdsAnywhere(actor, 'training.manage');
}

/** The tutor's standing on the first day: their best tutor certificate of the course's provider. */
export async function tutorStatuses(db: Executor, rows: SessionListRow[]): Promise<Map<string, TSession['tutorStatus']>> {
  const out = new Map<string, TSession['tutorStatus']>();
  const byDay = new Map<string, SessionListRow[]>();
  for (const r of rows) byDay.set(r.session.startsOn, [...(byDay.get(r.session.startsOn) ?? []), r]);
  for (const [day, group] of byDay) {
    const held = await validCertificatesOn(db, group.map((g) => g.session.tutorStaffId), day);
    for (const r of group) {
      const certs = (held.get(r.session.tutorStaffId)?.certificates ?? []).filter((c) => c.tutorCourse && c.provider === r.provider);
      const best = certs.find((c) => c.state === 'valid') ?? certs.find((c) => c.state === 'in_grace') ?? certs[0];
      out.set(r.session.id, best ? best.state : 'missing');
    }
  }
  return out;
}

function present(actor: Actor, r: SessionListRow, tutorStatus: TSession['tutorStatus'], attendees?: Awaited<ReturnType<typeof repo.attendeesOf>>): TSession {
  const s = r.session;
  return {
    id: s.id, courseId: s.courseId, courseName: r.courseName, provider: r.provider, physicalSkills: r.physicalSkills,
    techniqueCodes: r.techniqueCodes, siteId: s.siteId, tutorStaffId: s.tutorStaffId, tutorName: r.tutorName, tutorStatus,
    venue: s.venue, startsOn: s.startsOn, endsOn: s.endsOn, capacity: s.capacity, instructors: s.instructors,
    status: s.status as TSession['status'], notes: s.notes, booked: r.booked, version: s.version,
    ...(attendees ? {
      attendees: attendees.map((a) => ({
        id: a.attendee.id, staffId: a.attendee.staffId, staffName: a.staffName, siteId: a.siteId,
        attendance: a.attendee.attendance as 'booked' | 'attended' | 'absent', competence: a.attendee.competence,
        certificateId: a.attendee.certificateId, version: a.attendee.version,
      })),
    } : {}),
    allowed: mayManage(actor, s) ? (s.status === 'planned' ? ['book', 'register', 'issue', 'cancel'] : []) : (s.status === 'planned' ? ['book_self'] : []),
  };
}

export async function presentMany(db: Executor, actor: Actor, rows: SessionListRow[]): Promise<TSession[]> {
  const tutors = await tutorStatuses(db, rows);
  return rows.map((r) => present(actor, r, tutors.get(r.session.id) ?? 'missing'));
}

export async function list(deps: Deps, actor: Actor, q: z.infer<typeof ZSessionQuery>) {
  const db = deps.database.db;
  let siteIds = scope(actor, 'training.read').siteIds;
  if (q.siteId) {
    if (!actor.trustSiteIds.includes(q.siteId)) throw notFound('site');
    if (!siteIds.includes(q.siteId)) throw forbidden("You cannot see that site's training.");
    siteIds = [q.siteId];
  }
  const from = q.upcoming === 'true' ? schoolToday(deps) : undefined;
  let rows: SessionListRow[];
  if (siteIds.length) rows = await repo.listSessions(db, { trustId: actor.trustId, siteIds, courseId: q.courseId, from });
  else {
    // no reader anywhere: the sessions the caller is booked on, or (for a refresher) upcoming ones
    if (!holdsAnywhere(actor, 'training.own')) throw forbidden('You cannot see training sessions.');
    const own = await ownStaff(db, actor);
    // upcoming: those held at their own sites or trust-wide (to book a refresher); otherwise those they are booked on
    rows = from
      ? await repo.listSessions(db, { trustId: actor.trustId, siteIds: own.map((s) => s.siteId), courseId: q.courseId, from })
      : await repo.listSessions(db, { trustId: actor.trustId, siteIds: [], courseId: q.courseId, ids: await repo.sessionsBooked(db, own.map((s) => s.id)) });
  }
  return { items: await presentMany(db, actor, rows) };
}

async function readable(db: Executor, actor: Actor, id: string): Promise<SessionListRow> {
  const r = await repo.findSession(db, id);
  if (!r || r.session.trustId !== actor.trustId) throw notFound('training session');
  if (mayRead(actor, r.session)) return r;
  // a member of staff sees a session they are booked on, or one they could book (their site's or trust-wide)
  const own = await ownStaff(db, actor);
  if (own.length && (r.session.siteId === null || own.some((s) => s.siteId === r.session.siteId))) return r;
  if ((await repo.sessionsBooked(db, own.map((s) => s.id))).includes(id)) return r;
  throw notFound('training session');
}

/** A member of staff books themself onto an upcoming session (a refresher from a reminder's link). */
export async function bookMe(deps: Deps, actor: Actor, ctx: AuditContext, id: string) {
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    const r = await readable(tx, actor, id);
    const own = (await ownStaff(tx, actor)).find((s) => r.session.siteId === null || s.siteId === r.session.siteId);
    if (!own || !can(actor, 'training.own', own)) throw forbidden('You cannot book onto this session.');
    if (r.session.status !== 'planned' || r.session.startsOn < schoolToday(deps)) throw conflict('This session is no longer taking bookings.');
    await tx.select({ id: trainingSessions.id }).from(trainingSessions).where(eq(trainingSessions.id, id)).for('update');
    const attendees = await repo.attendeesOf(tx, id);
    if (attendees.some((a) => a.attendee.staffId === own.id)) return;
    if (attendees.length >= r.session.capacity) throw conflict('This session is full.');
    await tx.insert(trainingAttendees).values({ id: uuidv7(), sessionId: id, staffId: own.id });
    audit.record({ action: 'training.session.book_self', entityType: 'training_session', entityId: id, siteId: own.siteId, details: { staffId: own.id } });
  });
  return get(deps, actor, id);
}

export async function get(deps: Deps, actor: Actor, id: string) {
  const db = deps.database.db;
  const r = await readable(db, actor, id);
  const tutors = await tutorStatuses(db, [r]);
  // the register (names, attendance, competence) is for the session's readers; a member of staff sees the session only
  return present(actor, r, tutors.get(id) ?? 'missing', mayRead(actor, r.session) ? await repo.attendeesOf(db, id) : undefined);
}

export async function create(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZSessionInput>) {
  if (body.siteId) {
    if (!actor.trustSiteIds.includes(body.siteId)) throw fieldError('siteId', 'No such site.');
    if (!can(actor, 'training.manage', { trustId: actor.trustId, siteId: body.siteId })) throw forbidden("You cannot run training at that site.");
  } else if (!holdsAnywhere(actor, 'training.manage')) throw forbidden('You cannot run training sessions.');
  const id = await inTransaction(deps.database, ctx, async (tx, audit) => {
    const course = await courseOf(tx, actor, body.courseId).catch(() => { throw fieldError('courseId', 'No such course.'); });
    if (!course.active) throw fieldError('courseId', 'That course is no longer offered.');
    const problem = capacityProblem({ capacity: body.capacity, instructors: body.instructors, physicalSkills: course.physicalSkills });
    if (problem) throw fieldError('capacity', problem);
    await staffRecord(tx, actor, body.tutorStaffId).catch(() => { throw fieldError('tutorStaffId', 'No such member of staff.'); });
    const sessionId = uuidv7();
    await tx.insert(trainingSessions).values({ id: sessionId, trustId: actor.trustId, ...body, createdBy: actor.userId });
    audit.record({ action: 'training.session.create', entityType: 'training_session', entityId: sessionId, siteId: body.siteId, details: { after: body } });
    return sessionId;
  });
  return get(deps, actor, id);
}

async function manageable(tx: Executor, actor: Actor, id: string): Promise<SessionListRow> {
  const r = await readable(tx, actor, id);
  if (!mayManage(actor, r.session)) throw forbidden('You cannot run this training session.');
  return r;
}

export async function cancel(deps: Deps, actor: Actor, ctx: AuditContext, id: string, version: number) {
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    const r = await manageable(tx, actor, id);
    if (r.session.status !== 'planned') throw conflict('Only a planned session can be cancelled.');
    const done = await tx.update(trainingSessions).set({ status: 'cancelled', version: version + 1, updatedAt: new Date() })
      .where(and(eq(trainingSessions.id, id), eq(trainingSessions.version, version))).returning({ id: trainingSessions.id });
    if (!done.length) throw staleVersion('training session');
    audit.record({ action: 'training.session.cancel', entityType: 'training_session', entityId: id, siteId: r.session.siteId });
  });
  return get(deps, actor, id);
}

export async function book(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZBookingInput>) {
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    const r = await manageable(tx, actor, id);
    if (r.session.status !== 'planned') throw fieldError('staffIds', 'This session is no longer taking bookings.');
    const ids = [...new Set(body.staffIds)];
    for (const staffId of ids) await manageableStaff(tx, actor, staffId, 'staffIds');
    const already = new Set((await tx.select({ staffId: trainingAttendees.staffId }).from(trainingAttendees)
      .where(and(eq(trainingAttendees.sessionId, id), inArray(trainingAttendees.staffId, ids)))).map((a) => a.staffId));
    const adding = ids.filter((s) => !already.has(s));
    // lock the session row so two bookings at once cannot both take the last place
    await tx.select({ id: trainingSessions.id }).from(trainingSessions).where(eq(trainingSessions.id, id)).for('update');
    const booked = (await repo.attendeesOf(tx, id)).length;
    if (booked + adding.length > r.session.capacity) {
      throw fieldError('staffIds', `The session has ${r.session.capacity - booked} of ${r.session.capacity} places left; ${adding.length} asked for.`);
    }
    if (adding.length) await tx.insert(trainingAttendees).values(adding.map((staffId) => ({ id: uuidv7(), sessionId: id, staffId })));
    audit.record({ action: 'training.session.book', entityType: 'training_session', entityId: id, siteId: r.session.siteId, details: { staffIds: adding } });
  });
  return get(deps, actor, id);
}

export async function register(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZRegisterInput>) {
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    const r = await manageable(tx, actor, id);
    if (r.session.status === 'cancelled') throw conflict('This session was cancelled.');
    const techniques = new Set(r.techniqueCodes);
    const changes: Record<string, unknown>[] = [];
    for (const [i, e] of body.entries.entries()) {
      const bad = Object.keys(e.competence).find((code) => !techniques.has(code));
      if (bad) throw fieldError(`entries.${i}.competence`, `${bad} is not a technique this course covers.`);
      if (e.attendance !== 'attended' && Object.values(e.competence).some((c) => c === 'passed')) {
        throw fieldError(`entries.${i}.competence`, 'Only someone who attended can pass a technique.');
      }
      const [row] = await tx.update(trainingAttendees).set({ attendance: e.attendance, competence: e.competence, version: e.version + 1, updatedAt: new Date() })
        .where(and(eq(trainingAttendees.id, e.attendeeId), eq(trainingAttendees.sessionId, id), eq(trainingAttendees.version, e.version))).returning();
      if (!row) {
        const exists = await tx.select({ id: trainingAttendees.id }).from(trainingAttendees).where(and(eq(trainingAttendees.id, e.attendeeId), eq(trainingAttendees.sessionId, id)));
        if (!exists.length) throw fieldError(`entries.${i}.attendeeId`, 'Not on this register.');
        throw staleVersion('register');
      }
      if (row.certificateId) throw conflict('A certificate has been issued to someone on this register: their entry can no longer change.');
      changes.push({ attendeeId: e.attendeeId, attendance: e.attendance, competence: e.competence });
    }
    audit.record({ action: 'training.session.register', entityType: 'training_session', entityId: id, siteId: r.session.siteId, details: { entries: changes } });
  });
  return get(deps, actor, id);
}

/** Certificates for everyone who attended and passed at least one technique; the session is then completed. */
export async function issue(deps: Deps, actor: Actor, ctx: AuditContext, id: string) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const r = await manageable(tx, actor, id);
    if (r.session.status !== 'planned') throw conflict('Certificates have already been issued for this session, or it was cancelled.');
    if (r.session.endsOn > schoolToday(deps)) throw fieldError('endsOn', 'Certificates are issued once the session has finished.');
    const course = await courseOf(tx, actor, r.session.courseId);
    const skipped: { staffName: string; reason: string }[] = [];
    let issued = 0;
    for (const a of await repo.attendeesOf(tx, id)) {
      if (a.attendee.attendance !== 'attended') { skipped.push({ staffName: a.staffName, reason: a.attendee.attendance === 'absent' ? 'Absent' : 'Attendance not taken' }); continue; }
      // a course with no techniques (safeguarding, trauma-informed practice) is passed by attending
      const passed = techniquesPassed(course.techniqueCodes, a.attendee.competence);
      if (course.techniqueCodes.length && !passed.length) { skipped.push({ staffName: a.staffName, reason: 'No technique passed' }); continue; }
      const certificateId = uuidv7();
      await tx.insert(trainingCertificates).values({
        id: certificateId, trustId: actor.trustId, staffId: a.attendee.staffId, courseId: course.id,
        ...certificateDates(r.session.endsOn, course.validityMonths, course.graceMonths),
        techniqueCodes: passed, source: 'session', sessionId: id, createdBy: actor.userId,
      });
      await tx.update(trainingAttendees).set({ certificateId, updatedAt: new Date(), version: a.attendee.version + 1 }).where(eq(trainingAttendees.id, a.attendee.id));
      audit.record({ action: 'training.certificate.issue', entityType: 'training_certificate', entityId: certificateId, siteId: a.siteId, details: { staffId: a.attendee.staffId, courseId: course.id, sessionId: id, techniqueCodes: passed } });
      issued += 1;
    }
    await tx.update(trainingSessions).set({ status: 'completed', version: r.session.version + 1, updatedAt: new Date() }).where(eq(trainingSessions.id, id));
    audit.record({ action: 'training.session.complete', entityType: 'training_session', entityId: id, siteId: r.session.siteId, details: { issued, skipped: skipped.length } });
    return { issued, skipped };
  });
}
