/**
 * ANA-7 downloads of the behaviour (ANA-1), exclusions (ANA-4) and pupil-group (ANA-2) dashboards' tables
 * (`?format=csv|xlsx&table=`): 401, 403 (roles without analytics; aggregate-only callers asking for the staff or
 * pupils table), 404 (a site outside scope), 400 naming the field, each file equal to the JSON figures (XLSX reading
 * back as the CSV), governors' files suppressed with no names, formula injection neutralised, and every download audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { eq } from 'drizzle-orm';
import {
  ANALYTICS_MEASURES, ANALYTICS_MEASURE_LABELS, ANALYTICS_TABLES, EXCLUSION_TABLES, type TAnalyticsDashboard, type TAnalyticsTable, type TAnalyticsValues, type TExclusionStats, type TFigure, type TGroupComparison,
} from '@haven/contracts';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { refreshAnalytics } from '../../src/modules/analytics/analytics.refresh.ts';
import { addUser, demoSites, fieldsOf, type DemoSites, type ErrorBody } from './behaviour.fixtures.ts';
import { parseCsv } from '../../src/core/export/csv.ts';
import { readXlsx } from '../../src/core/export/xlsx.ts';
import { roleAssignments, users } from '../../src/db/schema/users.ts';

const RANGE = 'from=2026-09-01&to=2026-11-18';
const DASH = '/api/v1/analytics/dashboard';
const EXCL = '/api/v1/analytics/exclusions';
const GROUPS = '/api/v1/analytics/groups/compare';
const WEEKDAYS = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** A count and a rate as the file writes them. */
const countOf = (f: TFigure) => (f.suppressed ? 'fewer than 5' : String(f.count));
const rateOf = (rate: number | null, note: string | null) => (note === 'withheld' ? 'withheld' : rate === null ? '' : String(Math.round(rate * 10_000) / 10_000));
const measureTexts = (v: TAnalyticsValues) => ANALYTICS_MEASURES.flatMap((m) => [countOf(v[m]), rateOf(v[m].rate, v[m].rateNote)]);

/** Each dashboard table's rows as the file should hold them: its lead cells, then count and rate per measure. */
function expectedRows(d: TAnalyticsDashboard, table: TAnalyticsTable): string[][] {
  const period = (code: string) => d.byPeriod.find((p) => p.key === code)?.label ?? (code || 'Outside lessons');
  switch (table) {
    case 'series': return d.series.map((s) => [s.bucket, String(s.schoolDays), String(s.pupilDays), ...measureTexts(s.values)]);
    case 'categories': return d.byCategory.map((r) => [r.key, r.label, r.polarity ?? '', ...measureTexts(r.values)]);
    case 'locations': return d.byLocation.map((r) => [r.key, r.label, ...measureTexts(r.values)]);
    case 'periods': return d.byPeriod.map((r) => [r.key, r.label, ...measureTexts(r.values)]);
    case 'heatmap': return d.heatmap.map((h) => [WEEKDAYS[h.weekday]!, h.period, period(h.period), ...measureTexts(h.values)]);
    case 'staff': return (d.byStaff ?? []).map((r) => [r.label, ...measureTexts(r.values)]);
    case 'pupils': return (d.byPupil ?? []).map((r) => [r.label, String(r.yearGroup), ...measureTexts(r.values)]);
    case 'yearGroups': return d.byYearGroup.map((r) => [r.label, String(r.pupilDays), ...measureTexts(r.values)]);
    case 'sites': return d.bySite.map((r) => [r.label, String(r.pupilDays), ...measureTexts(r.values)]);
  }
}

describe.each(dbKinds())('analytics downloads on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let head: Session; let cluster: Session; let governor: Session; let staff: Session; let parent: Session; let mixed: Session;
  // the rollups are kept current off the request path: fold every change in first, as the background refresher would
  const get = async (url: string, who?: Session) => {
    await refreshAnalytics(t.database);
    return t.app.inject({ method: 'GET', url, headers: who?.headers ?? {} });
  };
  const csvOf = async (url: string, who: Session) => {
    const res = await get(url, who);
    expect(res.statusCode, url).toBe(200);
    expect(res.headers['content-type'], url).toContain('text/csv');
    return parseCsv(res.body);
  };

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    [head, cluster, governor, staff, parent] = await Promise.all(['head', 'cluster_lead', 'governor', 'staff', 'parent'].map((r) => sessionFor(t, demoEmail(r)))) as [Session, Session, Session, Session, Session];
    // a behaviour lead at site 1 who is only a governor at site 2: aggregate-only whenever site 2 is chosen
    const email = await addUser(t, s.trustId, 'behaviour_lead', s.site1);
    const user = (await t.database.db.select().from(users).where(eq(users.email, email)))[0]!;
    await t.database.db.insert(roleAssignments).values({ id: uuidv7(), trustId: s.trustId, userId: user.id, role: 'governor', siteId: s.site2 });
    mixed = await sessionFor(t, email);
  }, 120_000);
  afterAll(async () => { await t?.close(); });

  it('refuses anonymous callers (401), roles without analytics (403), aggregate-only callers the staff and pupils tables (403)', async () => {
    for (const url of [`${DASH}?format=csv`, `${EXCL}?format=xlsx`, `${GROUPS}?format=csv`]) expect((await get(url)).statusCode, url).toBe(401);
    for (const who of [staff, parent]) {
      for (const url of [`${DASH}?${RANGE}&format=csv&table=categories`, `${EXCL}?${RANGE}&format=csv`, `${GROUPS}?${RANGE}&format=xlsx`]) expect((await get(url, who)).statusCode, url).toBe(403);
    }
    for (const table of ['staff', 'pupils']) {
      for (const format of ['csv', 'xlsx']) expect((await get(`${DASH}?${RANGE}&format=${format}&table=${table}`, governor)).statusCode, table).toBe(403);
      expect((await get(`${DASH}?${RANGE}&siteIds=${s.site1},${s.site2}&format=csv&table=${table}`, mixed)).statusCode, table).toBe(403);
      expect((await get(`${DASH}?${RANGE}&siteIds=${s.site1}&format=csv&table=${table}`, mixed)).statusCode, table).toBe(200);
    }
  });

  it('lists format and table, with their values and descriptions, in the OpenAPI document', async () => {
    type Param = { name: string; in: string; description?: string; schema: { enum?: string[]; default?: string } };
    const doc = json<{ paths: Record<string, { get: { parameters: Param[] } }> }>(await get('/api/v1/openapi.json'));
    for (const [path, tables] of [[DASH, ANALYTICS_TABLES], [EXCL, EXCLUSION_TABLES], [GROUPS, ['groups']]] as const) {
      const params = doc.paths[path]!.get.parameters.filter((p) => p.in === 'query');
      const table = params.find((p) => p.name === 'table')!;
      expect(table.schema.enum, path).toEqual([...tables]);
      expect(table.description ?? '', path).toMatch(/^With format: which table to download/);
      expect(params.find((p) => p.name === 'format')!.schema.enum, path).toEqual(['csv', 'xlsx']);
    }
  });

  it('answers 404 for a site outside the caller\'s scope', async () => {
    for (const url of [`${DASH}?${RANGE}&format=csv&table=sites`, `${EXCL}?${RANGE}&format=csv&table=sites`, `${GROUPS}?${RANGE}&format=xlsx`]) {
      expect((await get(`${url}&siteIds=${s.site3}`, cluster)).statusCode, url).toBe(404);
      expect((await get(`${url}&siteIds=${s.site1},${s.site3}`, head)).statusCode, url).toBe(404);
    }
  });

  it('names the field of bad input with 400', async () => {
    const cases: [string, string][] = [
      [`${DASH}?format=csv&table=everything`, 'table'], [`${DASH}?format=pdf`, 'format'], [`${DASH}?format=csv&table=pupil`, 'table'],
      [`${EXCL}?format=csv&table=pupils`, 'table'], [`${EXCL}?format=ods`, 'format'], [`${GROUPS}?format=csv&table=sites`, 'table'],
      [`${GROUPS}?format=csv&measure=lates`, 'measure'],
    ];
    for (const [url, field] of cases) {
      const res = await get(url, head);
      expect(res.statusCode, url).toBe(400);
      expect(fieldsOf(json<ErrorBody>(res)), url).toContain(field);
    }
  });

  it('downloads every behaviour table with the same figures as the JSON; XLSX reads back as the CSV', async () => {
    const q = `${RANGE}&siteIds=${s.site1},${s.site2}&granularity=week`;
    const d = json<TAnalyticsDashboard>(await get(`${DASH}?${q}`, cluster));
    expect([d.aggregateOnly, d.sites.length]).toEqual([false, 2]);
    for (const table of ANALYTICS_TABLES) {
      const rows = await csvOf(`${DASH}?${q}&format=csv&table=${table}`, cluster);
      const want = expectedRows(d, table);
      expect(want.length, table).toBeGreaterThan(0);
      expect(rows.slice(1), table).toEqual(want);
      expect(rows[0]!.slice(-2), table).toEqual(['Physical interventions', 'Physical interventions per 100 pupils per school day']);
    }
    expect((await csvOf(`${DASH}?${q}&format=csv&table=series`, cluster))[0]!.slice(0, 3)).toEqual(['Week beginning', 'School days', 'Pupil-days']);
    for (const table of ['categories', 'pupils', 'series'] as const) {
      const res = await get(`${DASH}?${q}&format=xlsx&table=${table}`, cluster);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toMatch(new RegExp(`haven-behaviour-${table}-\\d{4}-\\d\\d-\\d\\d\\.xlsx`));
      const book = (await readXlsx(res.rawPayload));
      expect(book.rows, table).toEqual(await csvOf(`${DASH}?${q}&format=csv&table=${table}`, cluster));
    }
    // the page's filters apply to the file too
    const cat = d.byCategory.find((c) => c.key)!.key;
    const filtered = json<TAnalyticsDashboard>(await get(`${DASH}?${q}&categoryCode=${cat}&yearGroup=9`, cluster));
    expect((await csvOf(`${DASH}?${q}&categoryCode=${cat}&yearGroup=9&format=csv&table=locations`, cluster)).slice(1)).toEqual(expectedRows(filtered, 'locations'));
  });

  it('downloads the exclusions and pupil-group tables with the same figures as the JSON', async () => {
    const x = json<TExclusionStats>(await get(`${EXCL}?${RANGE}`, head));
    const summary = await csvOf(`${EXCL}?${RANGE}&format=csv&table=summary`, head);
    expect(summary.length).toBe(2);
    const col = (name: string) => summary[1]![summary[0]!.indexOf(name)];
    expect([col('Pupils on roll'), col('Suspensions'), col('Permanent exclusions'), col('Pupils at 35 or more days this academic year'), col('Deadlines overdue')])
      .toEqual([String(x.headcount), countOf(x.suspensions), countOf(x.permanent), countOf(x.pupilsAt35), countOf(x.deadlinesDue.overdue)]);
    expect(col('Suspension rate (DfE, per 100 pupils on roll)')).toBe(rateOf(x.suspensionRate.value, x.suspensionRate.note));
    expect((await csvOf(`${EXCL}?${RANGE}&format=csv&table=reasons`, head)).slice(1))
      .toEqual(x.reasons.map((r) => [r.code, r.label, countOf(r.suspensions), countOf(r.permanent)]));
    expect((await csvOf(`${EXCL}?${RANGE}&format=csv&table=sites`, head)).slice(1).map((r) => r.slice(0, 4)))
      .toEqual(x.bySite.map((b) => [b.siteName, String(b.headcount), countOf(b.suspensions), countOf(b.permanent)]));
    const rates = await csvOf(`${EXCL}?${RANGE}&format=csv&table=rates`, head);
    expect(rates[0]).toEqual(expect.arrayContaining(['England 2022/23', 'England 2023/24']));
    expect(rates[1]!.slice(0, 2)).toEqual(['Suspension rate', rateOf(x.suspensionRate.value, x.suspensionRate.note)]);
    expect(rates[1]![rates[0]!.indexOf('England 2023/24')]).toBe('11.31');
    const xlsx = (await readXlsx((await get(`${EXCL}?${RANGE}&format=xlsx&table=reasons`, head)).rawPayload));
    expect(xlsx.sheet).toBe('Exclusion reasons');
    expect(xlsx.rows).toEqual(await csvOf(`${EXCL}?${RANGE}&format=csv&table=reasons`, head));

    for (const measure of ['suspension', 'inv'] as const) {
      const g = json<TGroupComparison>(await get(`${GROUPS}?${RANGE}&measure=${measure}`, head));
      const rows = await csvOf(`${GROUPS}?${RANGE}&measure=${measure}&format=csv`, head);
      expect(rows.slice(1).map((r) => r.slice(0, 6))).toEqual(g.rows.map((r) => [r.group, r.label, countOf(r.pupils), String(r.pupilDays), countOf(r.count), rateOf(r.count.rate, r.count.rateNote)]));
      const res = await get(`${GROUPS}?${RANGE}&measure=${measure}&format=xlsx`, head);
      expect(res.headers['content-disposition']).toMatch(new RegExp(`haven-pupil-groups-${measure}-`));
      expect((await readXlsx(res.rawPayload)).rows).toEqual(rows);
    }
  });

  it('gives a governor suppressed files only: "fewer than 5" for 1–4, rates built on one withheld, no names', async () => {
    const bodies: string[] = [];
    let suppressed = 0;
    const d = json<TAnalyticsDashboard>(await get(`${DASH}?${RANGE}`, governor));
    expect(d.aggregateOnly).toBe(true);
    for (const table of ANALYTICS_TABLES.filter((x) => x !== 'staff' && x !== 'pupils')) {
      const res = await get(`${DASH}?${RANGE}&format=csv&table=${table}`, governor);
      bodies.push(res.body);
      const rows = parseCsv(res.body);
      expect(rows.slice(1), table).toEqual(expectedRows(d, table));
      const header = rows[0]!;
      for (const row of rows.slice(1)) {
        for (const m of ANALYTICS_MEASURES) {
          const i = header.indexOf(ANALYTICS_MEASURE_LABELS[m]);
          const n = Number(row[i]);
          if (row[i] === 'fewer than 5') { suppressed++; expect(row[i + 1]).toBe('withheld'); } else expect(n === 0 || n >= 5, `${table} ${m} ${row[i]}`).toBe(true);
        }
      }
    }
    expect(suppressed).toBeGreaterThan(0);
    const x = json<TExclusionStats>(await get(`${EXCL}?${RANGE}`, governor));
    for (const table of ['summary', 'rates', 'reasons', 'sites']) bodies.push((await get(`${EXCL}?${RANGE}&format=csv&table=${table}`, governor)).body);
    expect(parseCsv((await get(`${EXCL}?${RANGE}&format=csv&table=reasons`, governor)).body).slice(1))
      .toEqual(x.reasons.map((r) => [r.code, r.label, countOf(r.suspensions), countOf(r.permanent)]));
    const groups = parseCsv((await get(`${GROUPS}?${RANGE}&measure=inv&format=csv`, governor)).body);
    bodies.push(groups.map((r) => r.join(',')).join('\n'));
    expect(groups.slice(1).some((r) => r[2] === 'fewer than 5' || r[4] === 'fewer than 5')).toBe(true);
    for (const r of groups.slice(1)) for (const i of [2, 4, 7]) expect(r[i] === 'fewer than 5' || Number(r[i]) === 0 || Number(r[i]) >= 5, r.join()).toBe(true);
    const names = await t.database.query<Record<string, string | null>>(`select legal_forename, legal_surname, preferred_forename from pupils
      union all select display_name, null, null from users where email not like 'governor%'`);
    for (const body of bodies) for (const n of names) for (const v of Object.values(n)) if (v && v.length > 3) expect(body.includes(`"${v}`) || body.includes(` ${v}"`) || body.includes(`${v},`)).toBe(false);
  });

  it('neutralises formula injection in category, location and reason labels, in CSV and XLSX', async () => {
    const d = json<TAnalyticsDashboard>(await get(`${DASH}?${RANGE}`, head));
    const cat = d.byCategory.find((c) => c.key)!.key;
    const loc = d.byLocation.find((c) => c.key)!.key;
    const reason = json<TExclusionStats>(await get(`${EXCL}?${RANGE}`, head)).reasons[0]!.code;
    await t.database.query(`update behaviour_categories set name = '=HYPERLINK("http://evil.example","Click")' where trust_id = $1 and code = $2`, [s.trustId, cat]);
    await t.database.query(`update policy_options set label = '+SUM(1,2)' where trust_id = $1 and kind = 'location' and code = $2`, [s.trustId, loc]);
    await t.database.query(`update exclusion_reasons set label = '@cmd|calc' where trust_id = $1 and code = $2`, [s.trustId, reason]);
    const cats = await csvOf(`${DASH}?${RANGE}&format=csv&table=categories`, head);
    expect(cats.find((r) => r[0] === cat)![1]).toBe(`'=HYPERLINK("http://evil.example","Click")`);
    const locs = (await readXlsx((await get(`${DASH}?${RANGE}&format=xlsx&table=locations`, head)).rawPayload));
    expect(locs.rows.find((r) => r[0] === loc)![1]).toBe(`'+SUM(1,2)`);
    const reasons = await csvOf(`${EXCL}?${RANGE}&format=csv&table=reasons`, head);
    expect(reasons.find((r) => r[0] === reason)![1]).toBe(`'@cmd|calc`);
    const reasonBook = (await readXlsx((await get(`${EXCL}?${RANGE}&format=xlsx&table=reasons`, head)).rawPayload));
    expect(reasonBook.rows.find((r) => r[0] === reason)![1]).toBe(`'@cmd|calc`);
    // no cell anywhere in the files a spreadsheet would run as a formula
    for (const rows of [cats, locs.rows, reasons, reasonBook.rows]) for (const r of rows) for (const c of r) expect(/^[=+\-@\t\r]/.test(c), c).toBe(false);
  });

  it('records every download in the audit log: who, which table, which filters, how many rows', async () => {
    await get(`${DASH}?${RANGE}&siteIds=${s.site1}&format=xlsx&table=heatmap&yearGroup=8`, head);
    await get(`${EXCL}?${RANGE}&format=csv&table=sites`, governor);
    await get(`${GROUPS}?${RANGE}&measure=detention&format=csv`, cluster);
    const rows = await t.database.query<{ entity_type: string; site_id: string | null; details: unknown; actor_user_id: string | null }>(
      `select entity_type, site_id, details, actor_user_id from audit_entries where action = 'export' and entity_type in ('behaviour-heatmap', 'exclusions-sites', 'pupil-groups-detention') order by seq`);
    expect(rows.map((r) => r.entity_type)).toEqual(expect.arrayContaining(['behaviour-heatmap', 'exclusions-sites', 'pupil-groups-detention']));
    const heat = rows.filter((r) => r.entity_type === 'behaviour-heatmap').at(-1)!;
    const details = (typeof heat.details === 'string' ? JSON.parse(heat.details) : heat.details) as { format: string; rows: number; filters: Record<string, unknown> };
    expect(heat.site_id).toBe(s.site1);
    expect(details.format).toBe('xlsx');
    expect(details.rows).toBe(json<TAnalyticsDashboard>(await get(`${DASH}?${RANGE}&siteIds=${s.site1}&yearGroup=8`, head)).heatmap.length);
    expect(details.filters).toMatchObject({ table: 'heatmap', yearGroup: 8, siteIds: s.site1, from: '2026-09-01' });
    expect(heat.actor_user_id).toBeTruthy();
  });
});
