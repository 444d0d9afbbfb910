/**
 * `haven import csv --kind pupils|contacts|groups|staff FILE` and `haven import ctf FILE` (each `[--site URN |
 * --laestab NNNNNNN] [--dry-run]`): the same checks and writes as the web import (modules/imports), for a CSV or XLSX
 * file or a DfE common transfer file. Every problem goes to standard error as "row N, column: reason" (in a CTF,
 * "pupil N (UPN …), element path: reason"); nothing is written unless everything passes; exit status 0 only when all
 * was imported (or, with --dry-run, would be). Without --site, a CTF goes to the site its header names as destination.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { TABULAR_IMPORT_KINDS, type TImportKind } from '@haven/contracts';
import type { Database } from '../core/db/client.ts';
import { sites } from '../db/schema/platform.ts';
import type { Progress } from '../modules/imports/imports.engine.ts';

type WithDatabase = <T>(fn: (db: Database) => Promise<T>) => Promise<T>;

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

export interface ImportOptions { site?: string; laestab?: string; dryRun?: boolean }

export function importCommand(program: Command, withDatabase: WithDatabase): void {
  const cmd = program.command('import').description('Import people from the MIS (CSV or XLSX) or a common transfer file (CTF)');
  siteOptions(cmd.command('csv').argument('<file>', 'a CSV (UTF-8, UTF-8 with BOM, Windows-1252) or XLSX file')
    .description('Import pupils, contacts, groups with their members, or staff; nothing is written unless every row passes')
    .addOption(new Option('--kind <kind>', 'what the file holds').choices([...TABULAR_IMPORT_KINDS]).makeOptionMandatory()))
    .option('--dry-run', 'check the file and say what it would change, writing nothing')
    .action((file: string, opts: ImportOptions & { kind: TImportKind }) => withDatabase(async (db) => (await import('./import.run.ts')).runImport(db, opts.kind, file, opts)));
  siteOptions(cmd.command('ctf').argument('<file>', 'a DfE common transfer file (XML, CTF 19 or later)')
    .description('Import the pupils of a CTF with their contacts and what their previous schools sent; nothing is written unless every pupil passes'))
    .option('--dry-run', 'check the file and say what it would change, writing nothing')
    .action((file: string, opts: ImportOptions) => withDatabase(async (db) => (await import('./import.run.ts')).runImport(db, 'ctf', file, opts)));
}
