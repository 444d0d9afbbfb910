/**
 * Demo suspensions and exclusions (SAN-3) for the year so far, made with the same statutory rules the app enforces
 * (suspensions.rules.ts) so every total, deadline and return date is what issuing would have produced. Special schools
 * suspend far more than the national rate; the reasons follow the national shape (SPEC §9: persistent disruption about
 * half, then verbal abuse of an adult, then assault on a pupil). Showcased at site 1 (the demo head's): a pupil near
 * the 35-day warning, a lunchtime suspension, a cancelled one and an upcoming reintegration; a permanent exclusion at
 * the AP setting. Also each site's exclusion contacts, and the trust's census reason codes — copied from the published
 * set the migrations load (the weights below only shape the demo; every code in them must be in that table).
 */
import { addDays, listSchoolDays, type SchoolCalendar } from '../../core/calendar/calendar.ts';
import type { Tx } from '../../core/db/client.ts';
import * as schema from '../schema/index.ts';
import { ensureReasonCodes } from '../../modules/suspensions/reasons.service.ts';
import { assess, type CountedRecord, type ExclusionRequest } from '../../modules/suspensions/suspensions.rules.ts';
import { IdFactory, Rng } from './prng.ts';
import type { DemoRefs } from './generator.ts';
import type { DemoTables } from './types.ts';
import { bulkInsert } from './bulk-insert.ts';

export const REASON_WEIGHTS = { DB: 50, VA: 17, PP: 11, PA: 7, VP: 5, DM: 3, OW: 2, BU: 1, MT: 1, RA: 1, DA: 1, SM: 0.5, TH: 0.5, LG: 0.5, DS: 0.5 } as const;
/** Share of pupils suspended at least once by the middle of the autumn term, by kind of school (site order: SEMH, ASC, AP). */
const SUSPENDED_SHARE = [0.14, 0.05, 0.18];
const DETAILS: Record<string, string> = {
  DB: 'Repeatedly refused to follow instructions and left lessons, disrupting the learning of others despite support and warnings.',
  VA: 'Verbally abused and threatened a member of staff who was trying to help.',
  PP: 'Assaulted another pupil during break, causing an injury.',
  PA: 'Assaulted a member of staff during a period of high distress.',
  VP: 'Threatened another pupil on the way into lessons.',
  DM: 'Deliberately damaged school property.',
  OW: 'Brought a prohibited item into school.',
};

type Row = typeof schema.exclusions.$inferInsert;

interface Ctx { rng: Rng; ids: IdFactory; refs: DemoRefs; today: string; out: { exclusions: Row[]; notifications: (typeof schema.exclusionNotifications.$inferInsert)[]; meetings: (typeof schema.meetings.$inferInsert)[]; meetingActions: (typeof schema.meetingActions.$inferInsert)[]; tasks: (typeof schema.tasks.$inferInsert)[] } }

function calendarFor(t: DemoTables, refs: DemoRefs, siteId: string): SchoolCalendar {
  return { terms: refs.calendar.terms, closures: t.closureDays.filter((c) => !c.siteId || c.siteId === siteId).map((c) => ({ date: c.date, reason: c.reason })) };
}

function issue(c: Ctx, cal: SchoolCalendar, pupil: typeof schema.pupils.$inferInsert, existing: CountedRecord[], r: ExclusionRequest, headId: string, codes: string[], opts: { cancelled?: string } = {}): Row | null {
  let a;
  // The parents are told on the day the exclusion starts; every deadline counts from that day.
  try { a = assess(cal, { request: r, missesPublicExam: false, examDate: null, decisionDate: r.startDate, academicYear: c.refs.academicYear, existing }); } catch { return null; }
  if (a.refusal) return null;
  const id = c.ids.next();
  const issuedAt = new Date(`${r.startDate}T08:30:00Z`);
  const row: Row = {
    id, trustId: c.refs.trustId, siteId: pupil.siteId, pupilId: pupil.id!, category: r.category, status: opts.cancelled ? 'cancelled' : 'issued',
    startDate: r.startDate, startSession: r.startSession, sessions: r.category === 'permanent' ? null : r.sessions, slots: a.period.slots,
    lastDay: a.period.lastDay, returnDate: a.period.returnDate, returnSession: a.period.returnSession, reasonCodes: codes,
    details: codes.map((code) => DETAILS[code] ?? 'Serious breach of the school\'s behaviour policy.').join(' '),
    issuedBy: headId, issuedAt, decisionDate: r.startDate, boardNotifiedOn: r.startDate, boardDutyKind: a.boardDuty.kind, boardDeadline: a.boardDuty.deadline,
    boardDutyMessage: a.boardDuty.message,
    provisionDueFrom: a.alternativeProvisionFrom,
    provisionProvider: a.alternativeProvisionFrom && a.alternativeProvisionFrom < c.today ? 'Northern Lights Pathways (trust AP)' : null,
    provisionFrom: a.alternativeProvisionFrom && a.alternativeProvisionFrom < c.today ? a.alternativeProvisionFrom : null,
    // A board whose deadline has passed met in time and upheld the decision (the demo keeps its overdue list short).
    ...(a.boardDuty.deadline && a.boardDuty.deadline < c.today && a.boardDuty.kind === 'must_consider_reinstatement' && !opts.cancelled
      ? { boardMeetingDate: addDays(a.boardDuty.deadline, -2), boardOutcome: 'upheld', boardOutcomeOn: addDays(a.boardDuty.deadline, -2), boardOutcomeNotes: 'The governing board considered the head\'s decision and the parents\' views and upheld it.' } : {}),
    ...(opts.cancelled ? { cancelledAt: new Date(`${r.startDate}T15:00:00Z`), cancelledBy: headId, cancelReason: opts.cancelled } : {}),
  };
  c.out.exclusions.push(row);
  existing.push({ category: r.category, cancelled: !!opts.cancelled, slots: a.period.slots });
  const old = r.startDate < addDays(c.today, -3);
  for (const recipient of ['governing_board', 'local_authority', ...(pupil.lookedAfter ? ['social_worker', 'virtual_school_head'] : [])]) {
    c.out.notifications.push({ id: c.ids.next(), trustId: c.refs.trustId, siteId: pupil.siteId, exclusionId: id, occasion: 'issue', recipient,
      status: old ? 'done' : 'to_do', statusOn: old ? r.startDate : null, updatedBy: old ? headId : null });
  }
  if (a.period.returnDate && !opts.cancelled) {
    const held = a.period.returnDate < c.today;
    const meetingId = c.ids.next();
    c.out.meetings.push({ id: meetingId, trustId: c.refs.trustId, siteId: pupil.siteId, pupilId: pupil.id!, type: 'reintegration', date: a.period.returnDate,
      session: a.period.returnSession, status: held ? 'held' : 'scheduled', recordType: 'exclusion', recordId: id, createdBy: headId,
      attendees: [{ kind: 'other', refId: null, name: 'Parent or carer', role: null }, { kind: 'pupil', refId: pupil.id!, name: 'Pupil', role: 'Pupil' },
        { kind: 'staff', refId: headId, name: 'Headteacher', role: 'Headteacher' }],
      notes: held ? 'Talked through what happened and what would help. Pupil agreed a plan for the first week back.' : null });
    if (held) {
      // the agreed action is a task for its owner, done once its day has passed
      const actionId = c.ids.next();
      const dueOn = addDays(a.period.returnDate, 14);
      const done = dueOn < c.today;
      c.out.tasks.push({ id: actionId, trustId: c.refs.trustId, siteId: pupil.siteId, pupilId: pupil.id!, sourceType: 'meeting_action', sourceId: actionId,
        title: 'Agreed action: daily check-in with key adult for two weeks', detail: 'Reintegration meeting', assignedUserId: headId, dueOn,
        status: done ? 'done' : 'open', ...(done ? { completedAt: new Date(`${dueOn}T15:00:00Z`), completedBy: headId } : {}) });
      c.out.meetingActions.push({ id: actionId, trustId: c.refs.trustId, meetingId, action: 'Daily check-in with key adult for two weeks', ownerUserId: headId,
        ownerName: 'Headteacher', dueOn, taskId: actionId, position: 0, createdBy: headId });
    }
  }
  return row;
}

function codesFor(rng: Rng): string[] {
  const first = rng.weighted(REASON_WEIGHTS);
  if (!rng.chance(0.25)) return [first];
  const second = rng.weighted(REASON_WEIGHTS);
  return second === first ? [first] : [first, second];
}

export function buildDemoExclusions(t: DemoTables, refs: DemoRefs, seed = 2026) {
  const rng = new Rng(seed);
  const c: Ctx = { rng, ids: new IdFactory(rng.fork('ids')), refs, today: refs.today, out: { exclusions: [], notifications: [], meetings: [], meetingActions: [], tasks: [] } };
  const heads = new Map(t.roleAssignments.filter((ra) => ra.role === 'head' && ra.siteId).map((ra) => [ra.siteId!, ra.userId]));
  const yearStart = refs.academicYear.startDate;
  const parentChildren = new Set<string>(refs.parentChildIds);
  refs.siteIds.forEach((siteId, index) => {
    const cal = calendarFor(t, refs, siteId);
    const days = listSchoolDays(cal, yearStart, addDays(refs.today, -1));
    if (days.length < 10) return;
    const headId = heads.get(siteId) ?? refs.demoUserIds.head;
    const pupils = rng.shuffle(t.pupils.filter((p) => p.siteId === siteId && !p.enrolmentEnd && !parentChildren.has(p.id!)));
    const share = SUSPENDED_SHARE[index % 3] ?? 0.05;
    const chosen = pupils.slice(0, Math.max(1, Math.round(pupils.length * share)));
    chosen.forEach((pupil, i) => {
      const existing: CountedRecord[] = [];
      if (index === 0 && i === 0) {
        // Near the 35-day warning: a run of suspensions, each after the pupil's return from the last.
        let next = 0;
        for (const len of [10, 10, 12, 10, 14, 12]) {
          const start = days[next];
          if (!start) break;
          const row = issue(c, cal, pupil, existing, { category: 'suspension', startDate: start, startSession: 'am', sessions: len }, headId, rng.chance(0.5) ? ['DB'] : ['VA', 'DB']);
          if (!row?.returnDate) break;
          next = days.indexOf(row.returnDate) + 2;
        }
        return;
      }
      if (index === 2 && i === 0) {
        issue(c, cal, pupil, existing, { category: 'permanent', startDate: days[days.length - 4]!, startSession: 'am', sessions: null }, headId, ['PA', 'OW']);
        return;
      }
      const n = rng.chance(0.3) ? rng.int(2, 3) : 1;
      for (let k = 0; k < n; k += 1) {
        const start = days[rng.int(0, days.length - 1)]!;
        const lunchtime = index === 0 && i === 1 && k === 0;
        const request: ExclusionRequest = lunchtime
          ? { category: 'lunchtime', startDate: start, startSession: 'am', sessions: 3 }
          : { category: 'suspension', startDate: start, startSession: rng.chance(0.2) ? 'pm' : 'am', sessions: Number(rng.weighted({ '1': 10, '2': 35, '4': 25, '6': 15, '10': 10, '12': 5 })) };
        const cancelled = index === 0 && i === 2 && k === 0 ? 'Further information showed the pupil was not the instigator.' : undefined;
        issue(c, cal, pupil, existing, request, headId, lunchtime ? ['DB'] : codesFor(rng), cancelled ? { cancelled } : {});
      }
    });
    // One upcoming suspension at site 1, so a reintegration meeting waits on the deadlines page.
    if (index === 0) {
      const future = listSchoolDays(cal, refs.today, addDays(refs.today, 14));
      const pupil = pupils[chosen.length];
      if (pupil && future[0]) issue(c, cal, pupil, [], { category: 'suspension', startDate: future[0], startSession: 'am', sessions: 4 }, headId, ['VA']);
    }
  });
  const contacts = refs.siteIds.map((siteId, i) => ({
    siteId, trustId: refs.trustId, laName: 'Westmoor Council', laEmail: 'exclusions@westmoor.example.gov.uk',
    boardClerkName: 'Clerk to the governors', boardClerkEmail: `governors.clerk${i + 1}@haven-demo.example.org`,
    virtualSchoolEmail: 'virtual.school@westmoor.example.gov.uk',
    representationsContact: `the Clerk to the Governors, governors.clerk${i + 1}@haven-demo.example.org, or by post to the school`,
  }));
  return { ...c.out, contacts };
}

export async function seedDemoExclusions(tx: Tx, t: DemoTables, refs: DemoRefs, seed?: number): Promise<number> {
  const d = buildDemoExclusions(t, refs, seed);
  await ensureReasonCodes(tx, refs.trustId);
  await bulkInsert(tx, schema.exclusionContacts, d.contacts);
  await bulkInsert(tx, schema.exclusions, d.exclusions);
  await bulkInsert(tx, schema.exclusionNotifications, d.notifications);
  await bulkInsert(tx, schema.meetings, d.meetings);
  await bulkInsert(tx, schema.tasks, d.tasks);
  await bulkInsert(tx, schema.meetingActions, d.meetingActions);
  return d.exclusions.length;
}
