/**
 * `haven setup`: the production first run from the command line (issue 12 #6). On a terminal it asks for whatever the
 * flags did not give, shows this academic year's calendar, and enrols the administrator's authenticator app (the
 * secret and otpauth:// link are printed; a valid code is needed before anything is written). Without a terminal
 * (automation) every value comes from flags and the password from HAVEN_SETUP_PASSWORD; the administrator then
 * enrols two-factor at their first sign-in. Refused when the database already holds a trust.
 */
import os from 'node:os';
import readline from 'node:readline/promises';
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import { PHASES, SITE_KINDS, ZSetupInput, type TSetupSite } from '@haven/contracts';
import type { Database } from '../core/db/client.ts';
import { AppError } from '../core/http/errors.ts';
import { formatUkDate } from '../core/calendar/calendar.ts';
import { londonToday } from '../core/time.ts';
import type { SetupInput } from '../modules/setup/setup.service.ts';
import { parseLaestab, setupCalendar, urnProblem } from '../modules/setup/setup.rules.ts';
import { checkTotp, newTotpSecret, otpauthUrl } from '../modules/auth/totp.ts';

type WithDatabase = <T>(fn: (db: Database) => Promise<T>) => Promise<T>;

interface SetupFlags {
  trust?: string; site: string[]; adminName?: string; adminEmail?: string; starterPolicy: boolean; interactive: boolean;
}

const SITE_KEYS = ['name', 'short', 'urn', 'laestab', 'phase', 'type'] as const;
const SITE_FORMAT = 'name=Oak Hill School;short=OAK;urn=123456;laestab=801/2345;phase=secondary;type=semh';

/** One --site value: key=value pairs separated by semicolons. */
export function parseSiteFlag(text: string, n: number): TSetupSite {
  const values: Record<string, string> = {};
  for (const part of text.split(';').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    const key = eq > 0 ? part.slice(0, eq).trim().toLowerCase() : '';
    if (!(SITE_KEYS as readonly string[]).includes(key)) throw new Error(`--site ${n}: "${part}" is not one of ${SITE_KEYS.join(', ')} (e.g. --site '${SITE_FORMAT}')`);
    values[key] = part.slice(eq + 1).trim();
  }
  const missing = SITE_KEYS.filter((k) => k !== 'short' && !values[k]);
  if (missing.length) throw new Error(`--site ${n}: give ${missing.join(', ')} (e.g. --site '${SITE_FORMAT}')`);
  const name = values.name!;
  return {
    name, shortName: values.short || name.split(/\s+/).map((w) => w[0]).join('').toUpperCase().slice(0, 20),
    urn: values.urn!, laestab: values.laestab!, phase: values.phase as TSetupSite['phase'], kind: values.type as TSetupSite['kind'],
  };
}

/** A field of the setup input as the person typed it: --site 2 laestab, --admin-email, … */
export function flagOf(field: string): string {
  const site = /^sites\.(\d+)\.(\w+)$/.exec(field);
  if (site) return `--site ${Number(site[1]) + 1} ${({ shortName: 'short', kind: 'type' } as Record<string, string>)[site[2]!] ?? site[2]}`;
  return ({ trustName: '--trust', 'admin.displayName': '--admin-name', 'admin.email': '--admin-email', 'admin.password': 'the password (HAVEN_SETUP_PASSWORD)', sites: '--site' } as Record<string, string>)[field] ?? field;
}

class Prompt {
  private muted = false;
  private readonly rl = readline.createInterface({
    input: process.stdin,
    output: new Writable({ write: (chunk, _enc, done) => { if (!this.muted) process.stdout.write(chunk); done(); } }),
    terminal: true,
  });

  async ask(question: string, fallback?: string): Promise<string> {
    const answer = (await this.rl.question(`${question}${fallback ? ` [${fallback}]` : ''}: `)).trim();
    return answer || fallback || (await this.ask(question));
  }

  async choose(question: string, choices: readonly string[]): Promise<string> {
    const answer = await this.ask(`${question} (${choices.join(', ')})`);
    return choices.includes(answer) ? answer : this.choose(question, choices);
  }

  async secret(question: string): Promise<string> {
    process.stdout.write(`${question}: `);
    this.muted = true;
    try { return await this.rl.question(''); } finally { this.muted = false; process.stdout.write('\n'); }
  }

  close(): void { this.rl.close(); }
}

/** Asks until `problem` finds nothing wrong with the answer. */
async function askChecked(p: Prompt, question: string, problem: (answer: string) => string | null): Promise<string> {
  for (;;) {
    const answer = await p.ask(question);
    const why = problem(answer);
    if (!why) return answer;
    process.stdout.write(`  ${why}\n`);
  }
}

async function askSite(p: Prompt, n: number): Promise<TSetupSite> {
  process.stdout.write(`\nSchool ${n}\n`);
  const name = await p.ask('  Name');
  return {
    name, shortName: await p.ask('  Short name (shown in lists)', name.split(/\s+/).map((w) => w[0]).join('').toUpperCase().slice(0, 20)),
    urn: await askChecked(p, '  URN (6 digits)', urnProblem),
    laestab: await askChecked(p, '  LAESTAB (LA code and establishment number, e.g. 801/2345)', (a) => { const r = parseLaestab(a); return 'problem' in r ? r.problem : null; }),
    phase: await p.choose('  Phase', PHASES) as TSetupSite['phase'], kind: await p.choose('  Type', SITE_KINDS) as TSetupSite['kind'],
  };
}

function printCalendar(today: string): void {
  const cal = setupCalendar(today);
  process.stdout.write(`\nCalendar for ${cal.academicYear.label} (England's usual dates; adjust them on the Calendar page after signing in):\n`);
  for (const t of cal.terms) process.stdout.write(`  ${t.name.padEnd(9)} ${formatUkDate(t.startDate)} to ${formatUkDate(t.endDate)}\n`);
  process.stdout.write(`  Closures: ${cal.closures.map((c) => `${formatUkDate(c.date)} (${c.kind === 'inset' ? 'INSET' : c.reason})`).join(', ')}\n`);
}

async function enrolTotp(p: Prompt, email: string): Promise<{ secret: string; lastStep: number }> {
  const secret = newTotpSecret();
  process.stdout.write([
    '', 'Two-factor sign-in (required for trust administrators). Add Haven to an authenticator app:',
    `  setup key: ${secret.replace(/(.{4})/g, '$1 ').trim()}`, `  or the link: ${otpauthUrl(secret, email)}`, '',
  ].join('\n'));
  for (let i = 0; i < 5; i += 1) {
    const code = (await p.ask('6-digit code from the app')).replace(/\s+/g, '');
    const step = checkTotp(secret, code, null);
    if (step !== null) return { secret, lastStep: step };
    process.stdout.write('That code is not right. Check the app shows Haven and try the current code.\n');
  }
  throw new Error('Two-factor was not confirmed, so nothing was written. Run haven setup again.');
}

async function gather(flags: SetupFlags, p: Prompt | null): Promise<SetupInput> {
  const sites = flags.site.map((s, i) => parseSiteFlag(s, i + 1));
  if (p) {
    if (!sites.length) {
      sites.push(await askSite(p, 1));
      while ((await p.choose('Add another school?', ['y', 'n'])) === 'y') sites.push(await askSite(p, sites.length + 1));
    }
  }
  const need = (v: string | undefined, flag: string) => { if (!v) throw new Error(`Give ${flag} (or run haven setup in a terminal to be asked).`); return v; };
  const trustName = flags.trust ?? (p ? await p.ask('Name of the trust (or of the school, if it stands alone)') : need(undefined, '--trust'));
  if (!sites.length) need(undefined, `--site '${SITE_FORMAT}'`);
  const displayName = flags.adminName ?? (p ? await p.ask('\nYour name (the first trust administrator)') : need(undefined, '--admin-name'));
  const email = flags.adminEmail ?? (p ? await p.ask('Your email address (you sign in with it)') : need(undefined, '--admin-email'));
  let password = process.env.HAVEN_SETUP_PASSWORD ?? '';
  if (!password && p) {
    for (;;) {
      password = await p.secret('Password (at least 12 characters)');
      if (password.length >= 12 && password === (await p.secret('The same password again'))) break;
      process.stdout.write(password.length < 12 ? 'Use at least 12 characters.\n' : 'The two passwords differ.\n');
    }
  }
  if (!password) need(undefined, 'the password in HAVEN_SETUP_PASSWORD');
  const parsed = ZSetupInput.omit({ code: true }).safeParse({ trustName, sites, admin: { displayName, email, password }, starterPolicy: flags.starterPolicy });
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${flagOf(i.path.join('.'))}: ${i.message}`).join('\n'));
  }
  return parsed.data;
}

export function setupCommand(program: Command, withDatabase: WithDatabase): void {
  program.command('setup').description('Set up a new installation: the trust, its schools, this year\'s calendar and the first trust administrator')
    .option('--trust <name>', 'the trust\'s name (or the school\'s, if it stands alone)')
    .option('--site <fields>', `a school, repeatable: ${SITE_FORMAT} (phase: ${PHASES.join('|')}; type: ${SITE_KINDS.join('|')})`, (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--admin-name <name>', 'the first trust administrator\'s name')
    .option('--admin-email <email>', 'their sign-in email address (the password is read from HAVEN_SETUP_PASSWORD, or asked for)')
    .option('--no-starter-policy', 'start with no behaviour categories (otherwise Haven\'s suggested ones, to adjust)')
    .option('--no-interactive', 'never ask: take everything from flags (the default without a terminal)')
    .action(async (opts: SetupFlags) => {
      // loaded when the command runs (cli/index.ts)
      const [{ runMigrations }, { alreadySetUp, checkSetup, needsSetup, runSetup }] = await Promise.all([import('../core/db/migrate.ts'), import('../modules/setup/setup.service.ts')]);
      const today = londonToday();
      const p = opts.interactive && process.stdin.isTTY && process.stdout.isTTY ? new Prompt() : null;
      const checked = async (prompt: Prompt | null) => {
        const input = await gather(opts, prompt);
        try { checkSetup(input, today); } catch (e) { throw named(e); }
        return input;
      };
      try {
        // without a terminal, bad flags are named before the database is even opened
        const early = p ? null : await checked(null);
        await withDatabase(async (db) => {
          await runMigrations(db);
          if (!(await needsSetup(db))) throw alreadySetUp();
          const input = early ?? await checked(p);
          if (p) printCalendar(today);
          const totp = p ? await enrolTotp(p, input.admin.email) : undefined;
          const result = await runSetup(db, input, { today, audit: { actorLabel: `haven setup (command line) as ${os.userInfo().username}`, ip: null, requestId: null }, ...(totp ? { totp } : {}) })
            .catch((e: unknown) => { throw named(e); });
          if (!p) printCalendar(today);
          process.stdout.write([
            '', `Haven is set up: ${input.trustName}, ${result.siteIds.length} school${result.siteIds.length === 1 ? '' : 's'}, calendar ${result.academicYear}.`,
            `Sign in as ${result.adminEmail}${result.twoFactor === 'enrolled' ? ' with your password and a code from your authenticator app.' : '; the first sign-in sets up two-factor (an authenticator app).'}`,
            'Next: check the calendar, import pupils and staff from the MIS, and add staff (docs/operations.md, "Going live").', '',
          ].join('\n'));
        });
      } finally { p?.close(); }
    });
}

/** A field error as the flag that set it. */
function named(e: unknown): unknown {
  if (e instanceof AppError && e.fields?.length) return new Error(e.fields.map((f) => `${flagOf(f.field)}: ${f.message}`).join('\n'));
  return e;
}
