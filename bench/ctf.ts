/**
 * CTF import benchmark (issue 12, DAT-2): a generated common transfer file of 2,000 pupils with two contacts each,
 * SEN and FSM history, attendance and school history, previewed and committed through the import service (the code
 * the API and `haven import ctf` run). Its floor writes the same rows through the driver in one transaction: the
 * pupils, their contacts and links, and each pupil's transfer document (the history a CTF carries beyond Haven's
 * columns, kept as JSON), read from a second file of other pupils before the clock starts. Then the unchanged file
 * again, read afresh as a school would days later: it must change nothing. Targets as for CSV: import under 5 s, at
 * least 0.3× the floor's speed; unchanged re-import under 3 s. CPU (this process and PostgreSQL's backends) is
 * measured for each step, as for CSV.
 */
import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { loadConfig } from '../apps/server/src/config.ts';
import { LiveHub } from '../apps/server/src/core/notify/hub.ts';
import { makeUpn } from '../apps/server/src/modules/pupils/upn.rules.ts';
import { forgetReadFiles } from '../apps/server/src/modules/imports/imports.engine.ts';
import { writeCtf, type ExportPupil } from '../apps/server/src/modules/ctf/ctf.write.ts';
import { parseCtfXml } from '../apps/server/src/modules/ctf/ctf.xml.ts';
import { readCtf } from '../apps/server/src/modules/ctf/ctf.read.ts';
import { measureCpu } from './lib/cpu.ts';
import { rawPglite, rawPostgres, type RawDb } from './lib/raw.ts';
import { createPglite, createPostgres, siteOne } from './lib/setup.ts';
import type { BenchDbKind } from './lib/types.ts';
import { adminActor, load, viaImportService, type ImportEnv, type ImportRow } from './imports.ts';

const PUPILS = 2000;

/** A CTF 25 of 2,000 pupils from a school of LA 996, to the site `to` (its LA and establishment number); `serial` 4000 or 4100 gives other pupils. */
export function generateCtf(to: string, serial = 4000): Buffer {
  const pupils: ExportPupil[] = [];
  for (let i = 0; i < PUPILS; i += 1) {
    const year = 7 + (i % 5);
    pupils.push({
      upn: makeUpn(996, serial + Math.floor(i / 1000), 25, i % 1000), legalSurname: `Surname${i}`, legalForename: `Forename${i}`, preferredSurname: null,
      preferredForename: i % 7 ? null : `Pref${i}`, dateOfBirth: `${2018 - year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      sex: i % 2 ? 'M' : 'F', yearGroup: year, enrolmentStart: '2021-09-02', enrolmentEnd: '2025-07-18', senStatus: i % 5 ? 'none' : 'sen_support',
      primaryNeed: i % 5 ? null : 'SEMH', fsm: i % 3 === 0, lookedAfter: i % 50 === 0, eal: i % 9 === 0, firstLanguage: i % 9 ? 'ENG' : 'POL', ethnicity: 'WBRI', medicalFlag: false,
      contacts: [
        { priority: 1, title: 'Ms', forename: `Parent${i}`, surname: `Surname${i}`, relationship: 'Mother', parentalResponsibility: true, phone: '07700 900000', email: `ctfparent${serial}.${i}@example.org` },
        { priority: 2, title: 'Mr', forename: `Carer${i}`, surname: i % 2 ? `Other${i}` : `Surname${i}`, relationship: i % 2 ? 'Step-father' : 'Father', parentalResponsibility: !(i % 2), phone: '07700 900001', email: null },
      ],
      held: [],
    });
  }
  return Buffer.from(writeCtf({ source: { lea: '996', estab: '4000', urn: '199999', name: 'Bench Source Academy' }, to, pupils, today: '2025-07-18', dateTime: '2025-07-18T15:00:00' }));
}

/**
 * The rows a CTF import writes for the pupils of `file`, inserted straight through the driver in one transaction
 * (multi-row, jsonb): pupils, contacts, their links and the transfer documents. The file is read before the clock
 * starts (the CSV floor is not timed reading its file either).
 */
function floorRows(file: Buffer, trustId: string, siteId: string) {
  const xml = parseCtfXml(file);
  const read = readCtf(xml.root, xml.rootName, xml.pupils, '2026-12-06');
  const pupils: Record<string, unknown>[] = [];
  const contacts: Record<string, unknown>[] = [];
  const links: Record<string, unknown>[] = [];
  const transfers: Record<string, unknown>[] = [];
  const src = read.summary.sourceSchool;
  for (const p of read.pupils) {
    const r = p.record;
    const id = uuidv7();
    pupils.push({ id, trust_id: trustId, site_id: siteId, upn: p.upn, legal_forename: r.legalForename, legal_surname: r.legalSurname,
      preferred_forename: r.preferredForename ?? null, date_of_birth: r.dateOfBirth, sex: r.sex, year_group: r.yearGroup, enrolment_start: '2026-12-06',
      sen_status: r.senStatus ?? 'none', primary_need: r.primaryNeed ?? null, fsm: r.fsm ?? false, looked_after: r.lookedAfter ?? false, eal: r.eal ?? false, first_language: r.firstLanguage ?? null,
      ethnicity: r.ethnicity ?? null, medical_flag: r.medicalFlag ?? false });
    for (const c of p.contacts) {
      const cid = uuidv7();
      contacts.push({ id: cid, trust_id: trustId, title: c.title ?? null, forename: c.forename, surname: c.surname, email: c.email ?? null, phone: c.phone ?? null });
      links.push({ pupil_id: id, contact_id: cid, trust_id: trustId, relationship: c.relationship, parental_responsibility: c.parentalResponsibility, priority: c.priority });
    }
    transfers.push({ id: uuidv7(), trust_id: trustId, site_id: siteId, pupil_id: id, source_key: `${src.lea}${src.estab}`, source_lea: src.lea, source_estab: src.estab,
      source_urn: src.urn, source_name: src.name, ctf_version: read.summary.version, document: p.document,
      document_hash: createHash('sha256').update(JSON.stringify(p.document)).digest('hex') });
  }
  return [['pupils', pupils], ['contacts', contacts], ['pupil_contacts', links], ['pupil_transfer_records', transfers]] as const;
}

async function ctfFloor(raw: RawDb, tables: ReturnType<typeof floorRows>): Promise<void> {
  await raw.transaction(async (tx) => {
    for (const [table, rows] of tables) {
      const cols = Object.keys(rows[0]!).join(', ');
      await tx.query(`insert into ${table} (${cols}) select ${cols} from jsonb_populate_recordset(null::${table}, $1::jsonb)`, [JSON.stringify(rows)]);
    }
  });
}

export async function ctfBenchmark(kinds: BenchDbKind[]): Promise<ImportRow[]> {
  const out: ImportRow[] = [];
  for (const kind of kinds) {
    let db;
    try { db = kind === 'postgres' ? await createPostgres(10) : await createPglite(); } catch (e) {
      out.push({ database: kind, format: 'ctf', skipped: e instanceof Error ? e.message : String(e) }); continue;
    }
    const raw = kind === 'postgres' ? rawPostgres(db.url ?? '', 1) : rawPglite(db.database);
    const dbName = db.url ? new URL(db.url).pathname.slice(1) : null;
    try {
      const site = await siteOne(db.database);
      const actor = await adminActor(db.database, site.trustId);
      const env: ImportEnv = {
        deps: { database: db.database, config: loadConfig(), hub: new LiveHub() }, actor, siteId: site.siteId,
        ctx: { trustId: actor.trustId, actorUserId: actor.userId, actorLabel: 'bench', ip: null, requestId: null },
      };
      const [row] = await raw.query<{ la: string; est: string }>('select la_code as la, establishment_number as est from sites where id = $1', [site.siteId]);
      const files = [{ kind: 'ctf' as const, name: 'bench.xml', bytes: generateCtf(`${row!.la}${row!.est}`) }];
      const floorTables = floorRows(generateCtf(`${row!.la}${row!.est}`, 4100), site.trustId, site.siteId);
      forgetReadFiles();
      const loadBefore = load();
      let cpu = measureCpu(dbName);
      const f0 = performance.now();
      await ctfFloor(raw, floorTables);
      const floorMs = performance.now() - f0;
      const floorCpu = cpu();
      cpu = measureCpu(dbName);
      const t0 = performance.now();
      const first = await viaImportService(env, files);
      const importMs = performance.now() - t0;
      const importCpu = cpu();
      if (first.counts.ctf?.added !== PUPILS) throw new Error(`first import added ${first.counts.ctf?.added} pupils`);
      forgetReadFiles(); // a school re-imports days later: the file is read again (preview and commit share one read)
      cpu = measureCpu(dbName);
      const r0 = performance.now();
      const again = await viaImportService(env, files);
      const reimportMs = performance.now() - r0;
      const reimportCpu = cpu();
      const nothing = (again.counts.ctf?.added ?? 0) + (again.counts.ctf?.changed ?? 0) === 0;
      const ratio = floorMs / importMs;
      out.push({
        database: kind, format: 'ctf', importMs, previewMs: first.previewMs, commitMs: first.commitMs, floorMs, reimportMs, ratio,
        reimport: `pupils ${again.counts.ctf?.unchanged ?? 0} unchanged${nothing ? '' : ' (CHANGED SOMETHING)'}`,
        targets: [`${importMs < 5000 ? 'MET' : 'NOT MET'}: import < 5 s`, `${ratio >= 0.3 ? 'MET' : 'NOT MET'}: ≥ 0.3× floor`, `${reimportMs < 3000 && nothing ? 'MET' : 'NOT MET'}: unchanged re-import < 3 s, changes nothing`],
        load: `${loadBefore} → ${load()}`, cpu: { floor: floorCpu, import: importCpu, reimport: reimportCpu },
      });
    } catch (e) {
      out.push({ database: kind, format: 'ctf', skipped: `failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}` });
    } finally {
      await raw.close();
      await db.close();
    }
  }
  return out;
}
