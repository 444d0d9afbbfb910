/**
 * Where the bytes of the `attachments` table live: on disk (HAVEN_ATTACHMENTS_DIR, or the data directory with the
 * embedded database) or in the row itself (PostgreSQL without a directory). Incident attachments and photos of pupils
 * and staff share it, and the backup (core/db/backup.ts) carries both. A file is written and fsynced before its row
 * commits; a caller whose transaction fails removes the file again (`discard`).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import type { Deps } from '../http/context.ts';
import { attachments } from '../../db/schema/recording.ts';

export function storageRoot(deps: Pick<Deps, 'config' | 'database'>): string | null {
  if (deps.config.attachmentsDir) return deps.config.attachmentsDir;
  return deps.database.kind === 'pglite' ? path.join(deps.config.dataDir, 'attachments') : null;
}

async function writeDurably(file: string, data: Buffer): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.part`;
  const h = await fs.open(tmp, 'wx', 0o600);
  try { await h.writeFile(data); await h.sync(); } finally { await h.close(); }
  await fs.rename(tmp, file);
  const dir = await fs.open(path.dirname(file), 'r');
  try { await dir.sync(); } finally { await dir.close(); }
}

/** The columns of an attachments row that say where its bytes are. */
export interface Stored { storage: 'disk' | 'database'; storagePath: string | null; data: Buffer | null }

/** Writes the bytes of attachment `id` where this installation keeps them, and says so for its row. */
export async function putFile(deps: Pick<Deps, 'config' | 'database'>, trustId: string, id: string, data: Buffer): Promise<Stored> {
  const root = storageRoot(deps);
  if (!root) return { storage: 'database', storagePath: null, data };
  const storagePath = path.join(trustId, id);
  await writeDurably(path.join(root, storagePath), data);
  return { storage: 'disk', storagePath, data: null };
}

/** Removes a file written by putFile whose row was never committed (nothing to do for bytes kept in the row). */
export async function discard(deps: Pick<Deps, 'config' | 'database'>, stored: Stored): Promise<void> {
  const root = storageRoot(deps);
  if (root && stored.storage === 'disk' && stored.storagePath) await fs.rm(path.join(root, stored.storagePath), { force: true });
}

/** The bytes of a stored attachment, or null when they are missing (a file on disk gone, or a row without data). */
export async function readStored(deps: Pick<Deps, 'config' | 'database'>, row: { id: string; storage: string; storagePath: string | null }): Promise<Buffer | null> {
  if (row.storage !== 'disk') {
    const rows = await deps.database.db.select({ data: attachments.data }).from(attachments).where(eq(attachments.id, row.id)).limit(1);
    return rows[0]?.data ?? null;
  }
  const root = storageRoot(deps) ?? path.join(deps.config.dataDir, 'attachments');
  return fs.readFile(path.join(root, row.storagePath ?? '')).catch(() => null);
}
