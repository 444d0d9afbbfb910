/**
 * Invitations (issue 12) through the API and a REAL SMTP conversation: invite → email received → set password →
 * sign in; a parent sees exactly their linked children; expired, reused, withdrawn and unknown links get clear
 * answers; a wrong-site office and other roles are refused; the token is never in the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, gte, isNull, or, sql } from 'drizzle-orm';
import { londonToday } from '../../src/core/time.ts';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, testConfig, type Session, type TestContext } from '../harness.ts';
import { startMailbox, type Mailbox } from '../mailbox.ts';
import { mailerFor } from '../../src/core/mail/mailer.ts';
import { invitations } from '../../src/db/schema/invitations.ts';
import { pupilContacts, pupils } from '../../src/db/schema/pupils.ts';
import { users } from '../../src/db/schema/users.ts';
import { hashSecret } from '../../src/modules/auth/tokens.ts';
import { totpNow } from '../../src/modules/auth/totp.ts';
import { demoSites, type DemoSites } from './behaviour.fixtures.ts';
import { cookiesOf, errorOf, tokenOf, uninvitedParent } from './invitations.fixtures.ts';

describe.each(dbKinds())('invitations on %s', (kind) => {
  let t: TestContext;
  let mail: Mailbox;
  let s: DemoSites;
  let admin: Session; let office: Session; let staff: Session;
  beforeAll(async () => {
    mail = await startMailbox();
    t = await createTestContext(kind, testConfig({ publicUrl: 'https://haven.example.org', mail: { smtpUrl: mail.env.SMTP_URL, from: 'Haven <haven@example.org>', tlsRejectUnauthorized: false } }));
    s = await demoSites(t);
    [admin, office, staff] = await Promise.all([sessionFor(t, demoEmail('trust_admin')), sessionFor(t, demoEmail('office')), sessionFor(t, demoEmail('staff'))]);
  });
  afterAll(async () => { await t?.close(); await mail?.close(); });

  const post = (url: string, headers: Record<string, string>, payload: unknown) => t.app.inject({ method: 'POST', url, headers, payload: payload as object });
  const check = (token: string) => post('/api/v1/auth/invitation', {}, { token });
  const accept = (token: string, password: string, extra: object = {}) => post('/api/v1/auth/invitation/accept', {}, { token, password, ...extra });
  const inviteStaff = (email: string, role = 'staff', siteId: string | null = s.site1) =>
    post('/api/v1/admin/users/invitations', admin.headers, { email, displayName: 'Priya Shah', assignments: [{ role, siteId }] });
  async function linkFor(email: string): Promise<string> {
    await mailerFor(t.app.deps).idle();
    return mail.latestInvitationLink(email);
  }

  it('invites a member of staff: the email arrives over SMTP, the link sets the password once, and they sign in', async () => {
    const email = `new.teacher.${kind}@example.org`;
    const res = await inviteStaff(email);
    expect(res.statusCode).toBe(201);
    const inv = json<{ id: string; status: string; kind: string; userId: string }>(res);
    expect(inv).toMatchObject({ status: 'pending', kind: 'staff' });
    const link = await linkFor(email);
    expect(link.startsWith('https://haven.example.org/set-password#token=')).toBe(true);
    const message = mail.messages.find((m) => m.to.includes(email))!;
    expect(message.subject).toBe('You have been invited to Haven');
    expect(message.text).toMatch(/works once, until \d\d\/\d\d\/\d{4}/);
    const token = tokenOf(link);

    // no password yet: signing in fails like any wrong password
    expect((await post('/api/v1/auth/login', {}, { email, password: 'anything at all 1' })).statusCode).toBe(401);
    const checked = await check(token);
    expect(checked.statusCode).toBe(200);
    expect(json(checked)).toMatchObject({ email, displayName: 'Priya Shah', kind: 'staff', twoFactor: 'optional' });

    const short = await accept(token, 'too short');
    expect(short.statusCode).toBe(400);
    expect(errorOf(short).fields.map((f) => f.field)).toContain('password');

    const done = await accept(token, 'a long new password 2026');
    expect(done.statusCode).toBe(200);
    expect(json(done).status).toBe('ok');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: cookiesOf(done) } });
    expect(json<{ user: { email: string } }>(me).user.email).toBe(email);

    // used up: a second use and a second check are told so
    const again = await accept(token, 'another long password');
    expect(again.statusCode).toBe(410);
    expect(errorOf(again).code).toBe('invitation_accepted');
    expect((await check(token)).statusCode).toBe(410);

    const signIn = await post('/api/v1/auth/login', {}, { email, password: 'a long new password 2026' });
    expect(json(signIn).status).toBe('ok');
    const row = (await t.database.db.select().from(invitations).where(eq(invitations.id, inv.id)))[0]!;
    expect(row.emailStatus).toBe('sent');
    expect(row.usedAt).not.toBeNull();
    expect(row.tokenHash).toBe(hashSecret(token));

    // the token and its hash are in no audit entry; the invitation and its acceptance are
    const leaks = await t.database.query<{ n: string }>(`select count(*)::text as n from audit_entries where details::text like $1 or details::text like $2`, [`%${token}%`, `%${row.tokenHash}%`]);
    expect(leaks[0]!.n).toBe('0');
    const actions = (await t.database.query<{ action: string }>(`select action from audit_entries where entity_id = $1 order by seq`, [inv.id])).map((r) => r.action);
    expect(actions).toEqual(['invitation.send', 'invitation.accept']);
  });

  it('asks a role that requires two-factor to set it up before the first session, and offers it to others', async () => {
    const email = `new.head.${kind}@example.org`;
    expect((await inviteStaff(email, 'head')).statusCode).toBe(201);
    const token = tokenOf(await linkFor(email));
    expect(json(await check(token)).twoFactor).toBe('required');
    const res = await accept(token, 'a long new password 2026');
    const step = json<{ status: string; challenge: string; secret: string }>(res);
    expect(step.status).toBe('totp_enrolment_required');
    expect(res.headers['set-cookie']).toBeUndefined();
    const enrolled = await post('/api/v1/auth/totp/enrol', {}, { challenge: step.challenge, code: totpNow(step.secret) });
    expect(json(enrolled).status).toBe('ok');

    const optional = `new.ta.${kind}@example.org`;
    expect((await inviteStaff(optional)).statusCode).toBe(201);
    const chose = await accept(tokenOf(await linkFor(optional)), 'a long new password 2026', { setUpTwoFactor: true });
    expect(json(chose).status).toBe('totp_enrolment_required');
  });

  it('answers an expired, a withdrawn and an unknown link clearly, and a new link replaces the old one', async () => {
    const email = `late.${kind}@example.org`;
    const inv = json<{ id: string }>(await inviteStaff(email));
    const token = tokenOf(await linkFor(email));
    await t.database.db.update(invitations).set({ expiresAt: new Date(Date.now() - 60_000) }).where(eq(invitations.id, inv.id));
    const expired = await check(token);
    expect(expired.statusCode).toBe(410);
    expect(errorOf(expired).code).toBe('invitation_expired');
    expect(errorOf(expired).message).toMatch(/expired/);
    expect((await accept(token, 'a long new password 2026')).statusCode).toBe(410);

    const resent = await post(`/api/v1/invitations/${inv.id}/resend`, admin.headers, {});
    expect(resent.statusCode).toBe(201);
    const second = json<{ id: string }>(resent);
    const token2 = tokenOf(await linkFor(email));
    expect(token2).not.toBe(token);
    const withdrawn = await t.app.inject({ method: 'DELETE', url: `/api/v1/invitations/${second.id}`, headers: admin.headers });
    expect(json(withdrawn).status).toBe('revoked');
    expect(errorOf(await check(token2)).code).toBe('invitation_revoked');

    const third = json<{ id: string }>(await post(`/api/v1/invitations/${second.id}/resend`, admin.headers, {}));
    const token3 = tokenOf(await linkFor(email));
    expect(json(await check(token3)).email).toBe(email);
    // resending again withdraws the third link
    await post(`/api/v1/invitations/${third.id}/resend`, admin.headers, {});
    expect(errorOf(await check(token3)).code).toBe('invitation_revoked');
    expect((await check('not-a-real-token-at-all-123456')).statusCode).toBe(404);
    const audit = (await t.database.query<{ action: string }>(`select action from audit_entries where entity_id = $1`, [second.id])).map((r) => r.action);
    expect(audit).toContain('invitation.revoke');
  });

  it('invites a parent from their contact record; once signed in they see exactly their linked children', async () => {
    const c = await uninvitedParent(t, s.site1);
    const access = await t.app.inject({ method: 'GET', url: `/api/v1/pupils/${c.pupilId}/portal-access`, headers: office.headers });
    expect(access.statusCode).toBe(200);
    expect(json<{ items: { contactId: string; account: string; allowed: string[] }[] }>(access).items.find((i) => i.contactId === c.contactId))
      .toMatchObject({ account: 'none', allowed: ['invite'] });
    const res = await post('/api/v1/invitations/parents', office.headers, { contactIds: [c.contactId] });
    expect(res.statusCode).toBe(201);
    expect(json(res).kind).toBe('parent');
    const email = c.email!.toLowerCase();
    const message = () => mail.messages.filter((m) => m.to.includes(email)).at(-1)!;
    const token = tokenOf(await linkFor(email));
    expect(message().subject).toBe('Your invitation to the Haven parent portal');
    const again = await post('/api/v1/invitations/parents', office.headers, { contactIds: [c.contactId] });
    expect(again.statusCode).toBe(409);

    const done = await accept(token, 'a parent password 2026');
    expect(json(done).status).toBe('ok');
    const cookie = { cookie: cookiesOf(done), 'x-csrf-token': /haven_csrf=([^;]+)/.exec(cookiesOf(done))?.[1] ?? '' };
    const children = json<{ items: { id: string }[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/parent/children', headers: cookie }));
    const expected = (await t.database.db.select({ id: pupilContacts.pupilId }).from(pupilContacts)
      .innerJoin(pupils, eq(pupils.id, pupilContacts.pupilId))
            .where(and(eq(pupilContacts.contactId, c.contactId), eq(pupilContacts.parentalResponsibility, true), or(isNull(pupils.enrolmentEnd), gte(pupils.enrolmentEnd, londonToday()))))).map((r) => r.id).sort();
    expect(children.items.map((i) => i.id).sort()).toEqual(expected);
    expect(expected).toContain(c.pupilId);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/pupils', headers: cookie })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/pupils/${c.pupilId}`, headers: cookie })).statusCode).toBe(403);
    const after = json<{ items: { contactId: string; account: string }[] }>(await t.app.inject({ method: 'GET', url: `/api/v1/pupils/${c.pupilId}/portal-access`, headers: office.headers }));
    expect(after.items.find((i) => i.contactId === c.contactId)?.account).toBe('active');
    const created = (await t.database.query<{ action: string }>(`select a.action from audit_entries a join users u on u.id::text = a.entity_id::text where u.email = $1 order by seq`, [email])).map((r) => r.action);
    expect(created).toContain('parent.account.create');
  });

  it('refuses a wrong-site office, other roles, bad input and a server that cannot send email — writing nothing', async () => {
    const elsewhere = await uninvitedParent(t, s.site2);
    const before = (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(users))[0]!.n;
    expect((await post('/api/v1/invitations/parents', office.headers, { contactIds: [elsewhere.contactId] })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/pupils/${elsewhere.pupilId}/portal-access`, headers: office.headers })).statusCode).toBe(404);
    expect((await post('/api/v1/invitations/parents', staff.headers, { contactIds: [elsewhere.contactId] })).statusCode).toBe(403);
    expect((await post('/api/v1/admin/users/invitations', office.headers, { email: 'x@example.org', displayName: 'X', assignments: [] })).statusCode).toBe(403);
    const bad = await post('/api/v1/admin/users/invitations', admin.headers, { email: 'not an email', displayName: 'X' });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).fields.map((f) => f.field)).toContain('email');
    const unknown = await post('/api/v1/invitations/parents', office.headers, { contactIds: ['0190a6c4-0000-7000-8000-000000000000'] });
    expect(unknown.statusCode).toBe(400);
    expect(errorOf(unknown).fields[0]!.field).toBe('contactIds.0');
    const taken = await inviteStaff(demoEmail('staff'));
    expect(taken.statusCode).toBe(409);
    // a staff invitation someone else's office cannot resend
    const inv = json<{ id: string }>(await inviteStaff(`office.cannot.${kind}@example.org`));
    expect((await post(`/api/v1/invitations/${inv.id}/resend`, office.headers, {})).statusCode).toBe(403);

    const noMail = await createTestContext(kind);
    try {
      const admin2 = await sessionFor(noMail, demoEmail('trust_admin'));
      const res = await noMail.app.inject({ method: 'POST', url: '/api/v1/admin/users/invitations', headers: admin2.headers, payload: { email: 'nomail@example.org', displayName: 'No Mail' } });
      expect(res.statusCode).toBe(409);
      expect(errorOf(res).code).toBe('email_not_configured');
      expect((await noMail.database.db.select().from(users).where(eq(users.email, 'nomail@example.org')))).toHaveLength(0);
    } finally { await noMail.close(); }
    const afterCount = (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(users))[0]!.n;
    expect(afterCount).toBe(before + 1);
  });
});
