/**
 * Staff of one site, each with a user account and a role there. The demo accounts take their slots at the first site;
 * everyone else has no password (they cannot sign in until an administrator invites them).
 */
import type { TRole } from '@haven/contracts';
import { DEMO_ACCOUNTS, type DemoAccount } from './accounts.ts';
import { adultForename, anySurname, ETHNICITY_WEIGHTS } from './names.ts';
import type { IdFactory, Rng } from './prng.ts';
import type { SitePlan } from './sites.ts';
import type { RoleAssignmentRow, StaffMemberRow, UserRow } from './types.ts';

export const TRUST_EMAIL_DOMAIN = 'northernlights.example.org';

export interface StaffContext {
  readonly rng: Rng;
  readonly ids: IdFactory;
  readonly trustId: string;
  /** Site ids in order: demo accounts name sites by number (1 = the first). */
  readonly siteIds: readonly string[];
  readonly passwordHash: string | null;
  /** Emails already taken (users.email is unique). */
  readonly emails: Set<string>;
  readonly users: UserRow[];
  readonly roleAssignments: RoleAssignmentRow[];
  readonly staffMembers: StaffMemberRow[];
  /** User id of each demo account, filled as they are created. */
  readonly demoUserIds: Partial<Record<TRole, string>>;
}

const ascii = (s: string): string => s.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();

function uniqueEmail(ctx: StaffContext, forename: string, surname: string): string {
  const base = `${ascii(forename)}.${ascii(surname)}`;
  let email = `${base}@${TRUST_EMAIL_DOMAIN}`;
  for (let n = 2; ctx.emails.has(email); n += 1) email = `${base}${n}@${TRUST_EMAIL_DOMAIN}`;
  ctx.emails.add(email);
  return email;
}

function siteIdOf(ctx: StaffContext, siteNumber: number): string {
  const id = ctx.siteIds[siteNumber - 1];
  if (!id) throw new Error(`Demo accounts refer to site ${siteNumber}, but the trust has ${ctx.siteIds.length} sites`);
  return id;
}

/** A demo account's user, its role assignments and (for staff) its staff record. Returns the staff id, if any. */
export function addDemoAccount(ctx: StaffContext, account: DemoAccount): string | null {
  const userId = ctx.ids.next();
  ctx.emails.add(account.email);
  ctx.demoUserIds[account.role] = userId;
  ctx.users.push({
    id: userId, trustId: ctx.trustId, email: account.email, displayName: account.displayName,
    passwordHash: ctx.passwordHash, totpSecret: account.totpSecret, totpEnabled: account.totpSecret !== null,
  });
  const siteIds = account.sites === 'trust' ? [null] : account.sites.map((n) => siteIdOf(ctx, n));
  for (const siteId of siteIds) {
    ctx.roleAssignments.push({ id: ctx.ids.next(), trustId: ctx.trustId, userId, role: account.role, siteId });
  }
  if (account.jobTitle === null) return null;
  const staffId = ctx.ids.next();
  ctx.staffMembers.push({
    id: staffId, trustId: ctx.trustId, siteId: siteIdOf(ctx, account.staffSite), userId,
    forename: account.forename, surname: account.surname, jobTitle: account.jobTitle, email: account.email,
  });
  return staffId;
}

function addStaffMember(ctx: StaffContext, siteId: string, jobTitle: string, role: TRole): string {
  const woman = ctx.rng.chance(jobTitle === 'Teaching assistant' ? 0.85 : 0.6);
  const forename = adultForename(ctx.rng, ctx.rng.weighted(ETHNICITY_WEIGHTS), woman);
  const surname = anySurname(ctx.rng);
  const email = uniqueEmail(ctx, forename, surname);
  const userId = ctx.ids.next();
  ctx.users.push({ id: userId, trustId: ctx.trustId, email, displayName: `${forename} ${surname}`, passwordHash: null });
  ctx.roleAssignments.push({ id: ctx.ids.next(), trustId: ctx.trustId, userId, role, siteId });
  const staffId = ctx.ids.next();
  ctx.staffMembers.push({ id: staffId, trustId: ctx.trustId, siteId, userId, forename, surname, jobTitle, email });
  return staffId;
}

/**
 * All the staff of one site. Returns the ids of the people who tutor forms, in the order forms should take them.
 * At the first site the demo accounts with a staff record fill their slots.
 */
export function addSiteStaff(ctx: StaffContext, plan: SitePlan, siteId: string): string[] {
  const tutors: string[] = [];
  const first = plan.index === 0;
  for (const slot of plan.profile.staff) {
    for (let i = 0; i < slot.count; i += 1) {
      const demo = first && i === 0 && slot.demo ? DEMO_ACCOUNTS.find((a) => a.role === slot.demo) : undefined;
      const staffId = demo ? addDemoAccount(ctx, demo) : addStaffMember(ctx, siteId, slot.jobTitle, slot.role);
      if (slot.tutor && staffId) tutors.push(staffId);
    }
  }
  if (first) {
    // Demo accounts without a slot of their own at a school: the cluster lead, the trust administrator, and the
    // governor, parent and agency professional (who are not staff).
    const placed = new Set(plan.profile.staff.map((s) => s.demo).filter((r): r is TRole => r !== undefined));
    for (const account of DEMO_ACCOUNTS) if (!placed.has(account.role)) addDemoAccount(ctx, account);
  }
  return tutors;
}
