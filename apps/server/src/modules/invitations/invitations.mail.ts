/**
 * Sending an invitation: after the transaction that made it has committed, in the background (core/mail), and the
 * outcome kept on the invitation row ('sent', or 'failed: <reason without content>'). The token exists only in this
 * message: it is never stored (only its hash), logged, or audited, so a failed send is put right by sending a new
 * invitation, not by retrying this one.
 */
import type { TInvitationKind } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import { AppError } from '../../core/http/errors.ts';
import { MailError, mailerFor } from '../../core/mail/mailer.ts';
import { deliverInBackground, type MailLog } from '../../core/mail/outbox.ts';
import * as repo from './invitations.repo.ts';
import { invitationEmail, setPasswordLink } from './invitations.rules.ts';

const MAX_STATUS = 120;

/** Refuses before anything is written when this server cannot send email: an invitation nobody receives is no use. */
export function requireMail(deps: Deps): void {
  if (!mailerFor(deps).configured) {
    throw new AppError(409, 'email_not_configured',
      'Haven cannot send email yet (SMTP is not set up on this server), so no invitation was sent. Ask your IT administrator to set SMTP_URL, or set a starting password instead.');
  }
}

export interface Outgoing { invitationId: string; kind: TInvitationKind; email: string; displayName: string; token: string; expiresAt: Date; trustName: string }

export function sendAfterCommit(deps: Deps, m: Outgoing, log?: MailLog): void {
  const message = invitationEmail(m.kind, { displayName: m.displayName, trustName: m.trustName, link: setPasswordLink(deps.config.publicUrl, m.token), expiresAt: m.expiresAt });
  deliverInBackground(deps, [m.invitationId], async (mailer, id) => {
    let status = 'sent';
    let at: Date | null = null;
    try {
      await mailer.send({ to: m.email, subject: message.subject, text: message.text });
      at = new Date();
    } catch (err) {
      status = `failed: ${err instanceof MailError ? err.reason : 'ERROR'}`.slice(0, MAX_STATUS);
    }
    await repo.setEmailOutcome(deps.database.db, id, status, at);
    if (status === 'sent') log?.info({ invitationId: id }, 'invitation emailed');
    else log?.warn({ invitationId: id, emailStatus: status }, 'invitation email not sent');
  }, (id) => log?.warn({ invitationId: id }, 'invitation email outcome could not be recorded'));
}
