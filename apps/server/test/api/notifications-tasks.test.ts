/** Tasks (POL-3): visible to the roles they are assigned to at their site, or to their assignee; complete / dismiss. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import { addTask, addUser, demoSites, fieldsOf, pupilsAt, userIdOf, type DemoSites, type ErrorBody } from './behaviour.fixtures.ts';

interface Task { id: string; siteId: string; title: string; status: string; assignedRole: string | null; assignedToMe: boolean; pupil: { id: string; name: string } | null; completedBy: { id: string } | null; allowed: string[] }
interface ListBody { items: Task[]; total: number }

describe.each(dbKinds())('tasks on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let lead: Session;
  let cluster: Session;
  let slt: Session;
  const k: Record<string, string> = {};
  const get = (url: string, who?: Session) => t.app.inject({ method: 'GET', url, headers: who?.headers ?? {} });
  const post = (url: string, who?: Session) => t.app.inject({ method: 'POST', url, headers: who?.headers ?? {} });
  const idsOf = (b: ListBody) => b.items.map((x) => x.id);

  beforeAll(async () => {
    t = await createTestContext(kind);
    s = await demoSites(t);
    [lead, cluster, slt] = await Promise.all([sessionFor(t, demoEmail('behaviour_lead')), sessionFor(t, demoEmail('cluster_lead')), sessionFor(t, demoEmail('slt'))]);
    const pupil = (await pupilsAt(t, s.site1, 1))[0]!;
    k.leadSite1 = await addTask(t, s.trustId, { siteId: s.site1, assignedRole: 'behaviour_lead', pupilId: pupil, title: 'Review points' });
    k.leadSite2 = await addTask(t, s.trustId, { siteId: s.site2, assignedRole: 'behaviour_lead' });
    k.sltSite1 = await addTask(t, s.trustId, { siteId: s.site1, assignedRole: 'slt' });
    k.clusterSite2 = await addTask(t, s.trustId, { siteId: s.site2, assignedRole: 'cluster_lead' });
    k.leadSite3 = await addTask(t, s.trustId, { siteId: s.site3, assignedRole: 'behaviour_lead' });
    k.directToSlt = await addTask(t, s.trustId, { siteId: s.site3, assignedUserId: slt.userId, title: 'Assigned by name' });
    k.doneLead = await addTask(t, s.trustId, { siteId: s.site1, assignedRole: 'behaviour_lead', status: 'done' });
  });
  afterAll(async () => { await t?.close(); });

  it('needs a session (401) and task.read (403 for staff, governors, parents)', async () => {
    expect((await get('/api/v1/tasks')).statusCode).toBe(401);
    expect((await post(`/api/v1/tasks/${k.leadSite1}/complete`)).statusCode).toBe(401);
    expect((await post(`/api/v1/tasks/${k.leadSite1}/dismiss`)).statusCode).toBe(401);
    for (const role of ['staff', 'governor', 'parent']) {
      const who = await sessionFor(t, demoEmail(role));
      expect((await get('/api/v1/tasks', who)).statusCode, role).toBe(403);
      expect((await post(`/api/v1/tasks/${k.leadSite1}/complete`, who)).statusCode, role).toBe(403);
    }
  });

  it('a trust administrator sees only the tasks for trust administrators (e.g. the calendar needing next year\'s terms), never a lead\'s', async () => {
    const admin = await sessionFor(t, demoEmail('trust_admin'));
    const forAdmin = await addTask(t, s.trustId, { siteId: s.site2, assignedRole: 'trust_admin' });
    const theirs = json<ListBody>(await get('/api/v1/tasks?pageSize=200', admin));
    expect(idsOf(theirs)).toContain(forAdmin);
    expect(idsOf(theirs)).not.toContain(k.leadSite1);
    expect((await post(`/api/v1/tasks/${k.leadSite1}/complete`, admin)).statusCode).toBe(404);
  });

  it('shows each user the open tasks of the roles they hold at each site, and tasks assigned to them', async () => {
    const mine = json<ListBody>(await get('/api/v1/tasks?pageSize=200', lead));
    expect(idsOf(mine)).toContain(k.leadSite1);
    for (const hidden of [k.leadSite2, k.sltSite1, k.clusterSite2, k.leadSite3, k.doneLead, k.directToSlt]) expect(idsOf(mine)).not.toContain(hidden);
    const task = mine.items.find((x) => x.id === k.leadSite1)!;
    expect(task).toMatchObject({ title: 'Review points', status: 'open', assignedRole: 'behaviour_lead', assignedToMe: false, allowed: ['complete', 'dismiss'] });
    expect(task.pupil?.name.length).toBeGreaterThan(2);

    const clusterTasks = idsOf(json<ListBody>(await get('/api/v1/tasks?pageSize=200', cluster)));
    expect(clusterTasks).toContain(k.clusterSite2);
    expect(clusterTasks).not.toContain(k.leadSite2); // holds cluster_lead, not behaviour_lead, at site 2

    const sltTasks = json<ListBody>(await get('/api/v1/tasks?pageSize=200', slt));
    expect(idsOf(sltTasks)).toEqual(expect.arrayContaining([k.sltSite1, k.directToSlt]));
    expect(sltTasks.items.find((x) => x.id === k.directToSlt)!.assignedToMe).toBe(true);
    expect(idsOf(sltTasks)).not.toContain(k.leadSite1);
    // "assigned to me only": the named task, not the role's queue
    expect(idsOf(json<ListBody>(await get('/api/v1/tasks?pageSize=200&mine=true', slt)))).toEqual([k.directToSlt]);
    expect(idsOf(json<ListBody>(await get('/api/v1/tasks?pageSize=200&mine=true', lead)))).not.toContain(k.leadSite1);

    const done = json<ListBody>(await get('/api/v1/tasks?status=done&pageSize=200', lead));
    expect(idsOf(done)).toContain(k.doneLead);
    expect(done.items.every((x) => x.status === 'done')).toBe(true);
  });

  it('filters by site: 403 for a site the caller does not work at; 400 for bad filters, named', async () => {
    const site1 = json<ListBody>(await get(`/api/v1/tasks?siteId=${s.site1}`, cluster));
    expect(site1.items.every((x) => x.siteId === s.site1)).toBe(true);
    expect((await get(`/api/v1/tasks?siteId=${s.site3}`, lead)).statusCode).toBe(403);
    const bad = await get('/api/v1/tasks?status=finished&siteId=x&mine=yes', lead);
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(json<ErrorBody>(bad))).toEqual(expect.arrayContaining(['status', 'siteId', 'mine']));
  });

  it('completes and dismisses a visible task once (409 after), audited; 404 for a task the caller cannot see', async () => {
    const res = await post(`/api/v1/tasks/${k.leadSite1}/complete`, lead);
    expect(res.statusCode).toBe(200);
    expect(json<Task>(res)).toMatchObject({ status: 'done', completedBy: { id: lead.userId }, allowed: [] });
    expect((await post(`/api/v1/tasks/${k.leadSite1}/complete`, lead)).statusCode).toBe(409);
    expect((await post(`/api/v1/tasks/${k.leadSite1}/dismiss`, lead)).statusCode).toBe(409);
    const audits = await t.database.db.select().from(auditEntries).where(and(eq(auditEntries.action, 'task.complete'), eq(auditEntries.entityId, k.leadSite1!)));
    expect(audits).toHaveLength(1);

    expect((await post(`/api/v1/tasks/${k.sltSite1}/dismiss`, lead)).statusCode).toBe(404);
    expect((await post(`/api/v1/tasks/${k.leadSite3}/complete`, lead)).statusCode).toBe(404);
    const dismissed = await post(`/api/v1/tasks/${k.directToSlt}/dismiss`, slt);
    expect(json<Task>(dismissed).status).toBe('dismissed');
    expect((await post('/api/v1/tasks/0190a6c4-0000-7000-8000-000000000000/complete', lead)).statusCode).toBe(404);
    expect((await post('/api/v1/tasks/nope/complete', lead)).statusCode).toBe(400);
  });

  it("another site's behaviour lead sees that site's tasks and not site 1's", async () => {
    const email = await addUser(t, s.trustId, 'behaviour_lead', s.site3);
    const other = await sessionFor(t, email);
    const ids = idsOf(json<ListBody>(await get('/api/v1/tasks?pageSize=200', other)));
    expect(ids).toContain(k.leadSite3);
    expect(ids).not.toContain(k.leadSite2);
    expect(await userIdOf(t, email)).toBe(other.userId);
  });
});
