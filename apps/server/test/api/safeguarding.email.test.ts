/**
 * Email to the DSLs through a REAL SMTP conversation (smtp-server on 127.0.0.1, STARTTLS and AUTH as a real relay
 * would ask): one message per DSL, with the link and without the concern or the pupil; sent after commit, never
 * delaying or failing the request; a failure is recorded on the notification without content.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { eq } from 'drizzle-orm';
import { createTestContext, dbKinds, demoEmail, json, sessionFor, testConfig, type TestContext } from '../harness.ts';
import { notifications } from '../../src/db/schema/workflow.ts';
import { sites } from '../../src/db/schema/platform.ts';
import { mailerFor } from '../../src/core/mail/mailer.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { demoSites, pupilsAt } from './behaviour.fixtures.ts';
import { pupilNames, usersWithRoleDirectlyAt } from './safeguarding.fixtures.ts';

interface Received { from: string; to: string[]; raw: string; user: string | undefined }

const USER = 'haven-relay';
const PASS = 'p@ss:w/rd 1';
const TEXT = 'Disclosed that an older cousin sends her explicit messages';

/** Quoted-printable soft breaks and escapes, as nodemailer writes long lines. */
function decodeQp(s: string): string {
  return s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

async function startRelay(opts: { hold?: Promise<void> } = {}) {
  const received: Received[] = [];
  const server = new SMTPServer({
    logger: false,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, _session, cb) {
      if (auth.username === USER && auth.password === PASS) cb(null, { user: USER });
      else cb(new Error('Invalid username or password'));
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        void (async () => {
          await opts.hold;
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString('utf8'), user: session.user as string | undefined,
          });
          cb();
        })();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as net.AddressInfo).port;
  return { received, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const smtpConfig = (port: number, tlsRejectUnauthorized = false) => testConfig({
  publicUrl: 'https://haven.example.org',
  mail: { smtpUrl: `smtp://${encodeURIComponent(USER)}:${encodeURIComponent(PASS)}@127.0.0.1:${port}`, from: 'Haven <haven@example.org>', tlsRejectUnauthorized },
});

describe.each(dbKinds())('safeguarding email on %s', (kind) => {
  const contexts: TestContext[] = [];
  const closers: (() => Promise<void>)[] = [];
  afterAll(async () => { for (const c of contexts) await c.close(); for (const close of closers) await close(); });

  async function context(config = testConfig()) {
    const t = await createTestContext(kind, config);
    contexts.push(t);
    const s = await demoSites(t);
    const pupil = (await pupilsAt(t, s.site1, 1))[0]!;
    const staff = await sessionFor(t, demoEmail('staff'));
    const raise = () => t.app.inject({ method: 'POST', url: '/api/v1/safeguarding-concerns', headers: staff.headers,
      payload: { pupilIds: [pupil], category: 'online', concern: TEXT, childWords: 'He said not to tell' } });
    return { t, s, pupil, raise };
  }

  let relay: Awaited<ReturnType<typeof startRelay>>;
  beforeAll(async () => { relay = await startRelay(); closers.push(relay.close); });

  it("sends each DSL of the site one message with the link and none of the concern, and records it on the notification", async () => {
    const { t, s, pupil, raise } = await context(smtpConfig(relay.port));
    const res = await raise();
    expect(res.statusCode).toBe(201);
    const id = json<{ id: string }>(res).id;
    await mailerFor(t.app.deps).idle();

    const dsls = await usersWithRoleDirectlyAt(t, 'dsl', s.site1);
    expect(dsls.length).toBeGreaterThan(0);
    const mine = relay.received.filter((m) => decodeQp(m.raw).includes(id));
    expect(mine.map((m) => m.to).flat().sort()).toEqual(dsls.map((d) => d.email).sort());
    const siteName = (await t.database.db.select({ name: sites.name }).from(sites).where(eq(sites.id, s.site1)))[0]!.name;
    const names = await pupilNames(t, pupil);
    for (const m of mine) {
      expect(m.user).toBe(USER);
      expect(m.from).toBe('haven@example.org');
      const text = decodeQp(m.raw);
      expect(text).toContain(`https://haven.example.org/safeguarding/${id}`);
      expect(text).toContain(`Subject: New safeguarding concern at ${siteName}`);
      for (const secret of [TEXT, 'He said not to tell', 'online', ...names]) expect(text).not.toContain(secret);
    }
    const notes = await t.database.db.select().from(notifications).where(eq(notifications.link, `/safeguarding/${id}`));
    expect(notes).toHaveLength(dsls.length);
    for (const n of notes) {
      expect(n.emailStatus).toBe('sent');
      expect(n.emailedAt).not.toBeNull();
    }
    const log = mailerFor(t.app.deps).log.filter((l) => l.outcome === 'sent');
    expect(log.map((l) => l.to).sort()).toEqual(dsls.map((d) => d.email).sort());
  });

  it('answers before the mail server has accepted the message (delivery is after commit, in the background)', async () => {
    let release!: () => void;
    const slow = await startRelay({ hold: new Promise<void>((r) => { release = r; }) });
    closers.push(slow.close);
    const { t, raise } = await context(smtpConfig(slow.port));
    const res = await raise();
    expect(res.statusCode).toBe(201);
    const id = json<{ id: string }>(res).id;
    const pending = await t.database.db.select().from(notifications).where(eq(notifications.link, `/safeguarding/${id}`));
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((n) => n.emailStatus === 'pending' && n.emailedAt === null)).toBe(true);
    expect(slow.received).toHaveLength(0);
    release();
    await mailerFor(t.app.deps).idle();
    expect(slow.received.length).toBe(pending.length);
    const sent = await t.database.db.select().from(notifications).where(eq(notifications.link, `/safeguarding/${id}`));
    expect(sent.every((n) => n.emailStatus === 'sent')).toBe(true);
  });

  it('records a failure (no server; an untrusted certificate) without content, and the concern is still raised', async () => {
    for (const config of [smtpConfig(await freePort()), smtpConfig(relay.port, true)]) {
      const { t, raise } = await context(config);
      const res = await raise();
      expect(res.statusCode).toBe(201);
      const id = json<{ id: string }>(res).id;
      await mailerFor(t.app.deps).idle();
      const notes = await t.database.db.select().from(notifications).where(eq(notifications.link, `/safeguarding/${id}`));
      expect(notes.length).toBeGreaterThan(0);
      for (const n of notes) {
        expect(n.emailStatus).toMatch(/^failed: [A-Z_]+/);
        expect(n.emailStatus).not.toContain(TEXT);
        expect(n.emailedAt).toBeNull();
      }
    }
  });

  it("marks DSL notifications 'not_configured' when SMTP is not set", async () => {
    const { t, raise } = await context();
    const id = json<{ id: string }>(await raise()).id;
    const notes = await t.database.db.select().from(notifications).where(eq(notifications.link, `/safeguarding/${id}`));
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.every((n) => n.emailStatus === 'not_configured')).toBe(true);
  });
});

describe('mail configuration', () => {
  const base = { NODE_ENV: 'test', HAVEN_WEB_DIST: '/nonexistent' };
  it('reads SMTP_URL, SMTP_FROM, SMTP_TLS_REJECT_UNAUTHORIZED and HAVEN_PUBLIC_URL', () => {
    const c = loadConfig({ ...base, SMTP_URL: 'smtp://u:p@mail.example.org:587', SMTP_FROM: 'Haven <h@example.org>', SMTP_TLS_REJECT_UNAUTHORIZED: 'false', HAVEN_PUBLIC_URL: 'https://haven.example.org/' } as NodeJS.ProcessEnv);
    expect(c.mail).toEqual({ smtpUrl: 'smtp://u:p@mail.example.org:587', from: 'Haven <h@example.org>', tlsRejectUnauthorized: false });
    expect(c.publicUrl).toBe('https://haven.example.org');
    expect(loadConfig(base as NodeJS.ProcessEnv).mail.smtpUrl).toBeUndefined();
    expect(loadConfig(base as NodeJS.ProcessEnv).mail.tlsRejectUnauthorized).toBe(true);
  });

  it('refuses SMTP_URL without SMTP_FROM, and a malformed SMTP_URL without echoing its password', () => {
    expect(() => loadConfig({ ...base, SMTP_URL: 'smtp://u:p@mail.example.org' } as NodeJS.ProcessEnv)).toThrow(/SMTP_FROM/);
    try {
      loadConfig({ ...base, SMTP_URL: 'http://u:s3cret-pw@mail.example.org', SMTP_FROM: 'x@y.z' } as NodeJS.ProcessEnv);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      expect((e as Error).message).toContain('SMTP_URL');
      expect((e as Error).message).not.toContain('s3cret-pw');
    }
  });
});
