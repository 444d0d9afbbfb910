/** TOTP (RFC 6238) two-factor codes: 6 digits, 30 s steps, one step of clock drift either way, no replay. */
import * as OTPAuth from 'otpauth';

const PERIOD = 30;

export function newTotpSecret(): string { return new OTPAuth.Secret({ size: 20 }).base32; }

function totp(secret: string, label = 'Haven'): OTPAuth.TOTP {
  return new OTPAuth.TOTP({ issuer: 'Haven', label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: OTPAuth.Secret.fromBase32(secret) });
}

export function otpauthUrl(secret: string, email: string): string { return totp(secret, email).toString(); }

/** The time step the code belongs to, or null when it is wrong. `lastStep` refuses a code already used. */
export function checkTotp(secret: string, code: string, lastStep: number | null, now = Date.now()): number | null {
  const delta = totp(secret).validate({ token: code, timestamp: now, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(now / 1000 / PERIOD) + delta;
  if (lastStep !== null && step <= lastStep) return null;
  return step;
}

/** The current code for a secret (used by tests and the demo documentation). */
export function totpNow(secret: string, now = Date.now()): string { return totp(secret).generate({ timestamp: now }); }
