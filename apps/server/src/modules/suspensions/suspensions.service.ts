/**
 * Issuing, previewing and cancelling suspensions and permanent exclusions (SAN-3). Only the head of the pupil's site
 * may do these (LAW-1). Issuing enforces the statutory rules at the moment of decision (LAW-2, LAW-3) and, in the same
 * transaction, records what the law then requires: the LAW-5 notification tasks, the parent letter (LAW-4) sent or
 * recorded for sending by hand through the communications log, the alternative-provision prompt (LAW-8) and the
 * reintegration meeting on the return date. Records are never edited to extend or convert (LAW-9).
 */
import { uuidv7 } from 'uuidv7';
import { and, eq, inArray } from 'drizzle-orm';
import type { TExclusionDraft, TExclusionInput, TExclusionPreview, TIssued } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import { type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { conflict, fieldError, notFound } from '../../core/http/errors.ts';
import { AfterCommit, notify, usersWithRoleAt } from '../../core/notify/notify.ts';
import { parentsOf, queueToNamed, queueToParents, sendAfterCommit } from '../../core/comms/comms.ts';
import type { MailLog } from '../../core/mail/outbox.ts';
import { mailerFor } from '../../core/mail/mailer.ts';
import { londonToday } from '../../core/time.ts';
import { exclusionNotifications, exclusions, meetings } from '../../db/schema/exclusions.ts';
import { tasks } from '../../db/schema/workflow.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import { ensureReasonCodes, reasonsValidOn } from './reasons.service.ts';
import * as repo from './suspensions.repo.ts';
import { reintegrationAttendees } from '../meetings/meetings.rules.ts';
import { asFieldError, counted, pupilFor, ruleContext } from './suspensions.context.ts';
import { assess, cancellationProblem, citing, type Assessment } from './suspensions.rules.ts';
import { passedBy, pendingOf, statutoryDeadlines } from './deadlines.rules.ts';
import { ensureCalendarTask } from './deadlines.fill.ts';
import { formatUkDate } from '../../core/calendar/calendar.ts';
import { letterFor, noticeText, type LetterRecord } from './suspensions.documents.ts';

const ENTITY = 'exclusion';

function deadlinesOf(category: string, a: Assessment) {
  return statutoryDeadlines({ category, decisionDate: a.decisionDate, boardDutyKind: a.boardDuty.kind, boardDeadline: a.boardDuty.deadline,
    provisionDueFrom: a.alternativeProvisionFrom, returnDate: a.period.returnDate });
}

function toPreview(category: string, a: Assessment, today: string): TExclusionPreview {
  const deadlines = deadlinesOf(category, a);
  return {
    days: a.days, yearDaysBefore: a.yearDaysBefore, yearDays: a.yearDays, termDays: a.termDays, schoolDays: a.period.schoolDays,
    lastDay: a.period.lastDay, returnDate: a.period.returnDate, returnSession: a.period.returnDate ? a.period.returnSession : null,
    warnings: a.warnings, refusal: a.refusal, boardDuty: a.boardDuty, provisionDueFrom: a.alternativeProvisionFrom,
    decisionDate: a.decisionDate, deadlines, passedDeadlines: passedBy(deadlines, today), pendingDeadlines: pendingOf(deadlines),
  };
}

/**
 * The dates the head entered, checked: the day the parents were told (default today, never in the future) and the
 * public examination missed (its date required when issuing; it must fall within the exclusion).
 */
function enteredDates(d: TExclusionDraft, today: string, issuing: boolean): { decisionDate: string; examDate: string | null } {
  const decisionDate = d.decisionDate ?? today;
  if (decisionDate > today) throw fieldError('decisionDate', `The day the parents were told of the decision cannot be in the future (today is ${formatUkDate(today)})`);
  const examDate = d.publicExamDate ?? null;
  if (examDate && !d.missesPublicExam) throw fieldError('publicExamDate', 'Say that the exclusion makes the pupil miss a public examination, or leave the date empty');
  if (issuing && d.missesPublicExam && !examDate) throw fieldError('publicExamDate', 'Give the date of the public examination or national curriculum test the pupil will miss');
  if (examDate && examDate < d.startDate) throw fieldError('publicExamDate', `The examination must fall on or after the first day of the exclusion (${formatUkDate(d.startDate)})`);
  return { decisionDate, examDate };
}

async function assessDraft(db: Executor, actor: Actor, d: TExclusionDraft, issuing: boolean, excludeId?: string) {
  const pupil = await pupilFor(db, actor, d.pupilId, 'suspension.issue');
  if (d.category !== 'permanent' && !d.sessions) throw fieldError('sessions', 'Give the length in sessions (a school day is 2 sessions)');
  const today = londonToday();
  const { decisionDate, examDate } = enteredDates(d, today, issuing);
  const rc = await ruleContext(db, actor.trustId, pupil.siteId, d.startDate);
  const existing = (await repo.recordsOfPupil(db, pupil.id)).filter((r) => r.id !== excludeId);
  let a: Assessment;
  try {
    a = assess(rc.cal, {
      request: { category: d.category, startDate: d.startDate, startSession: d.startSession, sessions: d.category === 'permanent' ? null : d.sessions ?? null },
      missesPublicExam: d.missesPublicExam, examDate, decisionDate,
      academicYear: rc.year, existing: existing.map(counted),
    });
  } catch (e) { return asFieldError(e); }
  if (examDate && a.period.lastDay && examDate > a.period.lastDay) {
    throw fieldError('publicExamDate', `The examination must fall during the suspension (${formatUkDate(d.startDate)} to ${formatUkDate(a.period.lastDay)})`);
  }
  return { pupil, rc, a, existing, today, examDate };
}

/** What the head sees while typing: totals, warnings, the refusal, the board duty and deadline, the AP day, the return. */
export async function preview(deps: Deps, actor: Actor, d: TExclusionDraft): Promise<TExclusionPreview> {
  const { a, today } = await assessDraft(deps.database.db, actor, d, false);
  return toPreview(d.category, a, today);
}

async function checkReasons(tx: Executor, trustId: string, codes: string[], on: string): Promise<void> {
  if (new Set(codes).size !== codes.length) throw fieldError('reasonCodes', 'Give each reason once');
  await ensureReasonCodes(tx, trustId);
  const valid = new Set((await reasonsValidOn(tx, trustId, on)).map((r) => r.code));
  const bad = codes.filter((c) => !valid.has(c));
  if (bad.length) throw fieldError('reasonCodes', `Not a reason code valid on ${on}: ${bad.join(', ')}`);
}

export async function issue(deps: Deps, actor: Actor, ctx: AuditContext, input: TExclusionInput, previousId: string | null, log?: MailLog): Promise<TIssued> {
  const after = new AfterCommit();
  const { id, commIds, preview } = await inTransaction(deps.database, ctx, async (tx, audit) => {
    const { pupil, a, today, examDate } = await assessDraft(tx, actor, input, true);
    if (a.refusal) throw fieldError(a.refusal.field, a.refusal.message);
    await checkReasons(tx, actor.trustId, input.reasonCodes, input.startDate);
    if (input.incidentId && !(await repo.incidentFor(tx, input.incidentId, pupil.siteId, pupil.id))) {
      throw fieldError('incidentId', 'No incident with this id at the pupil\'s school involving this pupil');
    }
    if (previousId) {
      const prev = await repo.findExclusion(tx, previousId);
      if (!prev || prev.pupilId !== pupil.id) throw notFound('exclusion');
      if (prev.status === 'cancelled') throw conflict('That exclusion was cancelled, so nothing can be linked to it.');
    }
    const id = uuidv7();
    const row = {
      id, trustId: actor.trustId, siteId: pupil.siteId, pupilId: pupil.id, category: input.category, status: 'issued',
      startDate: input.startDate, startSession: input.startSession, sessions: input.category === 'permanent' ? null : input.sessions ?? null,
      slots: a.period.slots, lastDay: a.period.lastDay, returnDate: a.period.returnDate, returnSession: a.period.returnSession,
      reasonCodes: input.reasonCodes, details: input.details, missesPublicExam: input.missesPublicExam, publicExamDate: examDate, incidentId: input.incidentId ?? null,
      previousExclusionId: previousId, issuedBy: actor.userId, decisionDate: a.decisionDate, boardNotifiedOn: a.decisionDate, boardDutyKind: a.boardDuty.kind,
      boardDeadline: a.boardDuty.deadline, boardDutyMessage: a.boardDuty.message, provisionDueFrom: a.alternativeProvisionFrom,
    };
    await tx.insert(exclusions).values(row);
    const commIds = await recordIssueDuties(deps, tx, actor, after, { row, pupil, today, a });
    const preview = toPreview(input.category, a, today);
    if (preview.pendingDeadlines.length) await ensureCalendarTask(tx, actor.trustId, pupil.siteId);
    audit.record({ action: previousId ? 'exclusion.issue_linked' : 'exclusion.issue', entityType: ENTITY, entityId: id, siteId: pupil.siteId,
      details: { after: { pupilId: pupil.id, category: input.category, startDate: input.startDate, startSession: input.startSession, sessions: row.sessions,
        decisionDate: a.decisionDate, publicExamDate: examDate, days: a.days, yearDays: a.yearDays, reasonCodes: input.reasonCodes,
        boardDutyKind: a.boardDuty.kind, boardDeadline: a.boardDuty.deadline, provisionDueFrom: a.alternativeProvisionFrom, previousExclusionId: previousId },
      warnings: a.warnings.map((w) => w.rule), passedDeadlines: preview.passedDeadlines.map((d) => d.kind), pendingDeadlines: preview.pendingDeadlines.map((d) => d.kind) } });
    return { id, commIds, preview };
  });
  after.publish(deps.hub);
  sendAfterCommit(deps, commIds, log);
  return { id, passedDeadlines: preview.passedDeadlines, pendingDeadlines: preview.pendingDeadlines };
}

interface IssueFacts { row: typeof exclusions.$inferInsert & LetterRecord; pupil: repo.PupilRow; today: string; a: Assessment }

/** LAW-4, LAW-5, LAW-8 and the reintegration meeting, in the issuing transaction. Returns the communications to send. */
async function recordIssueDuties(deps: Deps, tx: Executor, actor: Actor, after: AfterCommit, f: IssueFacts): Promise<string[]> {
  const { row, pupil, today } = f;
  const contacts = await repo.siteContacts(tx, row.siteId);
  const name = displayName(pupil);
  const record = { type: 'exclusion', id: row.id };
  const base = { trustId: row.trustId, siteId: row.siteId, pupilId: pupil.id, record, createdBy: actor.userId };
  const letter = await letterFor(deps, tx, row, pupil, actor.displayName, today);
  const commIds = await queueToParents(tx, deps, { ...base, subject: letter.subject, text: letter.covering, personalise: letter.personalise });
  const notice = noticeText(row, name, letter.schoolName, letter.reasonText, f.a.boardDuty.message);
  const named = [
    { recipient: 'governing_board', to: contacts?.boardClerkEmail ? { name: contacts.boardClerkName, email: contacts.boardClerkEmail } : null },
    { recipient: 'local_authority', to: contacts?.laEmail ? { name: `${contacts.laName} exclusions officer`, email: contacts.laEmail } : null },
    ...(pupil.lookedAfter ? [
      { recipient: 'social_worker', to: null },
      { recipient: 'virtual_school_head', to: contacts?.virtualSchoolEmail ? { name: contacts.virtualSchoolName ?? `${contacts.laName} virtual school head`, email: contacts.virtualSchoolEmail } : null },
    ] : []),
  ];
  const rows = [];
  for (const n of named) {
    let status = 'to_do';
    if (n.to) {
      commIds.push(...await queueToNamed(tx, deps, { ...base, subject: notice.subject, text: notice.text }, [n.to]));
      // Emailed after commit (the communications log shows the outcome); without SMTP it waits, by hand, as a task.
      if (mailerFor(deps).configured) status = 'sent';
    }
    rows.push({ id: uuidv7(), trustId: row.trustId, siteId: row.siteId, exclusionId: row.id, occasion: 'issue', recipient: n.recipient, status,
      statusOn: status === 'sent' ? today : null, updatedBy: status === 'sent' ? actor.userId : null });
  }
  await tx.insert(exclusionNotifications).values(rows);
  const link = `/suspensions/${row.id}`;
  const taskRows = [];
  if (row.returnDate) {
    const meetingId = uuidv7();
    await tx.insert(meetings).values({ id: meetingId, trustId: row.trustId, siteId: row.siteId, pupilId: pupil.id, type: 'reintegration',
      date: row.returnDate, session: row.returnSession, recordType: 'exclusion', recordId: row.id, createdBy: actor.userId,
      attendees: reintegrationAttendees({ id: pupil.id, name }, { id: actor.userId, name: actor.displayName }) });
    taskRows.push({ sourceType: 'meeting', sourceId: meetingId, title: `Reintegration meeting: ${name} returns`, detail: `Return from suspension (${link})`, assignedRole: 'behaviour_lead', dueOn: row.returnDate });
  }
  if (row.provisionDueFrom || f.a.provisionPending) {
    taskRows.push({ sourceType: 'exclusion_provision', sourceId: row.id, title: `Arrange full-time education for ${name} from the sixth school day`,
      detail: row.provisionDueFrom ? link : `${link} — the date needs next year's calendar`, assignedRole: 'head', dueOn: row.provisionDueFrom ?? null });
  }
  if (taskRows.length) {
    await tx.insert(tasks).values(taskRows.map((t) => ({ id: uuidv7(), trustId: row.trustId, siteId: row.siteId, pupilId: pupil.id, ...t })));
  }
  // The DSL hears of every exclusion (never whether the pupil has a social worker: that is sealed), to tell them.
  const dsls = (await usersWithRoleAt(tx, row.trustId, row.siteId, ['dsl'])).filter((u) => u !== actor.userId);
  await notify(tx, after, dsls, { trustId: row.trustId, siteId: row.siteId, kind: 'exclusion.issued', link,
    title: `${row.category === 'permanent' ? 'Permanent exclusion' : 'Suspension'} of ${name}`,
    body: `If this pupil has a social worker, make sure they are told. ${citing('LAW-5')}` });
  return commIds;
}

export async function cancel(deps: Deps, actor: Actor, ctx: AuditContext, id: string, reason: string, log?: MailLog): Promise<void> {
  const { commIds } = await inTransaction(deps.database, ctx, async (tx, audit) => {
    const r = await repo.findExclusion(tx, id);
    if (!r || r.trustId !== actor.trustId) throw notFound('exclusion');
    const pupil = await pupilFor(tx, actor, r.pupilId, 'suspension.issue');
    const today = londonToday();
    const problem = cancellationProblem(r, today);
    if (problem) throw conflict(problem);
    await tx.update(exclusions).set({ status: 'cancelled', cancelledAt: new Date(), cancelledBy: actor.userId, cancelReason: reason, version: r.version + 1 })
      .where(and(eq(exclusions.id, id), eq(exclusions.version, r.version)));
    await tx.update(meetings).set({ status: 'cancelled', updatedAt: new Date() }).where(and(eq(meetings.recordType, 'exclusion'), eq(meetings.recordId, id)));
    // Its reintegration meeting and AP prompt go with it.
    const sources = [id, ...(await repo.meetingsOf(tx, [id])).map((m) => m.id)];
    await tx.update(tasks).set({ status: 'dismissed', completedAt: new Date(), completedBy: actor.userId })
      .where(and(eq(tasks.status, 'open'), eq(tasks.pupilId, r.pupilId), inArray(tasks.sourceType, ['meeting', 'exclusion_provision']), inArray(tasks.sourceId, sources)));
    const name = displayName(pupil);
    const schoolName = await repo.siteName(tx, r.siteId);
    const contacts = await repo.siteContacts(tx, r.siteId);
    const kind = r.category === 'permanent' ? 'permanent exclusion' : r.category === 'lunchtime' ? 'lunchtime suspension' : 'suspension';
    const subject = `Cancelled: the ${kind} of ${name}`;
    const text = `The ${kind} of ${name} from ${schoolName}, which began on ${r.startDate}, has been cancelled by the headteacher.\n\nReason: ${reason}\n\n${r.category === 'permanent' ? '' : `${name} may return to school straight away.\n\n`}${actor.displayName}\nHeadteacher, ${schoolName}`;
    const base = { trustId: r.trustId, siteId: r.siteId, pupilId: r.pupilId, record: { type: 'exclusion', id }, createdBy: actor.userId, subject, text };
    const commIds = await queueToParents(tx, deps, base);
    const targets = [
      { recipient: 'parents', to: null as { name: string; email: string } | null, sent: (await parentsOf(tx, r.pupilId)).length > 0 },
      { recipient: 'governing_board', to: contacts?.boardClerkEmail ? { name: contacts.boardClerkName, email: contacts.boardClerkEmail } : null, sent: false },
      { recipient: 'local_authority', to: contacts?.laEmail ? { name: `${contacts.laName} exclusions officer`, email: contacts.laEmail } : null, sent: false },
      ...(pupil.lookedAfter ? [{ recipient: 'social_worker', to: null, sent: false },
        { recipient: 'virtual_school_head', to: contacts?.virtualSchoolEmail ? { name: contacts.virtualSchoolName ?? `${contacts.laName} virtual school head`, email: contacts.virtualSchoolEmail } : null, sent: false }] : []),
    ];
    const rows = [];
    for (const t of targets) {
      if (t.to) commIds.push(...await queueToNamed(tx, deps, base, [t.to]));
      const status = (t.to || t.sent) && mailerFor(deps).configured ? 'sent' : 'to_do';
      rows.push({ id: uuidv7(), trustId: r.trustId, siteId: r.siteId, exclusionId: id, occasion: 'cancellation', recipient: t.recipient, status, statusOn: status === 'sent' ? today : null });
    }
    await tx.insert(exclusionNotifications).values(rows);
    audit.record({ action: 'exclusion.cancel', entityType: ENTITY, entityId: id, siteId: r.siteId, details: { before: { status: r.status }, after: { status: 'cancelled' }, reason } });
    return { commIds };
  });
  sendAfterCommit(deps, commIds, log);
}
