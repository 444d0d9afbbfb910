/**
 * What happens during a support intervention (SUP-3): sessions on school days (the site's calendar: never on a
 * weekend, a holiday or a closure day such as INSET) with each pupil's attendance, check-in/check-out daily points,
 * and baseline and outcome measures. Recorded by the member of staff leading it or a lead at the site; every write
 * audited.
 */
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { ZSupportMeasureInput, ZSupportPointsInput, ZSupportRegister, ZSupportSessionInput } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import type { Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { conflict, fieldError, notFound } from '../../core/http/errors.ts';
import { londonToday } from '../../core/time.ts';
import { loadSiteCalendar } from '../calendar/calendar.service.ts';
import * as catalogueRepo from './support-catalogue.repo.ts';
import { scalesOf } from './support-catalogue.service.ts';
import * as repo from './support-interventions.repo.ts';
import { detail, problem, recordable } from './support-interventions.service.ts';
import { measureProblem, schoolDayProblem } from './support-interventions.rules.ts';

const runOf = (row: repo.InterventionRow) => ({ start: row.i.startDate, end: row.i.endedOn ?? row.i.plannedEndDate });

async function checkAttendance(db: Executor, id: string, rows: readonly { pupilId: string }[]): Promise<void> {
  const members = new Set((await repo.membersOf(db, [id])).map((m) => m.pupilId));
  const seen = new Set<string>();
  for (const [n, r] of rows.entries()) {
    if (!members.has(r.pupilId)) throw fieldError(`attendance.${n}.pupilId`, 'That pupil is not in this intervention');
    if (seen.has(r.pupilId)) throw fieldError(`attendance.${n}.pupilId`, 'A pupil is named twice');
    seen.add(r.pupilId);
  }
}

function notInFuture(field: string, date: string, what: string): void {
  if (date > londonToday()) throw fieldError(field, `${what} cannot be recorded for a day still to come`);
}

/** Schedule a session (or record one held) on a school day between the start and the end. */
export async function addSession(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZSupportSessionInput>) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await recordable(tx, actor, id);
    problem(schoolDayProblem(await loadSiteCalendar(tx, actor.trustId, row.i.siteId), 'sessionDate', body.sessionDate, runOf(row)));
    if (await repo.sessionOn(tx, id, body.sessionDate)) throw fieldError('sessionDate', 'There is already a session on that day');
    if (body.attendance) {
      notInFuture('sessionDate', body.sessionDate, 'Attendance');
      await checkAttendance(tx, id, body.attendance);
    }
    const sessionId = uuidv7();
    await repo.insertSessions(tx, [{ id: sessionId, trustId: actor.trustId, interventionId: id, sessionDate: body.sessionDate, notes: body.notes || null }]);
    if (body.attendance) await repo.recordRegister(tx, (await repo.findSession(tx, actor.trustId, sessionId))!, actor.userId, undefined, body.attendance);
    audit.record({ action: 'support_session.create', entityType: 'support_session', entityId: sessionId, siteId: row.i.siteId,
      details: { interventionId: id, sessionDate: body.sessionDate, attendance: body.attendance ?? null } });
    return detail(tx, actor, row);
  });
}

/** Take (or correct) the register of a session: every pupil's attendance. */
export async function takeRegister(deps: Deps, actor: Actor, ctx: AuditContext, sessionId: string, body: z.infer<typeof ZSupportRegister>) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const session = await repo.findSession(tx, actor.trustId, sessionId);
    if (!session) throw notFound('session');
    const row = await recordable(tx, actor, session.interventionId);
    notInFuture('attendance', session.sessionDate, 'Attendance');
    await checkAttendance(tx, row.i.id, body.attendance);
    const before = (await repo.sessionsOf(tx, row.i.id)).attendance.filter((a) => a.sessionId === sessionId).map((a) => ({ pupilId: a.pupilId, status: a.status }));
    await repo.recordRegister(tx, session, actor.userId, body.notes === undefined ? undefined : body.notes || null, body.attendance);
    audit.record({ action: 'support_session.register', entityType: 'support_session', entityId: sessionId, siteId: row.i.siteId,
      details: { interventionId: row.i.id, sessionDate: session.sessionDate, before, after: body.attendance } });
    return detail(tx, actor, row);
  });
}

/** Remove a session scheduled by mistake (one whose register has not been taken). */
export async function removeSession(deps: Deps, actor: Actor, ctx: AuditContext, sessionId: string) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const session = await repo.findSession(tx, actor.trustId, sessionId);
    if (!session) throw notFound('session');
    const row = await recordable(tx, actor, session.interventionId);
    if (session.recordedAt) throw conflict('The register of this session has been taken: it stays on the record.');
    await repo.deleteSession(tx, sessionId);
    audit.record({ action: 'support_session.delete', entityType: 'support_session', entityId: sessionId, siteId: row.i.siteId, details: { interventionId: row.i.id, sessionDate: session.sessionDate } });
    return detail(tx, actor, row);
  });
}

/** Check-in/check-out: each pupil's points for one school day (a second entry for the day replaces the first). */
export async function recordPoints(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZSupportPointsInput>) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await recordable(tx, actor, id);
    if (!row.t.dailyPoints || !row.t.dailyPointsMax) throw conflict('This intervention does not record daily points.');
    problem(schoolDayProblem(await loadSiteCalendar(tx, actor.trustId, row.i.siteId), 'day', body.day, runOf(row)));
    notInFuture('day', body.day, 'Points');
    const members = new Set((await repo.membersOf(tx, [id])).map((m) => m.pupilId));
    const max = row.t.dailyPointsMax;
    for (const [n, p] of body.points.entries()) {
      if (!members.has(p.pupilId)) throw fieldError(`points.${n}.pupilId`, 'That pupil is not in this intervention');
      if (p.points > max) throw fieldError(`points.${n}.points`, `At most ${max} points in a day`);
    }
    if (new Set(body.points.map((p) => p.pupilId)).size !== body.points.length) throw fieldError('points', 'A pupil is named twice');
    const before = (await repo.pointsOf(tx, id)).filter((p) => p.day === body.day).map((p) => ({ pupilId: p.pupilId, points: p.points }));
    await repo.upsertPoints(tx, body.points.map((p) => ({ interventionId: id, pupilId: p.pupilId, day: body.day, trustId: actor.trustId, points: p.points, maxPoints: max, recordedBy: actor.userId })));
    audit.record({ action: 'support_points.record', entityType: 'support_intervention', entityId: id, siteId: row.i.siteId, details: { day: body.day, before, after: body.points } });
    return detail(tx, actor, row);
  });
}

/** A baseline or outcome measure on one of the intervention's scales, checked against the scale's range. */
export async function recordMeasure(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZSupportMeasureInput>) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await recordable(tx, actor, id);
    if (!(await repo.membersOf(tx, [id])).some((m) => m.pupilId === body.pupilId)) throw fieldError('pupilId', 'That pupil is not in this intervention');
    const scales = scalesOf(await catalogueRepo.listScales(tx, actor.trustId));
    const scale = row.t.measures.includes(body.measure) ? scales.get(body.measure) : undefined;
    problem(measureProblem(scale, body.value, body.informant));
    notInFuture('recordedOn', body.recordedOn, 'A measure');
    const measureId = uuidv7();
    const values = { pupilId: body.pupilId, measure: body.measure, phase: body.phase, value: body.value, informant: body.informant ?? null, recordedOn: body.recordedOn, notes: body.notes || null };
    await repo.insertMeasure(tx, { id: measureId, trustId: actor.trustId, interventionId: id, ...values, recordedBy: actor.userId });
    audit.record({ action: 'support_measure.create', entityType: 'support_measure', entityId: measureId, siteId: row.i.siteId, details: { interventionId: id, after: values } });
    return detail(tx, actor, row);
  });
}
