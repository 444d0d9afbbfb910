/** Row shapes of the generated demo trust: exactly what Drizzle inserts into each table. */
import type {
  academicYears, agencyShares, closureDays, contacts, pupilContacts, pupilGroupMembers, pupilGroups, pupils,
  roleAssignments, sites, staffMembers, terms, trusts, users,
} from '../schema/index.ts';

export type TrustRow = typeof trusts.$inferInsert;
export type SiteRow = typeof sites.$inferInsert;
export type AcademicYearRow = typeof academicYears.$inferInsert;
export type TermRow = typeof terms.$inferInsert;
export type ClosureDayRow = typeof closureDays.$inferInsert;
export type UserRow = typeof users.$inferInsert;
export type RoleAssignmentRow = typeof roleAssignments.$inferInsert;
export type PupilGroupRow = typeof pupilGroups.$inferInsert;
export type PupilRow = typeof pupils.$inferInsert;
export type PupilGroupMemberRow = typeof pupilGroupMembers.$inferInsert;
export type ContactRow = typeof contacts.$inferInsert;
export type PupilContactRow = typeof pupilContacts.$inferInsert;
export type StaffMemberRow = typeof staffMembers.$inferInsert;
export type AgencyShareRow = typeof agencyShares.$inferInsert;

/** Every table of the demo trust, in an order that satisfies the foreign keys when inserted from first to last. */
export interface DemoTables {
  trusts: TrustRow[];
  sites: SiteRow[];
  academicYears: AcademicYearRow[];
  terms: TermRow[];
  closureDays: ClosureDayRow[];
  users: UserRow[];
  roleAssignments: RoleAssignmentRow[];
  staffMembers: StaffMemberRow[];
  pupilGroups: PupilGroupRow[];
  pupils: PupilRow[];
  pupilGroupMembers: PupilGroupMemberRow[];
  contacts: ContactRow[];
  pupilContacts: PupilContactRow[];
  agencyShares: AgencyShareRow[];
}

export type DemoTableName = keyof DemoTables;

/** Insertion order (foreign keys first). */
export const DEMO_TABLE_ORDER: readonly DemoTableName[] = [
  'trusts', 'sites', 'academicYears', 'terms', 'closureDays', 'users', 'roleAssignments', 'staffMembers', 'pupilGroups',
  'pupils', 'pupilGroupMembers', 'contacts', 'pupilContacts', 'agencyShares',
];

