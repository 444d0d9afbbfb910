/**
 * What follows an incident in the generated year (parent contacts, on-call requests, post-incident reviews), and the
 * per-site records that are not incidents: the on-call list and a couple of sealed safeguarding concerns.
 */
import type { TSafeguardingCategory, TSafeguardingStatus, TTriageOutcome } from '@haven/contracts';
import { addMinutes, afterWorkingMinutes } from './clock.ts';
import type { DayContext } from './events.ts';
import type { IncidentDraft } from './incidents.ts';
import type { Step } from './incident-workflow.ts';
import { PARENT_CONTACT_SUMMARIES } from './narratives.ts';
import { PI_CONTACT_RECORD } from '../../modules/incidents/pi-parent-contacts.rules.ts';
import type { ActivityTables } from './activity.ts';
import type { IdFactory, Rng } from './prng.ts';
import type { SiteModel } from './site-model.ts';
import type { IncidentRow } from './types.ts';

const ON_CALL_NOTES = ['Pupil dysregulated and leaving the room.', 'Two pupils fighting, need a second adult.', 'Pupil refusing to move and class cannot continue.', 'Pupil has left the building.'];
const ON_CALL_OUTCOMES = ['Supported the pupil to the calm room; class continued.', 'Separated the pupils; both calm within fifteen minutes.', 'Pupil returned to class with the behaviour mentor.', 'Pupil followed and brought back to site safely.'];

export function addDayIncidentFollowUps(ctx: DayContext, d: IncidentDraft, steps: readonly Step[], out: ActivityTables): void {
  const { rng, site, now } = ctx;
  const incident = d.row;
  const occurredAt = incident.occurredAt as Date;
  const userOfStaff = (staffId: string | null | undefined): string =>
    site.staff.find((s) => s.staffId === staffId)?.userId ?? site.leadUserId;
  const main = d.pupils[0];
  if (!main) return;

  for (const pi of d.pis) {
    if (!(pi.parentInformedAt instanceof Date) || !pi.pupilId) continue;
    out.parentContacts.push({
      // fed by the intervention's "parent told", as the incident form does (modules/incidents/pi-parent-contacts.rules.ts)
      id: ctx.ids.next(), trustId: ctx.trustId, siteId: site.id, pupilId: pi.pupilId, recordType: PI_CONTACT_RECORD, recordId: pi.id ?? '',
      contactedAt: pi.parentInformedAt, method: pi.parentInformedHow ?? 'phone', contactName: ctx.contactName(pi.pupilId),
      summary: PARENT_CONTACT_SUMMARIES[2] ?? '', recordedBy: userOfStaff(pi.parentInformedBy), createdAt: addMinutes(pi.parentInformedAt, rng.int(1, 10)),
    });
  }
  if (!incident.physicalIntervention && (incident.actionCodes as string[]).includes('PARENT_PHONED')) {
    const at = addMinutes(incident.createdAt as Date, rng.int(10, 120));
    if (at <= now) {
      out.parentContacts.push({
        id: ctx.ids.next(), trustId: ctx.trustId, siteId: site.id, pupilId: main.pupilId, recordType: 'incident', recordId: incident.id ?? '',
        contactedAt: at, method: 'phone', contactName: ctx.contactName(main.pupilId), summary: rng.pick(PARENT_CONTACT_SUMMARIES.slice(0, 2)),
        recordedBy: d.author.userId, createdAt: addMinutes(at, rng.int(1, 10)),
      });
    }
  }

  // Half the calls for on-call go through Haven; the rest are by radio and leave no request.
  if ((incident.actionCodes as string[]).includes('ON_CALL_CALLED') && rng.chance(0.5)) addOnCall(ctx, incident, d.author.userId, main.pupilId, occurredAt, out);
  if (incident.status === 'signed_off' && incident.physicalIntervention && !incident.voidedAt) addReview(ctx, d, steps, out);
}

function addOnCall(ctx: DayContext, incident: IncidentRow | null, requestedBy: string, pupilId: string | null, around: Date, out: ActivityTables): void {
  const { rng, site, now } = ctx;
  const requestedAt = addMinutes(around, rng.int(0, 3));
  if (requestedAt > now) return;
  const responder = rng.pick(site.responders.filter((u) => u !== requestedBy).length > 0 ? site.responders.filter((u) => u !== requestedBy) : [site.leadUserId]);
  const acknowledgedAt = new Date(requestedAt.getTime() + rng.int(30, 240) * 1000);
  const resolvedAt = addMinutes(acknowledgedAt, rng.int(5, 30));
  // Only calls already dealt with: a seeded "live" call would stay open on the on-call screen for ever.
  if (resolvedAt > now) return;
  out.onCallRequests.push({
    id: ctx.ids.next(), trustId: ctx.trustId, siteId: site.id, locationCode: incident?.locationCode ?? null, locationDetail: null, pupilId,
    urgency: incident?.physicalIntervention ? 'emergency' : 'urgent', note: rng.pick(ON_CALL_NOTES), status: 'resolved',
    requestedBy, requestedAt, acknowledgedBy: responder, acknowledgedAt, resolvedBy: responder, resolvedAt,
    outcome: incident ? rng.pick(ON_CALL_OUTCOMES) : 'Pupil calmed with the mentor; no incident to record.',
    incidentId: incident?.id ?? null,
  });
}

/** A call for help that ended without an incident being recorded (some days). */
export function addUnlinkedOnCall(ctx: DayContext, out: ActivityTables, at: Date, pupilId: string | null): void {
  const requester = ctx.rng.pick(ctx.site.staff);
  addOnCall(ctx, null, requester.userId, pupilId, at, out);
}

function addReview(ctx: DayContext, d: IncidentDraft, steps: readonly Step[], out: ActivityTables): void {
  const { rng, site, now } = ctx;
  const pi = d.pis[0];
  const significant = (pi?.durationMinutes ?? 0) >= 10 || pi?.pupilInjured || pi?.staffInjured || (d.row.severity ?? 0) >= 5;
  const signOff = steps.find((s) => s.change === 'sign_off');
  if (!significant || !signOff || !rng.chance(0.7)) return;
  const createdAt = afterWorkingMinutes(signOff.at, rng.int(10, 600));
  if (createdAt > now) return;
  const completedAt = afterWorkingMinutes(createdAt, rng.int(300, 2800));
  const done = completedAt <= now && rng.chance(0.8);
  out.postIncidentReviews.push({
    id: ctx.ids.next(), incidentId: d.row.id ?? '', trustId: ctx.trustId, siteId: site.id,
    whatHappened: 'Reviewed the account, the staff debrief and the pupil debrief with the staff involved.',
    learning: rng.pick(['Early signs were visible at the start of the lesson; the trigger was a change to the usual routine.', 'The de-escalation strategies worked until a second pupil joined in; separate the pupils sooner.']),
    planChanges: done ? 'Behaviour support plan updated: a movement break before the afternoon lessons and a visual timetable for changes.' : null,
    riskAssessmentChanges: done ? 'Risk assessment reviewed; no change to the handling plan.' : null,
    staffSupport: done ? 'Staff involved were offered a check-in with the behaviour manager; one took it up.' : null,
    status: done ? 'completed' : 'open', version: done ? 2 : 1, createdBy: signOff.by, createdAt,
    completedBy: done ? signOff.by : null, completedAt: done ? completedAt : null,
  });
}

export function addOnCallStaff(ids: IdFactory, trustId: string, site: SiteModel, out: ActivityTables): void {
  for (const userId of site.onCallUserIds) out.onCallStaff.push({ id: ids.next(), trustId, siteId: site.id, userId, active: true });
}

const CONCERNS = [
  { category: 'neglect', concern: '{p} arrived without a coat again today and said they had not had breakfast. This is the third time this week.', words: 'There wasn\'t anything in the cupboard.', action: 'Breakfast given in the base. Passed to the DSL the same morning.' },
  { category: 'online', concern: '{p} showed their key adult messages from someone they met in an online game, asking to meet in town.', words: 'He said he was sixteen and wanted to be my friend.', action: 'Reassured {p}; told them they had done the right thing. DSL informed straight away.' },
  { category: 'peer_on_peer', concern: '{p} said that older young people have been making them hand over money on the way home.', words: 'They said they\'d get me if I told anyone.', action: 'Listened, did not question further, and told the DSL at once.' },
  { category: 'emotional', concern: '{p} was tearful at registration and said they are worried about going home because of arguments there.', words: 'Everyone just shouts all the time.', action: 'Time with the key adult in the calm room. DSL informed before the end of the morning.' },
] as const satisfies readonly { category: TSafeguardingCategory; concern: string; words: string; action: string }[];
/** Outcomes are the safeguarding module's codes (TRIAGE_OUTCOMES); a referral outcome goes with the status 'referred'. */
const TRIAGE = [
  { status: 'triaged', outcome: 'monitor', notes: 'Spoke to the family. Monitor in school and review in two weeks.' },
  { status: 'triaged', outcome: 'early_help', notes: 'Early help assessment offered to the family and accepted.' },
  { status: 'referred', outcome: 'referral_social_care', notes: 'Referral made to the local authority front door; reference noted in the child-protection file.' },
] as const satisfies readonly { status: TSafeguardingStatus; outcome: TTriageOutcome; notes: string }[];

/**
 * A couple of sealed concerns per site (INC-4): the older ones triaged by the DSL, the latest still new; at the first
 * site one is raised from an incident.
 */
export function addConcerns(rng: Rng, ids: IdFactory, trustId: string, site: SiteModel, incidents: readonly IncidentRow[], pupilIdsByIncident: ReadonlyMap<string, string>, now: Date, out: ActivityTables): void {
  const count = site.kind === 'semh' || site.kind === 'ap' ? 2 : 1;
  const candidates = incidents.filter((i) => i.siteId === site.id && !i.voidedAt && i.status !== 'draft');
  for (let k = 0; k < count && candidates.length > 0; k += 1) {
    // Spread through the year; the last one is recent and still awaiting the DSL.
    const newest = k === count - 1;
    const from = newest ? Math.floor(candidates.length * 0.95) : Math.floor((candidates.length * k) / count);
    const source = candidates[Math.min(candidates.length - 1, from + rng.int(0, Math.max(0, Math.floor(candidates.length * 0.05) - 1)))];
    const pupilId = source ? pupilIdsByIncident.get(source.id ?? '') : undefined;
    const pupil = site.pupils.find((p) => p.id === pupilId);
    if (!source || !pupil) continue;
    const raisedAt = addMinutes(source.createdAt as Date, rng.int(5, 40));
    if (raisedAt > now) continue;
    const spec = rng.pick(CONCERNS);
    const fill = (s: string): string => s.replaceAll('{p}', pupil.firstName);
    const triage = newest ? null : rng.pick(TRIAGE);
    const triagedAt = afterWorkingMinutes(raisedAt, rng.int(30, 360));
    const raisedBy = rng.pick(site.staff.filter((s) => s.recordWeight >= 0.5)).userId;
    const id = ids.next();
    out.safeguardingConcerns.push({
      id, trustId, siteId: site.id, incidentId: site.index === 0 && k === 0 ? (source.id ?? null) : null, raisedBy, raisedAt,
      category: spec.category, concern: fill(spec.concern), childWords: spec.words, actionTaken: fill(spec.action), bodyMap: [],
      status: triage && triagedAt <= now ? triage.status : 'new',
      triageOutcome: triage && triagedAt <= now ? triage.outcome : null, triageNotes: triage && triagedAt <= now ? triage.notes : null,
      triagedBy: triage && triagedAt <= now ? site.dslUserId : null, triagedAt: triage && triagedAt <= now ? triagedAt : null,
      version: triage && triagedAt <= now ? 2 : 1,
    });
    out.safeguardingConcernPupils.push({ concernId: id, pupilId: pupil.id, trustId });
  }
}
