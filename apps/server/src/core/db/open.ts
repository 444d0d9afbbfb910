/** Opens the configured database: PostgreSQL when DATABASE_URL is set, otherwise PGlite in the data directory (locked). */
import type { Config } from '../../config.ts';
import { openPglite, openPostgres, type Database } from './client.ts';
import { acquireDataDirLock } from './lock.ts';

export interface OpenedDatabase { database: Database; release: () => Promise<void> }

export async function openConfiguredDatabase(config: Config): Promise<OpenedDatabase> {
  if (config.databaseUrl) {
    const database = await openPostgres(config.databaseUrl);
    return { database, release: () => database.close() };
  }
  const unlock = acquireDataDirLock(config.dataDir);
  try {
    const database = await openPglite(config.dataDir);
    return { database, release: async () => { try { await database.close(); } finally { unlock(); } } };
  } catch (e) {
    unlock();
    throw e;
  }
}
