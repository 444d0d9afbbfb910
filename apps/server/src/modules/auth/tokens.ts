/** Opaque secrets (session cookies, API tokens, sign-in challenges): random, and stored only as a SHA-256 hash. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newSecret(prefix = ''): string { return prefix + randomBytes(32).toString('base64url'); }
export function hashSecret(secret: string): string { return createHash('sha256').update(secret).digest('hex'); }
export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a); const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export const SESSION_COOKIE = 'haven_session';
export const CSRF_COOKIE = 'haven_csrf';
export const API_TOKEN_PREFIX = 'hvn_';
