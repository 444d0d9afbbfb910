/**
 * The parent portal (PAR-1, PAR-2, LAW-12) through the API: a parent sees only their own children (another family's
 * child is 404 everywhere), incidents only once signed off and as the trust's visibility settings allow (every
 * combination of hidden categories and staff names), never a sealed record nor another pupil; restraint copies and
 * shareable plans to read and acknowledge (the plan's acknowledgement recorded as from the portal, by this account);
 * staff-only routes refused (403); bad input named (400); reads and writes audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { TPortalHome, TPortalRecord } from '@haven/contracts';
import { dbKinds, json, type Session } from '../harness.ts';
import { pdfText } from '../pdf.ts';
import { auditEntries } from '../../src/db/schema/audit.ts';
import { users } from '../../src/db/schema/users.ts';
import { contacts, pupilContacts, pupils } from '../../src/db/schema/pupils.ts';
import { behaviourEvents } from '../../src/db/schema/recording.ts';
import { safeguardingConcerns, safeguardingConcernPupils } from '../../src/db/schema/safeguarding.ts';
import { notifications } from '../../src/db/schema/workflow.ts';
import { enqueue } from '../../src/core/jobs/queue.ts';
import { runDue } from '../../src/core/jobs/runner.ts';
import { PARENT_NOTIFY_KIND } from '../../src/modules/parent-portal/parent-portal.notify.ts';
import '../../src/jobs.ts';
import { fieldsOf, world, type ErrorBody, type Incident, type World } from './incidents.fixtures.ts';

const FUTURE = '2027-06-30';

describe.each(dbKinds())('the parent portal on %s', (kind) => {
  let w: World;
  let parent: Session; let parent2: Session;
  let childA: string; let childB: string; let other: string; let otherName: string;
  const ids: Record<string, string> = {};
  const db = () => w.t.database.db;
  const get = (url: string, who?: Session) => w.req('GET', url, who);
  const record = async (who: Session = parent, pupilId = childA) => {
    const res = await get(`/api/v1/parent/children/${pupilId}/record`, who);
    expect(res.statusCode, res.body).toBe(200);
    return { body: json<TPortalRecord>(res), raw: res.body };
  };
  const audits = async (action: string, actor?: string) => (await db().select().from(auditEntries).where(eq(auditEntries.action, action)))
    .filter((a) => !actor || a.actorUserId === actor);
  let settingsVersion = 0;
  const setSettings = async (hiddenCategoryCodes: string[], hideStaffNames: boolean) => {
    const res = await w.req('PUT', '/api/v1/parent-portal/settings', w.s.admin, { hiddenCategoryCodes, hideStaffNames, version: settingsVersion });
    expect(res.statusCode, res.body).toBe(200);
    settingsVersion = json<{ version: number }>(res).version;
  };

  /** A signed-off incident about child A (and, when given, the other pupil), made by a lead and signed off by the head. */
  const signedOff = async (extra: Record<string, unknown> = {}, withOther = false) => {
    const body = w.fullBody({
      pupils: [{ pupilId: childA, role: 'instigator' }, ...(withOther ? [{ pupilId: other, role: 'affected' }] : [])],
      behaviour: withOther ? `Pushed ${otherName} in the hall` : 'Threw a chair in the hall', ...extra,
    });
    const i = await w.create(w.s.lead, body);
    const sub = await w.req('POST', `/api/v1/incidents/${i.id}/submit`, w.s.lead, { version: i.version });
    expect(sub.statusCode, sub.body).toBe(200);
    const done = await w.req('POST', `/api/v1/incidents/${i.id}/sign-off`, w.s.head, { version: json<Incident>(sub).version });
    expect(done.statusCode, done.body).toBe(200);
    return i.id;
  };

  beforeAll(async () => {
    w = await world(kind);
    parent = w.s.parent;
    const home = json<TPortalHome>(await get('/api/v1/parent/portal', parent));
    [childA, childB] = home.children.map((c) => c.id) as [string, string];
    other = w.pupils1.find((p) => p !== childA && p !== childB)!;
    const o = (await db().select().from(pupils).where(eq(pupils.id, other)))[0]!;
    otherName = `${o.preferredForename ?? o.legalForename} ${o.preferredSurname ?? o.legalSurname}`;
    // another family: a parent account linked to the other pupil only
    parent2 = await w.addUser('parent', w.site1);
    const contactId = uuidv7();
    await db().insert(contacts).values({ id: contactId, trustId: w.trustId, forename: 'Pat', surname: 'Other', email: 'pat.other@example.org', userId: parent2.userId });
    await db().insert(pupilContacts).values({ pupilId: other, contactId, trustId: w.trustId, relationship: 'Father', parentalResponsibility: true, priority: 1 });
    // the records the matrix reads: alone, with another pupil, in the sensitive category, a draft, and one with a sealed concern
    ids.alone = await signedOff();
    ids.withOther = await signedOff({}, true);
    ids.assault = await signedOff({ categoryCodes: ['ZI_ASSAULT'] });
    ids.draft = (await w.create(w.s.lead, w.fullBody({ pupils: [{ pupilId: childA, role: 'instigator' }] }))).id;
    ids.sealed = await signedOff({ behaviour: 'Disclosed something worrying' });
    const concernId = uuidv7();
    await db().insert(safeguardingConcerns).values({ id: concernId, trustId: w.trustId, siteId: w.site1, incidentId: ids.sealed, raisedBy: w.s.dsl.userId,
      category: 'emotional', concern: 'SEALED-CONCERN-TEXT' });
    await db().insert(safeguardingConcernPupils).values({ concernId, pupilId: childA, trustId: w.trustId });
  });
  afterAll(async () => { await w?.t.close(); });

  it('lists only the parent\'s own children; 401 without a session; another family\'s child is 404 on every route', async () => {
    const home = json<TPortalHome>(await get('/api/v1/parent/portal', parent));
    expect(home.children.map((c) => c.id).sort()).toEqual([childA, childB].sort());
    const two = json<TPortalHome>(await get('/api/v1/parent/portal', parent2));
    expect(two.children.map((c) => c.id)).toEqual([other]);
    for (const u of ['/api/v1/parent/portal', `/api/v1/parent/children/${childA}/record`, '/api/v1/parent/notification-preferences']) {
      expect((await get(u)).statusCode).toBe(401);
    }
    expect((await get(`/api/v1/parent/children/${childA}/record`, parent2)).statusCode).toBe(404);
    expect((await get(`/api/v1/parent/children/${other}/record`, parent)).statusCode).toBe(404);
    expect((await get(`/api/v1/parent/children/${childA}/plans/${uuidv7()}`, parent2)).statusCode).toBe(404);
    expect((await w.req('POST', `/api/v1/parent/children/${childA}/plans/${uuidv7()}/acknowledge`, parent2, { version: 1 })).statusCode).toBe(404);
    expect((await get(`/api/v1/parent/children/not-a-uuid/record`, parent)).statusCode).toBe(400);
  });

  it('refuses staff on the parent routes and parents on staff-only routes (403)', async () => {
    for (const who of [w.s.staff, w.s.lead, w.s.dsl, w.s.admin, w.s.head]) {
      expect((await get('/api/v1/parent/portal', who)).statusCode).toBe(403);
      expect((await get(`/api/v1/parent/children/${childA}/record`, who)).statusCode).toBe(403);
    }
    for (const u of ['/api/v1/parent-portal/settings', `/api/v1/incidents/${ids.alone}`, `/api/v1/plans?pupilId=${childA}`, `/api/v1/pupils/${childA}`,
      `/api/v1/incidents/${ids.alone}/parent-copies`, '/api/v1/safeguarding-concerns']) expect((await get(u, parent)).statusCode, u).toBe(403);
    expect((await w.req('PUT', '/api/v1/parent-portal/settings', parent, { hiddenCategoryCodes: [], hideStaffNames: false, version: 0 })).statusCode).toBe(403);
    expect((await w.req('PUT', `/api/v1/plans/${uuidv7()}/sharing`, parent, { shareableWithParents: true })).statusCode).toBe(403);
    expect((await get('/api/v1/parent-portal/settings', w.s.staff)).statusCode).toBe(403);
    expect((await get('/api/v1/parent-portal/settings', w.s.lead)).statusCode).toBe(200);
  });

  it('shows incidents as every combination of the visibility settings allows; sealed, drafts and other pupils never', async () => {
    const combos: [string[], boolean][] = [[[], true], [[], false], [['ZI_ASSAULT'], true], [['ZI_ASSAULT'], false],
      [['ZI_DISRUPT', 'ZI_ASSAULT'], true], [['ZI_DISRUPT', 'ZI_ASSAULT'], false]];
    for (const [hidden, hideStaff] of combos) {
      await setSettings(hidden, hideStaff);
      const { body, raw } = await record();
      const shown = new Set(body.incidents.map((i) => i.id));
      const label = JSON.stringify({ hidden, hideStaff });
      expect(shown.has(ids.alone!), label).toBe(!hidden.includes('ZI_DISRUPT'));
      expect(shown.has(ids.withOther!), label).toBe(!hidden.includes('ZI_DISRUPT'));
      expect(shown.has(ids.assault!), label).toBe(!hidden.includes('ZI_ASSAULT'));
      expect(shown.has(ids.draft!), label).toBe(false);
      expect(shown.has(ids.sealed!), label).toBe(false);
      expect(body.staffNamesHidden).toBe(hideStaff);
      for (const i of body.incidents) {
        if (hideStaff) expect(i.staff, label).toBeNull(); else expect(i.staff!.length, label).toBeGreaterThan(0);
        expect(i.categories).not.toContain(hidden.includes('ZI_ASSAULT') ? 'Test assault' : '__none__');
      }
      const alone = body.incidents.find((i) => i.id === ids.alone);
      if (alone) {
        expect(alone.description, label).toBe(hideStaff ? null : 'Threw a chair in the hall');
        expect(alone.descriptionWithheld).toBe(hideStaff);
        expect(alone).toMatchObject({ role: 'instigator', location: 'Test ZI_HALL', actions: ['Test ZI_CALL_HOME'], categories: ['Test disruption'] });
      }
      const withOther = body.incidents.find((i) => i.id === ids.withOther);
      if (withOther) expect(withOther).toMatchObject({ description: null, descriptionWithheld: true });
      // nothing about the other pupil or the sealed concern, whatever the settings
      expect(raw, label).not.toContain(otherName);
      expect(raw, label).not.toContain(other);
      expect(raw, label).not.toContain('SEALED-CONCERN-TEXT');
      expect(raw, label).not.toContain('Disclosed something worrying');
    }
    // the other family sees the shared incident without child A
    await setSettings([], false);
    const theirs = await record(parent2, other);
    const shared = theirs.body.incidents.find((i) => i.id === ids.withOther)!;
    expect(shared).toMatchObject({ role: 'affected', description: null, descriptionWithheld: true });
    const a = (await db().select().from(pupils).where(eq(pupils.id, childA)))[0]!;
    expect(theirs.raw).not.toContain(a.legalForename + ' ' + a.legalSurname);
  });

  it('shows points and positive notes in shown categories; a group log\'s note is not shown', async () => {
    await setSettings([], true);
    const cat = (await db().select().from(behaviourEvents).where(eq(behaviourEvents.polarity, 'positive')).limit(1))[0]!;
    const base = { trustId: w.trustId, siteId: w.site1, categoryId: cat.categoryId, categoryCode: cat.categoryCode, polarity: 'positive', severity: 0,
      points: 3, occurredAt: new Date(), occurredOn: new Date().toISOString().slice(0, 10), recordedBy: w.s.staff.userId };
    const batch = uuidv7();
    await db().insert(behaviourEvents).values([
      { ...base, id: uuidv7(), pupilId: childA, batchId: uuidv7(), note: 'Helped a new pupil find their way' },
      { ...base, id: uuidv7(), pupilId: childA, batchId: batch, note: `Group work with ${otherName}` },
      { ...base, id: uuidv7(), pupilId: other, batchId: batch, note: `Group work with ${otherName}` },
    ]);
    const { body, raw } = await record();
    expect(body.positiveNotes.map((n) => n.note)).toContain('Helped a new pupil find their way');
    expect(raw).not.toContain('Group work with');
    expect(body.points.positive).toBeGreaterThanOrEqual(6);
    expect(body.positiveNotes.every((n) => n.recordedBy === null)).toBe(true);
    await setSettings([cat.categoryCode], true);
    const hidden = (await record()).body;
    expect(hidden.positiveNotes.some((n) => n.note === 'Helped a new pupil find their way')).toBe(false);
    await setSettings([], true);
  });

  it('gives the parent the copy of a restraint record sent to them: opened as the PDF sent (audited) and acknowledged once', async () => {
    // the copy goes when a lead sends it (the record need not be signed off yet)
    const incidentId = (await w.create(w.s.lead, w.fullBody({ pupils: [{ pupilId: childA, role: 'instigator' }], physicalIntervention: true,
      physicalInterventions: [w.piBody({ pupilId: childA })] }))).id;
    const sent = await w.req('POST', `/api/v1/incidents/${incidentId}/parent-copies/send`, w.s.lead, { pupilId: childA });
    expect(sent.statusCode, sent.body).toBe(200);
    const { body } = await record();
    const copy = body.restraintCopies.find((c) => c.incidentId === incidentId)!;
    expect(copy).toMatchObject({ hasFile: true, acknowledgedAt: null });
    expect(body.letters.map((l) => l.id)).toContain(copy.id);
    let home = json<TPortalHome>(await get('/api/v1/parent/portal', parent));
    expect(home.needsAcknowledgement).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'restraint_copy', id: copy.id, pupilId: childA })]));
    // another family cannot open or acknowledge it
    expect((await get(`/api/v1/parent/letters/${copy.id}/file`, parent2)).statusCode).toBe(404);
    expect((await w.req('POST', `/api/v1/parent/letters/${copy.id}/acknowledge`, parent2)).statusCode).toBe(404);
    const pdf = await get(`/api/v1/parent/letters/${copy.id}/file`, parent);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (await pdfText(pdf.rawPayload)).replace(/\s+/g, ' ');
    expect(text).toContain('Running towards the road');
    expect(text).not.toContain(otherName);
    expect((await audits('parent.letter.read', parent.userId)).map((a) => a.entityId)).toContain(copy.id);
    const ack = await w.req('POST', `/api/v1/parent/letters/${copy.id}/acknowledge`, parent);
    expect(ack.statusCode, ack.body).toBe(201);
    expect((await w.req('POST', `/api/v1/parent/letters/${copy.id}/acknowledge`, parent)).statusCode).toBe(409);
    expect((await audits('incident.parent_copy.acknowledge', parent.userId)).map((a) => a.entityId)).toContain(incidentId);
    home = json<TPortalHome>(await get('/api/v1/parent/portal', parent));
    expect(home.needsAcknowledgement.some((n) => n.id === copy.id)).toBe(false);
    expect((await record()).body.restraintCopies.find((c) => c.id === copy.id)!.acknowledgedAt).toEqual(expect.any(String));
    // a letter that is not a restraint copy cannot be "acknowledged" as one
    const letters = (await record()).body.letters.filter((l) => l.id !== copy.id);
    if (letters[0]) expect((await w.req('POST', `/api/v1/parent/letters/${letters[0].id}/acknowledge`, parent)).statusCode).toBe(404);
  });

  it('a lead shares a plan; the parent reads and acknowledges it through the portal, and the lead sees who and when', async () => {
    const created = await w.req('POST', '/api/v1/plans', w.s.lead, { pupilId: childB });
    expect(created.statusCode, created.body).toBe(201);
    const plan = json<{ id: string; version: number }>(created);
    const saved = await w.req('PATCH', `/api/v1/plans/${plan.id}`, w.s.lead, { version: 1, triggers: ['Loud noises'], proactiveStrategies: ['Visual timetable'],
      deescalationStrategies: ['Calm voice'], reviewDate: FUTURE, ownerUserId: w.s.lead.userId });
    expect(saved.statusCode, saved.body).toBe(200);
    const active = await w.req('POST', `/api/v1/plans/${plan.id}/activate`, w.s.lead, { version: 2 });
    expect(active.statusCode, active.body).toBe(200);
    const version = json<{ version: number }>(active).version;
    // not shared yet: the parent cannot see it
    expect((await get(`/api/v1/parent/children/${childB}/plans/${plan.id}`, parent)).statusCode).toBe(404);
    expect((await w.req('PUT', `/api/v1/plans/${plan.id}/sharing`, w.s.staff, { shareableWithParents: true })).statusCode).toBe(403);
    const bad = await w.req('PUT', `/api/v1/plans/${plan.id}/sharing`, w.s.lead, { shareableWithParents: 'yes' });
    expect(fieldsOf(json<ErrorBody>(bad))).toEqual(['shareableWithParents']);
    const share = await w.req('PUT', `/api/v1/plans/${plan.id}/sharing`, w.s.lead, { shareableWithParents: true });
    expect(share.statusCode, share.body).toBe(200);
    expect((await audits('plan.sharing.update', w.s.lead.userId)).map((a) => a.entityId)).toContain(plan.id);
    const home = json<TPortalHome>(await get('/api/v1/parent/portal', parent));
    expect(home.needsAcknowledgement).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'plan', id: plan.id, pupilId: childB })]));
    // the other family never sees it; the plan is read through the child it belongs to only
    expect((await get(`/api/v1/parent/children/${other}/plans/${plan.id}`, parent2)).statusCode).toBe(404);
    expect((await get(`/api/v1/parent/children/${childA}/plans/${plan.id}`, parent)).statusCode).toBe(404);
    const read = await get(`/api/v1/parent/children/${childB}/plans/${plan.id}`, parent);
    expect(read.statusCode, read.body).toBe(200);
    expect(json<{ fields: { triggers: string[] }; allowed: string[] }>(read)).toMatchObject({ fields: { triggers: ['Loud noises'] }, allowed: ['acknowledge'] });
    expect(read.body).not.toContain('ownerUserId');
    expect((await audits('parent.plan.read', parent.userId)).map((a) => a.entityId)).toContain(plan.id);
    const url = `/api/v1/parent/children/${childB}/plans/${plan.id}/acknowledge`;
    expect(fieldsOf(json<ErrorBody>(await w.req('POST', url, parent, {})))).toEqual(['version']);
    expect(fieldsOf(json<ErrorBody>(await w.req('POST', url, parent, { version: 1, extra: true })))).toContain('extra');
    expect((await w.req('POST', url, parent, { version: version + 5 })).statusCode).toBe(409);
    const ack = await w.req('POST', url, parent, { version });
    expect(ack.statusCode, ack.body).toBe(201);
    expect((await w.req('POST', url, parent, { version })).statusCode).toBe(409);
    const staffView = json<{ acknowledgements: { method: string; recordedVia: string; recordedByName: string | null; acknowledgedAt: string }[] }>(
      await get(`/api/v1/plans/${plan.id}`, w.s.lead));
    const me = (await db().select().from(users).where(eq(users.id, parent.userId)))[0]!;
    expect(staffView.acknowledgements[0]).toMatchObject({ method: 'portal', recordedVia: 'portal', recordedByName: me.displayName });
    const writes = await audits('plan.acknowledge', parent.userId);
    expect(writes.map((a) => a.entityId)).toContain(plan.id);
    expect(writes[0]!.details).toMatchObject({ recordedVia: 'portal', method: 'portal' });
    expect((await record(parent, childB)).body.plans.find((p) => p.id === plan.id)!.acknowledgedAt).toEqual(expect.any(String));
  });

  it('audits each read of a child\'s records, naming what was shown', async () => {
    const before = (await audits('parent.record.read', parent.userId)).length;
    await record();
    const after = await audits('parent.record.read', parent.userId);
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)!.entityId).toBe(childA);
    expect(after.at(-1)!.details).toMatchObject({ specialCategory: true });
  });

  it('keeps each parent\'s email choices per kind; bad input names the field', async () => {
    const url = '/api/v1/parent/notification-preferences';
    const start = json<{ items: { kind: string; frequency: string }[] }>(await get(url, parent));
    expect(start.items.find((i) => i.kind === 'restraint_copy')!.frequency).toBe('immediately');
    expect(fieldsOf(json<ErrorBody>(await w.req('PUT', url, parent, { items: [{ kind: 'plan', frequency: 'weekly' }] })))).toEqual(['items.0.frequency']);
    expect(fieldsOf(json<ErrorBody>(await w.req('PUT', url, parent, { items: [{ kind: 'nonsense', frequency: 'off' }] })))).toEqual(['items.0.kind']);
    expect(fieldsOf(json<ErrorBody>(await w.req('PUT', url, parent, { items: [{ kind: 'plan', frequency: 'off' }, { kind: 'plan', frequency: 'daily' }] })))).toEqual(['items.1.kind']);
    const res = await w.req('PUT', url, parent, { items: [{ kind: 'plan', frequency: 'off' }, { kind: 'points', frequency: 'immediately' }] });
    expect(res.statusCode, res.body).toBe(200);
    const after = json<{ items: { kind: string; frequency: string }[] }>(res);
    expect(after.items.find((i) => i.kind === 'plan')!.frequency).toBe('off');
    expect(json<{ items: { kind: string; frequency: string }[] }>(await get(url, parent2)).items.find((i) => i.kind === 'plan')!.frequency).toBe('immediately');
    expect((await audits('parent.preferences.update', parent.userId)).length).toBe(1);
    expect((await w.req('PUT', url, w.s.staff, { items: [{ kind: 'plan', frequency: 'off' }] })).statusCode).toBe(403);
  });

  it('settings: bad input names the field, a stale version is refused, changes are audited', async () => {
    const url = '/api/v1/parent-portal/settings';
    const cur = json<{ version: number; categories: { code: string }[] }>(await get(url, w.s.admin));
    expect(cur.categories.map((c) => c.code)).toEqual(expect.arrayContaining(['ZI_DISRUPT', 'ZI_ASSAULT']));
    expect(fieldsOf(json<ErrorBody>(await w.req('PUT', url, w.s.admin, { hiddenCategoryCodes: ['NO_SUCH'], hideStaffNames: true, version: cur.version })))).toEqual(['hiddenCategoryCodes.0']);
    expect(fieldsOf(json<ErrorBody>(await w.req('PUT', url, w.s.admin, { hiddenCategoryCodes: [], version: cur.version })))).toEqual(['hideStaffNames']);
    expect((await w.req('PUT', url, w.s.admin, { hiddenCategoryCodes: [], hideStaffNames: true, version: cur.version + 7 })).statusCode).toBe(409);
    const ok = await w.req('PUT', url, w.s.lead, { hiddenCategoryCodes: ['ZI_ASSAULT'], hideStaffNames: false, version: cur.version });
    expect(ok.statusCode, ok.body).toBe(200);
    settingsVersion = json<{ version: number }>(ok).version;
    const entries = await db().select().from(auditEntries).where(and(eq(auditEntries.action, 'parent_portal.settings.update'), inArray(auditEntries.actorUserId, [w.s.lead.userId])));
    expect(entries[0]!.details).toMatchObject({ after: { hiddenCategoryCodes: ['ZI_ASSAULT'], hideStaffNames: false } });
  });

  it('emails a count of new records as each parent chooses: nothing from before the first run, nothing for kinds set to never', async () => {
    const run = async (now: Date) => { await enqueue(db(), { kind: PARENT_NOTIFY_KIND, runAt: now }); await runDue(w.t.app.deps, { now }); };
    const mine = async () => db().select().from(notifications).where(and(eq(notifications.userId, parent2.userId), eq(notifications.kind, 'parent.new_records')));
    await run(new Date());
    expect(await mine()).toEqual([]);
    await w.req('PUT', '/api/v1/parent/notification-preferences', parent2, { items: [{ kind: 'incident', frequency: 'off' }, { kind: 'points', frequency: 'immediately' }] });
    // an incident (kind set to never) and a positive point (straight away) for the other family's child
    await signedOff({ pupils: [{ pupilId: other, role: 'instigator' }] });
    const cat = (await db().select().from(behaviourEvents).where(eq(behaviourEvents.polarity, 'positive')).limit(1))[0]!;
    await db().insert(behaviourEvents).values({ id: uuidv7(), trustId: w.trustId, siteId: w.site1, pupilId: other, batchId: uuidv7(), categoryId: cat.categoryId,
      categoryCode: cat.categoryCode, polarity: 'positive', severity: 0, points: 2, occurredAt: new Date(), occurredOn: new Date().toISOString().slice(0, 10),
      recordedBy: w.s.staff.userId, note: 'SECRET-NOTE-TEXT' });
    await run(new Date(Date.now() + 1000));
    const sent = await mine();
    expect(sent.length).toBe(1);
    expect(sent[0]!.body).toMatch(/points and positive notes \(1 new\)/);
    expect(sent[0]!.body).not.toMatch(/incident/i);
    expect(sent[0]!.body).not.toContain('SECRET-NOTE-TEXT');
    await run(new Date(Date.now() + 2000));
    expect((await mine()).length).toBe(1);
  });
});
