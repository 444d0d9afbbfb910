/**
 * Lists that triage (REV-2, issue 13 #5): the review queue filters by severity, physical intervention, category and
 * age and shows each record's summary and category names; the incident list filters by pupil, dates, category,
 * severity, status and physical intervention; the incident download carries labels, not codes, and the narrative,
 * location, period, actions and staff; bad filters get 400 naming the field; filters never widen what a caller sees.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { dbKinds, json, type Session } from '../harness.ts';
import { incidents } from '../../src/db/schema/recording.ts';
import { readXlsx } from '../../src/core/export/xlsx.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import { pdfText } from '../pdf.ts';
import { world, type ErrorBody, type Incident, type World } from './incidents.fixtures.ts';

interface Item { id: string; severity: number | null; categoryCodes: string[]; categoryNames: string[]; summary: string | null; physicalIntervention: boolean }
interface Queue { items: (Item & { ageHours: number })[]; total: number }
interface List { items: Item[]; total: number }

describe.each(dbKinds())('lists that triage on %s', (kind) => {
  let w: World;
  let mild: Incident;
  let severe: Incident;
  let restraint: Incident;
  let other: Incident;
  const ids = () => new Set([mild.id, severe.id, restraint.id]);
  const submit = async (who: Session, i: Incident) => {
    const res = await w.req('POST', `/api/v1/incidents/${i.id}/submit`, who, { version: i.version });
    expect(res.statusCode, res.body).toBe(200);
    return json<Incident>(res);
  };
  const queue = async (q: string, who: Session = w.s.lead) => {
    const res = await w.req('GET', `/api/v1/review-queue${q}`, who);
    expect(res.statusCode, res.body).toBe(200);
    return json<Queue>(res).items.filter((i) => ids().has(i.id) || i.id === other.id).map((i) => i.id).sort();
  };
  const list = async (q: string, who: Session = w.s.lead) => {
    const res = await w.req('GET', `/api/v1/incidents${q}`, who);
    expect(res.statusCode, res.body).toBe(200);
    return json<List>(res).items.filter((i) => ids().has(i.id) || i.id === other.id).map((i) => i.id).sort();
  };
  const sorted = (...xs: Incident[]) => xs.map((x) => x.id).sort();

  beforeAll(async () => {
    w = await world(kind);
    mild = await submit(w.s.staff, await w.create(w.s.staff, w.fullBody({ severity: 1, occurredAt: '2026-11-10T09:00:00Z', behaviour: 'Shouted across the room' })));
    severe = await submit(w.s.staff, await w.create(w.s.staff, w.fullBody({
      severity: 4, categoryCodes: ['ZI_ASSAULT', 'ZI_DISRUPT'], occurredAt: '2026-11-16T10:00:00Z', behaviour: `Hit another pupil. ${'x'.repeat(300)}`,
    })));
    restraint = await submit(w.s.staff, await w.create(w.s.staff, w.fullBody({
      severity: 3, occurredAt: '2026-11-18T10:00:00Z', physicalIntervention: true, physicalInterventions: [w.piBody({ startedAt: '2026-11-18T10:00:00Z', endedAt: '2026-11-18T10:05:00Z' })],
    })));
    // a draft of the same site, recorded by someone else: a triage filter must not let the lead's list lose or gain it wrongly
    other = await w.create(w.s.lead, w.fullBody({ severity: 5, occurredAt: '2026-11-20T10:00:00Z' }));
    // the mild one has waited three days, the others a few minutes
    await w.t.database.db.update(incidents).set({ submittedAt: new Date(Date.now() - 72 * 3_600_000) }).where(eq(incidents.id, mild.id));
  });
  afterAll(async () => { await w?.t.close(); });

  it('the review queue shows the summary, the severity and the categories by name', async () => {
    const res = json<Queue>(await w.req('GET', '/api/v1/review-queue', w.s.lead));
    const s = res.items.find((i) => i.id === severe.id)!;
    expect(s.categoryNames).toEqual(['Test assault', 'Test disruption']);
    expect(s.severity).toBe(4);
    expect(s.summary!.startsWith('Hit another pupil.')).toBe(true);
    expect(s.summary!.length).toBe(200);
    expect(res.items.some((i) => i.id === other.id)).toBe(false);
  });

  it('the review queue filters by severity, physical intervention, category and age', async () => {
    expect(await queue('')).toEqual(sorted(mild, severe, restraint));
    expect(await queue('?severityMin=3')).toEqual(sorted(severe, restraint));
    expect(await queue('?physicalIntervention=true')).toEqual(sorted(restraint));
    expect(await queue('?physicalIntervention=false')).toEqual(sorted(mild, severe));
    expect(await queue('?categoryCode=ZI_ASSAULT')).toEqual(sorted(severe));
    expect(await queue('?olderThanHours=48')).toEqual(sorted(mild));
    expect(await queue('?olderThanHours=48&severityMin=2')).toEqual([]);
    expect(await queue(`?siteId=${w.site1}&severityMin=4&categoryCode=ZI_DISRUPT`)).toEqual(sorted(severe));
  });

  it('the incident list filters by pupil, dates, category, severity, status and physical intervention', async () => {
    expect(await list('?pageSize=100')).toEqual(sorted(mild, severe, restraint, other));
    expect(await list('?pageSize=100&from=2026-11-16&to=2026-11-18')).toEqual(sorted(severe, restraint));
    expect(await list('?pageSize=100&from=2026-11-19')).toEqual(sorted(other));
    expect(await list('?pageSize=100&severityMin=4')).toEqual(sorted(severe, other));
    expect(await list('?pageSize=100&physicalIntervention=1')).toEqual(sorted(restraint));
    expect(await list('?pageSize=100&categoryCode=ZI_ASSAULT')).toEqual(sorted(severe));
    expect(await list('?pageSize=100&status=draft&severityMin=4')).toEqual(sorted(other));
    expect(await list(`?pageSize=100&pupilId=${w.pupils1[0]}&to=2026-11-15`)).toEqual(sorted(mild));
    expect(await list(`?pageSize=100&pupilId=${w.pupil3}`)).toEqual([]);
    // someone who only records sees only their own, whatever the filters say
    expect(await list('?pageSize=100&severityMin=4', w.s.staff)).toEqual(sorted(severe));
    const item = json<List>(await w.req('GET', `/api/v1/incidents?pageSize=100&categoryCode=ZI_ASSAULT`, w.s.lead)).items[0]!;
    expect(item.categoryNames).toEqual(['Test assault', 'Test disruption']);
  });

  it('bad filters get 400 naming the field', async () => {
    for (const [q, field] of [['from=16/11/2026', 'from'], ['to=2026-02-30', 'to'], ['from=2026-11-20&to=2026-11-01', 'to'], ['severityMin=9', 'severityMin'],
      ['physicalIntervention=maybe', 'physicalIntervention'], ['pupilId=nope', 'pupilId']] as const) {
      const res = await w.req('GET', `/api/v1/incidents?${q}`, w.s.lead);
      expect(res.statusCode, q).toBe(400);
      expect(json<ErrorBody>(res).error.fields?.map((f) => f.field), q).toContain(field);
    }
    for (const [q, field] of [['olderThanHours=-1', 'olderThanHours'], ['severityMin=x', 'severityMin'], ['categoryCode=', 'categoryCode']] as const) {
      const res = await w.req('GET', `/api/v1/review-queue?${q}`, w.s.lead);
      expect(res.statusCode, q).toBe(400);
      expect(json<ErrorBody>(res).error.fields?.map((f) => f.field), q).toContain(field);
    }
    // the queue is still for reviewers only, filtered or not
    expect((await w.req('GET', '/api/v1/review-queue?severityMin=1', w.s.staff)).statusCode).toBe(403);
    expect((await w.req('GET', `/api/v1/review-queue?siteId=${w.site3}&severityMin=1`, w.s.lead)).statusCode).toBe(403);
  });

  it('the incident download carries labels and everything a behaviour manager analyses, with the filters applied', async () => {
    const res = await w.req('GET', '/api/v1/incidents?format=xlsx&categoryCode=ZI_ASSAULT', w.s.lead);
    expect(res.statusCode, res.body).toBe(200);
    const book = await readXlsx(res.rawPayload);
    const head = book.rows[0]!;
    const row = book.rows.find((r) => r[head.indexOf('Record id')] === severe.id)!;
    expect(book.rows).toHaveLength(2);
    const at = (h: string) => row[head.indexOf(h)];
    expect(at('Severity')).toBe('4 – Serious');
    expect(at('Categories')).toBe('Test assault; Test disruption');
    expect(at('Location')).toBe('Test ZI_HALL');
    expect(at('Lesson or period')).toBe('Test ZI_P1');
    expect(at('Perceived motivation')).toBe('Test ZI_ATTENTION');
    expect(at('Actions taken')).toBe('Test ZI_CALL_HOME');
    expect(at('What happened before')).toBe('Asked to line up');
    expect(String(at('What happened'))).toMatch(/^Hit another pupil\./);
    expect(at('What happened after')).toBe('Time in the quiet room');
    expect(String(at('Staff involved')).length).toBeGreaterThan(2);
    const csv = await w.req('GET', '/api/v1/review-queue?format=csv&physicalIntervention=true', w.s.lead);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('What happened (start)');
    expect(csv.body).toContain('3 – Moderate');
    expect(csv.body).toContain(restraint.id);
    expect(csv.body).not.toContain(severe.id);
  });
  it('an incident prints as a PDF with every section by its labels, for whoever may open it; the print is audited', async () => {
    const res = await w.req('GET', `/api/v1/incidents/${restraint.id}/pdf`, w.s.lead);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = (await pdfText(res.rawPayload)).replace(/\s+/g, ' ');
    for (const s of ['Incident record', 'Test ZI_HALL', 'Test ZI_P1', 'Test disruption', 'Asked to line up', 'Time in the quiet room', 'Test ZI_ATTENTION',
      'Test ZI_CALL_HOME', 'Physical intervention', 'Running towards the road', 'Test ZI_GUIDE', 'Awaiting review', 'Instigator']) expect(text, s).toContain(s);
    expect(text).not.toMatch(/ZI_DISRUPT|ZI_HALL\b(?! )/);
    const audit = await w.t.database.db.select().from(auditEntries).where(and(eq(auditEntries.action, 'incident.print'), eq(auditEntries.entityId, restraint.id)));
    expect(audit[0]?.details).toMatchObject({ specialCategory: true });
    // the author may print their own; another site's lead and a governor may not; no such incident is not found
    expect((await w.req('GET', `/api/v1/incidents/${restraint.id}/pdf`, w.s.staff)).statusCode).toBe(200);
    expect((await w.req('GET', `/api/v1/incidents/${restraint.id}/pdf`, await w.addUser('behaviour_lead', w.site3))).statusCode).toBe(404);
    expect((await w.req('GET', `/api/v1/incidents/${restraint.id}/pdf`, w.s.governor)).statusCode).toBe(403);
    expect((await w.req('GET', '/api/v1/incidents/0190a6c4-0000-7000-8000-000000000000/pdf', w.s.lead)).statusCode).toBe(404);
  });
});
