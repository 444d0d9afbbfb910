/** The one-calendar-month deadline, status moves, overdue; the name finder; redaction of a record. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canMove, daysLeft, isOverdue, oneCalendarMonthAfter, sarDeadline } from './subject-access.rules.ts';
import { NameMatcher, pupilNames, replaceMatches } from './subject-access.names.ts';
import { ANOTHER_PUPIL, MEMBER_OF_STAFF, REDACTED, redactRecord, type Person } from './subject-access.redact.ts';

describe('one calendar month from receipt', () => {
  it.each([
    ['2026-01-31', '2026-02-28'], // no 31 February: the month's last day
    ['2028-01-31', '2028-02-29'], // leap year
    ['2028-01-30', '2028-02-29'],
    ['2026-01-28', '2026-02-28'],
    ['2026-03-31', '2026-04-30'],
    ['2026-08-31', '2026-09-30'],
    ['2026-12-15', '2027-01-15'], // over the year end
    ['2026-12-31', '2027-01-31'],
    ['2026-09-03', '2026-10-03'],
    ['2026-02-28', '2026-03-28'],
  ])('%s → %s', (received, due) => expect(oneCalendarMonthAfter(received)).toBe(due));

  it('moves a deadline at a weekend on to the Monday', () => {
    expect(sarDeadline('2026-01-31')).toBe('2026-03-02'); // 28/02/2026 is a Saturday
    expect(sarDeadline('2026-10-01')).toBe('2026-11-02'); // 01/11/2026 is a Sunday
    expect(sarDeadline('2026-09-03')).toBe('2026-10-05'); // 03/10/2026 is a Saturday
    expect(sarDeadline('2026-11-04')).toBe('2026-12-04'); // a Friday stays
  });

  it('is always after receipt, within 34 days, never at a weekend', () => {
    fc.assert(fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (d) => {
      const received = d.toISOString().slice(0, 10);
      const due = sarDeadline(received);
      const days = daysLeft(due, received);
      expect(days).toBeGreaterThanOrEqual(28);
      expect(days).toBeLessThanOrEqual(34);
      expect([0, 6]).not.toContain(new Date(`${due}T00:00:00Z`).getUTCDay());
    }));
  });
});

describe('status and overdue', () => {
  it('moves only forward (or back from redaction to gathering), and closes at released or withdrawn', () => {
    expect(canMove('received', 'gathering')).toBe(true);
    expect(canMove('gathering', 'redaction')).toBe(true);
    expect(canMove('redaction', 'gathering')).toBe(true);
    expect(canMove('received', 'redaction')).toBe(false);
    expect(canMove('redaction', 'released')).toBe(false); // only by releasing
    expect(canMove('released', 'withdrawn')).toBe(false);
    expect(canMove('withdrawn', 'gathering')).toBe(false);
  });
  it('is overdue only while open and after the deadline day', () => {
    expect(isOverdue('gathering', '2026-11-30', '2026-11-30')).toBe(false);
    expect(isOverdue('gathering', '2026-11-30', '2026-12-01')).toBe(true);
    expect(isOverdue('released', '2026-11-30', '2026-12-01')).toBe(false);
    expect(isOverdue('withdrawn', '2026-11-30', '2026-12-01')).toBe(false);
    expect(daysLeft('2026-12-01', '2026-11-30')).toBe(1);
  });
});

describe('finding names in free text', () => {
  const m = new NameMatcher([
    { kind: 'pupil', names: pupilNames({ legalForename: 'Ava', legalSurname: 'Hughes', preferredForename: 'Evie', preferredSurname: null }) },
    { kind: 'pupil', names: ['Mary Ann Smith'] },
    { kind: 'staff', names: ['Dan Price'] },
    { kind: 'staff', names: ['Sam'] },
  ], ['Sam Okoro']);
  it('finds whole names in any case, by legal or preferred forename, longest first', () => {
    expect(m.find('ava hughes pushed him; Evie Hughes cried').map((x) => x.text)).toEqual(['ava hughes', 'Evie Hughes']);
    expect(m.find('Mary Ann Smith said').map((x) => x.text)).toEqual(['Mary Ann Smith']);
    expect(m.find('Mr Dan Price saw it')).toEqual([{ start: 3, end: 12, text: 'Dan Price', kind: 'staff' }]);
  });
  it('does not find a part of a word, a forename alone, or the pupil themself', () => {
    expect(m.find('Avalon Hughes and Ava went; Sam helped')).toEqual([]);
  });
  it('replaces the matches it is told to', () => {
    const text = 'Ava Hughes and Dan Price';
    expect(replaceMatches(text, m.find(text), (x) => (x.kind === 'pupil' ? ANOTHER_PUPIL : null))).toBe('[another pupil] and Dan Price');
  });
});

describe('redacting a record', () => {
  const SUBJECT = '00000000-0000-7000-8000-000000000001';
  const OTHER = '00000000-0000-7000-8000-000000000002';
  const STAFF = '00000000-0000-7000-8000-000000000003';
  const people = new Map<string, Person>([[SUBJECT, { kind: 'subject', name: 'Leo Grant' }], [OTHER, { kind: 'pupil', name: 'Ava Hughes' }], [STAFF, { kind: 'staff', name: 'Dan Price' }]]);
  const matcher = new NameMatcher([{ kind: 'pupil', names: ['Ava Hughes'] }, { kind: 'staff', names: ['Dan Price'] }]);
  const record = { kind: 'incident', id: 'x', at: null, title: 'Incidents', data: { pupil_id: SUBJECT, other_pupils: [OTHER], created_by: STAFF, behaviour: 'Leo hit Ava Hughes; Dan Price stepped in', trust_id: 'hidden' } };

  it('always replaces other pupils, names staff unless staff are redacted, and flags names in text', () => {
    const r = redactRecord(record, { people, places: new Map(), matcher, redactStaff: false }, null);
    expect(r.values).toEqual({ pupil_id: 'Leo Grant', other_pupils: [ANOTHER_PUPIL], created_by: 'Dan Price', behaviour: `Leo hit ${ANOTHER_PUPIL}; Dan Price stepped in` });
    expect(r.flags.map((f) => [f.field, f.as, f.text])).toEqual([['behaviour', 'pupil', 'Ava Hughes'], ['behaviour', 'staff', 'Dan Price']]);
    const staff = redactRecord(record, { people, places: new Map(), matcher, redactStaff: true }, null);
    expect(JSON.stringify(staff.values)).not.toMatch(/Dan Price|Ava Hughes/);
    expect(staff.values.created_by).toBe(MEMBER_OF_STAFF);
  });
  it("finds the forename or surname alone of a person the record names, written with a capital, never the pupil's own", () => {
    const alone = { ...record, data: { ...record.data, behaviour: 'Ava pushed Leo; Hughes then ran off and Dan followed. The avalanche of ava-coloured paint' } };
    const r = redactRecord(alone, { people, places: new Map(), matcher, redactStaff: false }, null);
    expect(r.values.behaviour).toBe(`${ANOTHER_PUPIL} pushed Leo; ${ANOTHER_PUPIL} then ran off and Dan followed. The avalanche of ava-coloured paint`);
    expect(r.flags.map((f) => [f.as, f.text])).toEqual([['pupil', 'Ava'], ['pupil', 'Hughes']]);
    const staff = redactRecord(alone, { people, places: new Map(), matcher, redactStaff: true }, null);
    expect(staff.values.behaviour).toBe(`${ANOTHER_PUPIL} pushed Leo; ${ANOTHER_PUPIL} then ran off and ${MEMBER_OF_STAFF} followed. The avalanche of ava-coloured paint`);
    // a pupil who shares the subject's forename: that word is the subject's and stays
    const twin = new Map(people).set(OTHER, { kind: 'pupil', name: 'Leo Hughes' });
    expect(redactRecord(alone, { people: twin, places: new Map(), matcher, redactStaff: false }, null).values.behaviour).toMatch(/^Ava pushed Leo; \[another pupil\] then ran off/);
  });
  it('applies the decision: redact fields, or withhold', () => {
    const ctx = { people, places: new Map(), matcher, redactStaff: false };
    expect(redactRecord(record, ctx, { action: 'redact', fields: ['behaviour'], reason: null }).values.behaviour).toBe(REDACTED);
    expect(redactRecord(record, ctx, { action: 'withhold', fields: [], reason: 'harm' }).outcome).toBe('withhold');
  });
});
