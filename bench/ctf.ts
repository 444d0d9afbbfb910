/**
 * CTF import benchmark (issue 12, DAT-2): a generated common transfer file of 2,000 pupils with two contacts each,
 * SEN and FSM history, attendance and school history, previewed and committed through the import service (the code
 * the API and `haven import ctf` run), beside the CSV benchmark's floor (the same pupils and contacts inserted
 * through the driver in one transaction). Then the unchanged file again: it must change nothing. Targets as for CSV:
 * import under 5 s, at least 0.3× the floor's speed; unchanged re-import under 3 s.
 */
import { loadConfig } from '../apps/server/src/config.ts';
import { LiveHub } from '../apps/server/src/core/notify/hub.ts';
import type { Database } from '../apps/server/src/core/db/client.ts';
import type { Actor } from '../apps/server/src/core/policy/policy.ts';
import { makeUpn } from '../apps/server/src/modules/pupils/upn.rules.ts';
import * as imports from '../apps/server/src/modules/imports/imports.service.ts';
import { writeCtf, type ExportPupil } from '../apps/server/src/modules/ctf/ctf.write.ts';
import { rawPglite, rawPostgres } from './lib/raw.ts';
import { createPglite, createPostgres, siteOne } from './lib/setup.ts';
import type { BenchDbKind } from './lib/types.ts';
import { adminActor, floor, type ImportRow } from './imports.ts';
import { generatePupils } from './lib/import-files.ts';

const PUPILS = 2000;

/** A CTF 25 of 2,000 pupils from a school of LA 996, to the site `to` (its LA and establishment number). */
export function generateCtf(to: string): Buffer {
  const pupils: ExportPupil[] = [];
  for (let i = 0; i < PUPILS; i += 1) {
    const year = 7 + (i % 5);
    pupils.push({
      upn: makeUpn(996, 4000 + Math.floor(i / 1000), 25, i % 1000), legalSurname: `Surname${i}`, legalForename: `Forename${i}`, preferredSurname: null,
      preferredForename: i % 7 ? null : `Pref${i}`, dateOfBirth: `${2018 - year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      sex: i % 2 ? 'M' : 'F', yearGroup: year, enrolmentStart: '2021-09-02', enrolmentEnd: '2025-07-18', senStatus: i % 5 ? 'none' : 'sen_support',
      primaryNeed: i % 5 ? null : 'SEMH', fsm: i % 3 === 0, lookedAfter: i % 50 === 0, eal: i % 9 === 0, firstLanguage: i % 9 ? 'ENG' : 'POL', ethnicity: 'WBRI', medicalFlag: false,
      contacts: [
        { priority: 1, title: 'Ms', forename: `Parent${i}`, surname: `Surname${i}`, relationship: 'Mother', parentalResponsibility: true, phone: '07700 900000', email: `ctfparent${i}@example.org` },
        { priority: 2, title: 'Mr', forename: `Carer${i}`, surname: i % 2 ? `Other${i}` : `Surname${i}`, relationship: i % 2 ? 'Step-father' : 'Father', parentalResponsibility: !(i % 2), phone: '07700 900001', email: null },
      ],
      held: [],
    });
  }
  return Buffer.from(writeCtf({ source: { lea: '996', estab: '4000', urn: '199999', name: 'Bench Source Academy' }, to, pupils, today: '2025-07-18', dateTime: '2025-07-18T15:00:00' }));
}

async function importCtf(database: Database, actor: Actor, siteId: string, file: Buffer) {
  const deps = { database, config: loadConfig(), hub: new LiveHub() };
  const ctx = { trustId: actor.trustId, actorUserId: actor.userId, actorLabel: 'bench', ip: null, requestId: null };
  const p = await imports.preview(deps, actor, ctx, { kind: 'ctf', siteId, filename: 'bench.xml' }, file);
  if (p.problems.length) throw new Error(`ctf: ${p.problems.length} problems, first: ${JSON.stringify(p.problems[0])}`);
  return (await imports.commit(deps, actor, ctx, p.id, p.fileHash)).counts;
}

export async function ctfBenchmark(kinds: BenchDbKind[]): Promise<ImportRow[]> {
  const out: ImportRow[] = [];
  for (const kind of kinds) {
    let db;
    try { db = kind === 'postgres' ? await createPostgres(10) : await createPglite(); } catch (e) {
      out.push({ database: kind, format: 'ctf', skipped: e instanceof Error ? e.message : String(e) }); continue;
    }
    const raw = kind === 'postgres' ? rawPostgres(db.url ?? '', 1) : rawPglite(db.database);
    try {
      const site = await siteOne(db.database);
      const actor = await adminActor(db.database, site.trustId);
      const [row] = await raw.query<{ la: string; est: string }>('select la_code as la, establishment_number as est from sites where id = $1', [site.siteId]);
      const file = generateCtf(`${row!.la}${row!.est}`);
      const f0 = performance.now();
      await floor(raw, site.trustId, site.siteId, generatePupils(PUPILS, 300_000));
      const floorMs = performance.now() - f0;
      const t0 = performance.now();
      const first = await importCtf(db.database, actor, site.siteId, file);
      const importMs = performance.now() - t0;
      if (first.added !== PUPILS) throw new Error(`first import added ${first.added} pupils`);
      const r0 = performance.now();
      const again = await importCtf(db.database, actor, site.siteId, file);
      const reimportMs = performance.now() - r0;
      const nothing = again.added + again.changed === 0;
      const ratio = floorMs / importMs;
      out.push({
        database: kind, format: 'ctf', importMs, floorMs, reimportMs, ratio,
        reimport: `pupils ${again.unchanged} unchanged${nothing ? '' : ' (CHANGED SOMETHING)'}`,
        targets: [`${importMs < 5000 ? 'MET' : 'NOT MET'}: import < 5 s`, `${ratio >= 0.3 ? 'MET' : 'NOT MET'}: ≥ 0.3× floor`, `${reimportMs < 3000 && nothing ? 'MET' : 'NOT MET'}: unchanged re-import < 3 s, changes nothing`],
      });
    } catch (e) {
      out.push({ database: kind, format: 'ctf', skipped: `failed: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      await raw.close();
      await db.close();
    }
  }
  return out;
}
