/**
 * A visit as the API shows it: the plan, participants with what Haven knows about each pupil (active plan's key
 * points and holds, active risk assessment, medical flag, consent), the trained-adult check against the staff's
 * certificates, the ratio, approval steps, linked incidents, the departure checklist and what the caller may do.
 */
import type { TChecklistItem, TVisit, TVisitStatus } from '@haven/contracts';
import type { Executor } from '../../core/db/client.ts';
import { can, type Actor } from '../../core/policy/policy.ts';
import { pgTimestampToIso } from '../../core/time.ts';
import type { VisitHazard } from '../../db/schema/visits.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import { activePlanForPupil, type PlanKeyPoints } from '../plans/plans.repo.ts';
import { validCertificatesOn } from '../training/training.repo.ts';
import * as repo from './visits.repo.ts';
import { BEFORE_DEPARTURE, checklist, holdsCheck, PLAN_EDITABLE, ratioCheck, STEP_OF, visitDays } from './visits.rules.ts';

export function keyPoints(p: PlanKeyPoints): string[] {
  const line = (label: string, xs: readonly string[]) => (xs.length ? [`${label}: ${xs.join('; ')}`] : []);
  return [...line('Triggers', p.triggers), ...line('Early signs', p.earlyWarningSigns), ...line('What helps', [...p.proactiveStrategies, ...p.deescalationStrategies]), ...line('Avoid', p.whatToAvoid)];
}

/** The latest decision per pupil. */
export function latestConsents(rows: Awaited<ReturnType<typeof repo.consentsOf>>) {
  const out = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!out.has(r.c.pupilId)) out.set(r.c.pupilId, r);
  return out;
}

export interface Loaded {
  row: repo.VisitRow; category: repo.CategoryRow; siteName: string;
  pupils: repo.VisitPupilRow[]; staff: Awaited<ReturnType<typeof repo.staffOf>>;
  plans: Map<string, PlanKeyPoints>; consents: ReturnType<typeof latestConsents>;
  dto: TVisit;
}

export async function load(db: Executor, actor: Actor, row: repo.VisitRow, isEvc: boolean): Promise<Loaded> {
  const category = (await repo.category(db, row.trustId, row.categoryId))!;
  const [pupils, staff, consentRows, steps, lib, incidentRows, labels, siteName] = await Promise.all([
    repo.pupilsOf(db, row.id), repo.staffOf(db, row.id), repo.consentsOf(db, row.id), repo.steps(db, row.id), repo.libraryByIds(db, row.trustId, row.adoptedAssessmentIds),
    repo.incidentsOf(db, row.id), repo.techniqueLabels(db, row.trustId, row.siteId), repo.siteName(db, row.siteId),
  ]);
  const plans = new Map<string, PlanKeyPoints>();
  for (const p of pupils) { const plan = await activePlanForPupil(db, p.id); if (plan) plans.set(p.id, plan); }
  const ras = await repo.activeRiskAssessments(db, pupils.map((p) => p.id));
  const certs = await validCertificatesOn(db, staff.map((s) => s.id), row.endDate);
  const certsByStaff = new Map([...certs.entries()].map(([id, c]) => [id, c.certificates]));
  const days = visitDays(row.startDate, row.endDate);
  const staffName = new Map(staff.map((s) => [s.id, `${s.forename} ${s.surname}`]));
  const consents = latestConsents(consentRows);
  const names = await repo.userNames(db, [row.riskConfirmedBy, row.departedBy]);
  const standing = await repo.standingApproval(db, row.standingApprovalId);

  const pupilDtos = pupils.map((p) => {
    const plan = plans.get(p.id);
    const holds = holdsCheck(plan?.approvedHolds ?? [], certsByStaff, days);
    const ra = ras.get(p.id);
    const c = consents.get(p.id);
    return {
      id: p.id, displayName: displayName(p), yearGroup: p.yearGroup, medicalFlag: p.medicalFlag,
      plan: plan ? { id: plan.planId, keyPoints: keyPoints(plan), approvedHolds: plan.approvedHolds.map((h) => labels.get(h) ?? h) } : null,
      riskAssessment: ra ? { id: ra.id, title: ra.title, overallRating: ra.overallRating, hazards: ra.hazards.map((h) => ({ hazard: h.hazard, controls: h.controls })) } : null,
      holds: holds.items.map((i) => ({ techniqueCode: i.techniqueCode, techniqueLabel: labels.get(i.techniqueCode) ?? i.techniqueCode, coveredBy: i.staffIds.map((id) => staffName.get(id) ?? '') })),
      needsTrainedAdult: holds.needsTrainedAdult,
      consent: c ? { decision: c.c.decision as 'given' | 'refused', via: c.c.via as 'portal' | 'staff', how: c.c.how, parentName: c.c.parentName, medicalInfo: c.c.medicalInfo,
        emergencyName: c.c.emergencyName, emergencyPhone: c.c.emergencyPhone, recorded: { name: c.recordedByName, at: pgTimestampToIso(c.c.recordedAt) } } : null,
    };
  });
  const adopted = lib.filter((l) => row.adoptedAssessmentIds.includes(l.id)).map((l) => ({ id: l.id, title: l.title, hazards: l.hazards }));
  const hazards = adopted.reduce((n, a) => n + a.hazards.length, 0) + row.ownHazards.length;
  const ratio = ratioCheck(pupils.length, staff.length, row.ratioPupilsPerAdult);
  const status = row.status as TVisitStatus;
  const items: TChecklistItem[] = checklist({
    purpose: row.purpose, venue: row.venue, transport: row.transport, itineraryStops: row.itinerary.length, leader: !!row.leaderStaffId,
    leaderOnVisit: staff.some((s) => s.id === row.leaderStaffId), pupils: pupils.length, staff: staff.length, ratioMet: ratio.met,
    hazards, riskConfirmed: !!row.riskConfirmedAt, pupilsNeedingTrainedAdult: pupilDtos.filter((p) => p.needsTrainedAdult).map((p) => p.displayName),
    consentsMissing: pupilDtos.filter((p) => !p.consent).map((p) => p.displayName), consentsRefused: pupilDtos.filter((p) => p.consent?.decision === 'refused').map((p) => p.displayName), status,
  });
  const pupilName = new Map(pupilDtos.map((p) => [p.id, p.displayName]));
  const byIncident = incidentList(incidentRows, pupilName);
  const toLink = status === 'departed' || status === 'completed'
    ? incidentList(await repo.incidentsToLink(db, row, pupils.map((p) => p.id)), pupilName) : new Map();
  const res = { trustId: row.trustId, siteId: row.siteId };
  const plan = can(actor, 'visit.plan', res);
  const step = STEP_OF[status];
  const head = can(actor, 'visit.approve', res);
  const allowed: string[] = ['day_sheet'];
  if (plan && PLAN_EDITABLE.includes(status)) allowed.push('edit', 'submit');
  if (plan && BEFORE_DEPARTURE.includes(status)) allowed.push('participants', 'risk', 'confirm_risk', 'cancel', 'link_incident');
  if (can(actor, 'visit.consent.record', res) && BEFORE_DEPARTURE.includes(status)) allowed.push('record_consent');
  if ((step === 'evc' && isEvc) || (step === 'head' && head) || (step === 'la' && (head || isEvc))) allowed.push('approve', 'return');
  if (plan && status === 'approved') allowed.push('depart');
  if (plan && status === 'departed') allowed.push('return_home');
  if (plan && (status === 'departed' || status === 'completed')) allowed.push('evaluate', 'link_incident');
  const leader = staff.find((s) => s.id === row.leaderStaffId);
  const ev = row.evaluation;
  const dto: TVisit = {
    id: row.id, siteId: row.siteId, siteName, purpose: row.purpose, venue: row.venue, startDate: row.startDate, endDate: row.endDate, status,
    categoryName: category.name, leaderName: leader ? `${leader.forename} ${leader.surname}` : null, pupilCount: pupils.length, staffCount: staff.length,
    departTime: row.departTime, returnTime: row.returnTime, itinerary: row.itinerary, transport: row.transport,
    category: { id: category.id, code: category.code, name: category.name, description: category.description, preApproved: category.preApproved, laAdviserRequired: category.laAdviserRequired, active: category.active },
    leaderStaffId: row.leaderStaffId, ratioPupilsPerAdult: row.ratioPupilsPerAdult, ratio,
    pupils: pupilDtos,
    staff: staff.map((s) => ({ id: s.id, name: `${s.forename} ${s.surname}`, jobTitle: s.jobTitle, leader: s.id === row.leaderStaffId,
      certificates: (certs.get(s.id)?.certificates ?? []).filter((c) => c.state !== 'expired').map((c) => ({ courseName: c.courseName, expiresOn: c.expiresOn, techniqueCodes: [...c.techniqueCodes] })) })),
    adoptedAssessments: adopted, ownHazards: row.ownHazards as VisitHazard[],
    riskConfirmed: row.riskConfirmedBy && row.riskConfirmedAt ? { name: names.get(row.riskConfirmedBy) ?? 'Unknown', at: pgTimestampToIso(row.riskConfirmedAt) } : null,
    standingApproval: standing ? { id: standing.id, description: standing.description, expiresOn: standing.expiresOn } : null,
    steps: steps.map((s) => ({ step: s.s.step, decision: s.s.decision, comment: s.s.comment, adviserName: s.s.adviserName, by: s.by, at: pgTimestampToIso(s.s.at) })),
    checklist: items, incidents: [...byIncident.values()], incidentsToLink: [...toLink.values()],
    departed: row.departedBy && row.departedAt ? { name: names.get(row.departedBy) ?? 'Unknown', at: pgTimestampToIso(row.departedAt) } : null,
    evaluation: ev ? { wentWell: ev.wentWell, toImprove: ev.toImprove, incidentsSummary: ev.incidentsSummary, by: ev.by, at: ev.at } : null,
    version: row.version, allowed,
  };
  return { row, category, siteName, pupils, staff, plans, consents, dto };
}

type IncidentRow = { id: string; occurredAt: Date | string | null; status: string; pupilId: string | null };
/** Incident rows (one per pupil) as one item per incident, naming the visit's pupils on it. */
function incidentList(rows: IncidentRow[], pupilName: Map<string, string>) {
  const out = new Map<string, { id: string; occurredAt: string | null; status: string; pupils: string[] }>();
  for (const r of rows) {
    const i = out.get(r.id) ?? { id: r.id, occurredAt: r.occurredAt ? pgTimestampToIso(r.occurredAt as string) : null, status: r.status, pupils: [] };
    if (r.pupilId) i.pupils.push(pupilName.get(r.pupilId) ?? 'A pupil not on the visit');
    out.set(r.id, i);
  }
  return out;
}
