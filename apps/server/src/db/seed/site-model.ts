/**
 * What the activity generator needs to know about one site: its effective policy, its pupils with how likely each is
 * to be involved in behaviour (a heavy-tailed weight, so a few pupils have many incidents), and its staff with who
 * records, who reviews, who answers on-call and who leads safeguarding.
 */
import type { TRole, TSiteKind } from '@haven/contracts';
import type { Rng } from './prng.ts';
import { effectivePolicy, type EffectivePolicy } from './policy.ts';
import { KIND_RATES } from './rates.ts';
import type { DemoTables, PupilRow, StaffMemberRow } from './types.ts';

export interface PupilModel {
  readonly row: PupilRow;
  readonly id: string;
  readonly firstName: string;
  /** As the app shows it: preferred names first. */
  readonly displayName: string;
  readonly initials: string;
  readonly start: string;
  readonly end: string | null;
  readonly negWeight: number;
  readonly posWeight: number;
  readonly piWeight: number;
}

export interface StaffModel {
  readonly staffId: string;
  readonly userId: string;
  readonly name: string;
  readonly jobTitle: string;
  /** How much of the day-to-day recording this person does. */
  readonly recordWeight: number;
  /** Trained in and likely to use physical intervention. */
  readonly holds: boolean;
}

export interface SiteModel {
  readonly index: number;
  readonly id: string;
  readonly kind: TSiteKind;
  readonly policy: EffectivePolicy;
  readonly pupils: readonly PupilModel[];
  readonly staff: readonly StaffModel[];
  /** Users who review and sign off here, weighted (the behaviour lead most). */
  readonly reviewers: Readonly<Record<string, number>>;
  readonly leadStaffId: string;
  readonly leadUserId: string;
  readonly dslUserId: string | null;
  /** Users who answer on-call: leads, senior leaders and the on-call list. */
  readonly responders: readonly string[];
  /** Staff (users) put on the site's on-call list. */
  readonly onCallUserIds: readonly string[];
}

const RECORD_WEIGHTS: Readonly<Record<string, number>> = {
  Teacher: 1, 'Teaching assistant': 1, 'Behaviour mentor': 1.3, 'Support worker': 0.8, 'Learning mentor': 0.8, 'Behaviour manager': 0.5,
};
const HOLDS: ReadonlySet<string> = new Set(['Teacher', 'Teaching assistant', 'Behaviour mentor', 'Support worker', 'Learning mentor', 'Behaviour manager']);
const RECORDING_ROLES: ReadonlySet<string> = new Set<TRole>(['staff', 'behaviour_lead', 'cluster_lead', 'dsl', 'senco', 'head', 'slt']);
const ON_CALL_TITLES: ReadonlySet<string> = new Set(['Behaviour mentor', 'Support worker']);

/** Pareto(alpha) with minimum 1: most pupils near 1, a few far above. */
const pareto = (rng: Rng, alpha: number): number => Math.min(40, (1 - rng.next()) ** (-1 / alpha));

function pupilModels(rng: Rng, kind: TSiteKind, rows: readonly PupilRow[]): PupilModel[] {
  const base = rows.map((row) => {
    const heavy = pareto(rng, 1.5);
    // DfE shapes: boys about 1.5 times girls; free school meals and care experience well above the rest.
    let neg = heavy * (row.sex === 'M' ? 1.4 : 0.75) * (row.fsm ? 1.8 : 1) * (row.lookedAfter ? 1.3 : 1);
    if (kind !== 'asc' && (row.yearGroup === 9 || row.yearGroup === 10)) neg *= 1.2;
    const pos = (0.6 + 0.8 * rng.next()) * (1 + 0.04 * Math.min(heavy, 10));
    const forename = row.preferredForename ?? row.legalForename;
    const surname = row.preferredSurname ?? row.legalSurname;
    return {
      row, id: row.id ?? '', firstName: forename, displayName: `${forename} ${surname}`, initials: `${forename.charAt(0)}.${surname.charAt(0)}.`,
      start: row.enrolmentStart ?? '1900-01-01', end: row.enrolmentEnd ?? null, negWeight: neg, posWeight: pos, piWeight: 0,
    };
  });
  // Weights are relative: scale them to a mean of 1 so that the rates in rates.ts are per average pupil.
  const meanNeg = base.reduce((sum, p) => sum + p.negWeight, 0) / Math.max(1, base.length);
  const meanPos = base.reduce((sum, p) => sum + p.posWeight, 0) / Math.max(1, base.length);
  for (const p of base) { p.negWeight /= meanNeg; p.posWeight /= meanPos; }
  // Physical interventions concentrate on a few pupils: the most dysregulated (at an ASC school, mostly the younger).
  const youngBonus = (p: PupilRow): number => (kind === 'asc' && p.yearGroup <= 6 ? 2 : 1);
  const ranked = [...base].filter((p) => !p.end).sort((a, b) => b.negWeight * youngBonus(b.row) - a.negWeight * youngBonus(a.row));
  const focus = new Set(ranked.slice(0, KIND_RATES[kind].piPupils).map((p) => p.id));
  return base.map((p) => ({ ...p, piWeight: focus.has(p.id) ? 12 + rng.next() * 20 : 0.04 * p.negWeight }));
}

function usersWithRole(t: DemoTables, siteId: string, role: TRole): string[] {
  return t.roleAssignments.filter((r) => r.siteId === siteId && r.role === role).map((r) => r.userId);
}

export function buildSiteModel(rng: Rng, t: DemoTables, index: number, siteId: string, kind: TSiteKind, demoStaffUserId: string | null): SiteModel {
  const pupils = pupilModels(rng, kind, t.pupils.filter((p) => p.siteId === siteId));
  // Only people who may record behaviour here (not, say, the trust's data lead, who has a staff record at site 1).
  const recorders = new Set(t.roleAssignments.filter((r) => r.siteId === siteId && RECORDING_ROLES.has(r.role)).map((r) => r.userId));
  const staffRows = t.staffMembers.filter((s): s is StaffMemberRow & { userId: string } => s.siteId === siteId && !!s.userId && recorders.has(s.userId));
  const staff: StaffModel[] = staffRows.map((s) => ({
    staffId: s.id ?? '', userId: s.userId, name: `${s.forename} ${s.surname}`, jobTitle: s.jobTitle,
    // The demo member of staff records a good share of site 1's records, so their account has plenty to show.
    recordWeight: s.userId === demoStaffUserId ? 3 : (RECORD_WEIGHTS[s.jobTitle] ?? 0.05),
    holds: HOLDS.has(s.jobTitle),
  }));
  const leadUserId = usersWithRole(t, siteId, 'behaviour_lead')[0];
  const lead = staff.find((s) => s.userId === leadUserId);
  if (!leadUserId || !lead) throw new Error(`Site ${index + 1} has no behaviour lead with a staff record`);
  const reviewers: Record<string, number> = { [leadUserId]: 8 };
  for (const u of usersWithRole(t, siteId, 'head')) reviewers[u] = 1;
  for (const u of usersWithRole(t, siteId, 'cluster_lead')) reviewers[u] = 1.5;
  const onCallUserIds = staff.filter((s) => ON_CALL_TITLES.has(s.jobTitle) && s.userId !== demoStaffUserId).map((s) => s.userId);
  const responders = [...new Set([...usersWithRole(t, siteId, 'behaviour_lead'), ...usersWithRole(t, siteId, 'slt'), ...onCallUserIds])];
  return {
    index, id: siteId, kind, policy: effectivePolicy(t, siteId), pupils, staff, reviewers, leadStaffId: lead.staffId, leadUserId,
    dslUserId: usersWithRole(t, siteId, 'dsl')[0] ?? null, responders, onCallUserIds,
  };
}

export const onRollOn = (p: PupilModel, date: string): boolean => p.start <= date && (p.end === null || date <= p.end);

/** A weighted choice by a weight function (linear scan; the lists here are a few hundred at most). */
export function pickWeighted<T>(rng: Rng, items: readonly T[], weight: (item: T) => number): T | undefined {
  let total = 0;
  for (const item of items) total += weight(item);
  if (total <= 0) return undefined;
  let r = rng.next() * total;
  for (const item of items) {
    r -= weight(item);
    if (r < 0) return item;
  }
  return items[items.length - 1];
}
