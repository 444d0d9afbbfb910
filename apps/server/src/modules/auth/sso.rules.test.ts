import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { oauthErrorCode, providerDidMfa, safeReturnTo, verifiedEmail } from './sso.rules.ts';

const BASE = 'https://haven.example.org';

describe('safeReturnTo', () => {
  it.each([
    [undefined, '/'], ['', '/'], ['/', '/'], ['/pupils', '/pupils'], ['/pupils?q=a%20b#top', '/pupils?q=a%20b#top'],
    ['/a/../pupils', '/pupils'], ['/%2F%2Fevil.example', '/%2F%2Fevil.example'], ['/sign-in?x=//evil', '/sign-in?x=//evil'],
  ])('accepts %j as %j', (value, expected) => {
    expect(safeReturnTo(value, BASE)).toBe(expected);
  });

  it.each([
    'https://evil.example', 'http://haven.example.org/pupils', '//evil.example', '///evil.example', '/\\evil.example',
    '\\\\evil.example', '/pupils\\..', 'javascript:alert(1)', 'data:text/html,x', 'pupils', ' /pupils', '/a\tb',
    '/a\nb', '/a\u0000', '/a/../..//evil.example', '/.//evil.example', `/${'x'.repeat(600)}`,
  ])('refuses %j', (value) => {
    expect(safeReturnTo(value, BASE)).toBeNull();
  });

  it('whatever it accepts stays on the origin it is resolved against, wherever Haven is served', () => {
    fc.assert(fc.property(
      fc.oneof(fc.string(), fc.webPath(), fc.webUrl(), fc.string().map((s) => `/${s}`), fc.string().map((s) => `//${s}`)),
      fc.constantFrom(BASE, 'http://localhost:3000', 'https://school.example/'),
      (value, base) => {
        const out = safeReturnTo(value, base);
        if (out === null) return;
        expect(out.startsWith('/') && !out.startsWith('//')).toBe(true);
        expect(new URL(out, base).origin).toBe(new URL(base).origin);
        // resolved against any other page too (the browser resolves Location against the callback URL)
        expect(new URL(out, 'https://other.example/x/y').origin).toBe('https://other.example');
      },
    ), { numRuns: 2000 });
  });
});

describe('verifiedEmail', () => {
  it.each([
    [{ email: 'Staff@School.Example', email_verified: true }, 'staff@school.example'],
    [{ email: 'staff@school.example', email_verified: false }, null],
    [{ email: 'staff@school.example', email_verified: 'true' }, null],
    [{ email: 'staff@school.example' }, null],
    [{ email_verified: true }, null],
    [{ email: 'not-an-email', email_verified: true }, null],
    [{ email: 'staff@school.example', xms_edov: true }, 'staff@school.example'],
    [{ email: 'staff@school.example', xms_edov: false }, null],
    [{ email: 'staff@school.example', email_verified: false, xms_edov: true }, null],
    [{ email: 42, email_verified: true }, null],
  ])('%j → %j', (claims, expected) => {
    expect(verifiedEmail(claims)).toBe(expected);
  });

  it('never vouches for an address without email_verified true or (Entra) xms_edov true', () => {
    fc.assert(fc.property(fc.emailAddress(), fc.anything(), fc.anything(), (email, ev, edov) => {
      const out = verifiedEmail({ email, email_verified: ev, xms_edov: edov });
      if (out !== null) expect(ev === true || (ev === undefined && edov === true)).toBe(true);
    }));
  });
});

describe('providerDidMfa', () => {
  it.each([
    [['pwd', 'mfa'], true], [['otp'], true], [['hwk'], true], [['swk', 'pwd'], true],
    [['pwd'], false], [['pwd', 'kba'], false], [[], false], [undefined, false], ['mfa', false], [[{ mfa: true }], false],
  ])('%j → %s', (amr, expected) => {
    expect(providerDidMfa(amr)).toBe(expected);
  });
});

describe('oauthErrorCode', () => {
  it.each([
    ['access_denied', 'access_denied'], ['invalid_grant', 'invalid_grant'], [undefined, 'other'],
    ['<script>', 'other'], ['a'.repeat(61), 'other'], ['server error', 'other'],
  ])('%j → %j', (value, expected) => {
    expect(oauthErrorCode(value)).toBe(expected);
  });
});
