/**
 * The codes of the shared enumerations and their words (roles, site kinds, SEN status, primary needs…). Codes are
 * stable: stored in the database and used in the API. No zod here, so a web page that shows a label does not load the
 * schema library (its first load); enums.ts builds the schemas from these lists.
 */
export const ROLES = [
  'staff', 'behaviour_lead', 'cluster_lead', 'dsl', 'senco', 'head', 'slt',
  'trust_admin', 'governor', 'parent', 'agency', 'office',
] as const;

export type TRole = (typeof ROLES)[number];

/** Roles that must have two-factor sign-in (PLT-1). */
export const ROLES_REQUIRING_TOTP: readonly TRole[] = ['head', 'dsl', 'cluster_lead', 'trust_admin'];

export const ROLE_LABELS: Record<TRole, string> = {
  staff: 'Staff',
  behaviour_lead: 'Behaviour lead',
  cluster_lead: 'Cluster behaviour lead',
  dsl: 'Designated safeguarding lead (DSL)',
  senco: 'SENCo',
  head: 'Headteacher',
  slt: 'Senior leader',
  trust_admin: 'Trust administrator',
  governor: 'Governor',
  parent: 'Parent or carer',
  agency: 'Agency professional',
  office: 'School office (pupil records)',
};

export const SITE_KINDS = ['semh', 'asc', 'ap', 'mld', 'pmld', 'mainstream'] as const;
export type TSiteKind = (typeof SITE_KINDS)[number];
export const SITE_KIND_LABELS: Record<TSiteKind, string> = {
  semh: 'SEMH special school',
  asc: 'Autism (ASC) special school',
  ap: 'Alternative provision',
  mld: 'MLD special school',
  pmld: 'PMLD special school',
  mainstream: 'Mainstream school',
};

export const PHASES = ['primary', 'secondary', 'all_through', 'post_16'] as const;

export const SEN_STATUSES = ['none', 'sen_support', 'ehcp'] as const;
export type TSenStatus = (typeof SEN_STATUSES)[number];
export const SEN_STATUS_LABELS: Record<TSenStatus, string> = { none: 'No SEN', sen_support: 'SEN support', ehcp: 'EHCP' };

/** DfE SEN primary type of need codes (school census). */
export const PRIMARY_NEEDS = ['SPLD', 'MLD', 'SLD', 'PMLD', 'SEMH', 'SLCN', 'HI', 'VI', 'MSI', 'PD', 'ASD', 'OTH', 'NSA'] as const;
export const PRIMARY_NEED_LABELS: Record<(typeof PRIMARY_NEEDS)[number], string> = {
  SPLD: 'Specific learning difficulty',
  MLD: 'Moderate learning difficulty',
  SLD: 'Severe learning difficulty',
  PMLD: 'Profound and multiple learning difficulty',
  SEMH: 'Social, emotional and mental health',
  SLCN: 'Speech, language and communication needs',
  HI: 'Hearing impairment',
  VI: 'Vision impairment',
  MSI: 'Multi-sensory impairment',
  PD: 'Physical disability',
  ASD: 'Autistic spectrum disorder',
  OTH: 'Other difficulty or disability',
  NSA: 'SEN support but no specialist assessment',
};

export const SEXES = ['M', 'F'] as const;

export const GROUP_KINDS = ['form', 'class', 'teaching_group'] as const;
export type TGroupKind = (typeof GROUP_KINDS)[number];
