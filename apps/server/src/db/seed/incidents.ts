/**
 * Full incidents (INC-2, INC-3) for one site on one school day: categories shaped like the DfE's reasons, one to three
 * pupils with roles, the staff involved and witnesses, ABC text, motivation, actions, the form's custom fields and,
 * for the few with force used, a physical intervention. Their review history is planned in incident-workflow.ts.
 */
import { addMinutes, afterWorkingMinutes, londonParts } from './clock.ts';
import { addDayIncidentFollowUps } from './followups.ts';
import { finishIncident } from './incident-workflow.ts';
import { DEESCALATION, INJURY_NOTES, PI_REASONS, incidentText } from './narratives.ts';
import { DFE_REASON_OF } from './policy.ts';
import type { Rng } from './prng.ts';
import { pickLocation, pickMoment, pickRecorder, type DayContext } from './events.ts';
import {
  AGAINST_A_PUPIL, COMPANION_CATEGORIES, KIND_RATES, PERIOD_WEIGHTS, WEEKDAY_FACTOR, incidentCategoryWeights, lognormalMinutes,
  motivationWeights, onlyAllowed, poisson,
} from './rates.ts';
import { pickWeighted, type PupilModel, type SiteModel, type StaffModel } from './site-model.ts';
import type { ActivityTables } from './activity.ts';
import type { IncidentPupilRow, IncidentRow, IncidentStaffRow, PhysicalInterventionRow } from './types.ts';

export interface FormVersion { id: string; version: number }

/** An incident as recorded, before its review history decides its status. */
export interface IncidentDraft {
  row: IncidentRow;
  pupils: IncidentPupilRow[];
  staff: IncidentStaffRow[];
  pis: PhysicalInterventionRow[];
  author: { staffId: string; userId: string };
  /** A physical intervention whose parent was never told: it cannot be signed off. */
  parentMissing: boolean;
}

const PI_LOCATIONS = { CLASSROOM: 34, CORRIDOR: 24, PLAYGROUND: 18, DINING_HALL: 5, SENSORY_ROOM: 5, CALM_ROOM: 4, OFF_SITE: 5, MINIBUS: 3, SOFT_PLAY: 2 };

export function addDayIncidents(ctx: DayContext, onRoll: readonly PupilModel[], form: FormVersion, out: ActivityTables): void {
  const { rng, site } = ctx;
  const rates = KIND_RATES[site.kind];
  const weekdayFactor = WEEKDAY_FACTOR.negative[Math.min(4, Math.max(0, ctx.weekday - 1))] ?? 1;
  const n = poisson(rng, (onRoll.length / 100) * rates.incidents * weekdayFactor * ctx.termFactor);
  for (let i = 0; i < n; i += 1) {
    const draft = makeIncident(ctx, onRoll, form, rng.chance(rates.physicalInterventions / rates.incidents));
    if (!draft) continue;
    const steps = finishIncident(ctx, draft, out);
    addDayIncidentFollowUps(ctx, draft, steps, out);
  }
}

const negativeCodes = (site: SiteModel): Set<string> => new Set(site.policy.categories.filter((c) => c.polarity === 'negative').map((c) => c.code));
const codes = (site: SiteModel, kind: 'action' | 'motivation' | 'technique'): Set<string> => new Set(site.policy.options[kind].map((o) => o.code));

function makeIncident(ctx: DayContext, onRoll: readonly PupilModel[], form: FormVersion, physical: boolean): IncidentDraft | null {
  const { rng, site } = ctx;
  const allowed = negativeCodes(site);
  const main = rng.weighted(onlyAllowed(incidentCategoryWeights(site.kind, physical), allowed));
  const categoryCodes = [main];
  const companions = (COMPANION_CATEGORIES[main] ?? []).filter((c) => allowed.has(c));
  if (companions.length > 0 && rng.chance(0.3)) categoryCodes.push(rng.pick(companions));
  const severity = Math.max(...categoryCodes.map((c) => site.policy.categories.find((x) => x.code === c)?.severity ?? 1));

  const pupil = pickWeighted(rng, onRoll, (p) => (physical ? p.piWeight : p.negWeight));
  if (!pupil) return null;
  const moment = pickMoment(rng, site, ctx.date, PERIOD_WEIGHTS.negative);
  if (physical) moment.locationCode = rng.weighted(onlyAllowed(PI_LOCATIONS, new Set(site.policy.options.location.map((o) => o.code))));
  else if (moment.locationCode === null) moment.locationCode = pickLocation(rng, site, 'lesson');
  const createdAt = addMinutes(moment.at, lognormalMinutes(rng, 45, 0.8, 8, 480));
  if (createdAt > ctx.now) return null;

  const id = ctx.ids.next();
  const others = rng.shuffle(onRoll.filter((p) => p !== pupil && p.row.yearGroup >= pupil.row.yearGroup - 2 && p.row.yearGroup <= pupil.row.yearGroup + 2));
  const pupils: IncidentPupilRow[] = [];
  const against = AGAINST_A_PUPIL.has(main);
  const second = others[0];
  const secondRole = against ? 'affected' : rng.chance(0.2) ? 'involved' : null;
  pupils.push({ incidentId: id, pupilId: pupil.id, trustId: ctx.trustId, role: secondRole ? 'instigator' : 'involved' });
  if (second && secondRole) pupils.push({ incidentId: id, pupilId: second.id, trustId: ctx.trustId, role: secondRole });
  const witness = others[1];
  if (witness && rng.chance(0.12)) pupils.push({ incidentId: id, pupilId: witness.id, trustId: ctx.trustId, role: 'witness' });

  const author = pickRecorder(rng, site);
  const holders = physical ? chooseHolders(rng, site, author) : [];
  const staff: IncidentStaffRow[] = [{ incidentId: id, staffId: author.staffId, trustId: ctx.trustId, role: 'involved' }];
  for (const h of holders) if (!staff.some((s) => s.staffId === h.staffId)) staff.push({ incidentId: id, staffId: h.staffId, trustId: ctx.trustId, role: 'involved' });
  const bystander = rng.pick(site.staff);
  if (rng.chance(physical ? 0.5 : 0.25) && !staff.some((s) => s.staffId === bystander.staffId)) {
    staff.push({ incidentId: id, staffId: bystander.staffId, trustId: ctx.trustId, role: 'witness' });
  }

  const text = incidentText(rng, main, pupil.firstName, second && secondRole ? second.initials : 'another pupil');
  const actionCodes = chooseActions(rng, site, severity, main, physical);
  const motivations = onlyAllowed(motivationWeights(site.kind, main), codes(site, 'motivation'));
  const followUp = addMinutes(moment.at, 60 * 24 * rng.int(2, 7));
  const row: IncidentRow = {
    id, trustId: ctx.trustId, siteId: site.id, status: 'draft', occurredAt: moment.at, occurredOn: ctx.date,
    locationCode: moment.locationCode, periodCode: moment.periodCode, severity, categoryCodes, ...text,
    motivationCode: rng.weighted(motivations), actionCodes,
    dfeReasonCode: actionCodes.includes('HEADTEACHER_INFORMED') && severity >= 4 && rng.chance(0.35) ? (DFE_REASON_OF[main] ?? null) : null,
    formVersionId: form.id,
    customValues: {
      was_the_bsp_followed: rng.chance(0.85),
      trigger_observed: rng.weighted({ Transition: 18, 'Unstructured time': 16, 'Demand placed': 24, 'Peer conflict': 18, 'Sensory environment': site.kind === 'asc' ? 20 : 6, 'Change to routine': 8, 'Not known': 10 }),
      follow_up_date: severity >= 4 && rng.chance(0.3) && followUp <= ctx.now ? londonParts(followUp).date : null,
    },
    physicalIntervention: physical, serious: physical || severity >= site.policy.seriousSeverity,
    version: 1, createdBy: author.userId, createdAt, updatedAt: createdAt,
  };
  const pi = physical ? makeIntervention(ctx, row, pupil, holders, moment.at) : null;
  if (pi?.row.endedAt instanceof Date) {
    // Written up once the intervention is over.
    const earliest = addMinutes(pi.row.endedAt, rng.int(10, 40));
    if (earliest > createdAt) Object.assign(row, { createdAt: earliest, updatedAt: earliest });
    if (earliest > ctx.now) return null;
  }
  return { row, pupils, staff, pis: pi ? [pi.row] : [], author, parentMissing: pi?.parentMissing ?? false };
}

function chooseHolders(rng: Rng, site: SiteModel, author: { staffId: string }): StaffModel[] {
  const trained = rng.shuffle(site.staff.filter((s) => s.holds));
  const authorFirst = trained.filter((s) => s.staffId === author.staffId);
  const rest = trained.filter((s) => s.staffId !== author.staffId);
  return [...authorFirst, ...rest].slice(0, rng.chance(0.25) ? 3 : rng.chance(0.15) ? 1 : 2);
}

function chooseActions(rng: Rng, site: SiteModel, severity: number, main: string, physical: boolean): string[] {
  const low = ['VERBAL_REMINDER', 'TAKE_UP_TIME', 'RESTORATIVE_CONVERSATION', 'TIME_OUT'];
  const mid = ['REMOVED_FROM_LESSON', 'PARENT_PHONED', 'RESTORATIVE_CONVERSATION', 'TIME_OUT', 'DETENTION_SET', 'LOSS_OF_PRIVILEGE', 'ON_CALL_CALLED'];
  const high = ['ON_CALL_CALLED', 'SENIOR_LEADER_INVOLVED', 'PARENT_PHONED', 'RISK_ASSESSMENT_REVIEWED', 'HEADTEACHER_INFORMED', 'RESTORATIVE_CONVERSATION'];
  const pool = severity <= 2 ? low : severity === 3 ? mid : high;
  const chosen = new Set(rng.shuffle(pool).slice(0, severity <= 2 ? rng.int(1, 2) : rng.int(2, 4)));
  if (physical) { chosen.add('PARENT_PHONED'); if (rng.chance(0.7)) chosen.add('ON_CALL_CALLED'); }
  if (main.startsWith('physical_assault') && rng.chance(0.4)) chosen.add('FIRST_AID');
  if ((main === 'WEAPON' || main === 'DRUGS_ALCOHOL') && rng.chance(0.4)) chosen.add('POLICE_INFORMED');
  // Detentions are not used at an autism school: the policy there is restorative.
  if (site.kind === 'asc') chosen.delete('DETENTION_SET');
  const allowed = codes(site, 'action');
  return [...chosen].filter((c) => allowed.has(c));
}

/** LAW-10: the support offered afterwards. */
const SUPPORT = [
  'Quiet time in the calm room with a trusted adult, then a drink and a snack; {p} chose when to rejoin the class.',
  'Check-in with the key worker at the end of the day; a restorative conversation planned for tomorrow morning.',
  'First aid check and time to calm; {p} was offered a session with the learning mentor, which they accepted.',
  'Time with the behaviour mentor to talk through what happened; {p} helped plan what to do next time.',
] as const;

const HOW = { phone: 78, in_person: 12, email: 4, text_message: 6 } as const;

function makeIntervention(ctx: DayContext, incident: IncidentRow, pupil: PupilModel, holders: readonly StaffModel[], at: Date): { row: PhysicalInterventionRow; parentMissing: boolean } {
  const { rng, site, now } = ctx;
  const startedAt = addMinutes(at, rng.int(0, 8));
  const duration = lognormalMinutes(rng, 6, 0.65, 2, 25);
  const endedAt = addMinutes(startedAt, duration);
  const allowed = codes(site, 'technique');
  const staffTechniques = holders.map((h) => ({
    staffId: h.staffId,
    techniqueCodes: (duration <= 4 ? [rng.pick(['CARING_C_GUIDE', 'FRIENDLY_HOLD'])]
      : [rng.pick(['SINGLE_ELBOW', 'FIGURE_OF_FOUR', 'DOUBLE_ELBOW']), ...(duration > 12 && rng.chance(0.3) ? ['SEATED_SINGLE_ELBOW'] : [])]).filter((c) => allowed.has(c)),
  }));
  const pupilInjured = rng.chance(0.1);
  const staffInjured = rng.chance(0.14);
  const mark = (person: 'pupil' | 'staff', note: string) => ({ person, side: rng.chance(0.7) ? 'front' : 'back', x: round2(0.2 + rng.next() * 0.6), y: round2(0.25 + rng.next() * 0.5), note });
  const injuries = [
    ...(pupilInjured ? [{ person: 'pupil' as const, note: rng.pick(INJURY_NOTES.pupil) }] : []),
    ...(staffInjured ? [{ person: 'staff' as const, note: rng.pick(INJURY_NOTES.staff) }] : []),
  ];
  const debriefer = pickWeighted(rng, site.staff, (s) => (s.jobTitle === 'Behaviour mentor' || s.jobTitle === 'Learning mentor' ? 3 : s.staffId === site.leadStaffId ? 2 : 0)) ?? holders[0];
  // Both debriefs always happen (REV-2 will not sign off without them); recent ones may not have happened yet.
  const pupilDebriefAt = afterWorkingMinutes(endedAt, lognormalMinutes(rng, 90, 0.7, 20, 900));
  const staffDebriefAt = afterWorkingMinutes(endedAt, lognormalMinutes(rng, 150, 0.8, 30, 1800));
  // The parent is told the same day, except a few told late and a few not at all (flagged on the dashboard, LAW-10).
  const fate = rng.weighted({ sameDay: 84, late: 8, missing: 8 });
  const informedAt = fate === 'missing' ? null
    : fate === 'late' ? afterWorkingMinutes(endedAt, 600 + rng.int(60, 240))
      : addMinutes(endedAt, lognormalMinutes(rng, 60, 0.6, 15, 150));
  const upToNow = (d: Date | null): Date | null => (d && d <= now ? d : null);
  const parentInformedAt = upToNow(informedAt);
  return {
    parentMissing: fate === 'missing',
    row: {
      id: ctx.ids.next(), incidentId: incident.id ?? '', trustId: ctx.trustId, siteId: site.id, pupilId: pupil.id,
      // the demo's holds are all force with physical contact; SEN as the pupil's status (LAW-10). Chosen without the
      // random stream, so adding these fields leaves every other generated value as it was.
      kind: 'force_with_contact', pupilSenStatus: pupil.row.senStatus ?? 'none', supportOffered: SUPPORT[duration % SUPPORT.length]!.replaceAll('{p}', pupil.firstName),
      startedAt, endedAt, durationMinutes: duration, staffTechniques,
      reason: rng.pick(PI_REASONS).replaceAll('{p}', pupil.firstName), deescalationTried: rng.pick(DEESCALATION),
      pupilInjured, staffInjured, injuryNotes: injuries.length > 0 ? injuries.map((i) => i.note).join(' ') : null,
      bodyMap: injuries.map((i) => mark(i.person, i.note)),
      medicalAttention: injuries.length > 0 ? 'First aid given by a trained first aider; no further treatment needed.' : 'None needed.',
      pupilDebriefAt: upToNow(pupilDebriefAt), pupilDebriefBy: upToNow(pupilDebriefAt) ? (debriefer?.staffId ?? null) : null,
      staffDebriefAt: upToNow(staffDebriefAt), staffDebriefBy: upToNow(staffDebriefAt) ? site.leadStaffId : null,
      parentInformedAt, parentInformedHow: parentInformedAt ? rng.weighted(HOW) : null,
      parentInformedBy: parentInformedAt ? (rng.chance(0.6) ? site.leadStaffId : (holders[0]?.staffId ?? site.leadStaffId)) : null,
    },
  };
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
