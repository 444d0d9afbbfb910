/**
 * What `haven import csv|ctf` does once its flags are read (loaded by import.ts when the command runs): read the file,
 * check every row as the web import does (modules/imports), and write nothing unless every row passes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { uuidv7 } from 'uuidv7';
import { eq, and } from 'drizzle-orm';
import type { TImportKind, TImportProblem } from '@haven/contracts';
import type { Database } from '../core/db/client.ts';
import { inTransaction } from '../core/db/tx.ts';
import { runMigrations } from '../core/db/migrate.ts';
import { londonToday } from '../core/time.ts';
import { imports } from '../db/schema/imports.ts';
import { analyse, FileProblem } from '../modules/imports/imports.engine.ts';
import { applyImport, maxBytes } from '../modules/imports/imports.service.ts';
import { problemWhere } from '../modules/imports/imports.presenter.ts';
import { parseCtfXml } from '../modules/ctf/ctf.xml.ts';
import { readHeader } from '../modules/ctf/ctf.read.ts';
import { findSite, progressBar, type ImportOptions } from './import.ts';

export const describeProblem = (p: TImportProblem): string => `${problemWhere(p)}: ${p.message}`;


/** A CTF's destination (LA and establishment number) from its header, to choose the site when none is named. */
function destinationOf(bytes: Uint8Array): string | undefined {
  const xml = parseCtfXml(bytes);
  const h = readHeader(xml.root, xml.rootName, xml.pupils);
  return h.destSchool.lea && h.destSchool.estab ? `${h.destSchool.lea}${h.destSchool.estab}` : undefined;
}

function refuseFile(file: string, e: unknown): void {
  if (!(e instanceof FileProblem)) throw e;
  process.stderr.write(`${describeProblem({ row: e.row, column: null, message: e.message })}\n`);
  process.stderr.write(`Nothing was imported: ${path.basename(file)} could not be read.\n`);
  process.exitCode = 1;
}

export async function runImport(db: Database, kind: TImportKind, file: string, opts: ImportOptions): Promise<void> {
  await runMigrations(db);
  const stat = fs.statSync(file);
  const limit = maxBytes(kind);
  if (stat.size > limit) {
    process.stderr.write(`file: ${path.basename(file)} is ${(stat.size / 1048576).toFixed(1)} MB; ${kind === 'ctf' ? 'a CTF' : 'an import'} may be at most ${limit / 1048576} MB. It was not read.\n`);
    process.stderr.write('Nothing was imported.\n');
    process.exitCode = 1;
    return;
  }
  const bytes = new Uint8Array(fs.readFileSync(file));
  let destination: string | undefined;
  if (kind === 'ctf' && !opts.site && !opts.laestab) {
    try { destination = destinationOf(bytes); } catch (e) { refuseFile(file, e); return; }
  }
  const site = await findSite(db, opts, destination);
  const unit = kind === 'ctf' ? 'pupils' : 'rows';
  const bar = progressBar(process.stderr, unit);
  let a;
  try {
    a = await analyse(db.db, { kind, target: { trustId: site.trustId, siteId: site.id, today: londonToday() }, bytes, progress: bar.update });
  } catch (e) {
    bar.end();
    refuseFile(file, e);
    return;
  }
  const c = a.counts;
  const what = a.ctf
    ? `${c.rows} pupil${c.rows === 1 ? '' : 's'} for ${site.name} (CTF ${a.ctf.version} from ${a.ctf.sourceSchool.name ?? 'an unnamed school'}${a.ctf.sourceSchool.lea ? `, LAESTAB ${a.ctf.sourceSchool.lea}${a.ctf.sourceSchool.estab ?? ''}` : ''})`
    : `${c.rows} row${c.rows === 1 ? '' : 's'} for ${site.name} (${a.file.format.toUpperCase()}${a.file.encoding ? `, ${a.file.encoding}` : ''}, columns as ${a.preset === 'haven' ? 'named' : a.preset.toUpperCase()})`;
  if (a.problems.length) {
    bar.end();
    for (const p of a.problems) process.stderr.write(`${describeProblem(p)}\n`);
    process.stderr.write(`Nothing was imported: ${a.problems.length} problem${a.problems.length === 1 ? '' : 's'} in ${what}.\n`);
    process.exitCode = 1;
    return;
  }
  const counts = `${c.added} added, ${c.changed} changed, ${c.unchanged} unchanged, ${c.left} ${kind === 'ctf' ? 'contacts ' : ''}in Haven but not in the file (kept)`;
  if (opts.dryRun) {
    bar.update('done', 0, 0); bar.end();
    process.stdout.write(`Dry run, nothing written: ${what} would give ${counts}.\n`);
    return;
  }
  bar.update('write', 0, c.rows);
  const id = uuidv7();
  const ctx = { trustId: site.trustId, actorUserId: null, actorLabel: `command line (haven import) as ${os.userInfo().username}`, ip: null, requestId: null };
  await inTransaction(db, ctx, async (tx, audit) => {
    await tx.insert(imports).values({
      id, trustId: site.trustId, siteId: site.id, kind, status: 'previewed', filename: path.basename(file), format: a.file.format,
      encoding: a.file.encoding, fileHash: a.fileHash, byteCount: bytes.byteLength, mapping: a.mapping, counts: c, errorCount: 0, createdBy: null,
    });
    await applyImport(tx, audit, a, { id, kind, siteId: site.id, userId: null });
  });
  bar.update('done', 0, 0); bar.end();
  const stored = await db.db.select({ id: imports.id }).from(imports).where(and(eq(imports.id, id), eq(imports.status, 'committed')));
  if (stored.length !== 1) throw new Error('The import was not recorded as committed.');
  process.stdout.write(`Imported ${what}: ${counts}. Import ${id}, file SHA-256 ${a.fileHash}.\n`);
}

