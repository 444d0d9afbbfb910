/** Attachments kept as files on disk travel inside the backup, and come back byte for byte in the other kind. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { openPglite } from './client.ts';
import { runMigrations } from './migrate.ts';
import { backupDatabase, restoreDatabase } from './backup.ts';
import * as s from '../../db/schema/index.ts';

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-bk-att-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

async function sourceWithFile(bytes: Buffer) {
  const db = await openPglite(undefined);
  await runMigrations(db);
  const [trustId, siteId, userId, incidentId, attachmentId] = Array.from({ length: 5 }, () => randomUUID());
  await db.db.insert(s.trusts).values({ id: trustId!, name: 'Trust' });
  await db.db.insert(s.sites).values({ id: siteId!, trustId: trustId!, name: 'Site', shortName: 'S', phase: 'secondary', kind: 'semh' });
  await db.db.insert(s.users).values({ id: userId!, trustId: trustId!, email: 'a@example.org', displayName: 'A' });
  await db.db.insert(s.incidents).values({ id: incidentId!, trustId: trustId!, siteId: siteId!, createdBy: userId! });
  const rel = path.join(trustId!, attachmentId!);
  fs.mkdirSync(path.join(work, 'files', trustId!), { recursive: true });
  fs.writeFileSync(path.join(work, 'files', rel), bytes);
  await db.db.insert(s.attachments).values({ id: attachmentId!, trustId: trustId!, siteId: siteId!, ownerType: 'incident', ownerId: incidentId!,
    filename: 'photo.png', contentType: 'image/png', sizeBytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'),
    storage: 'disk', storagePath: rel, uploadedBy: userId! });
  return { db, attachmentId: attachmentId!, rel };
}

describe('backup of attachments stored on disk', () => {
  it('puts the file into the dump and restores it into the database column', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0x27, 0x5c]);
    const { db, attachmentId } = await sourceWithFile(bytes);
    const dump = path.join(work, 'att.sql');
    await backupDatabase(db, dump, { attachmentsDir: path.join(work, 'files') });
    await db.close();
    const target = await openPglite(undefined);
    await restoreDatabase(target, dump);
    const row = (await target.db.select().from(s.attachments).where(eq(s.attachments.id, attachmentId)))[0]!;
    expect(row.storage).toBe('database');
    expect(row.storagePath).toBeNull();
    expect(Buffer.compare(row.data!, bytes)).toBe(0);
    await target.close();
  }, 60_000);

  it('refuses to write a backup when a file is missing or does not match its checksum', async () => {
    const { db, rel } = await sourceWithFile(Buffer.from('hello'));
    fs.writeFileSync(path.join(work, 'files', rel), 'tampered');
    await expect(backupDatabase(db, path.join(work, 'bad.sql'), { attachmentsDir: path.join(work, 'files') })).rejects.toThrow(/checksum/);
    fs.rmSync(path.join(work, 'files', rel));
    await expect(backupDatabase(db, path.join(work, 'bad.sql'), { attachmentsDir: path.join(work, 'files') })).rejects.toThrow(/missing/);
    expect(fs.existsSync(path.join(work, 'bad.sql'))).toBe(false);
    await db.close();
  }, 60_000);
});
