/**
 * A school year of activity for the demo trust, from the first day of the academic year up to "now": quick points,
 * full incidents with their review history, physical interventions, parent contacts, on-call requests, post-incident
 * reviews, escalation tasks and a couple of sealed safeguarding concerns. Only school days of the calendar; nothing
 * after "now". Each site is generated on its own fork of the random stream, so the data scale linearly with sites.
 */
import type { TSiteKind } from '@haven/contracts';
import { listSchoolDays, termOf, weekdayOf, type EnglandCalendar } from '../../core/calendar/calendar.ts';
import { clockMinutes, londonInstant } from './clock.ts';
import { addEscalationTasks } from './escalation.ts';
import { addDayEvents, type DayContext } from './events.ts';
import { addConcerns, addOnCallStaff, addUnlinkedOnCall } from './followups.ts';
import { addDayIncidents, type FormVersion } from './incidents.ts';
import type { IdFactory, Rng } from './prng.ts';
import { buildSiteModel, onRollOn } from './site-model.ts';
import type { DemoTables } from './types.ts';

export type ActivityTables = Pick<DemoTables,
  'behaviourEvents' | 'incidents' | 'incidentPupils' | 'incidentStaff' | 'physicalInterventions' | 'incidentVersions' |
  'postIncidentReviews' | 'parentContacts' | 'safeguardingConcerns' | 'safeguardingConcernPupils' | 'onCallStaff' | 'onCallRequests' | 'tasks'>;

export const ACTIVITY_TABLES: readonly (keyof ActivityTables)[] = [
  'behaviourEvents', 'incidents', 'incidentPupils', 'incidentStaff', 'physicalInterventions', 'incidentVersions', 'postIncidentReviews',
  'parentContacts', 'safeguardingConcerns', 'safeguardingConcernPupils', 'onCallStaff', 'onCallRequests', 'tasks',
];

export function emptyActivity(): ActivityTables {
  return Object.fromEntries(ACTIVITY_TABLES.map((name) => [name, []])) as unknown as ActivityTables;
}

export interface ActivityOptions {
  readonly rng: Rng;
  readonly ids: IdFactory;
  readonly trustId: string;
  readonly sites: readonly { id: string; kind: TSiteKind }[];
  readonly calendar: EnglandCalendar;
  /** Nothing is dated after this instant; its London date is the last day generated. */
  readonly now: Date;
  readonly today: string;
  /** The demo member of staff, who records a good share at site 1. */
  readonly demoStaffUserId: string | null;
  /** Pupils kept out of sealed safeguarding concerns (the demo parent's children). */
  readonly noConcernPupilIds: readonly string[];
}

/** Settling in during the first week of a half-term, restless in its last week. */
function termFactor(calendar: EnglandCalendar, date: string): number {
  const term = termOf(calendar, date);
  if (!term) return 1;
  const fromStart = listSchoolDays(calendar, term.startDate, date).length;
  const toEnd = listSchoolDays(calendar, date, term.endDate).length;
  if (fromStart <= 5) return 0.8;
  if (toEnd <= 5) return 1.15;
  return 1;
}

/** Adds the year's activity to `t` (which already holds the people and the policy). */
export function addActivity(t: DemoTables, o: ActivityOptions): void {
  const form = t.incidentFormVersions.find((f) => f.siteId === null && f.version === 1);
  if (!form?.id) throw new Error('The demo policy has no incident form version 1');
  const formVersion: FormVersion = { id: form.id, version: 1 };
  const days = listSchoolDays(o.calendar, o.calendar.academicYear.startDate, o.today);
  const factors = new Map(days.map((d) => [d, termFactor(o.calendar, d)]));
  const contactName = contactNames(t);
  const noConcern = new Set(o.noConcernPupilIds);

  o.sites.forEach((s, index) => {
    const rng = o.rng.fork(`activity-site-${index}`);
    const site = buildSiteModel(rng.fork('model'), t, index, s.id, s.kind, o.demoStaffUserId);
    const out = emptyActivity();
    const dayRng = rng.fork('days');
    for (const date of days) {
      const onRoll = site.pupils.filter((p) => onRollOn(p, date));
      const ctx: DayContext = {
        rng: dayRng, ids: o.ids, trustId: o.trustId, site, date, weekday: weekdayOf(date), termFactor: factors.get(date) ?? 1, now: o.now, contactName,
      };
      addDayEvents(ctx, onRoll, out.behaviourEvents);
      addDayIncidents(ctx, onRoll, formVersion, out);
      // Now and then on-call is called and the pupil settles without an incident to record.
      if (dayRng.chance(0.1)) {
        const periods = site.policy.options.period;
        const period = dayRng.pick(periods);
        const { start, end } = period.details as { start: string; end: string };
        const at = londonInstant(date, dayRng.int(clockMinutes(start), clockMinutes(end) - 1));
        const pupil = onRoll.length > 0 ? dayRng.pick(onRoll) : null;
        addUnlinkedOnCall(ctx, out, at, pupil?.id ?? null);
      }
    }
    addOnCallStaff(o.ids, o.trustId, site, out);
    const mainPupil = new Map<string, string>();
    for (const p of out.incidentPupils) if (!mainPupil.has(p.incidentId) && !noConcern.has(p.pupilId)) mainPupil.set(p.incidentId, p.pupilId);
    addConcerns(rng.fork('concerns'), o.ids, o.trustId, site, out.incidents, mainPupil, o.now, out);
    addEscalationTasks(rng.fork('tasks'), o.ids, o.trustId, site, t.escalationRules, o.now, out);
    for (const name of ACTIVITY_TABLES) (t[name] as unknown[]).push(...out[name]);
  });
}

/** Each pupil's first contact, as a name for the parent-contact log ("Mrs Sarah Walker"). */
function contactNames(t: DemoTables): (pupilId: string) => string | null {
  const contacts = new Map(t.contacts.map((c) => [c.id, c]));
  const first = new Map<string, string>();
  for (const link of [...t.pupilContacts].sort((a, b) => (a.priority ?? 1) - (b.priority ?? 1))) {
    const c = contacts.get(link.contactId);
    if (c && !first.has(link.pupilId)) first.set(link.pupilId, [c.title, c.forename, c.surname].filter(Boolean).join(' '));
  }
  return (pupilId) => first.get(pupilId) ?? null;
}
