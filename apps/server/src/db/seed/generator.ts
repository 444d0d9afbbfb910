/**
 * The deterministic demo trust, as plain rows for every table: "Northern Lights Learning Trust" with an SEMH
 * secondary, an autism (ASC) all-through school and an alternative provision (about 450 pupils and 70 staff at
 * scale 1). The same seed and the same "today" always give the same rows, ids included, so tests and benchmarks can
 * rely on them. `scale` N gives 3N sites (the kinds cycle, numbered) and N times the pupils and staff, in one trust.
 */
import { ROLES, type TRole } from '@haven/contracts';
import { academicYearOf, addDays, englandTermDates, londonIsoDate, type AcademicYear, type EnglandCalendar } from '../../core/calendar/calendar.ts';
import { demoAccount } from './accounts.ts';
import { addDemoFamily, addPupilContacts, type ContactContext } from './contacts.ts';
import { addActivity, emptyActivity } from './activity.ts';
import { addSanctions } from './sanctions.ts';
import { londonInstant } from './clock.ts';
import { buildPolicy } from './policy.ts';
import { IdFactory, Rng } from './prng.ts';
import { addSitePupils, onRoll, type PupilContext } from './pupils.ts';
import { planSite } from './sites.ts';
import { addSiteStaff, type StaffContext } from './staff.ts';
import type { DemoTables, PupilRow } from './types.ts';

export const DEMO_TRUST_NAME = 'Northern Lights Learning Trust';
export const DEFAULT_SEED = 20261122;
const AGENCY_SHARE_DAYS = 90;

export interface GenerateOptions {
  /** Multiplies sites (3 per unit), pupils and staff. A whole number from 1 to 1000. */
  scale?: number;
  seed?: number;
  /** Decides the academic year (the one containing today, in England) and the dates relative to it. */
  today?: Date;
  /** The hash every demo account gets (hash once: argon2 is slow). Null leaves them unable to sign in. */
  passwordHash?: string | null;
}

export interface DemoRefs {
  trustId: string;
  /** In order: site 1 is the first SEMH school, site 2 the first ASC school, site 3 the first AP. */
  siteIds: string[];
  academicYearId: string;
  academicYear: AcademicYear;
  calendar: EnglandCalendar;
  /** Today in England, as used for the data. */
  today: string;
  demoUserIds: Record<TRole, string>;
  /** The two pupils at site 1 whose contact is the demo parent. */
  parentChildIds: [string, string];
  /** The pupil shared with the demo agency account. */
  agencyPupilId: string;
}

export interface DemoTrust extends DemoTables {
  refs: DemoRefs;
}

function emptyTables(): DemoTables {
  return {
    trusts: [], sites: [], academicYears: [], terms: [], closureDays: [], users: [], roleAssignments: [], staffMembers: [],
    pupilGroups: [], pupils: [], pupilGroupMembers: [], contacts: [], pupilContacts: [], agencyShares: [],
    behaviourCategories: [], policyOptions: [], incidentFormVersions: [], escalationRules: [], ...emptyActivity(),
    detentionTypes: [], escalationRuleDetentions: [], detentionSessions: [], detentionAssignments: [], isolationSessions: [], isolationPupils: [],
    rewardMilestones: [], rewardMilestoneAwards: [], placements: [], placementReviews: [],
  };
}

export function generateDemoTrust(options: GenerateOptions = {}): DemoTrust {
  const scale = options.scale ?? 1;
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isInteger(scale) || scale < 1 || scale > 1000) throw new Error(`Invalid scale ${scale}: expected a whole number from 1 to 1000`);
  if (!Number.isInteger(seed)) throw new Error(`Invalid seed ${seed}: expected a whole number`);
  const todayInstant = options.today ?? new Date();
  const today = londonIsoDate(todayInstant);
  const year = academicYearOf(today);
  const calendar = englandTermDates(year.startYear);

  const rng = new Rng(seed);
  const ids = new IdFactory(rng.fork('ids'));
  const t = emptyTables();
  const trustId = ids.next();
  t.trusts.push({ id: trustId, name: DEMO_TRUST_NAME });

  const plans = Array.from({ length: 3 * scale }, (_, i) => planSite(i));
  const siteIds = plans.map((plan) => {
    const id = ids.next();
    t.sites.push({
      id, trustId, name: plan.name, shortName: plan.shortName, urn: plan.urn, laCode: plan.laCode,
      establishmentNumber: plan.establishmentNumber, phase: plan.profile.phase, kind: plan.kind,
    });
    return id;
  });

  const academicYearId = ids.next();
  t.academicYears.push({ id: academicYearId, trustId, label: year.label, startDate: year.startDate, endDate: year.endDate });
  for (const term of calendar.terms) {
    t.terms.push({ id: ids.next(), trustId, academicYearId, siteId: null, term: term.term, halfTerm: term.halfTerm, name: term.name, startDate: term.startDate, endDate: term.endDate });
  }
  for (const c of calendar.closures) {
    t.closureDays.push({ id: ids.next(), trustId, academicYearId, siteId: null, date: c.date, reason: c.reason, kind: c.kind });
  }

  const demoUserIds: Partial<Record<TRole, string>> = {};
  const emails = new Set<string>();
  let parentChildren: PupilRow[] = [];
  plans.forEach((plan, i) => {
    const siteId = siteIds[i] ?? '';
    const siteRng = rng.fork(`site-${i}`);
    const staffCtx: StaffContext = {
      rng: siteRng.fork('staff'), ids, trustId, siteIds, passwordHash: options.passwordHash ?? null, emails,
      users: t.users, roleAssignments: t.roleAssignments, staffMembers: t.staffMembers, demoUserIds,
    };
    const tutors = addSiteStaff(staffCtx, plan, siteId);
    const pupilCtx: PupilContext = {
      rng: siteRng.fork('pupils'), ids, trustId, year, today, pupilGroups: t.pupilGroups, pupils: t.pupils, pupilGroupMembers: t.pupilGroupMembers,
    };
    const pupils = addSitePupils(pupilCtx, plan, siteId, tutors);
    const contactCtx: ContactContext = { rng: siteRng.fork('contacts'), ids, trustId, contacts: t.contacts, pupilContacts: t.pupilContacts };
    if (i === 0) parentChildren = chooseParentChildren(siteRng.fork('demo-family'), pupils);
    for (const pupil of pupils) if (!parentChildren.includes(pupil)) addPupilContacts(contactCtx, pupil);
    if (i === 0) addDemoFamily(contactCtx, parentChildren, requireUser(demoUserIds, 'parent'));
  });

  const [childA, childB] = parentChildren;
  if (!childA || !childB) throw new Error('The demo parent needs two children at site 1');
  const shared = chooseAgencyPupil(t.pupils.filter((p) => p.siteId === siteIds[0]), parentChildren);
  t.agencyShares.push({
    id: ids.next(), trustId, pupilId: shared.id, userId: requireUser(demoUserIds, 'agency'), grantedBy: requireUser(demoUserIds, 'dsl'),
    expiresAt: new Date(`${addDays(today, AGENCY_SHARE_DAYS)}T17:00:00Z`),
  });

  // The behaviour policy, set up the week before term, and the school year's activity up to now.
  const policy = buildPolicy({
    ids, trustId, sites: plans.map((plan, i) => ({ id: siteIds[i] ?? '', kind: plan.kind })),
    at: londonInstant(addDays(year.startDate, -5), 9 * 60), createdBy: requireUser(demoUserIds, 'trust_admin'),
  });
  Object.assign(t, policy);
  addActivity(t, {
    rng: rng.fork('activity'), ids, trustId, sites: plans.map((plan, i) => ({ id: siteIds[i] ?? '', kind: plan.kind })),
    calendar, now: todayInstant, today, demoStaffUserId: requireUser(demoUserIds, 'staff'), noConcernPupilIds: [childA.id ?? '', childB.id ?? ''],
  });

  // Detentions, isolation, rewards and placements over the same year (sanctions.ts)
  addSanctions(t, {
    rng: rng.fork('sanctions'), ids, trustId, siteIds, calendar, today, now: todayInstant, academicYearLabel: year.label,
    createdBy: requireUser(demoUserIds, 'behaviour_lead'),
  });

  const allDemoUsers = Object.fromEntries(ROLES.map((r) => [r, requireUser(demoUserIds, r)])) as Record<TRole, string>;
  return {
    ...t,
    refs: {
      trustId, siteIds, academicYearId, academicYear: year, calendar, today, demoUserIds: allDemoUsers,
      parentChildIds: [childA.id, childB.id], agencyPupilId: shared.id,
    },
  };
}

function requireUser(ids: Partial<Record<TRole, string>>, role: TRole): string {
  const id = ids[role];
  if (!id) throw new Error(`The demo ${role} account was not created`);
  return id;
}

/**
 * Two on-roll White British pupils at site 1 in different year groups become siblings: they take the demo parent's
 * surname, and the parent account becomes their mother's contact record.
 */
function chooseParentChildren(rng: Rng, pupils: readonly PupilRow[]): PupilRow[] {
  const candidates = rng.shuffle(pupils.filter((p) => onRoll(p) && !p.lookedAfter && p.ethnicity === 'WBRI' && !p.childProtectionPlan));
  const first = candidates[0];
  const second = candidates.find((p) => first && p.yearGroup !== first.yearGroup);
  if (!first || !second) throw new Error('Site 1 has too few pupils to give the demo parent two children');
  for (const child of [first, second]) {
    child.legalSurname = demoAccount('parent').surname;
    child.preferredSurname = null;
  }
  return [first, second];
}

/** The agency share is for a pupil with a social worker if there is one (child in need), else any pupil on roll. */
function chooseAgencyPupil(pupils: readonly PupilRow[], exclude: readonly PupilRow[]): PupilRow {
  const eligible = pupils.filter((p) => onRoll(p) && !exclude.includes(p));
  const pupil = eligible.find((p) => p.childInNeed) ?? eligible[0];
  if (!pupil) throw new Error('Site 1 has no pupil to share with the demo agency account');
  return pupil;
}
