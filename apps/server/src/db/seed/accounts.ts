/**
 * The demo accounts: one per role, published in the README so anyone can try Haven. Their password and TOTP secrets
 * are public by design, which is why the demo seed refuses to run when NODE_ENV is production.
 */
import * as OTPAuth from 'otpauth';
import { ROLES, ROLES_REQUIRING_TOTP, type TRole } from '@haven/contracts';

/** The demo password unless HAVEN_DEMO_PASSWORD is set. */
export const DEMO_PASSWORD = 'haven-demo-2026';

export function demoPassword(): string {
  const fromEnv = process.env.HAVEN_DEMO_PASSWORD;
  return fromEnv && fromEnv.length > 0 ? fromEnv : DEMO_PASSWORD;
}

export const DEMO_EMAIL_DOMAIN = 'demo.haven.test';

/** `behaviour_lead` → `behaviour-lead@demo.haven.test`. */
export function demoEmail(role: TRole): string {
  return `${role.replaceAll('_', '-')}@${DEMO_EMAIL_DOMAIN}`;
}

/**
 * Fixed, published base32 TOTP secrets (160 bits each) for the roles that must use two-factor sign-in (PLT-1).
 * Add one to an authenticator app by hand, or from the otpauth:// URI in the README.
 */
export const DEMO_TOTP_SECRETS = {
  head: 'XXVN5EIQ225QXNWU3MGA4PBEFTTPZ34X',
  dsl: '6DIGL5AN4PZK4XPZ6L5BUAWW4AMTATP5',
  cluster_lead: 'II4P6VUCEK6HVTHOEYMUUHYZM6DFECKD',
  trust_admin: '4IKB2F7NN3GNXJCBVQWKHGLR26VZV6VJ',
} as const satisfies Partial<Record<TRole, string>>;

export interface DemoAccount {
  readonly role: TRole;
  readonly email: string;
  readonly forename: string;
  readonly surname: string;
  readonly displayName: string;
  /** Where the role applies: site numbers counted from 1 in the generated trust, or the whole trust. */
  readonly sites: readonly number[] | 'trust';
  /** Job title of the person's staff record; null for a parent, an agency professional or a governor (not staff). */
  readonly jobTitle: string | null;
  /** Site number of the staff record. */
  readonly staffSite: number;
  readonly totpSecret: string | null;
  /** One line for the README. */
  readonly description: string;
}

interface AccountSpec {
  forename: string;
  surname: string;
  sites: readonly number[] | 'trust';
  jobTitle: string | null;
  description: string;
}

const SPECS: Readonly<Record<TRole, AccountSpec>> = {
  staff: { forename: 'Sam', surname: 'Okafor', sites: [1], jobTitle: 'Teaching assistant', description: 'Teaching assistant at site 1: logs points and incidents, reads pupil profiles and plans' },
  behaviour_lead: { forename: 'Dan', surname: 'Hargreaves', sites: [1], jobTitle: 'Behaviour manager', description: 'Behaviour manager of site 1: reviews and signs off, sanctions, plans, analysis' },
  cluster_lead: { forename: 'Priya', surname: 'Sharma', sites: [1, 2], jobTitle: 'Cluster support and behaviour lead', description: 'Cluster support and behaviour lead across sites 1 and 2' },
  dsl: { forename: 'Helen', surname: 'Brooks', sites: [1], jobTitle: 'Designated safeguarding lead', description: 'Designated safeguarding lead of site 1: sealed safeguarding records' },
  senco: { forename: 'Aisha', surname: 'Rahman', sites: [1], jobTitle: 'SENCo', description: 'SEN coordinator of site 1' },
  head: { forename: 'Mark', surname: 'Fielding', sites: [1], jobTitle: 'Headteacher', description: 'Headteacher of site 1: the only role that may suspend or permanently exclude' },
  slt: { forename: 'Rachel', surname: 'Adeyemi', sites: [1], jobTitle: 'Deputy headteacher', description: 'Deputy headteacher (senior leader) of site 1: reads everything except sealed records' },
  trust_admin: { forename: 'Tom', surname: 'Nowak', sites: 'trust', jobTitle: 'Trust data and IT lead', description: 'Trust data and IT lead: configuration, sites, users, imports across the trust' },
  governor: { forename: 'Margaret', surname: 'Ellis', sites: [1], jobTitle: null, description: 'Governor of site 1: aggregate, pseudonymised reports only' },
  parent: { forename: 'Joanne', surname: 'Whitaker', sites: [1], jobTitle: null, description: 'Parent of two pupils at site 1 (a contact with parental responsibility for both)' },
  office: { forename: 'Linda', surname: 'Carter', sites: [1], jobTitle: 'School office manager', description: "School office manager of site 1: keeps pupils', contacts', forms' and staff records, imports from the MIS" },
  agency: { forename: 'Kofi', surname: 'Mensah', sites: [1], jobTitle: null, description: 'Educational psychologist with a 90-day share of one pupil at site 1' },
};

/** One account per role, in the order of ROLES. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = ROLES.map((role): DemoAccount => {
  const spec = SPECS[role];
  const secrets: Partial<Record<TRole, string>> = DEMO_TOTP_SECRETS;
  const totpSecret = ROLES_REQUIRING_TOTP.includes(role) ? (secrets[role] ?? null) : null;
  if (ROLES_REQUIRING_TOTP.includes(role) && !totpSecret) throw new Error(`Demo account for ${role} needs a published TOTP secret`);
  return {
    role,
    email: demoEmail(role),
    forename: spec.forename,
    surname: spec.surname,
    displayName: role === 'agency' ? `Dr ${spec.forename} ${spec.surname}` : `${spec.forename} ${spec.surname}`,
    sites: spec.sites,
    jobTitle: spec.jobTitle,
    staffSite: spec.sites === 'trust' ? 1 : (spec.sites[0] ?? 1),
    totpSecret,
    description: spec.description,
  };
});

export function demoAccount(role: TRole): DemoAccount {
  const account = DEMO_ACCOUNTS.find((a) => a.role === role);
  if (!account) throw new Error(`No demo account for role ${role}`);
  return account;
}

/**
 * The demo account a person means by what they typed: the role code (`cluster_lead`), the README's spelling with a
 * hyphen (`cluster-lead`), either in any case, or the account's email address. Null when none matches.
 */
export function findDemoAccount(spelling: string): DemoAccount | null {
  const typed = spelling.trim().toLowerCase();
  const local = typed.endsWith(`@${DEMO_EMAIL_DOMAIN}`) ? typed.slice(0, -(DEMO_EMAIL_DOMAIN.length + 1)) : typed;
  const role = local.replace(/[-\s]+/g, '_');
  return DEMO_ACCOUNTS.find((a) => a.role === role) ?? null;
}

/** The otpauth:// URI an authenticator app reads (as a QR code or pasted), for the README; issuer "Haven" as the app's. */
export function demoOtpauthUri(account: DemoAccount): string | null {
  if (!account.totpSecret) return null;
  return new OTPAuth.TOTP({
    issuer: 'Haven', label: account.email, algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(account.totpSecret),
  }).toString();
}
