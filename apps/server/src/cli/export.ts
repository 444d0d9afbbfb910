/**
 * `haven export ctf --pupil UPN… --to LAESTAB FILE [--site URN | --laestab NNNNNNN]`: a leavers' common transfer
 * file, the same as the API's (modules/ctf), written to FILE (or, if FILE is a folder, to the DfE's file name in it)
 * and audited. Without --site the pupils' own site is used. Safeguarding records never travel in it. Exit status 0
 * only when the file was written; each problem goes to standard error.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inArray } from 'drizzle-orm';
import type { Command } from 'commander';
import { CTF_EXPORT_VERSION, ZCtfDestination } from '@haven/contracts';
import type { Database } from '../core/db/client.ts';
import { AppError } from '../core/http/errors.ts';
import { pupils } from '../db/schema/pupils.ts';
import { normaliseUpn, validateUpn } from '../modules/pupils/upn.rules.ts';
import { findSite, siteOptions } from './import.ts';

type WithDatabase = <T>(fn: (db: Database) => Promise<T>) => Promise<T>;

function fail(lines: string[]): void {
  for (const l of lines) process.stderr.write(`${l}\n`);
  process.stderr.write('Nothing was exported.\n');
  process.exitCode = 1;
}

export function exportCommand(program: Command, withDatabase: WithDatabase): void {
  const cmd = program.command('export').description('Export records for another school (a common transfer file)');
  siteOptions(cmd.command('ctf').argument('<file>', 'where to write the CTF (XML), or a folder to write it in under the DfE file name')
    .description('Write a common transfer file (CTF 25) for leavers, to send to their new school through the DfE school-to-school site')
    .requiredOption('--pupil <upn...>', 'the UPN of each leaver (several may follow one --pupil)')
    .requiredOption('--to <laestab>', "the new school's LA and establishment number (7 digits); XXXXXXX when not known, MMMMMMM outside the maintained sector"))
    .action((file: string, opts: { pupil: string[]; to: string; site?: string; laestab?: string }) => withDatabase(async (db) => {
      // loaded when the command runs (cli/index.ts)
      const [{ runMigrations }, { buildCtfExport, recordExport }] = await Promise.all([import('../core/db/migrate.ts'), import('../modules/ctf/ctf.service.ts')]);
      await runMigrations(db);
      const to = ZCtfDestination.safeParse(opts.to);
      if (!to.success) return fail([`--to ${opts.to}: ${to.error.issues[0]?.message ?? 'not a destination'}`]);
      const upns = opts.pupil.flatMap((p) => p.split(/[\s,]+/)).filter(Boolean).map(normaliseUpn);
      const bad = upns.map((u) => ({ u, v: validateUpn(u) })).filter((x) => !x.v.ok);
      if (bad.length) return fail(bad.map((b) => `pupil ${b.u}: ${b.v.ok ? '' : b.v.reason}`));
      let siteId: string;
      if (opts.site || opts.laestab) siteId = (await findSite(db, opts)).id;
      else {
        const at = [...new Set((await db.db.select({ siteId: pupils.siteId }).from(pupils).where(inArray(pupils.upn, upns))).map((r) => r.siteId))];
        if (at.length !== 1) return fail([at.length ? 'The pupils are at more than one site: export each site\'s leavers separately, naming the site with --site or --laestab.' : `No pupil has the UPN ${upns.join(', ')}.`]);
        siteId = at[0]!;
      }
      let built;
      try {
        built = await buildCtfExport(db.db, { siteId, upns, to: to.data });
      } catch (e) {
        if (e instanceof AppError) return fail((e.fields ?? [{ field: 'file', message: e.message }]).map((f) => `${f.field}: ${f.message}`));
        throw e;
      }
      const target = fs.existsSync(file) && fs.statSync(file).isDirectory() ? path.join(file, built.filename) : file;
      fs.writeFileSync(target, built.xml, 'utf8');
      await recordExport(db, { trustId: built.trustId, actorUserId: null, actorLabel: `command line (haven export) as ${os.userInfo().username}`, ip: null, requestId: null }, siteId, to.data, built);
      process.stdout.write(`Wrote ${built.pupilIds.length} pupil${built.pupilIds.length === 1 ? '' : 's'} to ${target} (CTF ${CTF_EXPORT_VERSION}, to ${to.data}). File SHA-256 ${built.fileHash}.\n`);
    }));
}
