import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type Database } from '../../core/db/client.ts';
import { runMigrations } from '../../core/db/migrate.ts';
import { verifyPassword } from '../../core/auth/password.ts';
import { verifyAuditChain } from '../../core/audit/verify.ts';
import { generateDemoTrust } from './generator.ts';
import { isDatabaseEmpty, seedDemo, type SeedSummary } from './demo.ts';
import { DEMO_TABLE_ORDER, type DemoTableName } from './types.ts';
import { demoEmail } from './accounts.ts';

const TODAY = new Date('2026-11-18T10:00:00Z');
const PASSWORD = 'a-test-password-for-the-seed';

const SQL_TABLES: Record<DemoTableName, string> = {
  trusts: 'trusts', sites: 'sites', academicYears: 'academic_years', terms: 'terms', closureDays: 'closure_days',
  users: 'users', roleAssignments: 'role_assignments', staffMembers: 'staff_members', pupilGroups: 'pupil_groups',
  pupils: 'pupils', pupilGroupMembers: 'pupil_group_members', contacts: 'contacts', pupilContacts: 'pupil_contacts',
  agencyShares: 'agency_shares', behaviourCategories: 'behaviour_categories', policyOptions: 'policy_options',
  incidentFormVersions: 'incident_form_versions', escalationRules: 'escalation_rules', behaviourEvents: 'behaviour_events',
  incidents: 'incidents', incidentPupils: 'incident_pupils', incidentStaff: 'incident_staff', physicalInterventions: 'physical_interventions',
  incidentVersions: 'incident_versions', postIncidentReviews: 'post_incident_reviews', parentContacts: 'parent_contacts',
  safeguardingConcerns: 'safeguarding_concerns', safeguardingConcernPupils: 'safeguarding_concern_pupils', onCallStaff: 'on_call_staff',
  onCallRequests: 'on_call_requests', tasks: 'tasks',
  detentionTypes: 'detention_types', escalationRuleDetentions: 'escalation_rule_detentions', detentionSessions: 'detention_sessions',
  detentionAssignments: 'detention_assignments', isolationSessions: 'isolation_sessions', isolationPupils: 'isolation_pupils',
  rewardMilestones: 'reward_milestones', rewardMilestoneAwards: 'reward_milestone_awards', placements: 'placements', placementReviews: 'placement_reviews',
};

describe('seedDemo into PGlite', () => {
  let database: Database;
  let wasEmpty: boolean;
  let summary: SeedSummary;

  beforeAll(async () => {
    database = await openPglite(undefined);
    await runMigrations(database);
    wasEmpty = await isDatabaseEmpty(database);
    summary = await seedDemo(database, { today: TODAY, password: PASSWORD });
  }, 60_000);

  afterAll(async () => { await database?.close(); });

  // the parent portal's seed adds the demo parent's second child's incident (parent-portal.ts)
  const ADDED_BY_PARENT_PORTAL: Partial<Record<string, number>> = { incidents: 1, incidentPupils: 1, incidentStaff: 1, physicalInterventions: 1, incidentVersions: 3 };

  it('inserts every generated row, and reports the counts', async () => {
    expect(wasEmpty).toBe(true);
    expect(await isDatabaseEmpty(database)).toBe(false);
    const expected = generateDemoTrust({ today: TODAY });
    expect(summary.trustId).toBe(expected.refs.trustId);
    expect(summary.academicYear).toBe('2026/27');
    for (const name of DEMO_TABLE_ORDER) {
      const [row] = await database.query<{ n: number }>(`select count(*)::int as n from ${SQL_TABLES[name]}`);
      // the seeds that follow the generated trust (plans, casework, training…) add tasks of their own, as using Haven would
      if (name === 'tasks') expect(row?.n ?? 0).toBeGreaterThanOrEqual(expected[name].length);
      else expect({ name, n: row?.n }).toEqual({ name, n: expected[name].length + (ADDED_BY_PARENT_PORTAL[name] ?? 0) });
      expect(summary.counts[name]).toBe(expected[name].length);
    }
    expect(summary.counts.pupils).toBeGreaterThan(400);
  });

  it('stores the school year consistently: policy codes, timestamps, durations and JSON as the modules read them', async () => {
    const zero = async (sql: string) => {
      const [row] = await database.query<{ n: number }>(`select count(*)::int as n from (${sql}) x`);
      expect({ sql, n: row?.n }).toEqual({ sql, n: 0 });
    };
    await zero(`select 1 from behaviour_events e where not exists (
      select 1 from behaviour_categories c where c.id = e.category_id and c.code = e.category_code and c.polarity = e.polarity and c.points = e.points)`);
    await zero(`select 1 from incidents where signed_off_at < submitted_at or submitted_at < first_submitted_at or first_submitted_at < created_at`);
    await zero(`select 1 from incidents where occurred_at > $$${TODAY.toISOString()}$$ or updated_at > $$${TODAY.toISOString()}$$`);
    await zero(`select 1 from incidents where (occurred_at at time zone 'Europe/London')::date <> occurred_on`);
    await zero(`select 1 from physical_interventions where duration_minutes * 60 <> extract(epoch from ended_at - started_at)`);
    await zero(`select 1 from incidents i where version <> (select count(*) from incident_versions v where v.incident_id = i.id)`);
    await zero(`select 1 from incident_versions v join incidents i on i.id = v.incident_id
      where v.version = i.version and (v.snapshot->>'status' <> i.status or v.snapshot->'categoryCodes' <> i.category_codes)`);
    await zero(`select 1 from incidents where jsonb_typeof(custom_values->'was_the_bsp_followed') not in ('boolean', 'null')`);
    const [setting] = await database.query<{ value: number }>(
      `select (details->>'value')::int as value from policy_options where kind = 'setting' and code = 'serious_severity' and site_id is null`);
    expect(setting?.value).toBe(4);
    const statuses = await database.query<{ status: string; n: number }>('select status, count(*)::int as n from incidents group by status order by status');
    expect(statuses.map((s) => s.status)).toEqual(['draft', 'returned', 'signed_off', 'submitted']);
  });

  it('uses census reason codes only from the codes table, valid on each record\'s date (no PD; the trust has the published set)', async () => {
    const trustCodes = await database.query<{ code: string; valid_from: string; valid_to: string | null }>(
      'select code, valid_from::text, valid_to::text from exclusion_reasons where trust_id is not null');
    expect(trustCodes.map((c) => c.code).sort()).toEqual((await database.query<{ code: string }>('select code from exclusion_reasons where trust_id is null order by code')).map((c) => c.code));
    const valid = (code: string, date: string) => trustCodes.some((c) => c.code === code && c.valid_from <= date && (c.valid_to === null || c.valid_to >= date));
    const records = await database.query<{ codes: string[] | string; start: string }>('select reason_codes as codes, start_date::text as start from exclusions');
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) for (const code of (typeof r.codes === 'string' ? JSON.parse(r.codes) as string[] : r.codes)) expect(valid(code, r.start), `${code} on ${r.start}`).toBe(true);
    const incidents = await database.query<{ code: string; day: string }>(
      "select dfe_reason_code as code, (occurred_at at time zone 'Europe/London')::date::text as day from incidents where dfe_reason_code is not null");
    expect(incidents.length).toBeGreaterThan(0);
    for (const i of incidents) expect(valid(i.code, i.day), `${i.code} on ${i.day}`).toBe(true);
  });

  it('hashes the password once and gives it to the demo accounts only', async () => {
    const rows = await database.query<{ email: string; password_hash: string | null }>('select email, password_hash from users order by email');
    const demo = rows.filter((r) => r.email.endsWith('@demo.haven.test'));
    expect(new Set(demo.map((r) => r.password_hash)).size).toBe(1);
    expect(await verifyPassword(demo[0]?.password_hash ?? '', PASSWORD)).toBe(true);
    expect(rows.filter((r) => !r.email.endsWith('@demo.haven.test')).every((r) => r.password_hash === null)).toBe(true);
  });

  it('records one demo.seed audit entry for the trust, and the chain verifies', async () => {
    // the plan-review tasks the seed raises from recent restraints are audited as submitting an incident would audit them
    const entries = await database.query<{ action: string; entity_type: string; entity_id: string; trust_id: string; details: { counts: Record<string, number> } }>(
      "select action, entity_type, entity_id, trust_id, details from audit_entries where action = 'demo.seed'");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'demo.seed', entity_type: 'trust', entity_id: summary.trustId, trust_id: summary.trustId });
    expect(entries[0]?.details.counts).toEqual(summary.counts);
    expect((await verifyAuditChain(database)).problems).toEqual([]);
  });

  it('stores the parent account as the contact of two pupils', async () => {
    const rows = await database.query<{ pupil_id: string }>(
      `select pc.pupil_id from contacts c join users u on u.id = c.user_id join pupil_contacts pc on pc.contact_id = c.id
        where u.email = $1`, [demoEmail('parent')]);
    expect(rows).toHaveLength(2);
  });

  it('refuses to seed twice, leaving the data as it was', async () => {
    await expect(seedDemo(database, { today: TODAY, password: PASSWORD })).rejects.toThrow(/already seeded/);
    const [row] = await database.query<{ n: number }>('select count(*)::int as n from trusts');
    expect(row?.n).toBe(1);
  });

  it('refuses to run in production before touching the database', async () => {
    const before = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await expect(seedDemo(database, { today: TODAY })).rejects.toThrow(/Refusing to seed the demo trust: NODE_ENV is "production"/);
    } finally {
      if (before === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = before;
    }
  });
});
