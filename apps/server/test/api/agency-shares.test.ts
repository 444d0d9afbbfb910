/**
 * Agency shares (issue 12): a DSL shares named records about a pupil with an agency professional until a last day,
 * inviting them by email (real SMTP); the professional reads only those records, only until the share expires or
 * is revoked; other roles and sites are refused; every step is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull, ne } from 'drizzle-orm';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, testConfig, type Session, type TestContext } from '../harness.ts';
import { startMailbox, type Mailbox } from '../mailbox.ts';
import { mailerFor } from '../../src/core/mail/mailer.ts';
import { agencyShares } from '../../src/db/schema/pupils.ts';
import { incidentPupils, incidents } from '../../src/db/schema/recording.ts';
import { addDays } from '../../src/core/calendar/dates.ts';
import { londonToday } from '../../src/core/time.ts';
import { demoSites, type DemoSites } from './behaviour.fixtures.ts';
import { cookiesOf, errorOf, tokenOf } from './invitations.fixtures.ts';

/** A pupil at the site with at least two submitted incidents, and those incidents. */
async function pupilWithIncidents(t: TestContext, siteId: string) {
  const rows = await t.database.db.select({ pupilId: incidentPupils.pupilId, incidentId: incidents.id }).from(incidents)
    .innerJoin(incidentPupils, eq(incidentPupils.incidentId, incidents.id))
    .where(and(eq(incidents.siteId, siteId), ne(incidents.status, 'draft'), isNull(incidents.voidedAt)))
    .orderBy(incidentPupils.pupilId, incidents.id);
  const by = new Map<string, string[]>();
  for (const r of rows) by.set(r.pupilId, [...(by.get(r.pupilId) ?? []), r.incidentId]);
  const [pupilId, ids] = [...by.entries()].find(([, v]) => v.length >= 2)!;
  return { pupilId, incidentIds: ids };
}

describe.each(dbKinds())('agency shares on %s', (kind) => {
  let t: TestContext;
  let mail: Mailbox;
  let s: DemoSites;
  let dsl: Session; let staff: Session;
  beforeAll(async () => {
    mail = await startMailbox();
    t = await createTestContext(kind, testConfig({ publicUrl: 'https://haven.example.org', mail: { smtpUrl: mail.env.SMTP_URL, from: 'Haven <haven@example.org>', tlsRejectUnauthorized: false } }));
    s = await demoSites(t);
    [dsl, staff] = await Promise.all([sessionFor(t, demoEmail('dsl')), sessionFor(t, demoEmail('staff'))]);
  });
  afterAll(async () => { await t?.close(); await mail?.close(); });

  const inject = (method: 'GET' | 'POST' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) => t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  it('shares named records with a new agency professional, who reads only those until the share ends', async () => {
    const { pupilId, incidentIds } = await pupilWithIncidents(t, s.site1);
    const [shared, notShared] = incidentIds as [string, string];
    const email = `social.worker.${kind}@example.org`;
    const body = { pupilId, email, displayName: 'Ama Owusu (social worker)', expiresOn: addDays(londonToday(), 30), records: [{ type: 'incident', id: shared }] };
    const created = await inject('POST', '/api/v1/agency/shares', dsl.headers, body);
    expect(created.statusCode).toBe(201);
    const share = json<{ id: string; active: boolean; records: { id: string }[]; invitation: { kind: string } }>(created);
    expect(share).toMatchObject({ active: true, records: [{ id: shared }], invitation: { kind: 'agency' } });

    await mailerFor(t.app.deps).idle();
    const link = await mail.latestInvitationLink(email);
    const signedIn = await inject('POST', '/api/v1/auth/invitation/accept', {}, { token: tokenOf(link), password: 'agency password 2026' });
    expect(json(signedIn).status).toBe('ok');
    const cookie = cookiesOf(signedIn);
    const agency = { cookie, 'x-csrf-token': /haven_csrf=([^;]+)/.exec(cookie)?.[1] ?? '' };

    const mine = json<{ items: { id: string; pupilId: string; records: { id: string }[] }[] }>(await inject('GET', '/api/v1/agency/my-shares', agency));
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ id: share.id, pupilId, records: [{ id: shared }] });
    const read = await inject('GET', `/api/v1/agency/my-shares/${share.id}/incidents/${shared}`, agency);
    expect(read.statusCode).toBe(200);
    expect(json(read).id).toBe(shared);
    expect((await inject('GET', `/api/v1/agency/my-shares/${share.id}/incidents/${notShared}`, agency)).statusCode).toBe(404);
    // nothing else of the school's: the pupil list, the profile, the incident itself
    expect((await inject('GET', '/api/v1/pupils', agency)).statusCode).toBe(403);
    expect((await inject('GET', `/api/v1/incidents/${shared}`, agency)).statusCode).toBe(403);

    // past its last day the share is gone
    await t.database.db.update(agencyShares).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(agencyShares.id, share.id));
    expect(json<{ items: unknown[] }>(await inject('GET', '/api/v1/agency/my-shares', agency)).items).toHaveLength(0);
    expect((await inject('GET', `/api/v1/agency/my-shares/${share.id}/incidents/${shared}`, agency)).statusCode).toBe(404);

    // a second share to the same professional needs no new invitation; revoking it ends access at once
    const sent = mail.messages.length;
    const second = await inject('POST', '/api/v1/agency/shares', dsl.headers, { ...body, records: [{ type: 'incident', id: notShared }] });
    expect(second.statusCode).toBe(201);
    const secondId = json<{ id: string }>(second).id;
    await mailerFor(t.app.deps).idle();
    expect(mail.messages.length).toBe(sent);
    expect((await inject('GET', `/api/v1/agency/my-shares/${secondId}/incidents/${notShared}`, agency)).statusCode).toBe(200);
    const revoked = await inject('DELETE', `/api/v1/agency/shares/${secondId}`, dsl.headers);
    expect(json(revoked)).toMatchObject({ active: false });
    expect((await inject('GET', `/api/v1/agency/my-shares/${secondId}/incidents/${notShared}`, agency)).statusCode).toBe(404);
    expect((await inject('DELETE', `/api/v1/agency/shares/${secondId}`, dsl.headers)).statusCode).toBe(409);

    const audit = (await t.database.query<{ action: string }>(`select action from audit_entries where entity_id in ($1, $2, $3) order by seq`, [share.id, secondId, shared])).map((r) => r.action);
    expect(audit).toEqual(expect.arrayContaining(['agency.share.create', 'agency.record.read', 'agency.share.revoke']));
    const list = json<{ items: { id: string; active: boolean }[] }>(await inject('GET', `/api/v1/agency/shares?pupilId=${pupilId}`, dsl.headers));
    expect(list.items.filter((i) => [share.id, secondId].includes(i.id)).map((i) => i.active)).toEqual([false, false]);
  });

  it('refuses other roles, other sites, records about someone else, and a last day in the past or over a year ahead', async () => {
    const { pupilId, incidentIds } = await pupilWithIncidents(t, s.site1);
    const other = await pupilWithIncidents(t, s.site2);
    const body = { pupilId, email: `camhs.${kind}@example.org`, displayName: 'CAMHS worker', expiresOn: addDays(londonToday(), 10), records: [{ type: 'incident', id: incidentIds[0] }] };
    expect((await inject('POST', '/api/v1/agency/shares', staff.headers, body)).statusCode).toBe(403);
    expect((await inject('POST', '/api/v1/agency/shares', dsl.headers, { ...body, pupilId: other.pupilId, records: [{ type: 'incident', id: other.incidentIds[0] }] })).statusCode).toBe(404);
    const someoneElse = await inject('POST', '/api/v1/agency/shares', dsl.headers, { ...body, records: [{ type: 'incident', id: other.incidentIds[0] }] });
    expect(someoneElse.statusCode).toBe(400);
    expect(errorOf(someoneElse).fields[0]!.field).toBe('records.0.id');
    for (const expiresOn of [addDays(londonToday(), -1), addDays(londonToday(), 400), '2026-02-30']) {
      const res = await inject('POST', '/api/v1/agency/shares', dsl.headers, { ...body, expiresOn });
      expect(res.statusCode, expiresOn).toBe(400);
      expect(errorOf(res).fields[0]!.field).toBe('expiresOn');
    }
    const colleague = await inject('POST', '/api/v1/agency/shares', dsl.headers, { ...body, email: demoEmail('staff') });
    expect(colleague.statusCode).toBe(409);
    const demoAgency = await sessionFor(t, demoEmail('agency'));
    expect((await inject('POST', '/api/v1/agency/shares', demoAgency.headers, body)).statusCode).toBe(403);
    expect((await inject('GET', '/api/v1/agency/my-shares', staff.headers)).statusCode).toBe(403);
  });
});
