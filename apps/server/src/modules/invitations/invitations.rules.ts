/** Pure rules for invitations and agency shares: status, expiry, the email's wording. No I/O. */
import type { TInvitationKind } from '@haven/contracts';
import { addDays, formatUkDate, londonIsoDate } from '../../core/calendar/dates.ts';

export type InvitationStatus = 'pending' | 'accepted' | 'expired' | 'revoked';

export interface InvitationState { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date }

/** Accepted wins over revoked and expired (it happened first); a revoked link reads as revoked even once past its date. */
export function invitationStatus(i: InvitationState, now: Date): InvitationStatus {
  if (i.usedAt) return 'accepted';
  if (i.revokedAt) return 'revoked';
  if (i.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'pending';
}

export function invitationExpiry(now: Date, days: number): Date {
  return new Date(now.getTime() + days * 24 * 3_600_000);
}

/** Why a link cannot be used, in words for the person holding it. */
export function unusableMessage(status: Exclude<InvitationStatus, 'pending'>): string {
  switch (status) {
    case 'accepted': return 'This link has already been used to set a password. Sign in with your email address and password, or ask for a new link if you have forgotten it.';
    case 'expired': return 'This link has expired. Ask the person who invited you (your school office or trust administrator) to send a new one.';
    case 'revoked': return 'This link has been withdrawn, usually because a newer one was sent. Use the link in the most recent email, or ask for a new one.';
  }
}

export const LONGEST_SHARE_DAYS = 366;

/**
 * An agency share ends at the end of its last day in England (23:59:59.999 Europe/London), which must be today or
 * later and at most a year ahead. Returns the instant, or a message naming what is wrong.
 */
export function shareExpiry(expiresOn: string, now: Date): { at: Date } | { error: string } {
  const today = londonIsoDate(now);
  if (expiresOn < today) return { error: 'The last day of the share cannot be in the past' };
  if (expiresOn > addDays(today, LONGEST_SHARE_DAYS)) return { error: 'A share can last at most a year; choose an earlier last day' };
  const next = addDays(expiresOn, 1);
  // the first instant of the next London day, minus one millisecond
  const guess = new Date(`${next}T00:00:00Z`);
  const offsetMs = londonIsoDate(new Date(guess.getTime() - 3_600_000)) === next ? 3_600_000 : 0; // BST: London is UTC+1
  return { at: new Date(guess.getTime() - offsetMs - 1) };
}

const KIND_WORDS: Record<TInvitationKind, { subject: string; opening: string }> = {
  staff: { subject: 'You have been invited to Haven', opening: 'You have been given an account on Haven, the behaviour and safeguarding records system your school uses.' },
  parent: { subject: 'Your invitation to the Haven parent portal', opening: "Your child's school has invited you to the Haven parent portal, where you can see your child's behaviour records, letters and meetings." },
  agency: { subject: 'Records shared with you on Haven', opening: 'A school has shared records with you on Haven, for a limited time.' },
};

export interface InvitationEmail { subject: string; text: string }

/** The email: who it is for, the link, when it stops working. The link is the only secret in it. */
export function invitationEmail(kind: TInvitationKind, p: { displayName: string; trustName: string; link: string; expiresAt: Date }): InvitationEmail {
  const words = KIND_WORDS[kind];
  const until = formatUkDate(londonIsoDate(p.expiresAt));
  const text = [
    `Dear ${p.displayName},`,
    '',
    `${words.opening} (${p.trustName})`,
    '',
    'To choose your password and sign in, open this link:',
    p.link,
    '',
    `The link works once, until ${until}. If it has expired, ask the person who invited you to send a new one.`,
    '',
    'If you were not expecting this email, you can ignore it: nothing happens unless the link is used.',
  ].join('\n');
  return { subject: words.subject, text };
}

/** The set-password page's address: the token travels in the fragment, which browsers never send to a server. */
export function setPasswordLink(publicUrl: string, token: string): string {
  return `${publicUrl}/set-password#token=${token}`;
}
