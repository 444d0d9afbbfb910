/**
 * Issue 12 #6, the production first run through the first-run page's API: only on a database with no trust, only with
 * the server's one-time code (wrong, expired, spent: refused), bad URN/LAESTAB named by field with nothing written,
 * everything in one audited transaction, then refused for ever; the administrator enrols two-factor at first sign-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { TSetupInput } from '@haven/contracts';
import { buildApp } from '../../src/app.ts';
import type { Database } from '../../src/core/db/client.ts';
import { verifyAuditChain } from '../../src/core/audit/verify.ts';
import { SetupGate, SETUP_CODE_MAX_FAILURES } from '../../src/modules/setup/setup.gate.ts';
import { runSetup } from '../../src/modules/setup/setup.service.ts';
import { totpNow } from '../../src/modules/auth/totp.ts';
import { cloneDatabase, dbKinds, emptyDatabase, json, testConfig } from '../harness.ts';

const body = (code: string, over: Partial<TSetupInput> = {}): TSetupInput => ({
  code,
  trustName: 'Riverside Learning Trust',
  sites: [
    { name: 'Oak Hill School', shortName: 'OAK', urn: '123456', laestab: '801/2345', phase: 'secondary', kind: 'semh' },
    { name: 'Ash Grove Academy', shortName: 'ASH', urn: '145678', laestab: '8017012', phase: 'primary', kind: 'asc' },
  ],
  admin: { displayName: 'Priya Shah', email: 'Priya.Shah@Riverside.example', password: 'correct horse battery' },
  ...over,
});

const count = async (db: Database, table: string) => (await db.query<{ n: number }>(`select count(*)::int as n from ${table}`))[0]!.n;

describe.each(dbKinds())('first run on %s', (kind) => {
  let database: Database;
  let app: FastifyInstance;
  let clock = Date.now();
  const gate = new SetupGate(() => clock);
  let code = '';
  beforeAll(async () => {
    database = await emptyDatabase(kind);
    code = gate.issue();
    app = await buildApp({ config: testConfig(), database, logger: false, setupGate: gate });
    await app.ready();
  });
  afterAll(async () => { await app?.close(); await database?.close(); });
  const post = (url: string, payload: object) => app.inject({ method: 'POST', url, payload });

  it('says setup is needed, and the code opens this year\'s calendar to adjust; a wrong code is refused', async () => {
    const status = await app.inject({ method: 'GET', url: '/api/v1/setup' });
    expect(status.statusCode).toBe(200);
    expect(json(status)).toMatchObject({ needed: true });
    const wrong = await post('/api/v1/setup/check', { code: 'AAAA-BBBB-CCCC' });
    expect(wrong.statusCode).toBe(401);
    expect(json<{ error: { code: string } }>(wrong).error.code).toBe('setup_code_wrong');
    const right = await post('/api/v1/setup/check', { code: code.toLowerCase().replaceAll('-', ' ') });
    expect(right.statusCode).toBe(200);
    const proposal = json<{ academicYear: { label: string }; terms: { name: string }[]; closures: unknown[] }>(right);
    expect(proposal.terms.map((t) => t.name)).toEqual(['Autumn 1', 'Autumn 2', 'Spring 1', 'Spring 2', 'Summer 1', 'Summer 2']);
    expect(proposal.academicYear.label).toMatch(/^\d{4}\/\d{2}$/);
    expect(proposal.closures.length).toBeGreaterThan(3);
  });

  it('names a bad LAESTAB, URN, email or half-term, and writes nothing', async () => {
    const site = body(code).sites[0]!;
    const cases: [Partial<TSetupInput>, string][] = [
      [{ sites: [{ ...site, laestab: '80123' }] }, 'sites.0.laestab'],
      [{ sites: [{ ...site, laestab: '0012345' }] }, 'sites.0.laestab'],
      [{ sites: [site, { ...site, shortName: 'X', urn: '12345' }] }, 'sites.1.urn'],
      [{ sites: [site, { ...site, shortName: 'X', laestab: '8017001' }] }, 'sites.1.urn'],
      [{ sites: [site, { ...site, shortName: 'X', urn: '123457', laestab: '8019999' }] }, 'sites.1.laestab'],
      [{ admin: { displayName: 'P', email: 'not an email', password: 'correct horse battery' } }, 'admin.email'],
      [{ admin: { displayName: 'P', email: 'p@x.example', password: 'short' } }, 'admin.password'],
      [{ sites: [] }, 'sites'],
      [{ terms: [{ term: 'autumn', halfTerm: 1, startDate: '2020-09-01', endDate: '2020-10-20' }] }, 'terms'],
    ];
    for (const [over, field] of cases) {
      const res = await post('/api/v1/setup', body(code, over));
      expect(res.statusCode, field).toBe(400);
      const fields = json<{ error: { fields: { field: string }[] } }>(res).error.fields.map((f) => f.field);
      expect(fields.some((f) => f === field || f.startsWith(`${field}.`)), `${field} in ${fields.join(', ')}`).toBe(true);
    }
    const proposal = json<{ terms: { term: 'autumn'; halfTerm: 1; startDate: string; endDate: string }[] }>(await post('/api/v1/setup/check', { code }));
    const terms = proposal.terms.map(({ term, halfTerm, startDate, endDate }) => ({ term, halfTerm, startDate, endDate }));
    terms[0] = { ...terms[0]!, endDate: terms[1]!.startDate };
    const overlap = await post('/api/v1/setup', body(code, { terms }));
    expect(json<{ error: { fields: { field: string }[] } }>(overlap).error.fields[0]!.field).toBe('terms.0.endDate');
    for (const table of ['trusts', 'sites', 'users', 'academic_years', 'terms', 'audit_entries']) expect(await count(database, table), table).toBe(0);
  });

  it('refuses an expired code, saying to restart the server', async () => {
    clock += 61 * 60_000;
    try {
      const res = await post('/api/v1/setup', body(code));
      expect(res.statusCode).toBe(401);
      expect(json<{ error: { code: string; message: string } }>(res).error).toMatchObject({ code: 'setup_code_expired', message: expect.stringMatching(/Restart/) });
    } finally { clock -= 61 * 60_000; }
    expect(await count(database, 'trusts')).toBe(0);
  });

  it('sets everything up in one audited transaction, then answers 404 and refuses the code again', async () => {
    const res = await post('/api/v1/setup', body(code));
    expect(res.statusCode, res.body).toBe(201);
    const result = json<{ trustId: string; siteIds: string[]; adminEmail: string; twoFactor: string; academicYear: string }>(res);
    expect(result).toMatchObject({ adminEmail: 'priya.shah@riverside.example', twoFactor: 'at_first_sign_in' });
    expect(result.siteIds).toHaveLength(2);
    const sites = await database.query<{ urn: string; la_code: string; establishment_number: string; phase: string; kind: string }>('select urn, la_code, establishment_number, phase, kind from sites order by urn');
    expect(sites).toEqual([
      { urn: '123456', la_code: '801', establishment_number: '2345', phase: 'secondary', kind: 'semh' },
      { urn: '145678', la_code: '801', establishment_number: '7012', phase: 'primary', kind: 'asc' },
    ]);
    expect((await database.query<{ label: string }>('select label from academic_years'))[0]!.label).toBe(result.academicYear);
    expect(await count(database, 'terms')).toBe(6);
    expect(await count(database, 'closure_days')).toBeGreaterThan(3);
    expect(await count(database, 'behaviour_categories')).toBeGreaterThan(10);
    expect(await count(database, 'exclusion_reasons where trust_id is not null')).toBeGreaterThan(10);
    const [admin] = await database.query<{ totp_enabled: boolean; role: string; site_id: string | null }>(
      'select u.totp_enabled, ra.role, ra.site_id from users u join role_assignments ra on ra.user_id = u.id');
    expect(admin).toEqual({ totp_enabled: false, role: 'trust_admin', site_id: null });
    // the audit chain starts with the setup, and verifies
    const actions = (await database.query<{ action: string; trust_id: string }>('select action, trust_id from audit_entries order by seq'));
    expect(actions[0]!.action).toBe('trust.create');
    expect(actions.at(-1)!.action).toBe('setup.complete');
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(['site.create', 'calendar.year.create', 'calendar.term.create', 'calendar.closure.create', 'policy.starter', 'user.create']));
    expect(new Set(actions.map((a) => a.trust_id))).toEqual(new Set([result.trustId]));
    expect(await verifyAuditChain(database)).toMatchObject({ problems: [] });

    // spent and closed: every route is gone, the same code included
    expect((await post('/api/v1/setup', body(code))).statusCode).toBe(404);
    expect((await post('/api/v1/setup/check', { code })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/setup' })).statusCode).toBe(404);
    expect(gate.check(code)).toBe('used');
    // the command line's path is refused too, inside its transaction
    const { code: _spent, ...input } = body(code);
    await expect(runSetup(database, { ...input, starterPolicy: true }, { today: '2026-12-06', audit: { actorLabel: 'test', ip: null, requestId: null } })).rejects.toMatchObject({ status: 409, code: 'already_set_up' });
    expect(await count(database, 'trusts')).toBe(1);
  });

  it('makes the new administrator enrol two-factor at their first sign-in', async () => {
    const login = await post('/api/v1/auth/login', { email: 'priya.shah@riverside.example', password: 'correct horse battery' });
    expect(login.statusCode).toBe(200);
    const step = json<{ status: string; challenge: string; secret: string }>(login);
    expect(step.status).toBe('totp_enrolment_required');
    const enrol = await post('/api/v1/auth/totp/enrol', { challenge: step.challenge, code: totpNow(step.secret) });
    expect(enrol.statusCode).toBe(200);
    expect(json(enrol)).toMatchObject({ status: 'ok' });
  });
});

describe.each(dbKinds())('first-run page closed on %s', (kind) => {
  it('answers 404 on a database that holds a trust, and when the server made no code', async () => {
    const seeded = await cloneDatabase(kind);
    const gate = new SetupGate();
    const code = gate.issue();
    const app = await buildApp({ config: testConfig(), database: seeded, logger: false, setupGate: gate });
    try {
      expect((await app.inject({ method: 'GET', url: '/api/v1/setup' })).statusCode).toBe(404);
      expect((await app.inject({ method: 'POST', url: '/api/v1/setup', payload: body(code) })).statusCode).toBe(404);
    } finally { await app.close(); await seeded.close(); }

    const empty = await emptyDatabase(kind);
    const noGate = await buildApp({ config: testConfig(), database: empty, logger: false });
    try {
      expect((await noGate.inject({ method: 'GET', url: '/api/v1/setup' })).statusCode).toBe(404);
      expect((await noGate.inject({ method: 'POST', url: '/api/v1/setup/check', payload: { code } })).statusCode).toBe(404);
    } finally { await noGate.close(); await empty.close(); }
  });
});

describe('the one-time code', () => {
  it('is refused after too many wrong guesses, and a claimed code cannot open a second setup at once', () => {
    const gate = new SetupGate();
    const code = gate.issue();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(gate.claim(code)).toBe('ok');
    expect(gate.claim(code)).toBe('used');
    gate.release();
    for (let i = 0; i < SETUP_CODE_MAX_FAILURES; i++) expect(gate.check('WRONG-CODE-0000')).toBe('wrong');
    expect(gate.check(code)).toBe('used');
    const fresh = gate.issue();
    expect(fresh).not.toBe(code);
    expect(gate.check(code)).toBe('wrong');
    expect(gate.check(fresh)).toBe('ok');
  });
});
