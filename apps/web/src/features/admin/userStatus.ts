import type { TUser } from '../../lib/types';

/** Is the account locked out after failed sign-ins right now? */
export function isLocked(u: TUser, now = Date.now()): boolean {
  return !!u.lockedUntil && new Date(u.lockedUntil).getTime() > now;
}
