/** A real SMTP server for tests (smtp-server on 127.0.0.1, no auth): records each message, or refuses while told to. */
import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { testConfig } from './harness.ts';
import type { Config } from '../src/config.ts';

export interface ReceivedMail { to: string[]; raw: string }

export async function startSmtp() {
  const received: ReceivedMail[] = [];
  const state = { refuse: false };
  const server = new SMTPServer({
    logger: false, authOptional: true, disabledCommands: ['STARTTLS'], size: 20 * 1024 * 1024,
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (state.refuse) { const e = new Error('Mailbox unavailable') as Error & { responseCode: number }; e.responseCode = 550; cb(e); return; }
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as net.AddressInfo).port;
  return {
    received, port, state,
    config: (overrides: Partial<Config> = {}): Config => testConfig({
      publicUrl: 'https://haven.example.org',
      mail: { smtpUrl: `smtp://127.0.0.1:${port}`, from: 'Haven <haven@example.org>', tlsRejectUnauthorized: false }, ...overrides,
    }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Quoted-printable soft breaks and escapes, as nodemailer writes long lines. */
export function decodeQp(s: string): string {
  return s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}
