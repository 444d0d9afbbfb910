/** Issue 11 #19: with NODE_ENV=production, a database holding demo data refuses to serve unless HAVEN_ALLOW_DEMO=true. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestContext, dbKinds, demoEmail, type TestContext } from '../harness.ts';
import { users } from '../../src/db/schema/users.ts';
import { trusts } from '../../src/db/schema/platform.ts';
import { hashPassword } from '../../src/core/auth/password.ts';
import { DEMO_PASSWORD } from '../../src/db/seed/accounts.ts';
import { DemoDataRefusedError, refuseDemoInProduction } from '../../src/db/seed/guard.ts';
import { loadConfig } from '../../src/config.ts';

describe.each(dbKinds())('demo data in production on %s', (kind) => {
  let t: TestContext;
  beforeAll(async () => { t = await createTestContext(kind); });
  afterAll(async () => { await t?.close(); });
  const production = { env: 'production', allowDemo: false };
  const refusal = async () => { try { await refuseDemoInProduction(t.database, production); return null; } catch (e) { return e; } };

  it('HAVEN_ALLOW_DEMO is read from the environment, false unless set', () => {
    expect(loadConfig({ NODE_ENV: 'production' } as NodeJS.ProcessEnv).allowDemo).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', HAVEN_ALLOW_DEMO: 'true' } as NodeJS.ProcessEnv).allowDemo).toBe(true);
    expect(() => loadConfig({ HAVEN_ALLOW_DEMO: 'perhaps' } as NodeJS.ProcessEnv)).toThrow(/HAVEN_ALLOW_DEMO/);
  });

  it('refuses the demo trust in production, saying why; serves it in development or with HAVEN_ALLOW_DEMO=true', async () => {
    const e = await refusal();
    expect(e).toBeInstanceOf(DemoDataRefusedError);
    const message = (e as Error).message;
    expect(message).toMatch(/NODE_ENV is "production"/);
    expect(message).toMatch(/demo trust/);
    expect(message).toMatch(/published demo password/);
    expect(message).toMatch(/two-factor secret/);
    expect(message).toMatch(/HAVEN_ALLOW_DEMO=true/);
    await expect(refuseDemoInProduction(t.database, { env: 'production', allowDemo: true })).resolves.toBeUndefined();
    await expect(refuseDemoInProduction(t.database, { env: 'development', allowDemo: false })).resolves.toBeUndefined();
  }, 120_000);

  it('finds one account with the published password in an otherwise real trust, and serves once it is changed', async () => {
    // make the trust look real: renamed, real addresses, own secrets and passwords
    const own = await hashPassword('a real password nobody published');
    await t.database.db.update(trusts).set({ name: 'Real Trust' });
    await t.database.db.update(users).set({ email: sql`replace(${users.email}, '@demo.haven.test', '@school.example')`, totpSecret: null, passwordHash: own });
    const victim = demoEmail('head').replace('@demo.haven.test', '@school.example');
    await t.database.db.update(users).set({ passwordHash: await hashPassword(DEMO_PASSWORD) }).where(eq(users.email, victim));
    const e = await refusal();
    expect(e).toBeInstanceOf(DemoDataRefusedError);
    const reasons = (e as Error).message.split('\n').filter((l) => l.startsWith('  - '));
    expect(reasons).toEqual(['  - 1 active account(s) have the published demo password']);
    await t.database.db.update(users).set({ active: false }).where(eq(users.email, victim));
    expect(await refusal()).toBeNull();
  }, 120_000);
});
