/**
 * Import benchmark (issue 12, DAT-1): 2,000 generated pupils with their 4,000 contacts, written as a school's MIS
 * exports them (one case per file format: CSV, XLSX), previewed and committed through the import service (the code
 * the API and `haven import` run), beside a floor that inserts the same rows (forms, pupils, memberships, contacts,
 * links) through the driver directly in one transaction, measured just before. Then the unchanged files again: they
 * must change nothing (no row written, no audit entry but the import's own). Targets: import under 5 s, at least
 * 0.3× the floor's speed; unchanged re-import under 3 s.
 *
 * A new format is a writer in lib/import-files.ts and a FORMATS entry here, with its own importer if it does not go
 * through the CSV/XLSX import service (BENCH_IMPORT_FORMATS=csv,xlsx,… picks the cases).
 */
import os from 'node:os';
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { TImportCounts, TImportKind } from '@haven/contracts';
import { loadConfig } from '../apps/server/src/config.ts';
import { LiveHub } from '../apps/server/src/core/notify/hub.ts';
import type { Database } from '../apps/server/src/core/db/client.ts';
import type { Deps } from '../apps/server/src/core/http/context.ts';
import type { AuditContext } from '../apps/server/src/core/audit/audit.ts';
import { verifyAuditChain } from '../apps/server/src/core/audit/verify.ts';
import type { Actor } from '../apps/server/src/core/policy/policy.ts';
import { roleAssignments, sites, users } from '../apps/server/src/db/schema/index.ts';
import * as imports from '../apps/server/src/modules/imports/imports.service.ts';
import { forgetReadFiles } from '../apps/server/src/modules/imports/imports.engine.ts';
import { generatePupils, WRITERS, type GenPupil, type ImportFileOut, type Writer } from './lib/import-files.ts';
import { measureCpu, type CpuUse } from './lib/cpu.ts';
import { rawPglite, rawPostgres, type RawDb } from './lib/raw.ts';
import { createPglite, createPostgres, siteOne } from './lib/setup.ts';
import type { BenchDbKind } from './lib/types.ts';

const PUPILS = 2000;

/** What an importer is given: the app's dependencies, an administrator of the trust and the site imported into. */
export interface ImportEnv { deps: Deps; actor: Actor; ctx: AuditContext; siteId: string }
/** Counts by kind (pupils, contacts), and the time spent previewing and committing. */
export interface ImportOutcome { counts: Partial<Record<TImportKind, TImportCounts>>; previewMs: number; commitMs: number }
export type Importer = (env: ImportEnv, files: readonly ImportFileOut[]) => Promise<ImportOutcome>;

/** Each file previewed, then committed, through the import service, as the web app does it. */
export const viaImportService: Importer = async (env, files) => {
  const out: ImportOutcome = { counts: {}, previewMs: 0, commitMs: 0 };
  for (const f of files) {
    const t0 = performance.now();
    const p = await imports.preview(env.deps, env.actor, env.ctx, { kind: f.kind, siteId: env.siteId, filename: f.name }, f.bytes);
    const t1 = performance.now();
    if (p.problems.length) throw new Error(`${f.name}: ${p.problems.length} problems, first: ${JSON.stringify(p.problems[0])}`);
    out.counts[f.kind] = (await imports.commit(env.deps, env.actor, env.ctx, p.id, p.fileHash)).counts;
    out.previewMs += t1 - t0;
    out.commitMs += performance.now() - t1;
  }
  return out;
};

interface FormatCase { format: string; write: Writer; importer: Importer }
const FORMATS: FormatCase[] = [
  { format: 'csv', write: WRITERS.csv, importer: viaImportService },
  { format: 'xlsx', write: WRITERS.xlsx, importer: viaImportService },
];

export interface ImportRow {
  database: BenchDbKind; format: string; skipped?: string;
  importMs?: number; previewMs?: number; commitMs?: number; floorMs?: number; reimportMs?: number; ratio?: number;
  reimport?: string; targets?: string[]; load?: string;
  /** CPU (ms) of this process and of PostgreSQL's backends (null on PGlite: it is in this process) for each step. */
  cpu?: { floor: CpuUse; import: CpuUse; reimport: CpuUse };
}

export async function adminActor(database: Database, trustId: string): Promise<Actor> {
  const [u] = await database.db.select({ id: users.id, email: users.email, displayName: users.displayName }).from(users)
    .innerJoin(roleAssignments, eq(roleAssignments.userId, users.id)).where(eq(roleAssignments.role, 'trust_admin')).limit(1);
  const siteIds = (await database.db.select({ id: sites.id }).from(sites).where(eq(sites.trustId, trustId))).map((s) => s.id);
  return { kind: 'user', userId: u!.id, trustId, email: u!.email, displayName: u!.displayName, via: 'session', assignments: [{ id: 'a', role: 'trust_admin', siteId: null }], trustSiteIds: siteIds };
}

/** The rows the import writes for these pupils, inserted straight through the driver in one transaction (multi-row, jsonb). */
export async function floor(raw: RawDb, trustId: string, siteId: string, people: readonly GenPupil[]): Promise<void> {
  const pupils: Record<string, unknown>[] = [];
  const forms = new Map<string, string>();
  const members: Record<string, unknown>[] = [];
  const contacts: Record<string, unknown>[] = [];
  const links: Record<string, unknown>[] = [];
  for (const p of people) {
    if (!forms.has(p.form)) forms.set(p.form, uuidv7());
    const id = uuidv7();
    pupils.push({ id, trust_id: trustId, site_id: siteId, upn: p.upn, legal_forename: p.legalForename, legal_surname: p.legalSurname,
      preferred_forename: p.preferredForename, date_of_birth: p.dateOfBirth, sex: p.sex, year_group: p.yearGroup, form_group_id: forms.get(p.form),
      enrolment_start: p.admission, sen_status: p.senStatus, fsm: p.fsm, ethnicity: p.ethnicity });
    members.push({ group_id: forms.get(p.form), pupil_id: id, trust_id: trustId });
    for (const c of p.contacts) {
      const cid = uuidv7();
      contacts.push({ id: cid, trust_id: trustId, title: c.title, forename: c.forename, surname: c.surname, email: c.email, phone: c.phone, preferred_contact: c.preferredContact });
      links.push({ pupil_id: id, contact_id: cid, trust_id: trustId, relationship: c.relationship, parental_responsibility: c.parentalResponsibility, priority: c.priority });
    }
  }
  const groups = [...forms].map(([name, id]) => ({ id, trust_id: trustId, site_id: siteId, name, kind: 'form', year_group: Number(name.slice(0, -1)) }));
  const insert = (table: string, rows: Record<string, unknown>[]) => {
    const cols = Object.keys(rows[0]!).join(', ');
    return `insert into ${table} (${cols}) select ${cols} from jsonb_populate_recordset(null::${table}, $1::jsonb)`;
  };
  await raw.transaction(async (tx) => {
    for (const [table, rows] of [['pupil_groups', groups], ['pupils', pupils], ['pupil_group_members', members], ['contacts', contacts], ['pupil_contacts', links]] as const) {
      await tx.query(insert(table, rows), [JSON.stringify(rows)]);
    }
  });
}

const WRITTEN_TABLES = ['pupils', 'pupil_groups', 'pupil_group_members', 'contacts', 'pupil_contacts', 'analytics_trust_dirty'];

/** Where the database is now: the next transaction id and the last audit entry, to see what a run wrote after it. */
async function mark(database: Database): Promise<{ xid: string; seq: number }> {
  const [r] = await database.query<{ xid: string; seq: number }>(
    'select pg_snapshot_xmax(pg_current_snapshot())::text as xid, (select coalesce(max(seq), 0) from audit_entries)::int as seq');
  return r!;
}

/** Rows of the people tables written since `m` (a fresh database: transaction ids have not wrapped), and audit actions. */
async function writtenSince(database: Database, m: { xid: string; seq: number }): Promise<{ rows: Record<string, number>; actions: string[] }> {
  const rows: Record<string, number> = {};
  for (const t of WRITTEN_TABLES) {
    const [r] = await database.query<{ n: number }>(`select count(*)::int as n from ${t} where xmin::text::bigint >= $1::bigint`, [m.xid]);
    if (r!.n) rows[t] = r!.n;
  }
  const actions = (await database.query<{ action: string }>('select distinct action from audit_entries where seq > $1 order by action', [m.seq])).map((a) => a.action);
  return { rows, actions };
}

export const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' / ');
const added = (o: ImportOutcome) => `${o.counts.pupils?.added ?? 0} pupils, ${o.counts.contacts?.added ?? 0} contact links`;

export async function importBenchmark(kinds: BenchDbKind[]): Promise<ImportRow[]> {
  const out: ImportRow[] = [];
  const wanted = process.env.BENCH_IMPORT_FORMATS?.split(',');
  const formats = FORMATS.filter((f) => !wanted || wanted.includes(f.format));
  for (const kind of kinds) {
    let db;
    try { db = kind === 'postgres' ? await createPostgres(10) : await createPglite(); } catch (e) {
      out.push({ database: kind, format: '–', skipped: e instanceof Error ? e.message : String(e) }); continue;
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
      for (const [n, f] of formats.entries()) {
        try {
          const people = generatePupils(PUPILS, 100_000 + n * 20_000);
          const files = await f.write(people);
          forgetReadFiles();
          const loadBefore = load();
          const floorPeople = generatePupils(PUPILS, 110_000 + n * 20_000);
          let cpu = measureCpu(dbName);
          const f0 = performance.now();
          await floor(raw, site.trustId, site.siteId, floorPeople);
          const floorMs = performance.now() - f0;
          const floorCpu = cpu();
          cpu = measureCpu(dbName);
          const t0 = performance.now();
          const first = await f.importer(env, files);
          const importMs = performance.now() - t0;
          const importCpu = cpu();
          if (first.counts.pupils?.added !== PUPILS || first.counts.contacts?.added !== 2 * PUPILS) throw new Error(`the first import added ${added(first)}`);
          const m = await mark(db.database);
          forgetReadFiles(); // a school re-imports days later: the file is read again (preview and commit share one read)
          cpu = measureCpu(dbName);
          const r0 = performance.now();
          const again = await f.importer(env, files);
          const reimportMs = performance.now() - r0;
          const reimportCpu = cpu();
          const written = await writtenSince(db.database, m);
          const changedCount = Object.values(again.counts).reduce((s, c) => s + c.added + c.changed, 0);
          const extraActions = written.actions.filter((a) => !a.startsWith('import.'));
          const nothing = changedCount === 0 && Object.keys(written.rows).length === 0 && extraActions.length === 0;
          const ratio = floorMs / importMs;
          out.push({
            database: kind, format: f.format, importMs, previewMs: first.previewMs, commitMs: first.commitMs, floorMs, reimportMs, ratio,
            reimport: `pupils ${again.counts.pupils?.unchanged ?? 0} unchanged, contacts ${again.counts.contacts?.unchanged ?? 0} unchanged, ${changedCount} added or changed, `
              + `rows written ${JSON.stringify(written.rows)}, audit ${written.actions.join(', ')}${nothing ? '' : ' (CHANGED SOMETHING)'}`,
            targets: [`${importMs < 5000 ? 'MET' : 'NOT MET'}: import < 5 s`, `${ratio >= 0.3 ? 'MET' : 'NOT MET'}: ≥ 0.3× floor`, `${reimportMs < 3000 && nothing ? 'MET' : 'NOT MET'}: unchanged re-import < 3 s, changes nothing`],
            load: `${loadBefore} → ${load()}`, cpu: { floor: floorCpu, import: importCpu, reimport: reimportCpu },
          });
        } catch (e) {
          out.push({ database: kind, format: f.format, skipped: `failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}` });
        }
      }
      const chain = await verifyAuditChain(db.database);
      if (chain.problems.length) out.push({ database: kind, format: '–', skipped: `the audit chain does not verify: ${chain.problems[0]!.message}` });
    } catch (e) {
      out.push({ database: kind, format: '–', skipped: `failed: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      await raw.close();
      await db.close();
    }
  }
  return out;
}

function cpuText(r: ImportRow): string {
  if (!r.cpu) return '–';
  const one = (c: CpuUse) => `${(c.processMs / 1000).toFixed(2)}${c.postgresMs === null ? '' : ` + ${(c.postgresMs / 1000).toFixed(2)}`} s`;
  const total = (c: CpuUse) => c.processMs + (c.postgresMs ?? 0);
  return `floor ${one(r.cpu.floor)}, import ${one(r.cpu.import)} (${((total(r.cpu.floor) / total(r.cpu.import)) * 100).toFixed(0)}% of the floor's), re-import ${one(r.cpu.reimport)}`;
}

export function importTable(rows: readonly ImportRow[], title?: string): string {
  const s = (ms?: number) => (ms === undefined ? '–' : `${(ms / 1000).toFixed(2)} s`);
  return [title ?? `import: ${PUPILS.toLocaleString('en-GB')} pupils + ${(2 * PUPILS).toLocaleString('en-GB')} contacts (preview + commit of each file); load average 1 / 5 / 15 min`, ...rows.map((r) => (r.skipped
    ? `  ${r.database} ${r.format}: skipped: ${r.skipped}`
    : `  ${r.database} ${r.format}: import ${s(r.importMs)} (preview ${s(r.previewMs)}, commit ${s(r.commitMs)}), floor ${s(r.floorMs)} (${((r.ratio ?? 0) * 100).toFixed(0)}% of the floor's speed), `
      + `unchanged re-import ${s(r.reimportMs)}; ${(r.targets ?? []).join('; ')}\n      re-import: ${r.reimport}\n      CPU (Node + PostgreSQL): ${cpuText(r)}; load ${r.load}`))].join('\n');
}
