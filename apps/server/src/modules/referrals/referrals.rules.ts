/** Pure rules for referrals to agencies (SUP-5): which status changes are allowed, and when a referral is overdue. */
import type { TReferralStatus } from '@haven/contracts';

const NEXT: Record<TReferralStatus, readonly TReferralStatus[]> = {
  draft: ['sent', 'closed'],
  sent: ['accepted', 'declined', 'waiting', 'closed'],
  waiting: ['accepted', 'declined', 'closed'],
  accepted: ['closed'],
  declined: ['closed'],
  closed: [],
};

/** Why a referral may not move from one status to another, or null (staying put is always allowed). */
export function statusChangeProblem(from: TReferralStatus, to: TReferralStatus): string | null {
  if (from === to || NEXT[from].includes(to)) return null;
  if (from === 'closed') return 'This referral is closed: make a new referral instead.';
  return `A referral that is ${from} cannot become ${to}.`;
}

/** The agency has answered once it accepts, declines or puts the pupil on its waiting list. */
export const RESPONSE_STATUSES: readonly TReferralStatus[] = ['accepted', 'declined', 'waiting'];

/** Sent, no response recorded, and the day the response was expected has passed. */
export function isOverdue(r: { status: string; expectedResponseOn: string | null; respondedOn: string | null }, today: string): boolean {
  return r.status === 'sent' && r.respondedOn === null && r.expectedResponseOn !== null && r.expectedResponseOn < today;
}

/** The overdue alert is raised once per referral: when it is overdue and has not been alerted since it was (re)sent. */
export function needsOverdueAlert(r: { status: string; expectedResponseOn: string | null; respondedOn: string | null; overdueAlertedOn: string | null }, today: string): boolean {
  return isOverdue(r, today) && (r.overdueAlertedOn === null || r.overdueAlertedOn < r.expectedResponseOn!);
}

/** Dates that must hold together: made no later than expected; a response no earlier than the referral. */
export function datesProblem(d: { madeOn: string | null; expectedResponseOn: string | null; respondedOn: string | null }): { field: string; message: string } | null {
  if (d.madeOn && d.expectedResponseOn && d.expectedResponseOn < d.madeOn) return { field: 'expectedResponseOn', message: 'The expected response must not be before the referral was made.' };
  if (d.madeOn && d.respondedOn && d.respondedOn < d.madeOn) return { field: 'respondedOn', message: 'The response must not be before the referral was made.' };
  return null;
}
