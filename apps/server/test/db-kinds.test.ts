/** Which databases a test run uses: the default, and HAVEN_TEST_DB choosing for CI's side-by-side runs. */
import { describe, expect, it } from 'vitest';
import { dbKinds } from './db-kinds.ts';

const url = 'postgres://postgres@127.0.0.1:5432/test';

describe('dbKinds', () => {
  it.each([
    [{}, ['pglite']],
    [{ TEST_DATABASE_URL: url }, ['pglite', 'postgres']],
    [{ TEST_DATABASE_URL: url, HAVEN_TEST_DB: 'pglite' }, ['pglite']],
    [{ TEST_DATABASE_URL: url, HAVEN_TEST_DB: 'postgres' }, ['postgres']],
    [{ TEST_DATABASE_URL: url, HAVEN_TEST_DB: ' postgres , pglite ' }, ['pglite', 'postgres']],
    [{ HAVEN_TEST_DB: 'pglite' }, ['pglite']],
    [{ HAVEN_TEST_DB: '' }, ['pglite']],
  ])('%j → %j', (env, kinds) => {
    expect(dbKinds(env as NodeJS.ProcessEnv)).toEqual(kinds);
  });

  it('refuses an unknown kind, and PostgreSQL without a server to run on', () => {
    expect(() => dbKinds({ HAVEN_TEST_DB: 'mysql' } as NodeJS.ProcessEnv)).toThrow(/HAVEN_TEST_DB="mysql"/);
    expect(() => dbKinds({ HAVEN_TEST_DB: ',' } as NodeJS.ProcessEnv)).toThrow(/HAVEN_TEST_DB/);
    expect(() => dbKinds({ HAVEN_TEST_DB: 'postgres' } as NodeJS.ProcessEnv)).toThrow(/TEST_DATABASE_URL/);
  });
});

describe("npm test's split of the test files between the databases (scripts/test.ts)", () => {
  it('samples only per-kind files that exist, and gives every file to at least one run', async () => {
    const { allTestFiles, perKindTestFiles, PGLITE_SAMPLE } = await import('../../../scripts/test.ts');
    const all = allTestFiles();
    const perKind = perKindTestFiles();
    expect(perKind.length).toBeGreaterThan(50);
    // a renamed or removed file would silently drop out of CI's PGlite run
    for (const f of PGLITE_SAMPLE) expect(perKind, f).toContain(f);
    for (const f of perKind) expect(all, f).toContain(f);
    expect(all).toContain('apps/server/test/db-kinds.test.ts');
    expect(all).toContain('apps/web/build/first-load.test.ts');
  });
});
