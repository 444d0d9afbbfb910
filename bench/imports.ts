/**
 * Import benchmark (issue 12, DAT-1): a generated SIMS-style CSV of 2,000 pupils and one of their 4,000 contacts,
 * previewed and committed through the import service (the code the API and `haven import` run), beside a floor that
 * inserts the same rows (pupils, forms, memberships, contacts, links) through the driver directly in one transaction.
 * Then the unchanged files again: they must change nothing. Targets: import under 5 s, at least 0.3× the floor's
 * speed; unchanged re-import under 3 s.
 */
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { TImportKind } from '@haven/contracts';
import { loadConfig } from '../apps/server/src/config.ts';
import { LiveHub } from '../apps/server/src/core/notify/hub.ts';
import type { Database } from '../apps/server/src/core/db/client.ts';
import type { Actor } from '../apps/server/src/core/policy/policy.ts';
import { roleAssignments, sites, users } from '../apps/server/src/db/schema/index.ts';
import { makeUpn } from '../apps/server/src/modules/pupils/upn.rules.ts';
import * as imports from '../apps/server/src/modules/imports/imports.service.ts';
import { rawPglite, rawPostgres, type RawDb } from './lib/raw.ts';
import { createPglite, createPostgres, siteOne } from './lib/setup.ts';
import type { BenchDbKind } from './lib/types.ts';

export interface ImportRow { database: BenchDbKind; skipped?: string; importMs?: number; floorMs?: number; reimportMs?: number; ratio?: number; reimportCounts?: string; targets?: string[] }

const PUPILS = 2000;
const q = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const line = (cells: string[]) => cells.map(q).join(',');

/** 2,000 pupils in 10 forms, two contacts each, the second a different surname half the time; serials from `base`. */
export function generateFiles(base: number): { pupils: Buffer; contacts: Buffer; upns: string[] } {
  const upns: string[] = [];
  const p = [line(['UPN', 'Legal Surname', 'Legal Forename', 'Preferred Forename', 'Date of Birth', 'Gender', 'Year Taught In', 'Reg Group', 'Admission Date', 'SEN Status', 'FSM Eligible', 'Ethnicity'])];
  const c = [line(['UPN', 'Contact Title', 'Contact Forename', 'Contact Surname', 'Relationship', 'Parental Responsibility', 'Priority', 'Contact Email', 'Contact Telephone', 'Preferred Contact Method'])];
  for (let i = 0; i < PUPILS; i += 1) {
    const serial = base + i;
    const upn = makeUpn(998, Math.floor(serial / 1000) % 10000, 25, serial % 1000);
    upns.push(upn);
    const year = 7 + (i % 5);
    p.push(line([upn, `Surname${i}`, `Forename${i}`, i % 7 ? '' : `Pref${i}`, `${String((i % 28) + 1).padStart(2, '0')}/${String((i % 12) + 1).padStart(2, '0')}/${2018 - year}`, i % 2 ? 'M' : 'F', `Year ${year}`, `${year}${'ABCDEFGHJK'[i % 10]}`, '04/09/2024', i % 5 ? 'N' : 'K', i % 3 ? 'N' : 'Y', 'WBRI']));
    c.push(line([upn, 'Ms', `Parent${i}`, `Surname${i}`, 'Mother', 'Y', '1', `parent${serial}@example.org`, '07700 900000', 'Email']));
    c.push(line([upn, 'Mr', `Carer${i}`, i % 2 ? `Other${i}` : `Surname${i}`, i % 2 ? 'Step-father' : 'Father', i % 2 ? 'N' : 'Y', '2', '', '07700 900001', 'Phone']));
  }
  return { pupils: Buffer.from(`${p.join('\r\n')}\r\n`), contacts: Buffer.from(`${c.join('\r\n')}\r\n`), upns };
}

export async function adminActor(database: Database, trustId: string): Promise<Actor> {
  const [u] = await database.db.select({ id: users.id, email: users.email, displayName: users.displayName }).from(users)
    .innerJoin(roleAssignments, eq(roleAssignments.userId, users.id)).where(eq(roleAssignments.role, 'trust_admin')).limit(1);
  const siteIds = (await database.db.select({ id: sites.id }).from(sites).where(eq(sites.trustId, trustId))).map((s) => s.id);
  return { kind: 'user', userId: u!.id, trustId, email: u!.email, displayName: u!.displayName, via: 'session', assignments: [{ id: 'a', role: 'trust_admin', siteId: null }], trustSiteIds: siteIds };
}

/** The same rows the two files make, inserted straight through the driver in one transaction (multi-row, jsonb). */
export async function floor(raw: RawDb, trustId: string, siteId: string, base: number): Promise<void> {
  const pupils: Record<string, unknown>[] = [];
  const forms = new Map<string, string>();
  const members: Record<string, unknown>[] = [];
  const contacts: Record<string, unknown>[] = [];
  const links: Record<string, unknown>[] = [];
  for (let i = 0; i < PUPILS; i += 1) {
    const serial = base + i;
    const year = 7 + (i % 5);
    const form = `F${year}${'ABCDEFGHJK'[i % 10]}`;
    if (!forms.has(form)) forms.set(form, uuidv7());
    const id = uuidv7();
    pupils.push({ id, trust_id: trustId, site_id: siteId, upn: makeUpn(997, Math.floor(serial / 1000) % 10000, 25, serial % 1000), legal_forename: `Forename${i}`, legal_surname: `Surname${i}`,
      preferred_forename: i % 7 ? null : `Pref${i}`, date_of_birth: `${2018 - year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`, sex: i % 2 ? 'M' : 'F',
      year_group: year, form_group_id: forms.get(form), enrolment_start: '2024-09-04', sen_status: i % 5 ? 'none' : 'sen_support', fsm: i % 3 === 0, ethnicity: 'WBRI' });
    members.push({ group_id: forms.get(form), pupil_id: id, trust_id: trustId });
    for (const k of [1, 2]) {
      const cid = uuidv7();
      contacts.push({ id: cid, trust_id: trustId, title: k === 1 ? 'Ms' : 'Mr', forename: `${k === 1 ? 'Parent' : 'Carer'}${i}`, surname: `Surname${i}`, email: k === 1 ? `floor${serial}@example.org` : null, phone: '07700 900000', preferred_contact: k === 1 ? 'email' : 'phone' });
      links.push({ pupil_id: id, contact_id: cid, trust_id: trustId, relationship: k === 1 ? 'Mother' : 'Father', parental_responsibility: true, priority: k });
    }
  }
  const groups = [...forms].map(([name, id]) => ({ id, trust_id: trustId, site_id: siteId, name, kind: 'form', year_group: Number(name.slice(1, -1)) }));
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

async function importBoth(database: Database, actor: Actor, siteId: string, files: { pupils: Buffer; contacts: Buffer }) {
  const deps = { database, config: loadConfig(), hub: new LiveHub() };
  const ctx = { trustId: actor.trustId, actorUserId: actor.userId, actorLabel: 'bench', ip: null, requestId: null };
  const counts: Record<string, unknown> = {};
  for (const kind of ['pupils', 'contacts'] as TImportKind[]) {
    const p = await imports.preview(deps, actor, ctx, { kind, siteId, filename: `${kind}.csv` }, files[kind as 'pupils' | 'contacts']);
    if (p.problems.length) throw new Error(`${kind}: ${p.problems.length} problems, first: ${JSON.stringify(p.problems[0])}`);
    counts[kind] = (await imports.commit(deps, actor, ctx, p.id, p.fileHash)).counts;
  }
  return counts as Record<'pupils' | 'contacts', { added: number; changed: number; unchanged: number }>;
}

export async function importBenchmark(kinds: BenchDbKind[]): Promise<ImportRow[]> {
  const out: ImportRow[] = [];
  for (const kind of kinds) {
    let db;
    try { db = kind === 'postgres' ? await createPostgres(10) : await createPglite(); } catch (e) {
      out.push({ database: kind, skipped: e instanceof Error ? e.message : String(e) }); continue;
    }
    const raw = kind === 'postgres' ? rawPostgres(db.url ?? '', 1) : rawPglite(db.database);
    try {
      const site = await siteOne(db.database);
      const actor = await adminActor(db.database, site.trustId);
      const files = generateFiles(100_000);
      const f0 = performance.now();
      await floor(raw, site.trustId, site.siteId, 300_000);
      const floorMs = performance.now() - f0;
      const t0 = performance.now();
      const first = await importBoth(db.database, actor, site.siteId, files);
      const importMs = performance.now() - t0;
      if (first.pupils.added !== PUPILS || first.contacts.added !== 2 * PUPILS) throw new Error(`first import added ${first.pupils.added} pupils, ${first.contacts.added} contacts`);
      const r0 = performance.now();
      const again = await importBoth(db.database, actor, site.siteId, files);
      const reimportMs = performance.now() - r0;
      const nothing = again.pupils.added + again.pupils.changed + again.contacts.added + again.contacts.changed === 0;
      const ratio = floorMs / importMs;
      out.push({
        database: kind, importMs, floorMs, reimportMs, ratio,
        reimportCounts: `pupils ${again.pupils.unchanged} unchanged, contacts ${again.contacts.unchanged} unchanged${nothing ? '' : ' (CHANGED SOMETHING)'}`,
        targets: [`${importMs < 5000 ? 'MET' : 'NOT MET'}: import < 5 s`, `${ratio >= 0.3 ? 'MET' : 'NOT MET'}: ≥ 0.3× floor`, `${reimportMs < 3000 && nothing ? 'MET' : 'NOT MET'}: unchanged re-import < 3 s, changes nothing`],
      });
    } catch (e) {
      out.push({ database: kind, skipped: `failed: ${e instanceof Error ? e.message : String(e)}` });
    } finally {
      await raw.close();
      await db.close();
    }
  }
  return out;
}

export function importTable(rows: readonly ImportRow[], title = 'import: 2,000 pupils + 4,000 contacts (CSV, preview + commit)'): string {
  const s = (ms?: number) => (ms === undefined ? '–' : `${(ms / 1000).toFixed(2)} s`);
  return [title, ...rows.map((r) => (r.skipped ? `  ${r.database}: skipped: ${r.skipped}`
    : `  ${r.database}: import ${s(r.importMs)}, floor ${s(r.floorMs)} (${((r.ratio ?? 0) * 100).toFixed(0)}% of the floor's speed), unchanged re-import ${s(r.reimportMs)} (${r.reimportCounts}); ${(r.targets ?? []).join('; ')}`))].join('\n');
}
