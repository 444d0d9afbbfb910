/**
 * A real SMTP server for journeys and API tests (smtp-server on 127.0.0.1, no TLS, no auth): Haven is pointed at it
 * with SMTP_URL, and a journey reads what was "sent" — above all the set-password link of the latest invitation.
 * Shared by the admin journey (invite a member of staff) and the first-run journey (setup → invite → sign in).
 */
import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

export interface CapturedMail { to: string[]; subject: string; text: string; receivedAt: number }

/** The set-password link in an invitation email's text (the token is in the fragment), or null. */
export function invitationLinkIn(text: string): string | null {
  const m = /https?:\/\/[^\s]+\/set-password#token=[A-Za-z0-9_-]+/.exec(text);
  return m ? m[0] : null;
}

export interface Mailbox {
  port: number;
  /** For the server's environment: SMTP_URL, SMTP_FROM and SMTP_TLS_REJECT_UNAUTHORIZED. */
  env: Record<string, string>;
  messages: CapturedMail[];
  /** Waits for the newest email to this address carrying a set-password link, and returns the link. */
  latestInvitationLink(to: string, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

export async function startMailbox(): Promise<Mailbox> {
  const messages: CapturedMail[] = [];
  const server = new SMTPServer({
    logger: false, authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'],
    onData(stream, session, cb) {
      const to = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
      simpleParser(stream).then((m) => {
        messages.push({ to, subject: m.subject ?? '', text: m.text ?? '', receivedAt: Date.now() });
        cb();
      }, (e: unknown) => cb(e instanceof Error ? e : new Error('unreadable message')));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as net.AddressInfo).port;
  return {
    port,
    env: { SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_FROM: 'Haven <haven@example.org>', SMTP_TLS_REJECT_UNAUTHORIZED: 'false' },
    messages,
    async latestInvitationLink(to: string, timeoutMs = 15_000): Promise<string> {
      const end = Date.now() + timeoutMs;
      for (;;) {
        const found = messages.filter((m) => m.to.includes(to.toLowerCase())).map((m) => invitationLinkIn(m.text)).filter((l): l is string => !!l).at(-1);
        if (found) return found;
        if (Date.now() > end) throw new Error(`no invitation email to ${to} arrived within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
