/**
 * A writing process for the durability test: takes the data directory's lock, opens PGlite there (fsync on),
 * and inserts sites one transaction at a time, each with its audit entry, printing `ACK <id>` only after COMMIT
 * has returned. It writes until it is killed (or for `count` rows, then closes cleanly).
 * Usage: node --import tsx writer.ts <data dir> [count]
 */
import { randomUUID } from 'node:crypto';
import { acquireDataDirLock } from '../../src/core/db/lock.ts';
import { openPglite } from '../../src/core/db/client.ts';
import { runMigrations } from '../../src/core/db/migrate.ts';
import { inTransaction } from '../../src/core/db/tx.ts';
import { SYSTEM_AUDIT } from '../../src/core/audit/audit.ts';
import { sites, trusts } from '../../src/db/schema/platform.ts';

const dir = process.argv[2];
const count = process.argv[3] ? Number(process.argv[3]) : Infinity;
if (!dir) {
  process.stderr.write('usage: writer.ts <data dir> [count]\n');
  process.exit(2);
}

let release: () => void;
try {
  release = acquireDataDirLock(dir);
} catch (e) {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(3);
}
const database = await openPglite(dir);
await runMigrations(database);

async function ensureTrust(): Promise<string> {
  const existing = await database.db.select({ id: trusts.id }).from(trusts).limit(1);
  if (existing[0]) return existing[0].id;
  const id = randomUUID();
  await inTransaction(database, { ...SYSTEM_AUDIT, trustId: id }, async (tx, audit) => {
    await tx.insert(trusts).values({ id, name: 'Durability Trust' });
    audit.record({ action: 'trust.create', entityType: 'trust', entityId: id });
  });
  return id;
}
const trustId = await ensureTrust();
const ctx = { ...SYSTEM_AUDIT, trustId, actorLabel: `writer ${process.pid}` };
// stdout to a pipe is synchronous on Linux: the line is in the pipe before the next write starts
process.stdout.write(`READY ${process.pid}\n`);

for (let n = 0; n < count; n++) {
  const id = randomUUID();
  await inTransaction(database, ctx, async (tx, audit) => {
    await tx.insert(sites).values({ id, trustId, name: `Site ${n} of ${process.pid}`, shortName: id, phase: 'primary', kind: 'academy' });
    audit.record({ action: 'site.create', entityType: 'site', entityId: id, siteId: id, details: { n } });
  });
  process.stdout.write(`ACK ${id}\n`);
}
await database.close();
release();
