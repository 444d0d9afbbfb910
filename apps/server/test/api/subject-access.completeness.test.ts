/**
 * A subject access request gathers every kind of record (DAT-3): every table with a pupil_id column, as the migrated
 * database has it, is read by a kind in SAR_SOURCES or excluded in SAR_EXCLUDED_TABLES with a reason. A feature that
 * adds a table about pupils fails here until the SAR reads it (or says why not).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, dbKinds, type TestContext } from '../harness.ts';
import { SAR_COVERED_TABLES, SAR_EXCLUDED_TABLES, SAR_SOURCES } from '../../src/modules/subject-access/subject-access.sources.ts';

describe.each(dbKinds())('subject access completeness on %s', (kind) => {
  let t: TestContext;
  let withPupilId: string[];
  let allTables: Set<string>;
  beforeAll(async () => {
    t = await createTestContext(kind);
    withPupilId = (await t.database.query<{ table_name: string }>(
      `select distinct table_name from information_schema.columns where table_schema = 'public' and column_name = 'pupil_id' order by 1`)).map((r) => r.table_name);
    allTables = new Set((await t.database.query<{ table_name: string }>(`select table_name from information_schema.tables where table_schema = 'public'`)).map((r) => r.table_name));
  });
  afterAll(async () => { await t?.close(); });

  it('reads every table with a pupil_id column, or says why not', () => {
    expect(withPupilId.length).toBeGreaterThan(30);
    const missing = withPupilId.filter((name) => !SAR_COVERED_TABLES.includes(name) && !(name in SAR_EXCLUDED_TABLES));
    expect(missing, 'tables with a pupil_id column that no subject access kind reads: add a kind to subject-access.sources.ts or an exclusion with a reason').toEqual([]);
  });

  it('lists no table that does not exist, none both read and excluded, and a reason for each exclusion', () => {
    for (const name of [...SAR_COVERED_TABLES, ...Object.keys(SAR_EXCLUDED_TABLES)]) expect(allTables.has(name), name).toBe(true);
    for (const name of Object.keys(SAR_EXCLUDED_TABLES)) {
      expect(SAR_COVERED_TABLES, name).not.toContain(name);
      expect(withPupilId, `${name} is excluded but has no pupil_id column`).toContain(name);
      expect(SAR_EXCLUDED_TABLES[name]!.length, name).toBeGreaterThan(20);
    }
  });

  it('has one kind a name, and every kind runs on this database', async () => {
    expect(new Set(SAR_SOURCES.map((s) => s.kind)).size).toBe(SAR_SOURCES.length);
    const pupil = (await t.database.query<{ id: string }>('select id from pupils order by id limit 1'))[0]!.id;
    for (const s of SAR_SOURCES) await expect(t.database.db.execute(s.query(pupil)), s.kind).resolves.toBeDefined();
  });
});
