/**
 * ANA-3 /api/v1/analytics/physical-interventions and ANA-6 /api/v1/analytics/record-quality, with their records and
 * downloads: 401, 403 (roles without the permission; aggregate-only callers asking for records or names), 404 (a site
 * outside scope), 400 naming the field, success equal to a brute-force count over the demo's raw rows, governors'
 * suppression with no names, and a cluster lead who never sees a site outside theirs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { PI_KINDS, QUALITY_KINDS, type TAnalyticsDashboard, type TFigure, type TPiRecords, type TPiStats, type TQualityRecords, type TRecordQuality } from '@haven/contracts';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { refreshAnalytics } from '../../src/modules/analytics/analytics.refresh.ts';
import { addUser, demoSites, fieldsOf, type DemoSites, type ErrorBody } from './behaviour.fixtures.ts';
import { parseCsv } from '../../src/core/export/csv.ts';
import { readXlsx } from '../../src/core/export/xlsx.ts';
import { roleAssignments, users } from '../../src/db/schema/users.ts';
import { eq } from 'drizzle-orm';
import { brutePi, bruteQuality, loadRaw } from '../quality.brute.ts';
import { piCounts, qualityCounts } from './intervention-quality.fixtures.ts';

const FROM = '2026-09-01';
const TO = '2026-11-18';
const RANGE = `from=${FROM}&to=${TO}`;
const PI = '/api/v1/analytics/physical-interventions';
const QUALITY = '/api/v1/analytics/record-quality';

function figures(value: unknown, out: TFigure[] = []): TFigure[] {
  if (Array.isArray(value)) for (const v of value) figures(v, out);
  else if (value && typeof value === 'object') {
    if ('suppressed' in value && 'rateNote' in value) out.push(value as TFigure);
    else for (const v of Object.values(value)) figures(v, out);
  }
  return out;
}

describe.each(dbKinds())('physical interventions and record quality on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let head: Session; let cluster: Session; let governor: Session; let staff: Session; let parent: Session; let admin: Session; let mixed: Session;
  // the rollups are kept current off the request path: fold every change in first, as the background refresher would
  const get = async (url: string, who?: Session) => {
    await refreshAnalytics(t.database);
    return t.app.inject({ method: 'GET', url, headers: who?.headers ?? {} });
  };

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    [head, cluster, governor, staff, parent, admin] = await Promise.all(['head', 'cluster_lead', 'governor', 'staff', 'parent', 'trust_admin'].map((r) => sessionFor(t, demoEmail(r)))) as [Session, Session, Session, Session, Session, Session];
    // a behaviour lead at site 1 who is only a governor at site 2: aggregate-only whenever site 2 is chosen
    const email = await addUser(t, s.trustId, 'behaviour_lead', s.site1);
    const user = (await t.database.db.select().from(users).where(eq(users.email, email)))[0]!;
    await t.database.db.insert(roleAssignments).values({ id: uuidv7(), trustId: s.trustId, userId: user.id, role: 'governor', siteId: s.site2 });
    mixed = await sessionFor(t, email);
  }, 120_000);
  afterAll(async () => { await t?.close(); });

  it('refuses anonymous callers with 401', async () => {
    for (const url of [PI, `${PI}/records`, QUALITY, `${QUALITY}/records`, `${PI}?format=csv`, `${QUALITY}?format=xlsx`]) expect((await get(url)).statusCode, url).toBe(401);
  });

  it('refuses roles without analytics with 403, and aggregate-only callers the records and names', async () => {
    for (const who of [staff, parent]) for (const url of [PI, QUALITY, `${PI}?format=csv`]) expect((await get(`${url}${url.includes('?') ? '&' : '?'}${RANGE}`, who)).statusCode, url).toBe(403);
    for (const who of [governor, admin]) for (const url of [`${PI}/records`, `${QUALITY}/records`]) expect((await get(`${url}?${RANGE}`, who)).statusCode, url).toBe(403);
    expect((await get(`${PI}?${RANGE}&format=csv&table=pupils`, governor)).statusCode).toBe(403);
    expect((await get(`${QUALITY}?${RANGE}&format=csv&table=staff`, governor)).statusCode).toBe(403);
    // behaviour.read at site 1 only: records of site 1 yes, of sites 1 and 2 no
    expect((await get(`${PI}/records?${RANGE}&siteIds=${s.site1}`, mixed)).statusCode).toBe(200);
    expect((await get(`${PI}/records?${RANGE}&siteIds=${s.site1},${s.site2}`, mixed)).statusCode).toBe(403);
    expect((await get(`${QUALITY}/records?${RANGE}&siteIds=${s.site1},${s.site2}`, mixed)).statusCode).toBe(403);
    const both = json<TRecordQuality>(await get(`${QUALITY}?${RANGE}&siteIds=${s.site1},${s.site2}`, mixed));
    expect([both.aggregateOnly, both.byStaff]).toEqual([true, null]);
  });

  it('answers 404 for a site outside the caller\'s scope', async () => {
    for (const url of [PI, `${PI}/records`, QUALITY, `${QUALITY}/records`]) {
      expect((await get(`${url}?${RANGE}&siteIds=${s.site3}`, cluster)).statusCode, url).toBe(404);
      expect((await get(`${url}?${RANGE}&siteIds=${s.site1},${s.site3}`, head)).statusCode, url).toBe(404);
    }
    expect((await get(`${PI}?${RANGE}&siteIds=${s.site3}&format=csv`, head)).statusCode).toBe(404);
  });

  it('names the field of bad input with 400', async () => {
    const cases: [string, string][] = [
      [`${PI}?from=2026-13-01`, 'from'], [`${PI}?from=2026-11-18&to=2026-09-01`, 'to'], [`${PI}?siteIds=nope`, 'siteIds'], [`${PI}?yearGroup=x`, 'yearGroup'],
      [`${PI}?format=pdf`, 'format'], [`${PI}?format=csv&table=everything`, 'table'], [`${PI}/records?kind=nonsense`, 'kind'], [`${PI}/records?pupilId=42`, 'pupilId'],
      [`${PI}/records?technique=a%20b`, 'technique'], [`${QUALITY}?pupilGroup=wizards`, 'pupilGroup'], [`${QUALITY}?termId=0190a6c4-0000-7000-8000-000000000000`, 'termId'],
      [`${QUALITY}/records?kind=late`, 'kind'], [`${QUALITY}/records?recordedBy=me`, 'recordedBy'], [`${QUALITY}?format=csv&table=pupils`, 'table'],
    ];
    for (const [url, field] of cases) {
      const res = await get(url, head);
      expect(res.statusCode, url).toBe(400);
      expect(fieldsOf(json<ErrorBody>(res)), url).toContain(field);
    }
  });

  it('gives a head figures equal to a brute-force count, with names, and records that add up to each figure', async () => {
    const res = await get(`${PI}?${RANGE}`, head);
    expect(res.statusCode).toBe(200);
    const d = json<TPiStats>(res);
    const want = brutePi(await loadRaw(t.database, s.trustId), { siteIds: [s.site1], from: FROM, to: TO }, Date.now());
    expect(want.totals.count).toBeGreaterThan(5);
    expect(piCounts(d.totals)).toEqual(want.totals);
    expect(Object.fromEntries(d.byTechnique.map((x) => [x.code, { interventions: x.interventions.count, staffUses: x.staffUses.count }]))).toEqual(want.techniques);
    expect(d.byPupil!.length).toBeGreaterThan(0);
    for (const p of d.byPupil!) expect(p.count).toBe(want.perPupil[p.pupilId]);
    expect(d.byPupil![0]!.count).toBe(Math.max(...Object.values(want.perPupil)));
    expect(d.byPupil![0]!.name.length).toBeGreaterThan(3);
    // the same interventions as the behaviour dashboard's count
    const dash = json<TAnalyticsDashboard>(await get(`/api/v1/analytics/dashboard?${RANGE}`, head));
    expect(d.totals.count.count).toBe(dash.totals.pi.count);
    for (const k of PI_KINDS) {
      const rec = json<TPiRecords>(await get(`${PI}/records?${RANGE}&kind=${k}&pageSize=1`, head));
      const fig = k === 'all' ? d.totals.count : k === 'pupilNotDebriefed' ? null : k === 'staffNotDebriefed' ? null : d.totals[k];
      if (fig) expect(rec.total, k).toBe(fig.count);
    }
    const top = d.byTechnique[0]!;
    expect(json<TPiRecords>(await get(`${PI}/records?${RANGE}&technique=${top.code}`, head)).total).toBe(top.interventions.count);
    const pupil = d.byPupil![0]!;
    const theirs = json<TPiRecords>(await get(`${PI}/records?${RANGE}&pupilId=${pupil.pupilId}`, head));
    expect([theirs.total, theirs.items[0]!.pupil!.name, theirs.items[0]!.link]).toEqual([pupil.count, pupil.name, `/incidents/${theirs.items[0]!.incidentId}`]);
  });

  it('gives a head record quality per site and per recorder equal to a brute-force count, with records behind each figure', async () => {
    const res = await get(`${QUALITY}?${RANGE}`, head);
    expect(res.statusCode).toBe(200);
    const d = json<TRecordQuality>(res);
    const want = bruteQuality(await loadRaw(t.database, s.trustId), { siteIds: [s.site1], from: FROM, to: TO }, Date.now());
    expect(want.totals.submitted).toBeGreaterThan(5);
    expect(want.totals.returned).toBeGreaterThan(0);
    expect(qualityCounts(d.totals)).toEqual(want.totals);
    expect(Object.fromEntries(d.bySite.map((x) => [x.siteId, qualityCounts(x)]))).toEqual(want.bySite);
    expect(Object.fromEntries(d.byStaff!.map((x) => [x.userId, qualityCounts(x)]))).toEqual(want.byStaff);
    expect(d.byStaff!.every((x) => x.name !== 'Unknown')).toBe(true);
    for (const k of QUALITY_KINDS) {
      const rec = json<TQualityRecords>(await get(`${QUALITY}/records?${RANGE}&kind=${k}&pageSize=1`, head));
      const n = k === 'notSignedOffWithin48h' ? d.totals.submitted.count! - d.totals.signedOffWithin48h.count! : d.totals[k].count;
      expect(rec.total, k).toBe(n);
    }
    const recorder = d.byStaff![0]!;
    const mine = json<TQualityRecords>(await get(`${QUALITY}/records?${RANGE}&kind=returned&recordedBy=${recorder.userId}&pageSize=200`, head));
    expect(mine.total).toBe(recorder.returned.count);
    expect(mine.items.every((i) => i.recordedBy === recorder.name)).toBe(true);
  });

  it('gives a governor suppressed aggregates only: no count from 1 to 4, nothing built on one, no pupil or staff names', async () => {
    const pi = await get(`${PI}?${RANGE}`, governor);
    const q = await get(`${QUALITY}?${RANGE}`, governor);
    expect([pi.statusCode, q.statusCode]).toEqual([200, 200]);
    const d = json<TPiStats>(pi);
    const rq = json<TRecordQuality>(q);
    expect([d.aggregateOnly, d.byPupil, rq.aggregateOnly, rq.byStaff]).toEqual([true, null, true, null]);
    const all = [...figures(d), ...figures(rq)];
    for (const f of all) {
      if (f.count !== null) expect(f.count === 0 || f.count >= 5).toBe(true);
      else expect([f.suppressed, f.rate, f.rateNote]).toEqual([true, null, 'withheld']);
    }
    expect(all.some((f) => f.suppressed)).toBe(true);
    for (const x of [d.totals, ...d.bySite]) if (x.count.suppressed) expect([x.totalMinutes.note, x.medianMinutes.note]).toEqual(['withheld', 'withheld']);
    for (const x of [rq.totals, ...rq.bySite]) if (x.signedOff.suppressed) expect(x.medianHoursToSignOff.note).toBe('withheld');
    const csv = await get(`${PI}?${RANGE}&format=csv&table=sites`, governor);
    expect(csv.statusCode).toBe(200);
    const bodies = [pi.body, q.body, csv.body, (await get(`${QUALITY}?${RANGE}&format=csv`, governor)).body];
    const names = await t.database.query<Record<string, string | null>>(`select legal_forename, legal_surname, preferred_forename from pupils
      union all select display_name, null, null from users where email not like 'governor%'`);
    for (const body of bodies) for (const n of names) for (const v of Object.values(n)) if (v && v.length > 3) expect(body.includes(`"${v}`) || body.includes(` ${v}"`) || body.includes(`${v},`)).toBe(false);
  });

  it('never lets a cluster lead see a site outside their scope', async () => {
    const d = json<TPiStats>(await get(`${PI}?${RANGE}`, cluster));
    const q = json<TRecordQuality>(await get(`${QUALITY}?${RANGE}`, cluster));
    expect(d.sites.map((x) => x.id).sort()).toEqual([s.site1, s.site2].sort());
    expect(q.bySite.map((x) => x.siteId).sort()).toEqual([s.site1, s.site2].sort());
    const raw = await loadRaw(t.database, s.trustId);
    const wantPi = brutePi(raw, { siteIds: [s.site1, s.site2], from: FROM, to: TO }, Date.now());
    const wantQ = bruteQuality(raw, { siteIds: [s.site1, s.site2], from: FROM, to: TO }, Date.now());
    expect(piCounts(d.totals)).toEqual(wantPi.totals);
    expect(qualityCounts(q.totals)).toEqual(wantQ.totals);
    const site3 = bruteQuality(raw, { siteIds: [s.site3], from: FROM, to: TO }, Date.now()).byStaff;
    const only3 = Object.keys(site3).filter((u) => !(u in wantQ.byStaff));
    for (const u of only3) expect(q.byStaff!.some((x) => x.userId === u)).toBe(false);
    const recs = json<TQualityRecords>(await get(`${QUALITY}/records?${RANGE}&pageSize=200`, cluster));
    expect(recs.items.every((i) => i.siteId !== s.site3)).toBe(true);
  });

  it('downloads each table as CSV or XLSX, the same figures as the JSON, and audits the download', async () => {
    const d = json<TPiStats>(await get(`${PI}?${RANGE}&siteIds=${s.site1},${s.site2}`, cluster));
    const csv = await get(`${PI}?${RANGE}&siteIds=${s.site1},${s.site2}&format=csv&table=sites`, cluster);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toMatch(/haven-physical-interventions-sites-\d{4}-\d\d-\d\d\.csv/);
    const rows = parseCsv(csv.body);
    expect(rows[0]!.slice(0, 3)).toEqual(['Site', 'Physical interventions', 'Total minutes']);
    expect(rows.slice(1).map((r) => [r[0], Number(r[1])])).toEqual(d.bySite.map((x) => [x.siteName, x.count.count]));
    const pupils = (await readXlsx((await get(`${PI}?${RANGE}&format=xlsx&table=pupils`, head)).rawPayload));
    expect(pupils.rows.length - 1).toBe(json<TPiStats>(await get(`${PI}?${RANGE}`, head)).byPupil!.length);
    const q = json<TRecordQuality>(await get(`${QUALITY}?${RANGE}`, head));
    const staffBook = (await readXlsx((await get(`${QUALITY}?${RANGE}&format=xlsx&table=staff`, head)).rawPayload));
    expect(staffBook.sheet).toBe('Record quality');
    expect(staffBook.rows.slice(1).map((r) => [r[0], Number(r[1])])).toEqual(q.byStaff!.map((x) => [x.name, x.submitted.count]));
    const audits = await t.database.query<{ entity_type: string }>(`select entity_type from audit_entries where action = 'export' and entity_type like '%-%'`);
    expect(audits.map((a) => a.entity_type)).toEqual(expect.arrayContaining(['physical-interventions-sites', 'physical-interventions-pupils', 'record-quality-staff']));
  });
});
