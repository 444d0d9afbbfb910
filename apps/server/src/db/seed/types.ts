/** Row shapes of the generated demo trust: exactly what Drizzle inserts into each table. */
import type {
  academicYears, agencyShares, behaviourCategories, behaviourEvents, closureDays, contacts, escalationRules, incidentFormVersions,
  incidentPupils, incidents, incidentStaff, incidentVersions, onCallRequests, onCallStaff, parentContacts, physicalInterventions,
  policyOptions, postIncidentReviews, pupilContacts, pupilGroupMembers, pupilGroups, pupils, roleAssignments, safeguardingConcernPupils,
  safeguardingConcerns, sites, staffMembers, tasks, terms, trusts, users,
  detentionTypes, detentionSessions, detentionAssignments, escalationRuleDetentions, isolationSessions, isolationPupils,
  rewardMilestones, rewardMilestoneAwards, placements, placementReviews,
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
export type BehaviourCategoryRow = typeof behaviourCategories.$inferInsert;
export type PolicyOptionRow = typeof policyOptions.$inferInsert;
export type IncidentFormVersionRow = typeof incidentFormVersions.$inferInsert;
export type EscalationRuleRow = typeof escalationRules.$inferInsert;
export type BehaviourEventRow = typeof behaviourEvents.$inferInsert;
export type IncidentRow = typeof incidents.$inferInsert;
export type IncidentPupilRow = typeof incidentPupils.$inferInsert;
export type IncidentStaffRow = typeof incidentStaff.$inferInsert;
export type PhysicalInterventionRow = typeof physicalInterventions.$inferInsert;
export type IncidentVersionRow = typeof incidentVersions.$inferInsert;
export type PostIncidentReviewRow = typeof postIncidentReviews.$inferInsert;
export type ParentContactRow = typeof parentContacts.$inferInsert;
export type SafeguardingConcernRow = typeof safeguardingConcerns.$inferInsert;
export type SafeguardingConcernPupilRow = typeof safeguardingConcernPupils.$inferInsert;
export type OnCallStaffRow = typeof onCallStaff.$inferInsert;
export type OnCallRequestRow = typeof onCallRequests.$inferInsert;
export type TaskRow = typeof tasks.$inferInsert;

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
  // The behaviour policy (policy.ts) and a school year of activity (activity.ts)
  behaviourCategories: BehaviourCategoryRow[];
  policyOptions: PolicyOptionRow[];
  incidentFormVersions: IncidentFormVersionRow[];
  escalationRules: EscalationRuleRow[];
  behaviourEvents: BehaviourEventRow[];
  incidents: IncidentRow[];
  incidentPupils: IncidentPupilRow[];
  incidentStaff: IncidentStaffRow[];
  physicalInterventions: PhysicalInterventionRow[];
  incidentVersions: IncidentVersionRow[];
  postIncidentReviews: PostIncidentReviewRow[];
  parentContacts: ParentContactRow[];
  safeguardingConcerns: SafeguardingConcernRow[];
  safeguardingConcernPupils: SafeguardingConcernPupilRow[];
  onCallStaff: OnCallStaffRow[];
  onCallRequests: OnCallRequestRow[];
  tasks: TaskRow[];
  // Sanctions and rewards (sanctions.ts)
  detentionTypes: (typeof detentionTypes.$inferInsert)[];
  escalationRuleDetentions: (typeof escalationRuleDetentions.$inferInsert)[];
  detentionSessions: (typeof detentionSessions.$inferInsert)[];
  detentionAssignments: (typeof detentionAssignments.$inferInsert)[];
  isolationSessions: (typeof isolationSessions.$inferInsert)[];
  isolationPupils: (typeof isolationPupils.$inferInsert)[];
  rewardMilestones: (typeof rewardMilestones.$inferInsert)[];
  rewardMilestoneAwards: (typeof rewardMilestoneAwards.$inferInsert)[];
  placements: (typeof placements.$inferInsert)[];
  placementReviews: (typeof placementReviews.$inferInsert)[];
}

export type DemoTableName = keyof DemoTables;

/** Insertion order (foreign keys first). */
export const DEMO_TABLE_ORDER: readonly DemoTableName[] = [
  'trusts', 'sites', 'academicYears', 'terms', 'closureDays', 'users', 'roleAssignments', 'staffMembers', 'pupilGroups',
  'pupils', 'pupilGroupMembers', 'contacts', 'pupilContacts', 'agencyShares',
  'behaviourCategories', 'policyOptions', 'incidentFormVersions', 'escalationRules', 'behaviourEvents', 'incidents', 'incidentPupils',
  'incidentStaff', 'physicalInterventions', 'incidentVersions', 'postIncidentReviews', 'parentContacts', 'safeguardingConcerns',
  'safeguardingConcernPupils', 'onCallStaff', 'onCallRequests', 'tasks',
  'detentionTypes', 'escalationRuleDetentions', 'detentionSessions', 'detentionAssignments', 'isolationSessions', 'isolationPupils',
  'rewardMilestones', 'rewardMilestoneAwards', 'placements', 'placementReviews',
];

