/**
 * Which databases this test run uses. By default PGlite, plus PostgreSQL when TEST_DATABASE_URL is set.
 * HAVEN_TEST_DB (a comma-separated list: pglite, postgres) chooses instead, so that CI can run the two kinds as two
 * runs side by side (PGlite under one Node version, PostgreSQL under another) rather than one after the other.
 */
import type { DbKind } from '../src/core/db/client.ts';

const KINDS: readonly DbKind[] = ['pglite', 'postgres'];

export function dbKinds(env: NodeJS.ProcessEnv = process.env): DbKind[] {
  const chosen = env.HAVEN_TEST_DB?.trim();
  if (!chosen) return env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
  const kinds = [...new Set(chosen.split(',').map((k) => k.trim()).filter(Boolean))];
  const unknown = kinds.filter((k) => !(KINDS as readonly string[]).includes(k));
  if (unknown.length > 0 || kinds.length === 0) throw new Error(`HAVEN_TEST_DB="${chosen}": give pglite, postgres or both (comma-separated)`);
  if (kinds.includes('postgres') && !env.TEST_DATABASE_URL) throw new Error('HAVEN_TEST_DB names postgres: set TEST_DATABASE_URL to a PostgreSQL server as well');
  return KINDS.filter((k) => kinds.includes(k));
}
