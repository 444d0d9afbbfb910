/**
 * The review history of a generated incident (REV-1, INC-6): created → submitted → (returned → amended → resubmitted)
 * → signed off, or left in draft, awaiting review (a few overdue) or voided with a reason. Each step becomes an
 * incident_versions row with a full snapshot, and the incident row ends in the state of its last step that happened
 * before "now" (signed_off_at ≥ submitted_at ≥ first_submitted_at; most signed off within 48 hours).
 */
import { addMinutes, afterWorkingMinutes } from './clock.ts';
import type { DayContext } from './events.ts';
import type { IncidentDraft } from './incidents.ts';
import { AMENDMENT_SUFFIX, RETURN_COMMENTS, VOID_REASONS } from './narratives.ts';
import { lognormalMinutes } from './rates.ts';
import type { ActivityTables } from './activity.ts';
import type { IncidentRow, PhysicalInterventionRow } from './types.ts';

export type Change = 'create' | 'edit' | 'submit' | 'return' | 'resubmit' | 'sign_off' | 'void';
/** `amend`: the author's amendment after a return (the others are follow-ups: a debrief or the parent's call added). */
export interface Step { change: Change; at: Date; by: string; comment?: string; amend?: boolean }

const DAY_MS = 86_400_000;
const byTime = (a: Step, b: Step): number => a.at.getTime() - b.at.getTime();

/** Working minutes a reviewer takes: mostly the same or the next day, a tail of a few days. */
function reviewDelay(ctx: DayContext): number {
  const { rng } = ctx;
  const band = rng.weighted({ quick: 72, nextDay: 20, slow: 6, late: 2 });
  if (band === 'quick') return lognormalMinutes(rng, 90, 0.7, 15, 480);
  if (band === 'nextDay') return rng.int(480, 1000);
  if (band === 'slow') return rng.int(1000, 2000);
  return rng.int(2000, 5000);
}

/** The latest debrief or parent call recorded on the interventions (already limited to "now"). */
function latestFollowUp(pis: readonly PhysicalInterventionRow[]): Date | null {
  let latest: Date | null = null;
  for (const p of pis) {
    for (const d of [p.pupilDebriefAt, p.staffDebriefAt, p.parentInformedAt]) if (d instanceof Date && (!latest || d > latest)) latest = d;
  }
  return latest;
}

function planSteps(ctx: DayContext, d: IncidentDraft): { steps: Step[]; amended: boolean } {
  const { rng, site, now } = ctx;
  const createdAt = d.row.createdAt as Date;
  const author = d.author.userId;
  // Nobody signs off their own incident: when the behaviour lead recorded it, the head (or cluster lead) reviews it.
  const others = Object.fromEntries(Object.entries(site.reviewers).filter(([u]) => u !== author));
  const reviewer = rng.weighted(Object.keys(others).length > 0 ? others : site.reviewers);
  const steps: Step[] = [{ change: 'create', at: createdAt, by: author }];
  const recent = now.getTime() - createdAt.getTime() < 10 * DAY_MS;
  if (!rng.chance(recent ? 0.08 : 0.01)) {
    const submitted = rng.chance(0.8) ? addMinutes(createdAt, rng.int(1, 20)) : afterWorkingMinutes(createdAt, rng.int(60, 900));
    steps.push({ change: 'submit', at: submitted, by: author });
    const overdueCandidate = now.getTime() - submitted.getTime() < 12 * DAY_MS && rng.chance(0.1);
    const returned = d.parentMissing ? rng.chance(0.5) : rng.chance(0.05);
    if (returned) {
      const at = afterWorkingMinutes(submitted, reviewDelay(ctx));
      const comment = d.parentMissing ? 'Please add when and how the parent was informed.' : rng.pick(RETURN_COMMENTS);
      steps.push({ change: 'return', at, by: reviewer, comment });
      if (rng.chance(0.75)) {
        const edited = afterWorkingMinutes(at, rng.int(30, 1400));
        const resubmitted = addMinutes(edited, rng.int(1, 10));
        steps.push({ change: 'edit', at: edited, by: author, amend: true }, { change: 'resubmit', at: resubmitted, by: author });
        steps.push({ change: 'sign_off', at: afterWorkingMinutes(resubmitted, reviewDelay(ctx)), by: reviewer });
      }
    } else if (!overdueCandidate && !d.parentMissing) {
      steps.push({ change: 'sign_off', at: afterWorkingMinutes(submitted, reviewDelay(ctx)), by: reviewer });
    }
  }
  // Debriefs and the parent's call recorded after the first save are an edit; sign-off waits for them (REV-2).
  const followUp = latestFollowUp(d.pis);
  if (followUp && followUp > createdAt) {
    const at = new Date(Math.min(addMinutes(followUp, rng.int(2, 10)).getTime(), Math.max(followUp.getTime(), now.getTime())));
    const edit: Step = { change: 'edit', at, by: author };
    steps.push(edit);
    const signOff = steps.find((s) => s.change === 'sign_off');
    if (signOff && signOff.at <= at) signOff.at = afterWorkingMinutes(at, rng.int(20, 300));
    steps.sort(byTime);
    // The author edits a draft or a returned record; while it waits for review only a reviewer may (editableBy).
    const before = steps.slice(0, steps.indexOf(edit)).reverse().find((s) => STATUS_AFTER[s.change]);
    if (before && STATUS_AFTER[before.change] === 'submitted') edit.by = reviewer;
  }
  // REV-2: no sign-off until both debriefs are recorded (those still to come keep the record awaiting review).
  if (!d.pis.every((p) => p.pupilDebriefAt && p.staffDebriefAt)) {
    const signOff = steps.findIndex((s) => s.change === 'sign_off');
    if (signOff >= 0) steps.splice(signOff, 1);
  }
  // Voiding comes last: a duplicate or a mistake noticed after everything else.
  const lastAt = steps[steps.length - 1]?.at ?? createdAt;
  if (rng.chance(0.015)) steps.push({ change: 'void', at: afterWorkingMinutes(lastAt, lognormalMinutes(rng, 600, 1, 30, 5000)), by: reviewer, comment: rng.pick(VOID_REASONS) });
  const happened = steps.filter((s) => s.at <= now);
  return { steps: happened, amended: happened.some((s) => s.amend) };
}

const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null);

/** The incident as the versions table keeps it: the editable body and the status, timestamps as ISO strings. */
function snapshot(ctx: DayContext, d: IncidentDraft, row: IncidentRow, pis: readonly PhysicalInterventionRow[], status: string, voided: boolean): Record<string, unknown> {
  // The incidents module's toSnapshot(): people sorted by id, with their names beside the ids so old versions still read.
  const byId = <T>(key: (x: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  const pupilName = (id: string) => ctx.site.pupils.find((p) => p.id === id)?.displayName ?? '';
  const staffName = (id: string) => ctx.site.staff.find((s) => s.staffId === id)?.name ?? '';
  return {
    siteId: row.siteId, status, voided, voidReason: voided ? (row.voidReason ?? null) : null,
    occurredAt: iso(row.occurredAt), locationCode: row.locationCode ?? null, periodCode: row.periodCode ?? null, severity: row.severity ?? null,
    categoryCodes: row.categoryCodes,
    pupils: [...d.pupils].sort(byId((p) => p.pupilId)).map((p) => ({ pupilId: p.pupilId, role: p.role, name: pupilName(p.pupilId) })),
    staff: [...d.staff].sort(byId((s) => s.staffId)).map((s) => ({ staffId: s.staffId, role: s.role, name: staffName(s.staffId) })), antecedent: row.antecedent ?? null, behaviour: row.behaviour ?? null,
    consequence: row.consequence ?? null, motivationCode: row.motivationCode ?? null, actionCodes: row.actionCodes,
    dfeReasonCode: row.dfeReasonCode ?? null, formVersionId: row.formVersionId ?? null, customValues: row.customValues,
    physicalIntervention: row.physicalIntervention ?? false,
    physicalInterventions: pis.map((p) => ({
      pupilId: p.pupilId ?? null, kind: p.kind ?? null, pupilSenStatus: p.pupilSenStatus ?? null, startedAt: iso(p.startedAt), endedAt: iso(p.endedAt), durationMinutes: p.durationMinutes ?? null,
      staffTechniques: p.staffTechniques, reason: p.reason ?? null, deescalationTried: p.deescalationTried ?? null,
      pupilInjured: p.pupilInjured ?? false, staffInjured: p.staffInjured ?? false, injuryNotes: p.injuryNotes ?? null, bodyMap: p.bodyMap,
      medicalAttention: p.medicalAttention ?? null, supportOffered: p.supportOffered ?? null, pupilDebriefAt: iso(p.pupilDebriefAt), pupilDebriefBy: p.pupilDebriefBy ?? null,
      staffDebriefAt: iso(p.staffDebriefAt), staffDebriefBy: p.staffDebriefBy ?? null, parentInformedAt: iso(p.parentInformedAt),
      parentInformedHow: p.parentInformedHow ?? null, parentInformedBy: p.parentInformedBy ?? null,
    })),
  };
}

const STATUS_AFTER: Readonly<Record<Change, string | null>> = {
  create: 'draft', edit: null, submit: 'submitted', return: 'returned', resubmit: 'submitted', sign_off: 'signed_off', void: null,
};

/** An intervention as it stood at `at`: debriefs and the parent's call recorded later are not in it yet. */
function asOf(p: PhysicalInterventionRow, at: Date): PhysicalInterventionRow {
  const later = (d: Date | null | undefined): boolean => d instanceof Date && d > at;
  return {
    ...p,
    ...(later(p.pupilDebriefAt) ? { pupilDebriefAt: null, pupilDebriefBy: null } : {}),
    ...(later(p.staffDebriefAt) ? { staffDebriefAt: null, staffDebriefBy: null } : {}),
    ...(later(p.parentInformedAt) ? { parentInformedAt: null, parentInformedHow: null, parentInformedBy: null } : {}),
  };
}

/** Decide the incident's history, then write the incident, its pupils, staff, interventions and versions. */
export function finishIncident(ctx: DayContext, d: IncidentDraft, out: ActivityTables): Step[] {
  const { rng, site } = ctx;
  const { steps, amended } = planSteps(ctx, d);
  if (steps.length === 1 && rng.chance(0.6)) {
    // A draft saved part-way through: the end of the account and the follow-up are not written yet.
    Object.assign(d.row, { consequence: null, motivationCode: rng.chance(0.5) ? null : d.row.motivationCode, actionCodes: [] });
  }
  const original = { ...d.row };
  if (amended) {
    const returnedAt = steps.find((s) => s.change === 'return')?.at;
    const edit = steps.find((s) => s.amend);
    d.row.consequence = `${d.row.consequence ?? ''}${AMENDMENT_SUFFIX}`.trim();
    for (const pi of d.pis) {
      if (pi.parentInformedAt || !edit || !returnedAt) continue;
      // Told late, after the record came back and just before the amendment was saved.
      pi.parentInformedAt = new Date(Math.max(addMinutes(edit.at, -rng.int(2, 25)).getTime(), addMinutes(returnedAt, 1).getTime()));
      pi.parentInformedHow = 'phone';
      pi.parentInformedBy = site.leadStaffId;
    }
  }
  const row = d.row;
  let status = 'draft';
  let version = 0;
  let amendedYet = false;
  for (const step of steps) {
    version += 1;
    status = STATUS_AFTER[step.change] ?? status;
    if (step.amend) amendedYet = true;
    if (step.change === 'submit') row.firstSubmittedAt = step.at;
    if (step.change === 'submit' || step.change === 'resubmit') row.submittedAt = step.at;
    if (step.change === 'sign_off') { row.signedOffAt = step.at; row.signedOffBy = step.by; }
    if (step.change === 'void') { row.voidedAt = step.at; row.voidedBy = step.by; row.voidReason = step.comment ?? null; }
    const body = amendedYet ? row : { ...original, voidReason: row.voidReason };
    const pis = d.pis.map((p) => asOf(p, step.at));
    out.incidentVersions.push({
      id: ctx.ids.next(), incidentId: row.id ?? '', trustId: ctx.trustId, version, change: step.change,
      snapshot: snapshot(ctx, d, body, pis, status, step.change === 'void'),
      changedBy: step.by, changedAt: step.at, comment: step.change === 'return' || step.change === 'void' ? (step.comment ?? null) : null,
    });
  }
  const last = steps[steps.length - 1];
  Object.assign(row, { status, version, updatedAt: last?.at ?? row.createdAt });
  out.incidents.push(row);
  out.incidentPupils.push(...d.pupils);
  out.incidentStaff.push(...d.staff);
  out.physicalInterventions.push(...d.pis);
  return steps;
}
