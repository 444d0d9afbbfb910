/**
 * Pure rules of on-call requests (INC-5): which step may follow which, and the response and resolution times.
 * open → acknowledged → resolved; open or acknowledged → cancelled (by the requester) or resolved (by a responder).
 * More responders may say they are coming ("acknowledge") while the call is acknowledged: the caller sees every name.
 */
import type { TOnCallStatus } from '@haven/contracts';

export type OnCallStep = 'acknowledge' | 'resolve' | 'cancel';

const FROM: Record<OnCallStep, readonly TOnCallStatus[]> = {
  acknowledge: ['open', 'acknowledged'],
  resolve: ['open', 'acknowledged'],
  cancel: ['open', 'acknowledged'],
};

export function canStep(status: TOnCallStatus, step: OnCallStep): boolean {
  return FROM[step].includes(status);
}

export const STEP_REFUSED: Record<OnCallStep, Partial<Record<TOnCallStatus, string>>> = {
  acknowledge: { resolved: 'This call has already been resolved.', cancelled: 'This call was cancelled.' },
  resolve: { resolved: 'This call has already been resolved.', cancelled: 'This call was cancelled.' },
  cancel: { resolved: 'This call has already been resolved.', cancelled: 'This call was already cancelled.' },
};

export const ALREADY_COMING = 'You have already said you are coming.';

/** Whole seconds from `from` to `to` (never negative: a clock step backwards counts as 0); null while `to` is unset. */
export function secondsBetween(from: Date, to: Date | null): number | null {
  if (!to) return null;
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 1000));
}

/** Response time: request → first acknowledgement. Resolution time: request → resolution. */
export function onCallTimes(r: { requestedAt: Date; acknowledgedAt: Date | null; resolvedAt: Date | null }) {
  return { responseSeconds: secondsBetween(r.requestedAt, r.acknowledgedAt), resolutionSeconds: secondsBetween(r.requestedAt, r.resolvedAt) };
}

/** How the call is described in notifications and live events: the place, never a pupil. */
export function locationText(label: string | null, detail: string | null): string {
  const parts = [label, detail].map((s) => s?.trim()).filter((s): s is string => !!s);
  return parts.length ? parts.join(' – ') : 'Location not given';
}
