import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkDay, checkTechnique, holdFlags, isUncertified, type HeldCertificate } from './certificate-check.rules.ts';

const cert = (issuedOn: string, expiresOn: string, techniqueCodes: string[], graceUntil = expiresOn): HeldCertificate => ({ issuedOn, expiresOn, graceUntil, techniqueCodes });

describe('checkTechnique', () => {
  const tt = cert('2025-03-01', '2027-02-28', ['GUIDE', 'ESCORT']);
  // training's rule: valid up to the day before expires_on, in grace up to the day before grace_until
  it.each([
    ['covered and in date', [tt], 'GUIDE', '2026-11-16', null, null],
    ['the last day before expiry still counts', [tt], 'GUIDE', '2027-02-27', null, null],
    ['on the expiry day', [tt], 'GUIDE', '2027-02-28', 'expired', '2027-02-28'],
    ['before it was issued', [tt], 'GUIDE', '2025-02-28', 'missing', null],
    ['no certificates at all', [], 'GUIDE', '2026-01-01', 'missing', null],
    ['a valid certificate that does not cover the hold', [tt], 'SUPINE', '2026-01-01', 'not_covered', null],
    ['an expired certificate of another course', [cert('2020-01-01', '2021-01-01', ['SUPINE'])], 'GUIDE', '2026-01-01', 'missing', null],
    ['in the grace period', [cert('2025-01-01', '2026-01-31', ['GUIDE'], '2026-05-31')], 'GUIDE', '2026-03-01', 'in_grace', '2026-01-31'],
    ['after the grace period', [cert('2025-01-01', '2026-01-31', ['GUIDE'], '2026-05-31')], 'GUIDE', '2026-06-01', 'expired', '2026-01-31'],
    ['a renewed certificate wins over the expired one', [cert('2023-01-01', '2024-01-01', ['GUIDE']), cert('2024-02-01', '2025-02-01', ['GUIDE'])], 'GUIDE', '2024-06-01', null, null],
    ['expired twice: the latest expiry is named', [cert('2020-01-01', '2021-01-01', ['GUIDE']), cert('2021-02-01', '2022-02-01', ['GUIDE'])], 'GUIDE', '2024-06-01', 'expired', '2022-02-01'],
    ['a leap day before a 1 March expiry', [cert('2023-03-01', '2024-03-01', ['GUIDE'])], 'GUIDE', '2024-02-29', null, null],
    ['on the 1 March expiry after a leap day', [cert('2023-03-01', '2024-03-01', ['GUIDE'])], 'GUIDE', '2024-03-01', 'expired', '2024-03-01'],
  ])('%s', (_name, certs, code, on, problem, expiredOn) => {
    expect(checkTechnique(certs as HeldCertificate[], code as string, on as string)).toEqual({ techniqueCode: code, problem, expiredOn });
  });

  it('a covering certificate valid on the day always means no problem, whatever else is held', () => {
    const day = fc.integer({ min: 0, max: 3000 }).map((n) => new Date(Date.UTC(2020, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(fc.property(fc.array(fc.tuple(day, day, fc.subarray(['A', 'B', 'C']))), day, (raw, on) => {
      const certs = raw.map(([a, b, codes]) => cert(a < b ? a : b, a < b ? b : a, codes));
      const r = checkTechnique(certs, 'A', on);
      const valid = certs.some((c) => c.issuedOn <= on && c.expiresOn > on && c.techniqueCodes.includes('A'));
      expect(r.problem === null).toBe(valid);
    }));
  });
});

describe('holdFlags', () => {
  const certs: Record<string, HeldCertificate[]> = { s1: [cert('2025-01-01', '2026-01-01', ['GUIDE'])], s2: [cert('2025-01-01', '2027-01-01', ['GUIDE'])] };
  const certsOn = (id: string) => certs[id] ?? [];
  it('flags each staff member and technique once per intervention, on the intervention day', () => {
    const flags = holdFlags([
      { id: 'p1', startedAt: '2026-11-16T10:00:00Z', staffTechniques: [{ staffId: 's1', techniqueCodes: ['GUIDE', 'GUIDE'] }, { staffId: 's2', techniqueCodes: ['GUIDE', 'SUPINE'] }, { staffId: 's3', techniqueCodes: ['GUIDE'] }] },
      { id: 'p2', startedAt: '2025-06-01T10:00:00Z', staffTechniques: [{ staffId: 's1', techniqueCodes: ['GUIDE'] }] },
    ], null, certsOn, new Date('2026-12-01T12:00:00Z'));
    expect(flags).toEqual([
      { physicalInterventionId: 'p1', staffId: 's1', techniqueCode: 'GUIDE', problem: 'expired', checkedOn: '2026-11-16', expiredOn: '2026-01-01' },
      { physicalInterventionId: 'p1', staffId: 's2', techniqueCode: 'SUPINE', problem: 'not_covered', checkedOn: '2026-11-16', expiredOn: null },
      { physicalInterventionId: 'p1', staffId: 's3', techniqueCode: 'GUIDE', problem: 'missing', checkedOn: '2026-11-16', expiredOn: null },
    ]);
  });

  it('checks against the London day: late evening in summer is the next day in UTC terms', () => {
    expect(checkDay({ startedAt: '2026-06-30T23:30:00Z' }, null, new Date())).toBe('2026-07-01');
    expect(checkDay({ startedAt: null }, '2026-01-31T23:30:00Z', new Date())).toBe('2026-01-31');
    expect(checkDay({ startedAt: null }, null, new Date('2026-03-10T09:00:00Z'))).toBe('2026-03-10');
  });

  it('counts grace as shown but not uncertified', () => {
    expect(['missing', 'expired', 'not_covered', 'in_grace'].map((p) => isUncertified(p as never))).toEqual([true, true, true, false]);
  });
});
