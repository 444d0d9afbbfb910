/**
 * Seeds the demo trust into a database: all of it in one transaction (nothing half-seeded), in foreign-key order,
 * in multi-row inserts of at most 2,000 rows (one JSON parameter each), with one audit entry. Never in production:
 * the demo accounts' password and two-factor secrets are published.
 */
import { seedDemoParentPortal } from './parent-portal.ts';
import { seedDemoSubjectAccess } from './subject-access.ts';
import { eq, type InferInsertModel } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database, Tx } from '../../core/db/client.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { SYSTEM_AUDIT } from '../../core/audit/audit.ts';
import { hashPassword } from '../../core/auth/password.ts';
import * as schema from '../schema/index.ts';
import { DEMO_ACCOUNTS, demoPassword } from './accounts.ts';
import { bulkInsert } from './bulk-insert.ts';
import { DEFAULT_SEED, generateDemoTrust } from './generator.ts';
import { seedDemoExclusions } from './exclusions.ts';
import { seedDemoCasework } from './casework.ts';
import { refreshAnalytics } from '../../modules/analytics/analytics.refresh.ts';
import { DEMO_TABLE_ORDER, type DemoTableName, type DemoTables } from './types.ts';
import { seedReportSubscriptions } from './reports.ts';
import { seedDemoPlans } from './plans.ts';
import { seedDemoTraining } from './training.ts';
import { seedDemoStaffReviews } from './staff-reviews.ts';
import { seedDemoSupport } from './support.ts';
import { seedDemoRiskAssessments } from './risk-assessments.ts';
import { seedPlansInUse } from './plans-use.ts';
import { seedDemoRota } from './rota.ts';
import { seedDemoVisits } from './visits.ts';
import { seedDemoRetention } from './retention.ts';
import { seedDemoCpTransfers } from './cp-transfers.ts';

export { BULK_CHUNK_ROWS as INSERT_CHUNK_ROWS } from './bulk-insert.ts';

export interface SeedDemoOptions {
  scale?: number;
  /** Defaults to HAVEN_DEMO_PASSWORD, else DEMO_PASSWORD. */
  password?: string | undefined;
  /** Decides the academic year of the data; defaults to now. */
  today?: Date;
  seed?: number;
  /**
   * A further copy of the demo trust beside one already seeded (benchmarks of many trusts on one database): copy k is
   * generated from seed + k (its own ids), its users' emails tagged `+t<k>` and the trust's name numbered k + 1.
   */
  copy?: number;
}

export interface SeedSummary {
  trustId: string;
  scale: number;
  academicYear: string;
  counts: Record<DemoTableName, number>;
}

/** Each chunk as one JSON parameter (bulk-insert.ts): tens of thousands of generated rows seed in a few seconds. */
function insertChunked<T extends PgTable>(tx: Tx, table: T, rows: readonly InferInsertModel<T>[]): Promise<void> {
  return bulkInsert(tx, table, rows);
}

/** True when the database holds no trust yet (the demo may be seeded). */
export async function isDatabaseEmpty(database: Database): Promise<boolean> {
  const rows = await database.db.select({ id: schema.trusts.id }).from(schema.trusts).limit(1);
  return rows.length === 0;
}

export async function seedDemo(database: Database, options: SeedDemoOptions = {}): Promise<SeedSummary> {
  if (process.env.NODE_ENV === 'production') {
    throw new Error('Refusing to seed the demo trust: NODE_ENV is "production", and the demo accounts have a published password and two-factor secrets.');
  }
  const scale = options.scale ?? 1;
  const passwordHash = await hashPassword(options.password ?? demoPassword());
  const copy = options.copy ?? 0;
  const seed = options.seed ?? (copy ? DEFAULT_SEED + copy : undefined);
  const data = generateDemoTrust({ scale, passwordHash, ...(options.today ? { today: options.today } : {}), ...(seed !== undefined ? { seed } : {}) });
  const tag = (email: string) => (copy ? email.replace('@', `+t${copy}@`) : email);
  if (copy) {
    for (const u of data.users) u.email = tag(u.email);
    for (const t of data.trusts) t.name = `${t.name} ${copy + 1}`;
  }
  const counts = Object.fromEntries(DEMO_TABLE_ORDER.map((name) => [name, data[name].length])) as Record<DemoTableName, number>;
  const { trustId } = data.refs;

  await inTransaction(database, { ...SYSTEM_AUDIT, trustId }, async (tx, audit) => {
    const probe = tag(DEMO_ACCOUNTS[0]?.email ?? '');
    const existing = await tx.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, probe)).limit(1);
    if (existing.length > 0) throw new Error(`The demo trust is already seeded (${probe} exists). Seed into an empty database.`);
    for (const name of DEMO_TABLE_ORDER) await insertTable(tx, data, name);
    // a copy's exclusions get ids of their own too
    await seedDemoExclusions(tx, data, data.refs, copy ? 2026 + copy : undefined);
    await seedDemoCasework(tx, data, data.refs, copy ? 2026 + copy : undefined);
    await seedReportSubscriptions(tx, trustId, options.today ?? new Date());
    await seedDemoPlans(tx, data, data.refs);
    await seedDemoParentPortal(tx, data, data.refs);
    await seedDemoTraining(tx, trustId, options.today ?? new Date());
    await seedDemoStaffReviews(tx, trustId, options.today ?? new Date());
    await seedDemoSupport(tx, trustId, options.today ?? new Date());
    await seedDemoRiskAssessments(tx, trustId, data.refs.today);
    await seedPlansInUse(tx, audit, trustId, data.refs.today);
    await seedDemoRota(tx, trustId, data.refs.siteIds, data.refs.today, data.refs.demoUserIds.staff);
    await seedDemoVisits(tx, data.refs);
    await seedDemoSubjectAccess(tx, trustId, data.refs.siteIds[0]!, data.refs.demoUserIds.head, data.refs.today);
    await seedDemoRetention(tx, trustId, data.refs.demoUserIds.trust_admin);
    await seedDemoCpTransfers(tx, audit, trustId, data.refs.siteIds[0], data.refs.today, data.refs.demoUserIds.dsl);
    audit.record({ action: 'demo.seed', entityType: 'trust', entityId: trustId, details: { scale, academicYear: data.refs.academicYear.label, counts } });
  });
  // the analytics rollup of the seeded records (ANA-1), so the first dashboard needs no catching up
  await refreshAnalytics(database);
  return { trustId, scale, academicYear: data.refs.academicYear.label, counts };
}

type Inserters = { readonly [K in DemoTableName]: (tx: Tx, rows: DemoTables[K]) => Promise<void> };

const INSERTERS: Inserters = {
  trusts: (tx, rows) => insertChunked(tx, schema.trusts, rows),
  sites: (tx, rows) => insertChunked(tx, schema.sites, rows),
  academicYears: (tx, rows) => insertChunked(tx, schema.academicYears, rows),
  terms: (tx, rows) => insertChunked(tx, schema.terms, rows),
  closureDays: (tx, rows) => insertChunked(tx, schema.closureDays, rows),
  users: (tx, rows) => insertChunked(tx, schema.users, rows),
  roleAssignments: (tx, rows) => insertChunked(tx, schema.roleAssignments, rows),
  staffMembers: (tx, rows) => insertChunked(tx, schema.staffMembers, rows),
  pupilGroups: (tx, rows) => insertChunked(tx, schema.pupilGroups, rows),
  pupils: (tx, rows) => insertChunked(tx, schema.pupils, rows),
  pupilGroupMembers: (tx, rows) => insertChunked(tx, schema.pupilGroupMembers, rows),
  contacts: (tx, rows) => insertChunked(tx, schema.contacts, rows),
  pupilContacts: (tx, rows) => insertChunked(tx, schema.pupilContacts, rows),
  agencyShares: (tx, rows) => insertChunked(tx, schema.agencyShares, rows),
  behaviourCategories: (tx, rows) => insertChunked(tx, schema.behaviourCategories, rows),
  policyOptions: (tx, rows) => insertChunked(tx, schema.policyOptions, rows),
  incidentFormVersions: (tx, rows) => insertChunked(tx, schema.incidentFormVersions, rows),
  escalationRules: (tx, rows) => insertChunked(tx, schema.escalationRules, rows),
  behaviourEvents: (tx, rows) => insertChunked(tx, schema.behaviourEvents, rows),
  incidents: (tx, rows) => insertChunked(tx, schema.incidents, rows),
  incidentPupils: (tx, rows) => insertChunked(tx, schema.incidentPupils, rows),
  incidentStaff: (tx, rows) => insertChunked(tx, schema.incidentStaff, rows),
  physicalInterventions: (tx, rows) => insertChunked(tx, schema.physicalInterventions, rows),
  incidentVersions: (tx, rows) => insertChunked(tx, schema.incidentVersions, rows),
  postIncidentReviews: (tx, rows) => insertChunked(tx, schema.postIncidentReviews, rows),
  parentContacts: (tx, rows) => insertChunked(tx, schema.parentContacts, rows),
  safeguardingConcerns: (tx, rows) => insertChunked(tx, schema.safeguardingConcerns, rows),
  safeguardingConcernPupils: (tx, rows) => insertChunked(tx, schema.safeguardingConcernPupils, rows),
  onCallStaff: (tx, rows) => insertChunked(tx, schema.onCallStaff, rows),
  onCallRequests: (tx, rows) => insertChunked(tx, schema.onCallRequests, rows),
  tasks: (tx, rows) => insertChunked(tx, schema.tasks, rows),
  detentionTypes: (tx, rows) => insertChunked(tx, schema.detentionTypes, rows),
  escalationRuleDetentions: (tx, rows) => insertChunked(tx, schema.escalationRuleDetentions, rows),
  detentionSessions: (tx, rows) => insertChunked(tx, schema.detentionSessions, rows),
  detentionAssignments: (tx, rows) => insertChunked(tx, schema.detentionAssignments, rows),
  isolationSessions: (tx, rows) => insertChunked(tx, schema.isolationSessions, rows),
  isolationPupils: (tx, rows) => insertChunked(tx, schema.isolationPupils, rows),
  rewardMilestones: (tx, rows) => insertChunked(tx, schema.rewardMilestones, rows),
  rewardMilestoneAwards: (tx, rows) => insertChunked(tx, schema.rewardMilestoneAwards, rows),
  placements: (tx, rows) => insertChunked(tx, schema.placements, rows),
  placementReviews: (tx, rows) => insertChunked(tx, schema.placementReviews, rows),
};

function insertTable<K extends DemoTableName>(tx: Tx, data: DemoTables, name: K): Promise<void> {
  const insert: Inserters[K] = INSERTERS[name];
  return insert(tx, data[name]);
}
