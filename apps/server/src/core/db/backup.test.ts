/**
 * Backup and restore round trips between PGlite and PostgreSQL (the PostgreSQL ones when TEST_DATABASE_URL is set),
 * and the refusals: a non-empty target, another schema version, a damaged dump.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openPglite, openPostgres, pgliteOf, type Database } from './client.ts';
import { runMigrations } from './migrate.ts';
import { inTransaction } from './tx.ts';
import { REFERENCE_TABLES, backupDatabase, codeSchemaVersion, readBackupHeader, restoreDatabase, tablesInDependencyOrder } from './backup.ts';
import { verifyAuditChain } from '../audit/verify.ts';
import * as s from '../../db/schema/index.ts';

const TEST_URL = process.env.TEST_DATABASE_URL;
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-backup-'));

/** A trust with sites, users, roles, pupils and contacts, each written with audit entries so the chain is non-trivial. */
async function populate(database: Database): Promise<void> {
  const trustId = randomUUID();
  const ctx = { trustId, actorUserId: null, actorLabel: 'test', ip: '127.0.0.1', requestId: 'req-1' };
  const [siteA, siteB, userA, userB, yearId, groupId, pupilA, pupilB, contactId] = Array.from({ length: 9 }, () => randomUUID());
  await inTransaction(database, ctx, async (tx, audit) => {
    await tx.insert(s.trusts).values({ id: trustId, name: 'St Ōswald’s Trust 🏫' });
    await tx.insert(s.sites).values([
      { id: siteA!, trustId, name: "O'Brien Academy", shortName: 'OBA', urn: '123456', phase: 'secondary', kind: 'academy' },
      { id: siteB!, trustId, name: 'Nursery 🌱', shortName: 'NUR', phase: 'nursery', kind: 'maintained', active: false, version: 3 },
    ]);
    audit.record({ action: 'trust.create', entityType: 'trust', entityId: trustId, details: { name: "O'Brien 🏫", nested: { a: [1, 'x\ny'] } } });
    audit.record({ action: 'site.create', entityType: 'site', entityId: siteA!, siteId: siteA!, details: { quote: 'it\'s "quoted" \\ back' } });
  });
  await inTransaction(database, ctx, async (tx, audit) => {
    await tx.insert(s.academicYears).values({ id: yearId!, trustId, label: '2025/26', startDate: '2025-09-01', endDate: '2026-08-31' });
    await tx.insert(s.terms).values({ id: randomUUID(), trustId, academicYearId: yearId!, term: 'autumn', halfTerm: 1, name: 'Autumn 1', startDate: '2025-09-03', endDate: '2025-10-24' });
    await tx.insert(s.closureDays).values({ id: randomUUID(), trustId, academicYearId: yearId!, siteId: siteA!, date: '2025-09-02', reason: 'INSET', kind: 'inset' });
    await tx.insert(s.users).values([
      { id: userA!, trustId, email: 'siobhan@example.org', displayName: "Siobhán O'Brien 😀", passwordHash: '$argon2id$v=19$x', totpEnabled: true, lastLoginAt: new Date('2025-09-01T08:00:00.123Z') },
      { id: userB!, trustId, email: 'agency@example.org', displayName: 'Zoë', passwordHash: null, active: false },
    ]);
    await tx.insert(s.roleAssignments).values([
      { id: randomUUID(), trustId, userId: userA!, role: 'trust_admin', siteId: null },
      { id: randomUUID(), trustId, userId: userB!, role: 'dsl', siteId: siteA! },
    ]);
    audit.record({ action: 'user.create', entityType: 'user', entityId: userA!, details: { roles: ['trust_admin'], empty: {}, n: 1.5, t: true, z: null } });
  });
  await inTransaction(database, ctx, async (tx, audit) => {
    await tx.insert(s.pupilGroups).values({ id: groupId!, trustId, siteId: siteA!, name: '7O’B', kind: 'form', yearGroup: 7 });
    await tx.insert(s.pupils).values([
      { id: pupilA!, trustId, siteId: siteA!, upn: 'A123456789012', legalForename: 'Seán', legalSurname: "O'Brien", preferredForename: 'Shaun 🚀',
        dateOfBirth: '2013-02-28', sex: 'M', yearGroup: 7, formGroupId: groupId!, enrolmentStart: '2024-09-01', pupilPremium: true,
        childProtectionPlan: true, medicalFlag: true, medicalNotes: 'Asthma;\nuses inhaler "blue" \\ 50%', firstLanguage: 'Gaeilge' },
      { id: pupilB!, trustId, siteId: siteA!, upn: 'B123456789012', legalForename: 'Ada', legalSurname: 'Ng', dateOfBirth: '2012-12-31',
        sex: 'F', yearGroup: 8, enrolmentStart: '2023-09-01', enrolmentEnd: '2025-07-18' },
    ]);
    await tx.insert(s.pupilGroupMembers).values({ groupId: groupId!, pupilId: pupilA!, trustId });
    await tx.insert(s.contacts).values({ id: contactId!, trustId, forename: 'Máire', surname: "O'Brien", email: null, phone: '+44 7700 900000', userId: userB! });
    await tx.insert(s.pupilContacts).values({ pupilId: pupilA!, contactId: contactId!, trustId, relationship: 'mother', priority: 1 });
    await tx.insert(s.staffMembers).values({ id: randomUUID(), trustId, siteId: siteA!, userId: userA!, forename: 'Siobhán', surname: "O'Brien", jobTitle: 'DSL' });
    for (const id of [pupilA!, pupilB!]) audit.record({ action: 'pupil.create', entityType: 'pupil', entityId: id, siteId: siteA!, details: { after: { surname: "O'Brien" } }, sealed: id === pupilA });
  });
}

/** Every application table's rows as row_to_json text, sorted: what must survive a round trip exactly. */
async function snapshot(database: Database): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of tablesInDependencyOrder()) {
    const rows = await database.query<{ j: string }>(`select row_to_json(t)::text as j from ${t.ref} t`);
    out[t.name] = rows.map((r) => r.j).sort();
  }
  return out;
}

/** Rows a restore brought in: reference rows that migrations themselves put in (national rates, census codes) don't count. */
async function appRowCount(database: Database): Promise<number> {
  const counts = await snapshot(database);
  return Object.entries(counts).filter(([name]) => !REFERENCE_TABLES.has(name)).reduce((n, [, rows]) => n + rows.length, 0);
}

let blankDataDir: Blob | File;
/** A fresh, empty, unmigrated PGlite (from a dumped blank data directory: faster than initdb each time). */
const emptyPglite = (): Promise<Database> => openPglite(undefined, { loadDataDir: blankDataDir });

async function expectRoundTrip(target: Database, dump: string, expected: Record<string, string[]>): Promise<void> {
  const summary = await restoreDatabase(target, dump);
  expect(summary.audit.problems).toEqual([]);
  expect(summary.audit.count).toBe(expected['audit_entries']!.length);
  expect(await snapshot(target)).toEqual(expected);
  expect((await verifyAuditChain(target)).problems).toEqual([]);
}

function rewrite(src: string, dest: string, edit: (lines: string[]) => string[]): string {
  fs.writeFileSync(dest, edit(fs.readFileSync(src, 'utf8').split('\n')).join('\n'));
  return dest;
}

describe('backup and restore', { timeout: 180_000 }, () => {
  let source: Database;
  let dump: string;
  let expected: Record<string, string[]>;

  beforeAll(async () => {
    const blank = await openPglite(undefined);
    blankDataDir = await pgliteOf(blank)!.dumpDataDir('none');
    await blank.close();
    source = await emptyPglite();
    await runMigrations(source);
    await populate(source);
    expected = await snapshot(source);
    dump = path.join(workDir, 'pglite.sql');
    const summary = await backupDatabase(source, dump);
    expect(summary.rows).toBe(Object.values(expected).reduce((n, r) => n + r.length, 0));
  }, 60_000);
  afterAll(async () => { await source?.close(); fs.rmSync(workDir, { recursive: true, force: true }); });

  it('orders tables so that every foreign key points to an earlier table', () => {
    const order = tablesInDependencyOrder();
    const position = new Map(order.map((t, i) => [t.name, i]));
    for (const t of order) for (const d of t.deps) expect(position.get(d)!).toBeLessThan(position.get(t.name)!);
    expect(order[0]!.name).toBe('trusts');
  });

  it('writes a header naming the format, schema version and source, and one INSERT per row', async () => {
    const header = await readBackupHeader(dump);
    const code = codeSchemaVersion();
    expect(code.tags[0]).toBe('0000_foundation');
    expect(header).toMatchObject({ format: '1', schema: code.tags.join(' '), 'schema-hash': code.hash, source: 'pglite' });
    const text = fs.readFileSync(dump, 'utf8');
    expect(text).toContain("O''Brien");
    expect(text.split('\n').filter((l) => l.startsWith('INSERT INTO ')).length).toBe(Object.values(expected).flat().length);
    expect(fs.existsSync(`${dump}.partial`)).toBe(false);
  });

  it('round-trips PGlite → PGlite exactly, with the audit chain intact', async () => {
    expect(expected['pupils']!.length).toBe(2);
    expect(expected['audit_entries']!.length).toBe(5);
    const target = await emptyPglite();
    try { await expectRoundTrip(target, dump, expected); } finally { await target.close(); }
  });

  it('pages through every table, composite keys included, to the same dump', async () => {
    const paged = path.join(workDir, 'paged.sql');
    await backupDatabase(source, paged, { pageRows: 1 });
    const body = (f: string) => fs.readFileSync(f, 'utf8').split('\n').filter((l) => !l.startsWith('-- created-at:'));
    expect(body(paged)).toEqual(body(dump));
  });

  it('round-trips the seeded demo trust, paging through tables larger than a page', async () => {
    const demo = await openPglite(undefined, { loadDataDir: new Blob([fs.readFileSync(inject('pgliteTemplate')!)]) });
    const target = await emptyPglite();
    try {
      const demoExpected = await snapshot(demo);
      expect(Math.max(...Object.values(demoExpected).map((r) => r.length))).toBeGreaterThan(300);
      const demoDump = path.join(workDir, 'demo.sql');
      await backupDatabase(demo, demoDump, { pageRows: 100 });
      await expectRoundTrip(target, demoDump, demoExpected);
    } finally { await demo.close(); await target.close(); }
  });

  it('refuses to restore into a database that already holds data', async () => {
    await expect(restoreDatabase(source, dump)).rejects.toThrow(/already holds data \(table \w+ has rows\)/);
    expect(await snapshot(source)).toEqual(expected);
  });

  it('refuses a dump taken at another schema version', async () => {
    const tags = codeSchemaVersion().tags.join(' ');
    const other = rewrite(dump, path.join(workDir, 'other-schema.sql'), (lines) => lines.map((l) =>
      l.startsWith('-- schema: ') ? `-- schema: ${tags} 9999_future` : l.startsWith('-- schema-hash: ') ? `-- schema-hash: ${'f'.repeat(64)}` : l));
    const target = await emptyPglite();
    try {
      await expect(restoreDatabase(target, other)).rejects.toThrow(`schema version "${tags} 9999_future" but PGlite (in memory) is at "${tags}"`);
      expect(await appRowCount(target)).toBe(0);
    } finally { await target.close(); }
  });

  it('leaves the target empty when a line is truncated, a row is missing or the dump ends early', async () => {
    const lines = fs.readFileSync(dump, 'utf8').split('\n');
    const pupilLine = lines.findIndex((l) => l.startsWith('INSERT INTO "pupils"'));
    const lastAudit = lines.map((l) => l.startsWith('INSERT INTO "audit_entries"')).lastIndexOf(true);
    const damaged = [
      { name: 'truncated-line', edit: (ls: string[]) => ls.map((l, i) => (i === pupilLine ? l.slice(0, Math.floor(l.length / 2)) : l)), error: /damaged at line/ },
      // a well-formed statement whose JSON is broken: fails inside PostgreSQL after earlier rows were inserted
      { name: 'bad-json', edit: (ls: string[]) => ls.map((l, i) => (i === lastAudit ? l.replace(/\{"seq"/, '{"seq"::') : l)), error: /json|syntax/i },
      // a whole row removed: caught by the trailer's row count after every other row was inserted
      { name: 'missing-row', edit: (ls: string[]) => ls.filter((_, i) => i !== lastAudit), error: /declares \d+ rows but holds/ },
      { name: 'ends-early', edit: (ls: string[]) => ls.slice(0, lastAudit + 1), error: /incomplete/ },
    ];
    const target = await emptyPglite();
    try {
      for (const d of damaged) {
        const file = rewrite(dump, path.join(workDir, `${d.name}.sql`), d.edit);
        await expect(restoreDatabase(target, file), d.name).rejects.toThrow(d.error);
        expect(await appRowCount(target), d.name).toBe(0);
      }
      // the same target then takes the intact dump
      await expectRoundTrip(target, dump, expected);
    } finally { await target.close(); }
  });

  if (TEST_URL) {
    describe('with PostgreSQL', () => {
      const admin = new pg.Pool({ connectionString: TEST_URL, max: 2 });
      const created: string[] = [];
      const open: Database[] = [];
      /** A new empty database haven_bk_<random> on the TEST_DATABASE_URL server. */
      async function emptyPostgres(): Promise<Database> {
        const name = `haven_bk_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
        await admin.query(`create database ${name}`);
        created.push(name);
        await admin.query(`alter database ${name} set timezone to 'UTC'`);
        const url = new URL(TEST_URL!);
        url.pathname = `/${name}`;
        const database = await openPostgres(url.toString(), { max: 4 });
        open.push(database);
        return database;
      }
      afterAll(async () => {
        for (const d of open) await d.close();
        for (const name of created) await admin.query(`drop database if exists ${name}`);
        await admin.end();
      });

      it('round-trips PGlite → PostgreSQL', async () => {
        await expectRoundTrip(await emptyPostgres(), dump, expected);
      });

      it('round-trips PostgreSQL → PGlite and PostgreSQL → PostgreSQL', async () => {
        const pgSource = await emptyPostgres();
        await runMigrations(pgSource);
        await populate(pgSource);
        const pgExpected = await snapshot(pgSource);
        const pgDump = path.join(workDir, 'postgres.sql');
        await backupDatabase(pgSource, pgDump);
        expect((await readBackupHeader(pgDump))['source']).toBe('postgres');
        const lite = await emptyPglite();
        try { await expectRoundTrip(lite, pgDump, pgExpected); } finally { await lite.close(); }
        await expectRoundTrip(await emptyPostgres(), pgDump, pgExpected);
      });

      it('refuses a non-empty PostgreSQL target and rolls back a damaged restore', async () => {
        const target = await emptyPostgres();
        const damaged = rewrite(dump, path.join(workDir, 'pg-missing-row.sql'), (ls) => ls.filter((l) => !l.startsWith('INSERT INTO "pupil_contacts"')));
        await expect(restoreDatabase(target, damaged)).rejects.toThrow(/declares \d+ rows but holds/);
        expect(await appRowCount(target)).toBe(0);
        await restoreDatabase(target, dump);
        await expect(restoreDatabase(target, dump)).rejects.toThrow(/already holds data/);
      });
    });
  }
});
