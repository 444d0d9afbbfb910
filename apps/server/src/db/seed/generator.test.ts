import { describe, expect, it } from 'vitest';
import * as OTPAuth from 'otpauth';
import { ROLES, ROLES_REQUIRING_TOTP, type TRole } from '@haven/contracts';
import { validateUpn } from '../../modules/pupils/upn.rules.ts';
import { addDays, isSchoolDay, termOf } from '../../core/calendar/calendar.ts';
import { DEMO_ACCOUNTS, DEMO_TOTP_SECRETS, demoAccount, demoEmail, demoOtpauthUri } from './accounts.ts';
import { DEMO_TRUST_NAME, generateDemoTrust } from './generator.ts';
import { ETHNICITY_CODES } from './names.ts';
import { DEMO_TABLE_ORDER } from './types.ts';

const TODAY = new Date('2026-11-18T10:00:00Z');
const HASH = '$argon2id$test-hash';
const trust = generateDemoTrust({ today: TODAY, passwordHash: HASH });
const { refs } = trust;
const siteNumber = (siteId: string | null | undefined): number => refs.siteIds.indexOf(siteId ?? '') + 1;
const share = (n: number, of: number): number => n / of;

describe('determinism', () => {
  it('gives identical rows, ids included, for the same seed and day', () => {
    expect(generateDemoTrust({ today: TODAY, passwordHash: HASH })).toEqual(trust);
  });

  it('gives a different trust for another seed', () => {
    const other = generateDemoTrust({ today: TODAY, seed: 7 });
    expect(other.pupils.map((p) => p.legalForename)).not.toEqual(trust.pupils.map((p) => p.legalForename));
    expect(other.refs.trustId).not.toBe(refs.trustId);
  });

  it('refuses a scale it cannot build', () => {
    expect(() => generateDemoTrust({ scale: 0 })).toThrow(/Invalid scale/);
    expect(() => generateDemoTrust({ scale: 1.5 })).toThrow(/Invalid scale/);
  });
});

describe('the trust at scale 1', () => {
  it('is one trust with an SEMH secondary, an ASC all-through school and an AP', () => {
    expect(trust.trusts).toEqual([{ id: refs.trustId, name: DEMO_TRUST_NAME }]);
    expect(trust.sites.map((s) => [s.kind, s.phase, s.name])).toEqual([
      ['semh', 'secondary', 'Aurora Park School'], ['asc', 'all_through', 'Brightwater School'], ['ap', 'secondary', 'Northern Lights Pathways'],
    ]);
    const sizes = refs.siteIds.map((id) => trust.pupils.filter((p) => p.siteId === id).length);
    expect(trust.pupils.length).toBeGreaterThanOrEqual(420);
    expect(trust.pupils.length).toBeLessThanOrEqual(480);
    [160, 190, 100].forEach((expected, i) => expect(Math.abs((sizes[i] ?? 0) - expected)).toBeLessThanOrEqual(15));
    const years = (n: number) => new Set(trust.pupils.filter((p) => siteNumber(p.siteId) === n).map((p) => p.yearGroup));
    expect([...years(1)].sort((a, b) => a - b)).toEqual([7, 8, 9, 10, 11]);
    expect([...years(2)].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect([...years(3)].sort((a, b) => a - b)).toEqual([9, 10, 11]);
  });

  it('gives every row a unique UUIDv7-shaped id and the trust id', () => {
    const v7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    const ids: string[] = [];
    for (const name of DEMO_TABLE_ORDER) {
      for (const row of trust[name]) {
        if ('id' in row && row.id) ids.push(row.id);
        if (name !== 'trusts') expect('trustId' in row && row.trustId).toBe(refs.trustId);
      }
    }
    expect(ids.every((id) => v7.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has the academic year containing today, with English terms and closures', () => {
    expect(trust.academicYears).toEqual([expect.objectContaining({ label: '2026/27', startDate: '2026-09-01', endDate: '2027-08-31' })]);
    expect(trust.terms).toHaveLength(6);
    expect(trust.closureDays.filter((c) => c.kind === 'inset')).toHaveLength(5);
    for (const c of trust.closureDays) expect(termOf(refs.calendar, c.date)).not.toBeNull();
    expect(isSchoolDay(refs.calendar, refs.today)).toBe(true);
  });
});

describe('pupils', () => {
  const { pupils } = trust;

  it('have valid, unique UPNs from their own site LA and establishment numbers', () => {
    expect(new Set(pupils.map((p) => p.upn)).size).toBe(pupils.length);
    for (const p of pupils) {
      expect(validateUpn(p.upn)).toEqual({ ok: true, temporary: false });
      const site = trust.sites.find((s) => s.id === p.siteId);
      expect(p.upn.slice(1, 8)).toBe(`${site?.laCode}${site?.establishmentNumber}`);
    }
  });

  it('are in the NC year their date of birth gives on 1 September 2026', () => {
    for (const p of pupils) {
      // Age on 31 August 2026, the day before the academic year: Reception children are 4, Year 7 are 11.
      const [y, m] = p.dateOfBirth.split('-').map(Number) as [number, number];
      const ageOn31August = 2026 - y - (m >= 9 ? 1 : 0);
      expect(p.yearGroup).toBe(ageOn31August - 4);
    }
  });

  it('look like a special-school trust', () => {
    const n = pupils.length;
    const rate = (f: (p: (typeof pupils)[number]) => boolean) => share(pupils.filter(f).length, n);
    expect(rate((p) => !!p.pupilPremium)).toBeGreaterThan(0.45);
    expect(rate((p) => !!p.pupilPremium)).toBeLessThan(0.65);
    expect(rate((p) => !!p.fsm)).toBeGreaterThan(0.4);
    expect(rate((p) => !!p.fsm)).toBeLessThan(0.6);
    expect(rate((p) => !!p.lookedAfter)).toBeGreaterThan(0.04);
    expect(rate((p) => !!p.lookedAfter)).toBeLessThan(0.13);
    expect(rate((p) => !!p.eal)).toBeGreaterThan(0.07);
    expect(rate((p) => !!p.eal)).toBeLessThan(0.18);
    expect(rate((p) => !!p.medicalFlag)).toBeGreaterThan(0.1);
    expect(rate((p) => !!p.medicalFlag && !!p.medicalNotes)).toBe(rate((p) => !!p.medicalFlag));
    expect(rate((p) => !!p.childInNeed)).toBeGreaterThan(0.02);
    expect(rate((p) => !!p.childProtectionPlan && !p.childInNeed)).toBe(0);
    expect(rate((p) => p.ethnicity === 'WBRI')).toBeGreaterThan(0.5);
    expect(pupils.every((p) => ETHNICITY_CODES.some((c) => c === p.ethnicity))).toBe(true);
    expect(pupils.every((p) => (p.eal ? p.firstLanguage !== 'English' : p.firstLanguage === 'English'))).toBe(true);
    for (const [site, need] of [[1, 'SEMH'], [2, 'ASD']] as const) {
      const at = pupils.filter((p) => siteNumber(p.siteId) === site);
      expect(share(at.filter((p) => p.senStatus === 'ehcp').length, at.length)).toBeGreaterThan(0.85);
      expect(share(at.filter((p) => p.primaryNeed === need).length, at.length)).toBeGreaterThan(0.6);
    }
    for (const site of [1, 3]) {
      const at = pupils.filter((p) => siteNumber(p.siteId) === site);
      expect(share(at.filter((p) => p.sex === 'M').length, at.length)).toBeGreaterThan(0.65);
    }
    expect(pupils.every((p) => (p.senStatus === 'none') === (p.primaryNeed === null))).toBe(true);
  });

  it('have sensible enrolment dates: mostly 1 September, a few mid-year joiners and leavers', () => {
    for (const p of pupils) {
      expect(p.enrolmentStart <= refs.today).toBe(true);
      if (p.enrolmentEnd) expect(p.enrolmentEnd > p.enrolmentStart && p.enrolmentEnd < refs.today).toBe(true);
    }
    const septemberStarts = pupils.filter((p) => p.enrolmentStart.endsWith('-09-01')).length;
    expect(share(septemberStarts, pupils.length)).toBeGreaterThan(0.85);
    expect(septemberStarts).toBeLessThan(pupils.length);
    expect(pupils.some((p) => p.enrolmentEnd)).toBe(true);
  });

  it('are each in exactly one form or class of their site and year, some in extra teaching groups', () => {
    const groups = new Map(trust.pupilGroups.map((g) => [g.id, g]));
    for (const p of pupils) {
      const forms = trust.pupilGroupMembers.filter((m) => m.pupilId === p.id && groups.get(m.groupId)?.kind !== 'teaching_group');
      expect(forms.map((m) => m.groupId)).toEqual([p.formGroupId]);
      const form = groups.get(p.formGroupId ?? '');
      expect(form?.siteId).toBe(p.siteId);
      expect(form?.yearGroup).toBe(p.yearGroup);
    }
    const inTeachingGroups = new Set(trust.pupilGroupMembers.filter((m) => groups.get(m.groupId)?.kind === 'teaching_group').map((m) => m.pupilId));
    expect(share(inTeachingGroups.size, pupils.length)).toBeGreaterThan(0.2);
    const staffIds = new Set(trust.staffMembers.map((s) => s.id));
    expect(trust.pupilGroups.filter((g) => g.kind !== 'teaching_group').every((g) => g.tutorStaffId && staffIds.has(g.tutorStaffId))).toBe(true);
  });

  it('have one or two contacts with safe demo phone numbers and emails', () => {
    for (const p of pupils) {
      const links = trust.pupilContacts.filter((l) => l.pupilId === p.id);
      expect(links.length === 1 || links.length === 2).toBe(true);
    }
    for (const c of trust.contacts) {
      expect(c.phone).toMatch(/^07700 900\d{3}$/);
      if (c.email) expect(c.email).toMatch(/@(example\.(org|com|net)|demo\.haven\.test)$/);
    }
  });
});

describe('demo accounts', () => {
  const userOf = (role: TRole) => trust.users.find((u) => u.id === refs.demoUserIds[role]);
  const sitesOf = (role: TRole) => trust.roleAssignments.filter((r) => r.userId === refs.demoUserIds[role] && r.role === role).map((r) => (r.siteId === null ? 'trust' : siteNumber(r.siteId)));

  it('exist for every role, with the published emails and the given password hash', () => {
    expect(DEMO_ACCOUNTS.map((a) => a.role)).toEqual([...ROLES]);
    for (const role of ROLES) {
      expect(userOf(role)).toMatchObject({ email: demoEmail(role), passwordHash: HASH });
    }
    expect(demoEmail('behaviour_lead')).toBe('behaviour-lead@demo.haven.test');
    expect(trust.users.filter((u) => u.passwordHash === HASH)).toHaveLength(ROLES.length);
    expect(new Set(trust.users.map((u) => u.email)).size).toBe(trust.users.length);
  });

  it('have the right sites: cluster lead on sites 1 and 2, trust admin trust-wide, the rest at site 1', () => {
    expect(sitesOf('cluster_lead')).toEqual([1, 2]);
    expect(sitesOf('trust_admin')).toEqual(['trust']);
    for (const role of ROLES.filter((r) => r !== 'cluster_lead' && r !== 'trust_admin')) expect(sitesOf(role)).toEqual([1]);
  });

  it('use two-factor with fixed, distinct, valid secrets exactly where the role requires it', () => {
    for (const role of ROLES) {
      const user = userOf(role);
      const needs = ROLES_REQUIRING_TOTP.includes(role);
      expect(user?.totpEnabled ?? false).toBe(needs);
      if (needs) {
        expect(user?.totpSecret).toMatch(/^[A-Z2-7]{32}$/);
        expect(OTPAuth.Secret.fromBase32(user?.totpSecret ?? '').bytes).toHaveLength(20);
        expect(demoOtpauthUri(demoAccount(role))).toContain(`secret=${user?.totpSecret}`);
      } else {
        expect(user?.totpSecret ?? null).toBeNull();
      }
    }
    expect(new Set(Object.values(DEMO_TOTP_SECRETS)).size).toBe(Object.keys(DEMO_TOTP_SECRETS).length);
  });

  it('have staff records, except the parent, the agency professional and the governor', () => {
    for (const role of ROLES) {
      const staff = trust.staffMembers.filter((s) => s.userId === refs.demoUserIds[role]);
      expect(staff).toHaveLength(['parent', 'agency', 'governor'].includes(role) ? 0 : 1);
      if (staff[0]) expect(siteNumber(staff[0].siteId)).toBe(1);
    }
    expect(trust.staffMembers.length).toBeGreaterThanOrEqual(60);
    expect(trust.staffMembers.length).toBeLessThanOrEqual(80);
  });

  it('link the parent account to two pupils at site 1 as their contact', () => {
    const contact = trust.contacts.filter((c) => c.userId === refs.demoUserIds.parent);
    expect(contact).toHaveLength(1);
    const links = trust.pupilContacts.filter((l) => l.contactId === contact[0]?.id);
    expect(links.map((l) => l.pupilId).sort()).toEqual([...refs.parentChildIds].sort());
    expect(links.every((l) => l.parentalResponsibility)).toBe(true);
    const children = trust.pupils.filter((p) => refs.parentChildIds.includes(p.id));
    expect(children.every((c) => siteNumber(c.siteId) === 1 && !c.enrolmentEnd && c.legalSurname === contact[0]?.surname)).toBe(true);
  });

  it('give the agency professional one 90-day share granted by the DSL', () => {
    expect(trust.agencyShares).toEqual([expect.objectContaining({
      pupilId: refs.agencyPupilId, userId: refs.demoUserIds.agency, grantedBy: refs.demoUserIds.dsl,
    })]);
    expect(trust.agencyShares[0]?.revokedAt ?? null).toBeNull();
    expect(trust.agencyShares[0]?.expiresAt.toISOString().slice(0, 10)).toBe(addDays(refs.today, 90));
  });
});

describe('scale', () => {
  it('multiplies sites (kinds cycling, numbered) and people, in one trust', () => {
    const big = generateDemoTrust({ today: TODAY, scale: 3 });
    expect(big.trusts).toHaveLength(1);
    expect(big.sites.map((s) => s.kind)).toEqual(['semh', 'asc', 'ap', 'semh', 'asc', 'ap', 'semh', 'asc', 'ap']);
    expect(big.sites.map((s) => s.name).slice(3, 6)).toEqual(['Aurora Park School 2', 'Brightwater School 2', 'Northern Lights Pathways 2']);
    expect(new Set(big.sites.map((s) => s.shortName)).size).toBe(9);
    expect(big.pupils.length).toBeGreaterThan(3 * 420);
    expect(big.pupils.length).toBeLessThan(3 * 480);
    expect(new Set(big.pupils.map((p) => p.upn)).size).toBe(big.pupils.length);
    expect(big.staffMembers.length).toBeGreaterThan(3 * 60);
    expect(big.users.filter((u) => u.email.endsWith('@demo.haven.test'))).toHaveLength(ROLES.length);
  });
});
