/**
 * Meetings (SUP-4): what this module owns. Restorative, reintegration, multi-agency and parent meetings about one
 * pupil, created from the pupil, an incident or a suspension (the suspension's reintegration meeting is created by
 * modules/suspensions in its issuing transaction), with attendees drawn from the school's staff, the pupil's
 * contacts and the trust's agency contacts, notes, and agreed actions each owned by a member of staff with a due
 * date — every action becomes a task assigned to its owner, and is done when the task is done. Minutes: meetings.minutes.ts.
 */
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { TMeeting, ZMeetingActionCreate, ZMeetingAttendeeInput, ZMeetingCreate, ZMeetingListQuery, ZMeetingUpdate } from '@haven/contracts';
import { MEETING_TYPE_LABELS } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import { can, scope, type Actor } from '../../core/policy/policy.ts';
import { STAFF_ROLE_LIST } from '../../core/policy/permissions.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { conflict, fieldError, notFound, staleVersion } from '../../core/http/errors.ts';
import { clockNow, londonToday } from '../../core/time.ts';
import { formatUkDate } from '../../core/calendar/dates.ts';
import { exclusions } from '../../db/schema/exclusions.ts';
import { incidentPupils } from '../../db/schema/recording.ts';
import { tasks } from '../../db/schema/workflow.ts';
import { findPupil } from '../pupils/pupils.repo.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import * as repo from './meetings.repo.ts';
import { presentMeeting } from './meetings.presenter.ts';
import { actionProblem, sourceProblem, statusChangeProblem, type MeetingStatus } from './meetings.rules.ts';

type AttendeeInput = z.infer<typeof ZMeetingAttendeeInput>;

export async function presentMeetings(db: Executor, actor: Actor, rows: repo.MeetingRow[]): Promise<TMeeting[]> {
  const names = new Map((await repo.pupilNames(db, [...new Set(rows.map((r) => r.pupilId))])).map((p) => [p.id, displayName(p)]));
  const actions = await repo.actionsOf(db, rows.map((r) => r.id));
  return rows.map((m) => presentMeeting(actor, m, names.get(m.pupilId) ?? '', actions));
}

/** A meeting the actor may read (404 otherwise, as for one that does not exist). */
export async function readable(db: Executor, actor: Actor, id: string): Promise<repo.MeetingRow> {
  const m = await repo.findMeeting(db, id);
  if (!m || !can(actor, 'casework.read', m)) throw notFound('meeting');
  return m;
}

async function pupilFor(deps: Deps, actor: Actor, pupilId: string, permission: 'casework.read' | 'casework.manage') {
  const found = await findPupil(deps.database.db, pupilId);
  if (!found || !can(actor, permission, found.pupil)) throw notFound('pupil');
  return found.pupil;
}

export async function list(deps: Deps, actor: Actor, q: z.infer<typeof ZMeetingListQuery>) {
  const db = deps.database.db;
  const rows = await repo.listMeetings(db, scope(actor, 'casework.read').siteIds, q);
  return { items: await presentMeetings(db, actor, rows) };
}

export async function get(deps: Deps, actor: Actor, id: string) {
  const db = deps.database.db;
  return (await presentMeetings(db, actor, [await readable(db, actor, id)]))[0]!;
}

/** Staff of the pupil's school, the pupil's contacts, the trust's agency contacts and the pupil: who can attend. */
export async function attendeeOptions(deps: Deps, actor: Actor, pupilId: string) {
  const db = deps.database.db;
  const p = await pupilFor(deps, actor, pupilId, 'casework.read');
  const [staff, contacts, agencyContacts] = await Promise.all([
    repo.staffAt(db, p.trustId, p.siteId, STAFF_ROLE_LIST), repo.contactsOfPupil(db, p.id), repo.agencyContactsOfTrust(db, p.trustId),
  ]);
  return {
    staff, agencyContacts,
    contacts: contacts.map((c) => ({ id: c.id, name: [c.title, c.forename, c.surname].filter(Boolean).join(' '), role: c.relationship })),
    pupil: { id: p.id, name: displayName(p) },
  };
}

/** Resolves attendees against the school's records: a staff member, the pupil's contact, an agency contact, the pupil. */
async function resolveAttendees(deps: Deps, actor: Actor, pupilId: string, input: AttendeeInput[]): Promise<repo.MeetingRow['attendees']> {
  const options = await attendeeOptions(deps, actor, pupilId);
  const seen = new Set<string>();
  const out: repo.MeetingRow['attendees'] = [];
  for (const [i, a] of input.entries()) {
    const field = `attendees.${i}`;
    if (a.kind === 'other') {
      if (!a.name) throw fieldError(`${field}.name`, 'Name the attendee');
      out.push({ kind: 'other', refId: null, name: a.name, role: a.role ?? null });
      continue;
    }
    if (!a.refId) throw fieldError(`${field}.refId`, 'Choose who attends');
    const match = a.kind === 'staff' ? options.staff.find((s) => s.id === a.refId)
      : a.kind === 'contact' ? options.contacts.find((c) => c.id === a.refId)
        : a.kind === 'agency_contact' ? options.agencyContacts.find((c) => c.id === a.refId)
          : options.pupil.id === a.refId ? options.pupil : undefined;
    if (!match) throw fieldError(`${field}.refId`, 'Not someone who can attend a meeting about this pupil');
    if (seen.has(`${a.kind}:${a.refId}`)) continue;
    seen.add(`${a.kind}:${a.refId}`);
    const known = 'role' in match && typeof match.role === 'string' ? match.role : null;
    const role = a.kind === 'agency_contact' && 'agencyName' in match ? `${known ?? 'Agency'}, ${match.agencyName}` : a.kind === 'pupil' ? 'Pupil' : known;
    out.push({ kind: a.kind, refId: a.refId, name: match.name, role: a.role ?? role });
  }
  return out;
}

async function checkSource(db: Executor, pupil: { id: string; siteId: string }, source: { type: string; id: string }): Promise<void> {
  if (source.type === 'exclusion') {
    const r = (await db.select({ pupilId: exclusions.pupilId, siteId: exclusions.siteId }).from(exclusions).where(eq(exclusions.id, source.id)).limit(1))[0];
    if (!r || r.pupilId !== pupil.id || r.siteId !== pupil.siteId) throw fieldError('source.id', 'Not a suspension of this pupil');
  } else {
    const r = (await db.select({ id: incidentPupils.incidentId }).from(incidentPupils)
      .where(and(eq(incidentPupils.incidentId, source.id), eq(incidentPupils.pupilId, pupil.id))).limit(1))[0];
    if (!r) throw fieldError('source.id', 'Not an incident this pupil was part of');
  }
}

export async function create(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZMeetingCreate>) {
  const db = deps.database.db;
  const pupil = await pupilFor(deps, actor, body.pupilId, 'casework.manage');
  const problem = sourceProblem(body.type, body.source?.type ?? null);
  if (problem) throw fieldError('type', problem);
  if (body.source) await checkSource(db, pupil, body.source);
  const attendees = await resolveAttendees(deps, actor, pupil.id, body.attendees ?? []);
  const id = await inTransaction(deps.database, ctx, async (tx, audit) => {
    const meetingId = await repo.insertMeeting(tx, {
      trustId: pupil.trustId, siteId: pupil.siteId, pupilId: pupil.id, type: body.type, date: body.date, startTime: body.startTime ?? null,
      place: body.place ?? null, recordType: body.source?.type ?? null, recordId: body.source?.id ?? null, attendees, createdBy: actor.userId,
    });
    audit.record({ action: 'meeting.create', entityType: 'meeting', entityId: meetingId, siteId: pupil.siteId,
      details: { pupilId: pupil.id, type: body.type, date: body.date, source: body.source ?? null, attendees: attendees.length } });
    return meetingId;
  });
  return get(deps, actor, id);
}

export async function update(deps: Deps, actor: Actor, ctx: AuditContext, id: string, input: z.infer<typeof ZMeetingUpdate>) {
  const db = deps.database.db;
  const m = await readable(db, actor, id);
  if (!can(actor, 'casework.manage', m)) throw notFound('meeting');
  const attendees = input.attendees ? await resolveAttendees(deps, actor, m.pupilId, input.attendees) : undefined;
  const status = (input.status ?? m.status) as MeetingStatus;
  const date = input.date ?? m.date;
  const problem = statusChangeProblem(m.status as MeetingStatus, status, date, londonToday(clockNow(deps)));
  if (problem) throw input.status ? fieldError('status', problem) : conflict(problem);
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    const current = (await repo.findMeeting(tx, id))!;
    if (input.version !== undefined && input.version !== current.version) throw staleVersion('meeting');
    const next = {
      date, status, startTime: input.startTime !== undefined ? input.startTime : current.startTime, place: input.place !== undefined ? input.place : current.place,
      attendees: attendees ?? current.attendees, notes: input.notes !== undefined ? input.notes : current.notes,
    };
    if (!(await repo.updateMeeting(tx, id, current.version, next))) throw staleVersion('meeting');
    // the meeting's own task (a suspension's reintegration meeting) follows it
    if (next.status !== 'scheduled') {
      await tx.update(tasks).set({ status: next.status === 'held' ? 'done' : 'dismissed', completedAt: new Date(), completedBy: actor.userId })
        .where(and(eq(tasks.sourceType, 'meeting'), eq(tasks.sourceId, id), eq(tasks.status, 'open')));
    } else if (input.date) {
      await tx.update(tasks).set({ dueOn: input.date }).where(and(eq(tasks.sourceType, 'meeting'), eq(tasks.sourceId, id), eq(tasks.status, 'open')));
    }
    audit.record({ action: 'meeting.update', entityType: 'meeting', entityId: id, siteId: m.siteId,
      details: { before: { date: current.date, status: current.status, attendees: current.attendees.length }, after: { date: next.date, status: next.status, attendees: next.attendees.length }, notesChanged: input.notes !== undefined } });
  });
  return get(deps, actor, id);
}

/** An agreed action: owned by a member of staff at the pupil's school, due on a day; it becomes a task for its owner. */
export async function addAction(deps: Deps, actor: Actor, ctx: AuditContext, meetingId: string, body: z.infer<typeof ZMeetingActionCreate>) {
  const db = deps.database.db;
  const m = await readable(db, actor, meetingId);
  if (!can(actor, 'casework.manage', m)) throw notFound('meeting');
  const problem = actionProblem(m.status as MeetingStatus, m.date, body.dueOn);
  if (problem) throw problem.field === 'status' ? conflict(problem.message) : fieldError(problem.field, problem.message);
  const owner = (await repo.staffAt(db, m.trustId, m.siteId, STAFF_ROLE_LIST)).find((s) => s.id === body.ownerUserId);
  if (!owner) throw fieldError('ownerUserId', 'Choose a member of staff at this school');
  const pupilName = displayName((await repo.pupilNames(db, [m.pupilId]))[0]!);
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    const position = await repo.countActions(tx, meetingId);
    if (position >= 40) throw conflict('A meeting can have at most 40 agreed actions.');
    const actionId = await repo.insertAction(tx, { trustId: m.trustId, meetingId, action: body.action, ownerUserId: owner.id, ownerName: owner.name, dueOn: body.dueOn, position, createdBy: actor.userId });
    const taskId = (await tx.insert(tasks).values({
      id: actionId, trustId: m.trustId, siteId: m.siteId, pupilId: m.pupilId, sourceType: 'meeting_action', sourceId: actionId,
      title: `Agreed action for ${pupilName}: ${body.action.slice(0, 160)}`,
      detail: `${MEETING_TYPE_LABELS[m.type as keyof typeof MEETING_TYPE_LABELS] ?? 'Meeting'} on ${formatUkDate(m.date)}`, assignedUserId: owner.id, dueOn: body.dueOn,
    }).returning({ id: tasks.id }))[0]!.id;
    await repo.setActionTask(tx, actionId, taskId);
    audit.record({ action: 'meeting.action.add', entityType: 'meeting', entityId: meetingId, siteId: m.siteId,
      details: { actionId, taskId, ownerUserId: owner.id, dueOn: body.dueOn } });
  });
  return get(deps, actor, meetingId);
}
