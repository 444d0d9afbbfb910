/**
 * Sanctions and rewards for the demo trust (SAN-1, SAN-2, SAN-4, SAN-5): three trust-wide detention types with their
 * missed-detention rules, a timetable of detention sessions from the start of the year to two weeks ahead with pupils
 * taken from the incidents before each session and registers marked (the latest past session at each site left
 * unmarked, as a real office would have it), weekly isolation days, reward milestones and the milestones pupils reached
 * (computed from their positive points), one managed move and one alternative-provision placement with reviews.
 */
import { addDays, listSchoolDays, weekdayOf, type EnglandCalendar } from '../../core/calendar/calendar.ts';
import { londonInstant } from './clock.ts';
import type { IdFactory, Rng } from './prng.ts';
import type { DemoTables } from './types.ts';

export interface SanctionOptions {
  rng: Rng; ids: IdFactory; trustId: string; siteIds: readonly string[]; calendar: EnglandCalendar; today: string; now: Date;
  academicYearLabel: string; createdBy: string;
}

interface TypeSpec { key: 'break' | 'after' | 'slt'; name: string; minutes: number; room: string; start: string; days: number[]; capacity: number; role: string | null; next: TypeSpec['key'] | null }
const TYPES: TypeSpec[] = [
  { key: 'break', name: 'Break detention', minutes: 20, room: 'Room 4', start: '12:40', days: [1, 3, 5], capacity: 8, role: null, next: 'after' },
  { key: 'after', name: 'After-school detention', minutes: 60, room: 'Room 12', start: '15:20', days: [2, 4], capacity: 12, role: 'behaviour_lead', next: 'slt' },
  { key: 'slt', name: 'Senior leadership detention', minutes: 90, room: 'Conference room', start: '15:20', days: [5], capacity: 6, role: 'head', next: null },
];
const MILESTONES: [string, number][] = [['Bronze', 25], ['Silver', 75], ['Gold', 150]];

const endOf = (start: string, minutes: number) => {
  const m = Number(start.slice(0, 2)) * 60 + Number(start.slice(3)) + minutes;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};
const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

export function addSanctions(t: DemoTables, o: SanctionOptions): void {
  const typeIds = new Map<TypeSpec['key'], string>(TYPES.map((s) => [s.key, o.ids.next()]));
  for (const s of TYPES) {
    t.detentionTypes.push({
      id: typeIds.get(s.key)!, trustId: o.trustId, siteId: null, name: s.name, durationMinutes: s.minutes, defaultLocation: s.room,
      missedTaskRole: s.role, missedReassignTypeId: s.next ? typeIds.get(s.next)! : null,
    });
  }
  // the fortnightly-points rule also books an after-school detention
  const rule = t.escalationRules.find((r) => r.name === 'Minus 30 points in a fortnight');
  if (rule?.id) t.escalationRuleDetentions.push({ ruleId: rule.id, trustId: o.trustId, detentionTypeId: typeIds.get('after')! });
  o.siteIds.forEach((siteId, i) => {
    addSiteDetentions(t, o, o.rng.fork(`sanctions-${i}`), siteId, typeIds);
    addIsolation(t, o, o.rng.fork(`isolation-${i}`), siteId);
  });
  addMilestones(t, o);
  addPlacements(t, o);
}

function leadsAt(t: DemoTables, siteId: string, roles: readonly string[]): string[] {
  return t.roleAssignments.filter((r) => r.siteId === siteId && roles.includes(r.role)).map((r) => r.userId);
}

function addSiteDetentions(t: DemoTables, o: SanctionOptions, rng: Rng, siteId: string, typeIds: Map<TypeSpec['key'], string>): void {
  const supervisors = leadsAt(t, siteId, ['behaviour_lead', 'slt', 'head', 'staff']);
  if (supervisors.length === 0) return;
  const horizon = addDays(o.today, 14);
  const days = listSchoolDays(o.calendar, o.calendar.academicYear.startDate, horizon).filter((d) => d >= addDays(o.calendar.academicYear.startDate, 7));
  const incidents = t.incidents.filter((x) => x.siteId === siteId && x.status !== 'draft' && !x.voidedAt && x.occurredOn && (x.severity ?? 0) >= 2);
  const involved = new Map<string, string[]>();
  for (const ip of t.incidentPupils) if (ip.role === 'involved' || ip.role === 'instigator') involved.set(ip.incidentId, [...(involved.get(ip.incidentId) ?? []), ip.pupilId]);
  const sessions: { id: string; key: TypeSpec['key']; date: string; start: string; capacity: number; pupils: Set<string> }[] = [];
  for (const date of days) {
    for (const spec of TYPES.filter((s) => s.days.includes(weekdayOf(date)))) {
      const id = o.ids.next();
      const supervisor = rng.pick(supervisors);
      t.detentionSessions.push({
        id, trustId: o.trustId, siteId, typeId: typeIds.get(spec.key)!, date, startTime: spec.start, endTime: endOf(spec.start, spec.minutes),
        room: spec.room, supervisorUserId: supervisor, capacity: spec.capacity, createdBy: supervisor,
        createdAt: londonInstant(addDays(date, -3) < o.today ? addDays(date, -3) : o.today, 8 * 60),
      });
      sessions.push({ id, key: spec.key, date, start: spec.start, capacity: spec.capacity, pupils: new Set() });
    }
  }
  // pupils come from the incidents of the days before a session
  for (const s of sessions) {
    const recent = incidents.filter((x) => x.occurredOn! < s.date && x.occurredOn! >= addDays(s.date, -4) && x.occurredOn! <= o.today);
    const wanted = Math.min(s.capacity - 1, Math.round(recent.length * (s.key === 'break' ? 0.5 : 0.3)));
    for (const inc of rng.shuffle(recent).slice(0, wanted)) {
      const pupilId = (involved.get(inc.id!) ?? [])[0];
      if (!pupilId || s.pupils.has(pupilId)) continue;
      s.pupils.add(pupilId);
      const past = s.date < o.today || (s.date === o.today && minutesOf(s.start) + 30 < minutesOf(londonTime(o.now)));
      const mark: string = past ? rng.weighted({ attended: 80, missed: 12, excused: 8 }) : 'assigned';
      const assignmentId = o.ids.next();
      const assignedAt = londonInstant(inc.occurredOn!, 16 * 60);
      t.detentionAssignments.push({
        id: assignmentId, trustId: o.trustId, siteId, sessionId: s.id, pupilId, source: 'incident', incidentId: inc.id!, status: mark,
        excuseReason: mark === 'excused' ? rng.pick(['Medical appointment', 'Family emergency', 'Transport could not wait']) : null,
        markedBy: mark === 'assigned' ? null : t.detentionSessions.find((x) => x.id === s.id)!.supervisorUserId,
        markedAt: mark === 'assigned' ? null : londonInstant(s.date, minutesOf(s.start) + 5), assignedBy: inc.createdBy, parentsNotifiedAt: assignedAt, createdAt: assignedAt,
      });
      if (mark === 'missed') followUp(t, o, s, sessions, pupilId, assignmentId, typeIds);
    }
  }
  leaveLatestRegisterUntaken(t, siteId, o.today);
}

/** The office has not yet taken the latest past register with pupils in it: unmark it (and undo what missing it led to). */
function leaveLatestRegisterUntaken(t: DemoTables, siteId: string, today: string): void {
  const byId = new Map(t.detentionSessions.map((s) => [s.id, s]));
  const past = t.detentionAssignments.filter((a) => a.siteId === siteId && a.source === 'incident' && (byId.get(a.sessionId)?.date ?? today) < today);
  const latest = past.map((a) => byId.get(a.sessionId)!).sort((a, b) => b.date.localeCompare(a.date) || b.startTime.localeCompare(a.startTime))[0];
  if (!latest) return;
  const unmarked = new Set<string>();
  for (const a of t.detentionAssignments) {
    if (a.sessionId !== latest.id) continue;
    Object.assign(a, { status: 'assigned', excuseReason: null, markedBy: null, markedAt: null });
    unmarked.add(a.id);
  }
  t.detentionAssignments = t.detentionAssignments.filter((a) => !a.previousAssignmentId || !unmarked.has(a.previousAssignmentId));
  t.tasks = t.tasks.filter((k) => k.sourceType !== 'detention_missed' || !k.sourceId || !unmarked.has(k.sourceId));
}

/** A whole day of isolation each Wednesday, for pupils after the more serious incidents of the days before. */
function addIsolation(t: DemoTables, o: SanctionOptions, rng: Rng, siteId: string): void {
  const staff = leadsAt(t, siteId, ['behaviour_lead', 'slt']);
  if (staff.length === 0) return;
  const serious = t.incidents.filter((x) => x.siteId === siteId && x.status !== 'draft' && !x.voidedAt && x.occurredOn && (x.severity ?? 0) >= 3);
  const days = listSchoolDays(o.calendar, o.calendar.academicYear.startDate, addDays(o.today, 14)).filter((d) => weekdayOf(d) === 3);
  for (const date of days) {
    const id = o.ids.next();
    const staffUserId = rng.pick(staff);
    t.isolationSessions.push({
      id, trustId: o.trustId, siteId, date, session: 'day', room: 'Reflection room', staffUserId, capacity: 6, createdBy: staffUserId,
      workSet: rng.pick(['English: reading log and comprehension pack', 'Maths: fractions and percentages booklet', 'Science: revision cards, topic 3', 'Humanities: source analysis worksheet']),
    });
    const recent = serious.filter((x) => x.occurredOn! < date && x.occurredOn! >= addDays(date, -6) && x.occurredOn! <= o.today);
    const seen = new Set<string>();
    for (const inc of rng.shuffle(recent).slice(0, 3)) {
      const pupilId = t.incidentPupils.find((p) => p.incidentId === inc.id && (p.role === 'involved' || p.role === 'instigator'))?.pupilId;
      if (!pupilId || seen.has(pupilId)) continue;
      seen.add(pupilId);
      const past = date < o.today;
      const status = past ? rng.weighted({ attended: 88, missed: 8, excused: 4 }) : 'assigned';
      t.isolationPupils.push({
        id: o.ids.next(), trustId: o.trustId, siteId, sessionId: id, pupilId, incidentId: inc.id!, reason: 'Following a serious incident', status,
        excuseReason: status === 'excused' ? 'Medical appointment' : null, markedBy: past ? staffUserId : null, markedAt: past ? londonInstant(date, 9 * 60) : null, assignedBy: inc.createdBy,
      });
    }
  }
}

function londonTime(now: Date): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
}

/** A missed detention: the next session of the longer type with a place, and a task (done once that has passed). */
function followUp(t: DemoTables, o: SanctionOptions, missed: { date: string; key: TypeSpec['key']; start: string }, sessions: { id: string; key: TypeSpec['key']; date: string; capacity: number; pupils: Set<string> }[], pupilId: string, previousId: string, typeIds: Map<TypeSpec['key'], string>): void {
  const spec = TYPES.find((s) => s.key === missed.key)!;
  const siteId = t.detentionSessions.find((x) => x.typeId === typeIds.get(missed.key) && x.date === missed.date)?.siteId;
  if (!spec.next || !siteId) return;
  const target = sessions.find((s) => s.key === spec.next && s.date > missed.date && s.pupils.size < s.capacity - 1 && !s.pupils.has(pupilId));
  const at = londonInstant(missed.date, minutesOf(missed.start) + 30);
  if (target) {
    target.pupils.add(pupilId);
    t.detentionAssignments.push({
      id: o.ids.next(), trustId: o.trustId, siteId, sessionId: target.id, pupilId, source: 'missed', previousAssignmentId: previousId,
      reason: `Missed ${spec.name}`, status: target.date < o.today ? 'attended' : 'assigned', assignedBy: null, parentsNotifiedAt: at, createdAt: at,
      markedAt: target.date < o.today ? londonInstant(target.date, 15 * 60 + 25) : null,
    });
  }
  if (spec.role) {
    t.tasks.push({
      id: o.ids.next(), trustId: o.trustId, siteId, pupilId, sourceType: 'detention_missed', sourceId: previousId, title: 'Missed detention',
      detail: `Missed ${spec.name} on ${missed.date.split('-').reverse().join('/')}.`, assignedRole: spec.role,
      status: missed.date < addDays(o.today, -7) ? 'done' : 'open', createdAt: at,
    });
  }
}

function addMilestones(t: DemoTables, o: SanctionOptions): void {
  const ladder = MILESTONES.map(([name, points]) => ({ id: o.ids.next(), name, points }));
  for (const m of ladder) t.rewardMilestones.push({ id: m.id, trustId: o.trustId, siteId: null, name: m.name, points: m.points });
  // each pupil's running total of positive points, in time order: an award when it crosses a milestone
  const events = t.behaviourEvents.filter((e) => e.polarity === 'positive' && !e.voidedAt && e.points > 0)
    .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const totals = new Map<string, number>();
  for (const e of events) {
    const before = totals.get(e.pupilId) ?? 0;
    const after = before + e.points;
    totals.set(e.pupilId, after);
    for (const m of ladder) {
      if (before < m.points && after >= m.points) {
        t.rewardMilestoneAwards.push({ id: o.ids.next(), trustId: o.trustId, siteId: e.siteId, pupilId: e.pupilId, milestoneId: m.id, academicYear: o.academicYearLabel, points: after, reachedAt: e.occurredAt });
      }
    }
  }
}

function addPlacements(t: DemoTables, o: SanctionOptions): void {
  const site1 = o.siteIds[0];
  if (!site1) return;
  const incidentPupils = new Set(t.incidentPupils.map((p) => p.pupilId));
  const candidates = t.pupils.filter((p) => p.siteId === site1 && !p.enrolmentEnd && incidentPupils.has(p.id!) && p.yearGroup >= 8);
  const [moved, ap] = o.rng.fork('placements').shuffle(candidates);
  const start = addDays(o.calendar.terms[1]?.startDate ?? o.today, 0);
  const plan = [
    moved ? { pupil: moved.id!, kind: 'managed_move', provider: 'Riverside Academy', start, sessions: 10, purpose: 'A fresh start after a difficult autumn, agreed with the family and the receiving school.', reviews: [6, 12] } : null,
    ap ? { pupil: ap.id!, kind: 'alternative_provision', provider: 'Pennine Farm Education', start: addDays(start, -21), sessions: 4, purpose: 'Land-based vocational course two days a week, to re-engage with learning.', reviews: [14, 42] } : null,
  ];
  for (const p of plan) {
    if (!p) continue;
    const id = o.ids.next();
    t.placements.push({
      id, trustId: o.trustId, siteId: site1, pupilId: p.pupil, kind: p.kind, provider: p.provider, startDate: p.start, endDate: addDays(p.start, 84),
      sessionsPerWeek: p.sessions, purpose: p.purpose, status: 'active', createdBy: o.createdBy, createdAt: londonInstant(addDays(p.start, -7), 10 * 60),
    });
    for (const [n, offset] of p.reviews.entries()) {
      const reviewDate = addDays(p.start, offset);
      const happened = reviewDate < o.today;
      t.placementReviews.push({
        id: o.ids.next(), trustId: o.trustId, placementId: id, reviewDate,
        outcome: happened ? (n === 0 ? 'Settling well; attendance 92%. Continue as planned.' : 'Good progress; agree the next steps with the family.') : null,
        recordedBy: happened ? o.createdBy : null,
      });
    }
  }
}
