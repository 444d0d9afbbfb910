/**
 * STF-2 (holds checked against certificates: the live check, flags on create and edit, the review queue's badge and
 * filter, ANA-3's "used without a valid certificate") and STF-4 (performance reviews: who may see them, writing,
 * signing by both, auditing, the PDF), on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { TRole } from '@haven/contracts';
import { dbKinds, json, sessionFor, type Session } from '../harness.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import { staffMembers } from '../../src/db/schema/pupils.ts';
import { roleAssignments, users } from '../../src/db/schema/users.ts';
import { lineManagement, trainingCertificates, trainingCourses } from '../../src/db/schema/training.ts';
import { fieldsOf, world, type ErrorBody, type Incident, type World } from './incidents.fixtures.ts';
import { pdfText } from '../pdf.ts';

interface Flag { physicalInterventionId: string; staffId: string; staffName: string; techniqueCode: string; problem: string; checkedOn: string; expiredOn: string | null }
type Flagged = Incident & { certificateFlags: Flag[] };
interface Review { id: string; stage: string; version: number; as: string; allowed: string[]; objectives: { id: string; title: string }[]; evidence: { kind: string; refId: string; label: string }[]; reviewerSignedAt: string | null; revieweeSignedAt: string | null }

describe.each(dbKinds())('staff reviews on %s', (kind) => {
  let w: World;
  let course: string;
  beforeAll(async () => {
    w = await world(kind);
    const db = w.t.database.db;
    course = uuidv7();
    await db.insert(trainingCourses).values({ id: course, trustId: w.trustId, code: 'ZI-TT1', name: 'Test Team Teach Level 1', provider: 'Team Teach', level: 'Level 1',
      validityMonths: 24, techniqueCodes: ['ZI_GUIDE', 'ZI_ESCORT'], physicalSkills: true });
    // staff 0: expired before the incident; staff 1: valid, but covers guiding only
    await db.insert(trainingCertificates).values([
      { id: uuidv7(), trustId: w.trustId, staffId: w.staffIds[0]!, courseId: course, issuedOn: '2024-01-10', expiresOn: '2026-01-10', graceUntil: '2026-01-10', techniqueCodes: ['ZI_GUIDE', 'ZI_ESCORT'], source: 'manual' },
      { id: uuidv7(), trustId: w.trustId, staffId: w.staffIds[1]!, courseId: course, issuedOn: '2025-09-01', expiresOn: '2027-09-01', graceUntil: '2027-09-01', techniqueCodes: ['ZI_GUIDE'], source: 'manual' },
    ]);
  });
  afterAll(async () => { await w?.t.close(); });

  describe('holds checked against certificates (STF-2)', () => {
    it('checks live as the form is filled in, never blocking, refusing another site and naming bad input', async () => {
      const q = (who: Session, extra: string) => w.req('GET', `/api/v1/certificate-check?siteId=${w.site1}&${extra}`, who);
      const res = await q(w.s.staff, `staffId=${w.staffIds[0]}&techniques=ZI_GUIDE&on=2026-11-16`);
      expect(res.statusCode, res.body).toBe(200);
      expect(json(res)).toEqual({ staffId: w.staffIds[0], on: '2026-11-16', items: [{ techniqueCode: 'ZI_GUIDE', problem: 'expired', expiredOn: '2026-01-10' }] });
      expect(json(await q(w.s.staff, `staffId=${w.staffIds[0]}&techniques=ZI_GUIDE&on=2025-11-16`))).toMatchObject({ items: [{ problem: null }] });
      expect(json(await q(w.s.staff, `staffId=${w.staffIds[1]}&techniques=ZI_GUIDE,ZI_ESCORT&on=2026-11-16`))).toMatchObject({
        items: [{ techniqueCode: 'ZI_GUIDE', problem: null }, { techniqueCode: 'ZI_ESCORT', problem: 'not_covered' }] });
      // a member of staff who holds no certificate at all (the demo trust trains its staff, so a new one)
      const untrained = { id: uuidv7() };
      await w.t.database.db.insert(staffMembers).values({ id: untrained.id, trustId: w.trustId, siteId: w.site1, forename: 'Una', surname: 'Trained', jobTitle: 'Teaching assistant' });
      expect(json(await q(w.s.staff, `staffId=${untrained!.id}&techniques=ZI_GUIDE&on=2026-11-16`))).toMatchObject({ items: [{ problem: 'missing' }] });
      const bad = await q(w.s.staff, `staffId=${w.staffIds[0]}&techniques=bad%20code&on=2026-13-01`);
      expect(bad.statusCode).toBe(400);
      expect(fieldsOf(json<ErrorBody>(bad))).toEqual(expect.arrayContaining(['techniques.0', 'on']));
      expect((await w.req('GET', `/api/v1/certificate-check?siteId=${w.site3}&staffId=${w.staffIds[0]}&techniques=ZI_GUIDE`, w.s.staff)).statusCode).toBe(403);
      expect((await q(w.s.governor, `staffId=${w.staffIds[0]}&techniques=ZI_GUIDE`)).statusCode).toBe(403);
      expect((await q(w.s.staff, `staffId=${uuidv7()}&techniques=ZI_GUIDE`)).statusCode).toBe(404);
      expect((await w.req('GET', `/api/v1/certificate-check?siteId=${w.site1}&staffId=${w.staffIds[0]}&techniques=ZI_GUIDE`)).statusCode).toBe(401);
    });

    it('flags the incident as recorded, recomputes when the section is edited, and shows it in the review queue', async () => {
      const body = w.fullBody({ physicalIntervention: true, physicalInterventions: [w.piBody()] });
      let i = await w.create(w.s.staff, body) as Flagged;
      const pi = i.physicalInterventions[0]!.id;
      expect(i.certificateFlags.map((f) => [f.staffId, f.techniqueCode, f.problem, f.checkedOn, f.expiredOn])).toEqual(expect.arrayContaining([
        [w.staffIds[0], 'ZI_GUIDE', 'expired', '2026-11-16', '2026-01-10'], [w.staffIds[1], 'ZI_ESCORT', 'not_covered', '2026-11-16', null],
      ]));
      expect(i.certificateFlags).toHaveLength(2);
      expect(i.certificateFlags.every((f) => f.physicalInterventionId === pi && f.staffName.length > 0)).toBe(true);
      // the same when read back
      expect(json<Flagged>(await w.req('GET', `/api/v1/incidents/${i.id}`, w.s.staff)).certificateFlags).toEqual(i.certificateFlags);
      // and on the printed record
      const printed = (await pdfText((await w.req('GET', `/api/v1/incidents/${i.id}/pdf`, w.s.staff)).rawPayload)).replace(/\s+/g, ' ');
      expect(printed).toContain('Staff certificates');
      expect(printed).toContain('Certificate expired (expired 10/01/2026)');
      expect(printed).toContain('Certificate does not cover this hold');
      // in the review queue: a badge and a filter
      expect((await w.req('POST', `/api/v1/incidents/${i.id}/submit`, w.s.staff, { version: i.version })).statusCode).toBe(200);
      const queue = async (filter = '') => json<{ items: { id: string; uncertifiedHold: boolean }[] }>(await w.req('GET', `/api/v1/review-queue${filter}`, w.s.lead)).items;
      expect((await queue()).find((x) => x.id === i.id)?.uncertifiedHold).toBe(true);
      expect((await queue('?uncertifiedHold=true')).every((x) => x.uncertifiedHold)).toBe(true);
      expect((await queue('?uncertifiedHold=true')).map((x) => x.id)).toContain(i.id);
      expect((await queue('?uncertifiedHold=false')).map((x) => x.id)).not.toContain(i.id);
      // a reviewer edits the section: only staff 1 guiding now, which their certificate covers
      i = json<Flagged>(await w.req('GET', `/api/v1/incidents/${i.id}`, w.s.lead));
      const res = await w.req('PATCH', `/api/v1/incidents/${i.id}`, w.s.lead, { version: i.version,
        physicalInterventions: [{ staffTechniques: [{ staffId: w.staffIds[1], techniqueCodes: ['ZI_GUIDE'] }] }] });
      expect(res.statusCode, res.body).toBe(200);
      expect(json<Flagged>(res).certificateFlags).toEqual([]);
      expect((await queue()).find((x) => x.id === i.id)?.uncertifiedHold).toBe(false);
      // moving the date back to when staff 0 was in date clears their flag too
      const j = await w.create(w.s.staff, w.fullBody({ physicalIntervention: true, physicalInterventions: [w.piBody({ staffTechniques: [{ staffId: w.staffIds[0], techniqueCodes: ['ZI_GUIDE'] }] })] })) as Flagged;
      expect(j.certificateFlags.map((f) => f.problem)).toEqual(['expired']);
      const moved = await w.req('PATCH', `/api/v1/incidents/${j.id}`, w.s.staff, { version: j.version,
        occurredAt: '2025-11-16T10:00:00Z', physicalInterventions: [{ startedAt: '2025-11-16T10:00:00Z', endedAt: '2025-11-16T10:05:00Z' }] });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(json<Flagged>(moved).certificateFlags).toEqual([]);
      // no force used after all: no flags
      const k = await w.create(w.s.staff, body) as Flagged;
      const off = await w.req('PATCH', `/api/v1/incidents/${k.id}`, w.s.staff, { version: k.version, physicalIntervention: false });
      expect(json<Flagged>(off).certificateFlags).toEqual([]);
    });

    it('counts uses without a valid certificate on the dashboard by site, member of staff and technique, with drill-down and downloads', async () => {
      const i = await w.create(w.s.staff, w.fullBody({ physicalIntervention: true, physicalInterventions: [w.piBody()] }));
      expect((await w.req('POST', `/api/v1/incidents/${i.id}/submit`, w.s.staff, { version: i.version })).statusCode).toBe(200);
      const q = `from=2026-11-01&to=2026-11-30&siteIds=${w.site1}`;
      const stats = json<{ totals: { uncertified: { count: number } }; bySite: { uncertified: { count: number } }[];
        uncertifiedByTechnique: { code: string; uses: { count: number } }[]; uncertifiedByStaff: { staffId: string; uses: number; expired: number; notCovered: number }[] | null }>(
        await w.req('GET', `/api/v1/analytics/physical-interventions?${q}`, w.s.lead));
      expect(stats.totals.uncertified.count, JSON.stringify(stats)).toBeGreaterThanOrEqual(1);
      expect(stats.bySite[0]!.uncertified.count).toBe(stats.totals.uncertified.count);
      expect(stats.uncertifiedByTechnique.map((t) => t.code)).toEqual(expect.arrayContaining(['ZI_GUIDE', 'ZI_ESCORT']));
      expect(stats.uncertifiedByStaff!.find((s) => s.staffId === w.staffIds[0])).toMatchObject({ expired: expect.any(Number) });
      expect(stats.uncertifiedByStaff!.find((s) => s.staffId === w.staffIds[1])!.notCovered).toBeGreaterThanOrEqual(1);
      const drill = json<{ items: { incidentId: string }[] }>(await w.req('GET', `/api/v1/analytics/physical-interventions/records?${q}&kind=uncertified&staffId=${w.staffIds[1]}&technique=ZI_ESCORT`, w.s.lead));
      expect(drill.items.map((x) => x.incidentId)).toContain(i.id);
      expect(json<{ items: unknown[] }>(await w.req('GET', `/api/v1/analytics/physical-interventions/records?${q}&kind=uncertified&staffId=${w.staffIds[1]}&technique=ZI_GUIDE`, w.s.lead)).items).toEqual([]);
      const csv = await w.req('GET', `/api/v1/analytics/physical-interventions?${q}&format=csv&table=uncertifiedStaff`, w.s.lead);
      expect(csv.statusCode).toBe(200);
      expect(csv.body).toMatch(/Holds used without a valid certificate/);
      const xlsx = await w.req('GET', `/api/v1/analytics/physical-interventions?${q}&format=xlsx&table=sites`, w.s.lead);
      expect(xlsx.statusCode).toBe(200);
      // a governor sees suppressed counts and no names, and may not download them
      const gov = json<{ uncertifiedByStaff: unknown; totals: { uncertified: { count: number | null } } }>(await w.req('GET', `/api/v1/analytics/physical-interventions?${q}`, w.s.governor));
      expect(gov.uncertifiedByStaff).toBeNull();
      expect((await w.req('GET', `/api/v1/analytics/physical-interventions?${q}&format=csv&table=uncertifiedStaff`, w.s.governor)).statusCode).toBe(403);
      expect((await w.req('GET', `/api/v1/analytics/physical-interventions/records?${q}&kind=uncertified`, w.s.governor)).statusCode).toBe(403);
    });
  });

  describe('performance reviews (STF-4)', () => {
    const people: Record<string, { session: Session; staffId: string }> = {};
    const staffUser = async (key: string, role: TRole, siteId: string, surname: string) => {
      const db = w.t.database.db;
      const userId = uuidv7();
      const email = `zr-${key}-${userId.slice(-8)}@test.haven.test`;
      await db.insert(users).values({ id: userId, trustId: w.trustId, email, displayName: `Test ${surname}` });
      await db.insert(roleAssignments).values({ id: uuidv7(), trustId: w.trustId, userId, role, siteId });
      const staffId = uuidv7();
      await db.insert(staffMembers).values({ id: staffId, trustId: w.trustId, siteId, userId, forename: 'Test', surname, jobTitle: 'Teaching assistant' });
      people[key] = { session: await sessionFor(w.t, email), staffId };
    };
    const manages = async (manager: string, staff: string) => {
      await w.t.database.db.insert(lineManagement).values({ id: uuidv7(), trustId: w.trustId, staffId: people[staff]!.staffId, managerStaffId: people[manager]!.staffId,
        startsOn: '2025-09-01', createdBy: people[manager]!.session.userId });
    };
    let review: Review;
    const call = (who: string, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) => w.req(method, url, people[who]!.session, body);

    beforeAll(async () => {
      await staffUser('ta', 'staff', w.site1, 'Assistant');
      await staffUser('manager', 'behaviour_lead', w.site2, 'Manager');
      await staffUser('other', 'staff', w.site1, 'Colleague');
      await staffUser('head', 'head', w.site1, 'Head');
      await staffUser('otherManager', 'behaviour_lead', w.site2, 'Elsewhere');
      await staffUser('otherTa', 'staff', w.site3, 'Farside');
      await staffUser('cluster', 'cluster_lead', w.site1, 'Lead');
      await manages('manager', 'ta');
      await manages('otherManager', 'otherTa');
      // the TA was part of an incident (evidence)
      const i = await w.create(w.s.staff, w.fullBody({ staff: [{ staffId: people.ta!.staffId, role: 'involved' }] }));
      expect((await w.req('POST', `/api/v1/incidents/${i.id}/submit`, w.s.staff, { version: i.version })).statusCode).toBe(200);
    });

    it('is started by the line manager only, once a year, naming bad input', async () => {
      for (const who of ['ta', 'other', 'head', 'otherManager', 'cluster']) {
        expect((await call(who, 'POST', '/api/v1/performance-reviews', { staffId: people.ta!.staffId, academicYear: '2026/27' })).statusCode, who).toBe(403);
      }
      const bad = await call('manager', 'POST', '/api/v1/performance-reviews', { staffId: people.ta!.staffId, academicYear: '2026-27' });
      expect(bad.statusCode).toBe(400);
      expect(fieldsOf(json<ErrorBody>(bad))).toEqual(['academicYear']);
      expect(fieldsOf(json<ErrorBody>(await call('manager', 'POST', '/api/v1/performance-reviews', { staffId: people.ta!.staffId, academicYear: '2026/28' })))).toEqual(['academicYear']);
      const res = await call('manager', 'POST', '/api/v1/performance-reviews', { staffId: people.ta!.staffId, academicYear: '2026/27' });
      expect(res.statusCode, res.body).toBe(201);
      review = json<Review>(res);
      expect(review).toMatchObject({ stage: 'objectives', as: 'reviewer', version: 1 });
      expect((await call('manager', 'POST', '/api/v1/performance-reviews', { staffId: people.ta!.staffId, academicYear: '2026/27' })).statusCode).toBe(409);
      expect((await w.req('POST', '/api/v1/performance-reviews', undefined, { staffId: people.ta!.staffId, academicYear: '2026/27' })).statusCode).toBe(401);
    });

    it('is seen only by the member of staff, their line manager and the cluster lead (every read audited)', async () => {
      expect(json<Review>(await call('ta', 'GET', `/api/v1/performance-reviews/${review.id}`)).as).toBe('reviewee');
      expect(json<Review>(await call('manager', 'GET', `/api/v1/performance-reviews/${review.id}`)).as).toBe('reviewer');
      expect(json<Review>(await call('cluster', 'GET', `/api/v1/performance-reviews/${review.id}`)).as).toBe('lead');
      for (const who of ['other', 'head', 'otherManager', 'otherTa']) {
        expect((await call(who, 'GET', `/api/v1/performance-reviews/${review.id}`)).statusCode, who).toBe(404);
        expect((await call(who, 'GET', `/api/v1/performance-reviews/${review.id}/pdf`)).statusCode, who).toBe(404);
        expect((await call(who, 'PATCH', `/api/v1/performance-reviews/${review.id}`, { version: 1, objectives: [{ title: 'x' }] })).statusCode, who).toBe(404);
        expect(json<{ items: { id: string }[] }>(await call(who, 'GET', '/api/v1/performance-reviews?view=team')).items.map((x) => x.id)).not.toContain(review.id);
      }
      // the demo head and a trust administrator are refused too
      expect((await w.req('GET', `/api/v1/performance-reviews/${review.id}`, w.s.head)).statusCode).toBe(404);
      expect((await w.req('GET', `/api/v1/performance-reviews/${review.id}`, w.s.admin)).statusCode).toBe(404);
      const mine = json<{ items: { id: string }[] }>(await call('ta', 'GET', '/api/v1/performance-reviews?view=mine'));
      expect(mine.items.map((x) => x.id)).toEqual([review.id]);
      const team = json<{ items: { id: string }[]; team: { staffId: string }[] }>(await call('manager', 'GET', '/api/v1/performance-reviews?view=team'));
      expect(team.items.map((x) => x.id)).toEqual([review.id]);
      expect(team.team.map((x) => x.staffId)).toEqual([people.ta!.staffId]);
      const reads = await w.t.database.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, review.id), like(auditEntries.action, 'performance_review.%')));
      expect(reads.map((r) => r.action)).toEqual(expect.arrayContaining(['performance_review.create', 'performance_review.read']));
      expect(reads.filter((r) => r.action === 'performance_review.read').map((r) => r.actorUserId).sort()).toEqual(
        [people.ta!.session.userId, people.manager!.session.userId, people.cluster!.session.userId].sort());
    });

    it('is written by both, each their own parts, moves stage by stage and is signed by both', async () => {
      const patch = async (who: string, body: Record<string, unknown>, status = 200) => {
        const res = await call(who, 'PATCH', `/api/v1/performance-reviews/${review.id}`, { version: review.version, ...body });
        expect(res.statusCode, res.body).toBe(status);
        if (status === 200) review = json<Review>(res);
        return res;
      };
      expect(fieldsOf(json<ErrorBody>(await patch('manager', { stage: 'mid_year' }, 400)))).toEqual(['stage']);
      expect(fieldsOf(json<ErrorBody>(await patch('manager', { objectives: [{ title: '' }] }, 400)))).toEqual(['objectives.0.title']);
      await patch('manager', { objectives: [{ title: 'Lead the lunchtime nurture group', successMeasure: 'Fewer lunchtime incidents' }],
        observations: [{ on: '2026-10-05', text: 'Calm and consistent de-escalation in the hall' }] });
      expect(review.objectives[0]!.id).toBeTruthy();
      expect(fieldsOf(json<ErrorBody>(await patch('ta', { objectives: [] }, 403)))).toEqual(['objectives']);
      expect((await patch('cluster', { evidence: [] }, 403)).statusCode).toBe(403);
      // evidence: only what Haven holds for this member of staff
      const options = json<{ items: { kind: string; refId: string }[] }>(await call('ta', 'GET', `/api/v1/performance-reviews/${review.id}/evidence-options`)).items;
      expect(options.some((o) => o.kind === 'incident')).toBe(true);
      expect(fieldsOf(json<ErrorBody>(await patch('ta', { evidence: [{ kind: 'incident', refId: uuidv7() }] }, 400)))).toEqual(['evidence.0.refId']);
      const linked = options.find((o) => o.kind === 'incident')!;
      await patch('ta', { evidence: [{ kind: linked.kind, refId: linked.refId }], midYearRevieweeComment: 'Enjoying the group' });
      expect(review.evidence[0]!.label).toMatch(/^Incident at /);
      await patch('manager', { stage: 'mid_year', midYearReviewerComment: 'Good progress', midYearOn: '2027-02-10' });
      expect((await call('manager', 'POST', `/api/v1/performance-reviews/${review.id}/sign`, { version: review.version })).statusCode).toBe(409);
      await patch('manager', { stage: 'annual', annualReviewerComment: 'A strong year', annualOn: '2027-07-08' });
      // a stale version is refused
      expect((await call('ta', 'PATCH', `/api/v1/performance-reviews/${review.id}`, { version: review.version - 1, annualRevieweeComment: 'x' })).statusCode).toBe(409);
      expect((await call('cluster', 'POST', `/api/v1/performance-reviews/${review.id}/sign`, { version: review.version })).statusCode).toBe(403);
      let res = await call('manager', 'POST', `/api/v1/performance-reviews/${review.id}/sign`, { version: review.version });
      expect(res.statusCode, res.body).toBe(200);
      review = json<Review>(res);
      expect(review.reviewerSignedAt).not.toBeNull();
      // the member of staff adds a comment: both sign what the review now says
      await patch('ta', { annualRevieweeComment: 'Thank you' });
      expect(review.reviewerSignedAt).toBeNull();
      for (const who of ['ta', 'manager']) {
        res = await call(who, 'POST', `/api/v1/performance-reviews/${review.id}/sign`, { version: review.version });
        expect(res.statusCode, res.body).toBe(200);
        review = json<Review>(res);
      }
      expect(review.stage).toBe('signed');
      expect(review.allowed).toEqual(['view', 'pdf']);
      expect((await patch('manager', { annualReviewerComment: 'changed' }, 409)).statusCode).toBe(409);
      const pdf = await call('cluster', 'GET', `/api/v1/performance-reviews/${review.id}/pdf`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      const writes = await w.t.database.db.select().from(auditEntries).where(and(eq(auditEntries.entityId, review.id), like(auditEntries.action, 'performance_review.%')));
      expect(writes.map((r) => r.action)).toEqual(expect.arrayContaining(['performance_review.update', 'performance_review.sign', 'performance_review.pdf']));
      expect(JSON.stringify(writes.map((r) => r.details))).not.toMatch(/strong year|Thank you/);
    });
  });
});
