/** A real SMTP server (smtp-server on 127.0.0.1, AUTH as a relay would ask) for tests of what Haven emails. */
import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { testConfig } from '../harness.ts';

export interface ReceivedMail { from: string; to: string[]; raw: string }

const USER = 'haven-relay';
const PASS = 'relay-secret';

export async function startSmtp() {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    logger: false, authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, _s, cb) { if (auth.username === USER && auth.password === PASS) cb(null, { user: USER }); else cb(new Error('Invalid login')); },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as net.AddressInfo).port;
  return { received, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

export const smtpTestConfig = (port: number) => testConfig({
  publicUrl: 'https://haven.example.org',
  mail: { smtpUrl: `smtp://${USER}:${PASS}@127.0.0.1:${port}`, from: 'Haven <haven@example.org>', tlsRejectUnauthorized: false },
});

/** The message parsed as a mail client would: subject, text and attachments (with their bytes). */
export async function parseMail(raw: string) {
  const m = await simpleParser(raw);
  return { subject: m.subject ?? '', text: m.text ?? '', attachments: m.attachments.map((a) => ({ filename: a.filename ?? '', contentType: a.contentType, content: a.content })) };
}
