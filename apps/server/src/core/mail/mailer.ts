/**
 * Email through SMTP (PLT-4, PAR-2 groundwork). One Mailer per app, built from config; `send()` is the only way out.
 * Delivery is always done after the transaction that created the message has committed, in the background
 * (`background()`), so a slow or broken mail server never delays or fails a request.
 *
 * What was sent to whom is kept on the notification row (emailed_at, email_status) — there is no email_log table
 * yet — and, for the life of the process, in `log` (recipient, subject, outcome; never the text).
 */
import nodemailer, { type NodemailerError, type SMTPTransportOptions, type Transporter } from 'nodemailer';
import type { MailConfig } from '../../config.ts';
import type { Deps } from '../http/context.ts';

export interface MailAttachment { filename: string; content: Buffer; contentType: string }
export interface MailMessage { to: string; subject: string; text: string; attachments?: MailAttachment[] }

export interface MailLogEntry {
  at: string;
  to: string;
  subject: string;
  outcome: 'sent' | 'failed';
  messageId: string | null;
  /** Why it failed: an error code and SMTP reply code only, never message text. */
  reason: string | null;
}

export class MailError extends Error {
  constructor(readonly reason: string) { super(`Email not sent: ${reason}`); }
}

const LOG_LIMIT = 500;

/**
 * A short reason for a failed send that cannot carry content: the error's code (ECONNECTION, EAUTH, EENVELOPE,
 * ETIMEDOUT …) and the SMTP reply code. The server's reply text is dropped, as it may echo addresses or headers.
 */
export function failureReason(err: unknown): string {
  const e = (err ?? {}) as Partial<NodemailerError>;
  const code = typeof e.code === 'string' && /^[A-Z_0-9]{2,40}$/.test(e.code) ? e.code : 'ERROR';
  const original = typeof e.originalCode === 'string' && /^[A-Z_0-9]{2,40}$/.test(e.originalCode) ? ` (${e.originalCode})` : '';
  const reply = typeof e.responseCode === 'number' ? ` SMTP ${e.responseCode}` : '';
  return `${code}${original}${reply}`;
}

/** nodemailer options from an smtp:// or smtps:// URL; credentials are percent-decoded. */
export function transportOptions(mail: MailConfig): SMTPTransportOptions {
  const u = new URL(mail.smtpUrl!);
  const secure = u.protocol === 'smtps:';
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: u.port ? Number(u.port) : secure ? 465 : 587,
    secure,
    ...(u.username ? { auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } } : {}),
    tls: { rejectUnauthorized: mail.tlsRejectUnauthorized },
    // Bounded waits: a dead mail server must not keep background work (or shutdown) hanging.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    logger: false,
    debug: false,
  };
}

export class Mailer {
  readonly log: MailLogEntry[] = [];
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(private readonly transport: Transporter | null, readonly from: string) {}

  get configured(): boolean { return this.transport !== null; }

  /** Sends one plain-text message. Throws MailError (with a content-free reason) when not configured or refused. */
  async send(m: MailMessage): Promise<{ messageId: string }> {
    if (!this.transport) throw new MailError('not_configured');
    try {
      const info = await this.transport.sendMail({ from: this.from, to: m.to, subject: m.subject, text: m.text, ...(m.attachments?.length ? { attachments: m.attachments } : {}) }) as { messageId?: string };
      this.remember({ to: m.to, subject: m.subject, outcome: 'sent', messageId: info.messageId ?? null, reason: null });
      return { messageId: info.messageId ?? '' };
    } catch (err) {
      const reason = failureReason(err);
      this.remember({ to: m.to, subject: m.subject, outcome: 'failed', messageId: null, reason });
      throw new MailError(reason);
    }
  }

  /** Runs delivery work without awaiting it; errors are the work's own business (it must record them). */
  background(work: () => Promise<unknown>): void {
    const p = Promise.resolve().then(work).catch(() => undefined);
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }

  /** Resolves once every background delivery started so far has finished (tests and graceful shutdown). */
  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.all([...this.inflight]);
  }

  close(): void { this.transport?.close(); }

  private remember(e: Omit<MailLogEntry, 'at'>): void {
    this.log.push({ at: new Date().toISOString(), ...e });
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
  }
}

export function createMailer(mail: MailConfig): Mailer {
  if (!mail.smtpUrl) return new Mailer(null, mail.from);
  return new Mailer(nodemailer.createTransport(transportOptions(mail)), mail.from);
}

/**
 * The app's Mailer, made on first use from its config. Kept beside Deps (not in it) so that adding email needed no
 * change to every module's wiring; one app → one Deps object → one Mailer.
 */
const mailers = new WeakMap<Deps, Mailer>();
export function mailerFor(deps: Deps): Mailer {
  let m = mailers.get(deps);
  if (!m) {
    m = createMailer(deps.config.mail);
    mailers.set(deps, m);
  }
  return m;
}
