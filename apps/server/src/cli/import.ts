/**
 * `haven import csv --kind pupils|contacts|groups|staff FILE` and `haven import ctf FILE` (each `[--site URN |
 * --laestab NNNNNNN] [--dry-run]`): the same checks and writes as the web import (modules/imports), for a CSV or XLSX
 * file or a DfE common transfer file. Every problem goes to standard error as "row N, column: reason" (in a CTF,
 * "pupil N (UPN …), element path: reason"); nothing is written unless everything passes; exit status 0 only when all
 * was imported (or, with --dry-run, would be). Without --site, a CTF goes to the site its header names as destination.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { uuidv7 } from 'uuidv7';
import { eq, and } from 'drizzle-orm';
import { Command, InvalidArgumentError, Option } from 'commander';
import { TABULAR_IMPORT_KINDS, type TImportKind, type TImportProblem } from '@haven/contracts';
import type { Database } from '../core/db/client.ts';
import { inTransaction } from '../core/db/tx.ts';
import { runMigrations } from '../core/db/migrate.ts';
import { londonToday } from '../core/time.ts';
import { sites } from '../db/schema/platform.ts';
import { imports } from '../db/schema/imports.ts';
import { analyse, FileProblem, type Progress } from '../modules/imports/imports.engine.ts';
import { applyImport, maxBytes } from '../modules/imports/imports.service.ts';
import { problemWhere } from '../modules/imports/imports.presenter.ts';
import { parseCtfXml } from '../modules/ctf/ctf.xml.ts';
import { readHeader } from '../modules/ctf/ctf.read.ts';

type WithDatabase = <T>(fn: (db: Database) => Promise<T>) => Promise<T>;

export const describeProblem = (p: TImportProblem): string => `${problemWhere(p)}: ${p.message}`;

/** A bar on a terminal (standard error), nothing when the output is a file or a pipe. */
export function progressBar(stream: NodeJS.WriteStream, unit = 'rows'): { update: Progress; end(): void } {
  const labels = { read: 'Reading the file', check: 'Checking rows', plan: 'Comparing with Haven', write: 'Writing', done: 'Done' } as const;
  const order = ['read', 'check', 'plan', 'write', 'done'] as const;
  if (!stream.isTTY) return { update: () => undefined, end: () => undefined };
  const width = 30;
  return {
    update(stage, done, total) {
      const fraction = (order.indexOf(stage) + (total ? done / total : 0)) / (order.length - 1);
      const filled = Math.round(Math.min(1, fraction) * width);
      stream.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${labels[stage].padEnd(22)}${total ? ` ${total} ${unit}` : ''}   `);
    },
    end() { stream.write('\n'); },
  };
}

export async function findSite(db: Database, opts: { site?: string; laestab?: string }, destination?: string) {
  const all = await db.db.select({ id: sites.id, trustId: sites.trustId, name: sites.name, urn: sites.urn, la: sites.laCode, est: sites.establishmentNumber }).from(sites);
  let found = all;
  if (opts.site) found = all.filter((s) => String(s.urn) === opts.site);
  else if (opts.laestab) found = all.filter((s) => `${s.la}${s.est}` === opts.laestab);
  else if (destination && all.some((s) => `${s.la}${s.est}` === destination)) found = all.filter((s) => `${s.la}${s.est}` === destination);
  else if (all.length > 1) throw new Error(`The database has ${all.length} sites: name one with --site URN or --laestab NNNNNNN (${all.slice(0, 5).map((s) => `${s.name}: URN ${s.urn}, LAESTAB ${s.la}${s.est}`).join('; ')}).`);
  if (found.length !== 1) throw new Error(opts.site ? `No site has the URN ${opts.site}.` : opts.laestab ? `No site has the LA and establishment number ${opts.laestab}.` : 'The database has no site yet.');
  return found[0]!;
}

const urnOption = (v: string) => { if (!/^\d{6,7}$/.test(v)) throw new InvalidArgumentError('a URN of 6 or 7 digits'); return v; };
const laestabOption = (v: string) => { if (!/^\d{7}$/.test(v)) throw new InvalidArgumentError('7 digits: the LA code and the establishment number'); return v; };
export const siteOptions = (c: Command): Command => c
  .option('--site <urn>', 'the site by its URN (6 or 7 digits)', urnOption)
  .option('--laestab <number>', 'the site by its LA and establishment number (7 digits)', laestabOption);

interface ImportOptions { site?: string; laestab?: string; dryRun?: boolean }

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

async function runImport(db: Database, kind: TImportKind, file: string, opts: ImportOptions): Promise<void> {
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

export function importCommand(program: Command, withDatabase: WithDatabase): void {
  const cmd = program.command('import').description('Import people from the MIS (CSV or XLSX) or a common transfer file (CTF)');
  siteOptions(cmd.command('csv').argument('<file>', 'a CSV (UTF-8, UTF-8 with BOM, Windows-1252) or XLSX file')
    .description('Import pupils, contacts, groups with their members, or staff; nothing is written unless every row passes')
    .addOption(new Option('--kind <kind>', 'what the file holds').choices([...TABULAR_IMPORT_KINDS]).makeOptionMandatory()))
    .option('--dry-run', 'check the file and say what it would change, writing nothing')
    .action((file: string, opts: ImportOptions & { kind: TImportKind }) => withDatabase((db) => runImport(db, opts.kind, file, opts)));
  siteOptions(cmd.command('ctf').argument('<file>', 'a DfE common transfer file (XML, CTF 19 or later)')
    .description('Import the pupils of a CTF with their contacts and what their previous schools sent; nothing is written unless every pupil passes'))
    .option('--dry-run', 'check the file and say what it would change, writing nothing')
    .action((file: string, opts: ImportOptions) => withDatabase((db) => runImport(db, 'ctf', file, opts)));
}
