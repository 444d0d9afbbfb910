/**
 * The permission table (PLT-2): which roles grant which permission, and whether it is held per site or only
 * trust-wide. This is data, not code spread through routes: every endpoint names one of these permissions.
 */
import { ROLES, type TRole, type TTokenArea } from '@haven/contracts';

export interface PermissionRule {
  roles: readonly TRole[];
  /** What an API token must name in its scope to change things under this permission (issue 11 #14). */
  area: TTokenArea;
  /** 'site': held at the sites of the granting assignment. 'trust': needs a trust-wide assignment of the role. */
  level: 'site' | 'trust';
  description: string;
}

const DATA_ROLES = ['staff', 'behaviour_lead', 'cluster_lead', 'dsl', 'senco', 'head', 'slt'] as const;
/** Who leads behaviour at a site: reads every behaviour record there, reviews and signs off, voids. */
const LEADS = ['behaviour_lead', 'cluster_lead', 'head'] as const;

export const PERMISSIONS = {
  'pupil.read': { roles: [...DATA_ROLES, 'office'], area: 'pupils', level: 'site', description: "Read the pupils of a site and their one-page profiles" },
  'pupil.export': { roles: [...LEADS, 'slt', 'senco', 'dsl'], area: 'pupils', level: 'site', description: 'Download the whole pupil list of a site as CSV or XLSX (audited with its row count)' },
  'pupil.sealed.read': { roles: ['dsl'], area: 'pupils', level: 'site', description: 'Read sealed safeguarding facts (child in need, child protection plan)' },
  'pupil.sealed.manage': { roles: ['dsl'], area: 'safeguarding', level: 'site', description: "Change a pupil's sealed safeguarding facts (child in need, child protection plan)" },
  'parent.children.read': { roles: ['parent'], area: 'pupils', level: 'site', description: "A parent's own children: their records as the trust lets parents see them, and acknowledging what needs it" },
  'parent_portal.manage': { roles: ['trust_admin', ...LEADS], area: 'administration', level: 'site', description: "Choose what parents see in the parent portal: which behaviour categories, and whether staff are named" },
  'agency.shares.read': { roles: ['agency'], area: 'pupils', level: 'site', description: 'Records shared with an agency professional (until the share expires or is revoked)' },
  'agency.share.manage': { roles: ['dsl', 'trust_admin', ...LEADS], area: 'safeguarding', level: 'site', description: "Share named records and reports about a pupil with an agency professional until a date, invite them, and revoke the share" },
  'casework.read': { roles: [...LEADS, 'slt', 'senco', 'dsl'], area: 'behaviour', level: 'site', description: "Read meetings, referrals to agencies and professional reports about a site's pupils (reads of professional reports are audited)" },
  'casework.manage': { roles: [...LEADS, 'slt', 'senco', 'dsl'], area: 'behaviour', level: 'site', description: 'Arrange and record meetings and their agreed actions, make and track referrals, file professional reports' },
  'agency.directory.manage': { roles: ['trust_admin', ...LEADS, 'senco', 'dsl'], area: 'administration', level: 'site', description: "Keep the trust's directory of agencies and their contacts (anyone holding it at one of the trust's sites)" },
  'reports.aggregate.read': { roles: ['governor', 'head', 'slt', 'behaviour_lead', 'cluster_lead', 'trust_admin'], area: 'reports', level: 'site', description: 'Aggregate, pseudonymised reports' },
  'reports.subscribe': { roles: ['governor', 'head', 'slt', 'behaviour_lead', 'cluster_lead', 'trust_admin'], area: 'reports', level: 'site', description: 'Receive aggregate reports by email on a schedule (for sites where you read aggregate reports)' },
  'reports.commentary.write': { roles: ['head', 'slt', 'behaviour_lead'], area: 'reports', level: 'site', description: "Write the head's commentary printed in a site's governors' termly and weekly reports" },
  'census.export': { roles: ['head', 'slt', 'trust_admin'], area: 'exclusions', level: 'site', description: 'Download the school census exclusions return of a site (UPNs; audited)' },
  'behaviour.record': { roles: DATA_ROLES, area: 'behaviour', level: 'site', description: 'Log quick points and record incidents at a site (and read what you recorded)' },
  'behaviour.read': { roles: [...LEADS, 'slt', 'senco', 'dsl'], area: 'behaviour', level: 'site', description: "Read every behaviour record of a site (a pupil's whole chronology)" },
  'incident.export': { roles: [...LEADS, 'slt', 'senco', 'dsl'], area: 'behaviour', level: 'site', description: 'Download the whole incident list of a site as CSV or XLSX (audited with its row count)' },
  'incident.review': { roles: LEADS, area: 'behaviour', level: 'site', description: 'Review incidents: return for amendment, sign off, post-incident reviews' },
  'restraint.parent_copy': { roles: LEADS, area: 'behaviour', level: 'site', description: "Send parents their copy of the record of a physical intervention, or withhold it with a reason" },
  'incident.void': { roles: LEADS, area: 'behaviour', level: 'site', description: 'Void an incident or event (with a reason; nothing is deleted)' },
  'policy.read': { roles: [...DATA_ROLES, 'trust_admin'], area: 'policy', level: 'site', description: 'Read the behaviour policy (categories, lists, form fields)' },
  'policy.manage': { roles: [...LEADS, 'trust_admin'], area: 'policy', level: 'site', description: "Configure a site's behaviour policy (trust-wide entries need a trust-wide role)" },
  'safeguarding.raise': { roles: DATA_ROLES, area: 'safeguarding', level: 'site', description: 'Raise a safeguarding concern (the author sees only that it was submitted)' },
  'safeguarding.read': { roles: ['dsl'], area: 'safeguarding', level: 'site', description: 'Read and triage sealed safeguarding concerns' },
  'safeguarding.transfer': { roles: ['dsl'], area: 'safeguarding', level: 'site', description: "Send a leaving pupil's child-protection file to the new school's designated safeguarding lead: build and encrypt the pack, release it, record the receipt" },
  'oncall.request': { roles: DATA_ROLES, area: 'behaviour', level: 'site', description: 'Call for urgent help at a location' },
  'oncall.respond': { roles: [...LEADS, 'slt'], area: 'behaviour', level: 'site', description: 'See and answer on-call requests (also staff on the on-call list)' },
  'task.read': { roles: [...LEADS, 'slt', 'senco', 'dsl', 'trust_admin'], area: 'communications', level: 'site', description: 'Tasks created for your roles (by escalation rules, statutory deadlines, or the calendar needing next year\'s terms)' },
  'communication.read': { roles: [...LEADS, 'slt', 'senco', 'dsl', 'office'], area: 'communications', level: 'site', description: "Read the communications log of a site's records (what was sent to whom)" },
  'communication.send': { roles: [...LEADS, 'slt', 'office'], area: 'communications', level: 'site', description: 'Print a letter and mark it as sent by hand' },
  'letter.template.manage': { roles: ['trust_admin'], area: 'communications', level: 'site', description: "Edit the trust's letter templates (a trust-wide role) and a site's overrides and letterhead" },
  'suspension.issue': { roles: ['head'], area: 'exclusions', level: 'site', description: 'Suspend or permanently exclude a pupil, or cancel that decision (the headteacher only, under the DfE suspension and permanent exclusion guidance)' },
  'suspension.read': { roles: ['head', 'slt', 'behaviour_lead', 'cluster_lead', 'senco', 'dsl'], area: 'exclusions', level: 'site', description: 'Read suspensions and permanent exclusions, their letters and deadlines' },
  'suspension.manage': { roles: ['head', 'slt', 'behaviour_lead'], area: 'exclusions', level: 'site', description: 'Record notifications, the board\'s meeting and outcome, alternative provision and reintegration meetings' },
  'exclusion-reasons.read': { roles: ['head', 'slt', 'behaviour_lead', 'cluster_lead', 'senco', 'dsl', 'trust_admin'], area: 'exclusions', level: 'site', description: 'Read the census reason codes for exclusions' },
  'exclusion-reasons.manage': { roles: ['trust_admin'], area: 'exclusions', level: 'trust', description: 'Add and expire census reason codes for exclusions' },
  'deadlines.read': { roles: ['head', 'slt', 'behaviour_lead', 'cluster_lead'], area: 'exclusions', level: 'site', description: 'Statutory deadlines across your sites' },
  'analytics.read': { roles: [...LEADS, 'slt', 'senco', 'dsl', 'governor', 'trust_admin'], area: 'reports', level: 'site', description: 'Behaviour dashboards; aggregate-only (suppressed, no names) where you do not also hold behaviour.read' },
  'analytics.manage': { roles: [...LEADS, 'trust_admin'], area: 'reports', level: 'site', description: 'Configure trend alerts (trust-wide settings need a trust-wide role)' },
  'site.manage': { roles: ['trust_admin'], area: 'administration', level: 'trust', description: 'Create and change sites' },
  'user.manage': { roles: ['trust_admin'], area: 'administration', level: 'trust', description: 'Create users and assign roles' },
  'calendar.read': { roles: [...DATA_ROLES, 'trust_admin', 'governor'], area: 'administration', level: 'site', description: 'Read the school calendar of a site (terms, half-terms, closure days)' },
  'calendar.manage': { roles: ['trust_admin'], area: 'administration', level: 'trust', description: 'Change academic years, terms and closure days (trust-wide or per site)' },
  'sanction.read': { roles: [...LEADS, 'slt', 'senco', 'dsl'], area: 'sanctions', level: 'site', description: 'Read detentions, isolations, managed moves and alternative-provision placements of a site' },
  'sanction.manage': { roles: [...LEADS, 'slt'], area: 'sanctions', level: 'site', description: 'Schedule detentions and isolations, assign pupils, take registers, record placements' },
  'intervention.read': { roles: DATA_ROLES, area: 'behaviour', level: 'site', description: "Read a site's support interventions: pupils, targets, sessions, daily points, measures and impact" },
  'intervention.manage': { roles: [...LEADS, 'slt', 'senco'], area: 'behaviour', level: 'site', description: 'Start, change and end support interventions at a site (the member of staff leading one also records its sessions, points and measures)' },
  'intervention.catalogue.manage': { roles: ['trust_admin'], area: 'policy', level: 'trust', description: "Keep the trust's catalogue of support interventions and its own measurement scales" },
  'detention.assign': { roles: DATA_ROLES, area: 'sanctions', level: 'site', description: 'Put a pupil in a detention from an incident you recorded (when the policy allows staff to)' },
  'rewards.read': { roles: DATA_ROLES, area: 'behaviour', level: 'site', description: 'Points totals, milestones and positive-to-negative ratios (staff see their own ratio only)' },
  'rewards.manage': { roles: [...LEADS, 'trust_admin'], area: 'behaviour', level: 'site', description: 'Configure reward milestones (trust-wide milestones need a trust-wide role)' },
  'people.manage': { roles: ['office', 'trust_admin'], area: 'pupils', level: 'site', description: "Keep the pupils, contacts, forms and classes and staff records of a site, and import them from the MIS (CSV, XLSX)" },
  'photo.manage': { roles: [...LEADS, 'office', 'trust_admin'], area: 'pupils', level: 'site', description: "Add, replace and remove the photos of a site's pupils and staff (one at a time; a zip of many is an import, under people.manage)" },
  'training.read': { roles: [...LEADS, 'slt', 'trust_admin'], area: 'administration', level: 'site', description: "Read a site's training: the matrix of who holds which certificate, sessions and registers, certificates, line management" },
  'training.manage': { roles: ['behaviour_lead', 'cluster_lead', 'trust_admin'], area: 'administration', level: 'site', description: 'Keep the course catalogue (trust-wide role), run training sessions, take registers, record competence, issue and import certificates, record line management' },
  'training.courses.manage': { roles: ['cluster_lead', 'trust_admin'], area: 'administration', level: 'site', description: "Keep the trust's training course catalogue (providers, levels, validity, the techniques each certificate covers)" },
  'training.own': { roles: [...DATA_ROLES, 'office', 'trust_admin'], area: 'administration', level: 'site', description: 'See your own training and certificates and the sessions you are booked on' },
  'exclusion-contacts.manage': { roles: ['trust_admin', 'office', 'head'], area: 'exclusions', level: 'site', description: "Keep a site's exclusion contacts: the local authority, the clerk to the governors, the virtual school head, and how parents make representations" },
  'rota.read': { roles: [...LEADS, 'slt'], area: 'administration', level: 'site', description: "Read the support team's rota of a site: who is where, gaps, double bookings, journeys between sites" },
  'rota.manage': { roles: LEADS, area: 'administration', level: 'site', description: "Deploy the support team at a site: weekly patterns, absences and cover, pupils' EHCP support hours, travel times between sites" },
  'plan.read': { roles: [...DATA_ROLES, 'office'], area: 'pupils', level: 'site', description: "Read the behaviour support plans of the pupils at your sites (each read is audited)" },
  'plan.write': { roles: [...LEADS, 'senco'], area: 'pupils', level: 'site', description: "Write, sign, activate and review behaviour support plans, and record a parent's acknowledgement" },
  'plan.template.manage': { roles: ['trust_admin'], area: 'administration', level: 'trust', description: "Edit the trust's behaviour support plan template (section headings and prompts)" },
  'staff-review.oversee': { roles: ['cluster_lead'], area: 'administration', level: 'site', description: "Read the performance reviews of a site's support staff (the cluster lead; the member of staff and their line manager need no permission)" },
  'risk_assessment.read': { roles: [...DATA_ROLES, 'office'], area: 'pupils', level: 'site', description: "Read the risk assessments of the pupils at your sites (special category: every read is audited)" },
  'risk_assessment.write': { roles: [...LEADS, 'senco'], area: 'pupils', level: 'site', description: "Write and revise a pupil's risk assessment (a draft until a lead signs it off)" },
  'risk_assessment.sign_off': { roles: LEADS, area: 'pupils', level: 'site', description: "Sign off a pupil's risk assessment and make it the active one (a behaviour lead, cluster lead or head)" },
  'visit.read': { roles: [...DATA_ROLES, 'office'], area: 'pupils', level: 'site', description: "Read a site's off-site visits: the plan, the risk assessment drawn from pupils' plans and medical flags, consents, approval and the leader's day sheet (reads audited as special-category data)" },
  'visit.plan': { roles: DATA_ROLES, area: 'pupils', level: 'site', description: 'Propose and plan off-site visits at a site: itinerary, participants, risk assessment, submit for approval, mark departed and back, evaluate' },
  'visit.consent.record': { roles: [...DATA_ROLES, 'office'], area: 'pupils', level: 'site', description: "Record a parent's consent (or refusal) for a visit given on paper or by telephone, with the day's medical and emergency contact details" },
  'visit.approve': { roles: ['head'], area: 'pupils', level: 'site', description: "Approve a visit as the head (or return it with reasons), and record the LA adviser's approval; the EVC step is for the site's named coordinators" },
  'visit.site.manage': { roles: ['head', 'trust_admin'], area: 'administration', level: 'site', description: "Keep a site's standing approvals for routine visits and name its educational visits coordinators" },
  'visit.library.manage': { roles: ['trust_admin'], area: 'administration', level: 'trust', description: "Keep the trust's visit categories (as its local authority sets them) and its library of generic visit risk assessments" },
  'parent.visits.consent': { roles: ['parent'], area: 'pupils', level: 'site', description: "A parent's consent for their own children's visits" },
  'subject_access.manage': { roles: ['head', 'dsl'], area: 'pupils', level: 'site', description: "Handle subject access requests for a site's pupils: log them, gather and review everything held, redact, release and download (the DSL alone sees and decides on safeguarding records)" },
  'retention.schedule.manage': { roles: ['trust_admin'], area: 'administration', level: 'trust', description: "Change the trust's retention schedule: how long each kind of record is kept and from which date" },
  'retention.records': { roles: ['trust_admin'], area: 'administration', level: 'trust', description: 'Review the records past their retention date, place and release legal holds, and run the purge (every kind but sealed safeguarding records)' },
  'retention.sealed': { roles: ['dsl'], area: 'safeguarding', level: 'site', description: 'Review, hold and purge the sealed safeguarding records of your sites that are past their retention date, and hold a pupil' },
  'audit.read': { roles: ['trust_admin'], area: 'administration', level: 'trust', description: 'Read the audit log (except the entries about sealed safeguarding records)' },
  'audit.safeguarding.read': { roles: ['dsl'], area: 'safeguarding', level: 'site', description: 'Read the audit entries about sealed safeguarding records of your sites (who raised, read or triaged a concern; chronologies opened)' },
} as const satisfies Record<string, PermissionRule>;

export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

/** Roles that work with pupils' records at a site (staff and leaders), e.g. who may supervise a detention. */
export const DATA_ROLE_LIST: readonly TRole[] = DATA_ROLES;

/**
 * Roles held by members of staff: every role but the parent, the agency professional and the governor, who are not
 * employed at the school. A user given one of these has a staff record where they hold it (people.staff.ts).
 */
export const STAFF_ROLE_LIST: readonly TRole[] = ROLES.filter((r) => !(['parent', 'agency', 'governor'] as readonly TRole[]).includes(r));
