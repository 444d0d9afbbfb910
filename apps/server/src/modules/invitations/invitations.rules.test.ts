import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { invitationEmail, invitationStatus, setPasswordLink, shareExpiry } from './invitations.rules.ts';

const now = new Date('2026-12-06T09:00:00Z');
const later = new Date('2026-12-13T09:00:00Z');
const earlier = new Date('2026-12-01T09:00:00Z');

describe('invitation status', () => {
  it.each([
    [{ usedAt: null, revokedAt: null, expiresAt: later }, 'pending'],
    [{ usedAt: null, revokedAt: null, expiresAt: now }, 'expired'],
    [{ usedAt: null, revokedAt: null, expiresAt: earlier }, 'expired'],
    [{ usedAt: null, revokedAt: earlier, expiresAt: later }, 'revoked'],
    [{ usedAt: null, revokedAt: earlier, expiresAt: earlier }, 'revoked'],
    [{ usedAt: earlier, revokedAt: null, expiresAt: earlier }, 'accepted'],
    [{ usedAt: earlier, revokedAt: earlier, expiresAt: later }, 'accepted'],
  ] as const)('%o is %s', (state, status) => {
    expect(invitationStatus(state, now)).toBe(status);
  });
});

describe('share expiry', () => {
  it('ends at the last moment of the last day in London, winter and summer', () => {
    expect(shareExpiry('2026-12-20', now)).toEqual({ at: new Date('2026-12-20T23:59:59.999Z') });
    expect(shareExpiry('2027-07-01', now)).toEqual({ at: new Date('2027-07-01T22:59:59.999Z') });
    expect(shareExpiry('2026-12-06', now)).toEqual({ at: new Date('2026-12-06T23:59:59.999Z') });
  });
  it('refuses a day in the past or more than a year ahead', () => {
    expect(shareExpiry('2026-12-05', now)).toHaveProperty('error');
    expect(shareExpiry('2028-01-01', now)).toHaveProperty('error');
  });
  it('always ends on the day asked for, in London', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 366 }), (n) => {
      const day = new Date(now.getTime() + n * 86_400_000).toISOString().slice(0, 10);
      const out = shareExpiry(day, now);
      if (!('at' in out)) return false;
      const london = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });
      return london.format(out.at) === day && london.format(new Date(out.at.getTime() + 1)) !== day;
    }));
  });
});

describe('the invitation email', () => {
  it('carries the link with the token in the fragment, the expiry as dd/mm/yyyy, and nothing else secret', () => {
    const link = setPasswordLink('https://haven.example.org', 'tok_123');
    expect(link).toBe('https://haven.example.org/set-password#token=tok_123');
    const m = invitationEmail('parent', { displayName: 'Mrs Ada Lovelace', trustName: 'Northfield Trust', link, expiresAt: new Date('2026-12-13T09:00:00Z') });
    expect(m.subject).toBe('Your invitation to the Haven parent portal');
    expect(m.text).toContain(link);
    expect(m.text).toContain('until 13/12/2026');
    expect(m.text).toContain('Dear Mrs Ada Lovelace,');
  });
});
