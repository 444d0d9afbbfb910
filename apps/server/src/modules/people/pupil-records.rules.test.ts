import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkContactReach, checkLeavingDate, checkPupilDates, checkReturnDate, checkUpn, reorder } from './pupil-records.rules.ts';

const TODAY = '2026-12-06';

describe('pupil dates', () => {
  it.each([
    [{ dateOfBirth: '2014-03-09', enrolmentStart: '2025-09-03', enrolmentEnd: null }, []],
    [{ dateOfBirth: '2027-01-01', enrolmentStart: '2027-09-03', enrolmentEnd: null }, ['dateOfBirth']],
    [{ dateOfBirth: '1990-01-01', enrolmentStart: '2025-09-03', enrolmentEnd: null }, ['dateOfBirth']],
    [{ dateOfBirth: '2014-03-09', enrolmentStart: '2013-09-03', enrolmentEnd: null }, ['enrolmentStart']],
    [{ dateOfBirth: '2014-03-09', enrolmentStart: '2025-09-03', enrolmentEnd: '2025-07-01' }, ['enrolmentStart']],
  ])('%j → %j', (p, fields) => expect(checkPupilDates(p, TODAY).map((x) => x.field)).toEqual(fields));

  it('a leaving date is from admission to a year ahead', () => {
    expect(checkLeavingDate('2025-09-02', '2025-09-03', TODAY)?.field).toBe('date');
    expect(checkLeavingDate('2025-09-03', '2025-09-03', TODAY)).toBeNull();
    expect(checkLeavingDate('2027-12-06', '2025-09-03', TODAY)).toBeNull();
    expect(checkLeavingDate('2027-12-07', '2025-09-03', TODAY)?.message).toMatch(/more than a year ahead/);
  });

  it('a date back on roll is after leaving', () => {
    expect(checkReturnDate('2026-01-01', '2026-01-01', '2014-01-01', TODAY)?.message).toMatch(/after that/);
    expect(checkReturnDate('2026-01-02', '2026-01-01', '2014-01-01', TODAY)).toBeNull();
    expect(checkReturnDate('2013-01-02', null, '2014-01-01', TODAY)?.field).toBe('date');
  });
});

describe('UPN and contacts', () => {
  it('tidies a typed UPN and names upn when its check letter is wrong', () => {
    expect(checkUpn(' b801 2000 05001 ')).toEqual({ upn: 'B801200005001' });
    expect(checkUpn('A801200005001')).toMatchObject({ field: 'upn', message: expect.stringMatching(/check letter/) });
  });

  it.each([
    ['email', { email: null, phone: '1', address: 'x' }, 'email'],
    ['phone', { email: 'a@b.c', phone: null, address: 'x' }, 'phone'],
    ['letter', { email: 'a@b.c', phone: '1', address: null }, 'address'],
    ['letter', { email: null, phone: null, address: '1 High St' }, null],
  ])('a contact who prefers %s needs its detail', (preferredContact, c, field) => {
    expect(checkContactReach({ preferredContact, ...c })?.field ?? null).toBe(field);
  });
});

describe('calling order', () => {
  it('puts a contact at a position and numbers everyone 1…n, others keeping their order', () => {
    expect(reorder(['a', 'b', 'c'], 'c', 1)).toEqual([{ contactId: 'c', priority: 1 }, { contactId: 'a', priority: 2 }, { contactId: 'b', priority: 3 }]);
    expect(reorder(['a', 'b'], 'n', null).map((o) => o.contactId)).toEqual(['a', 'b', 'n']);
    expect(reorder(['a', 'b'], 'a', 99).map((o) => o.contactId)).toEqual(['b', 'a']);
  });

  it('always gives each contact once, numbered 1…n, the moved one where asked (or last)', () => {
    fc.assert(fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 3 }), { maxLength: 8 }), fc.string({ minLength: 1, maxLength: 3 }), fc.option(fc.integer({ min: 1, max: 12 })), (ids, id, pos) => {
      const out = reorder(ids, id, pos);
      const expected = new Set([...ids, id]);
      expect(out.map((o) => o.contactId).sort()).toEqual([...expected].sort());
      expect(out.map((o) => o.priority)).toEqual(out.map((_, i) => i + 1));
      const at = out.findIndex((o) => o.contactId === id) + 1;
      expect(at).toBe(pos == null ? out.length : Math.min(pos, out.length));
      expect(out.map((o) => o.contactId).filter((x) => x !== id)).toEqual(ids.filter((x) => x !== id));
    }));
  });
});
