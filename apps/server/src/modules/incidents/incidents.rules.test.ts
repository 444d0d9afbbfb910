import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_SERIOUS_SEVERITY, TRANSITIONS, auditDetails, canonical, customValueErrors, diffSnapshots, durationMinutes,
  editableBy, isSerious, londonDate, missingFields, parentNotInformedSameDay, parseFields, reviewOverdue, seriousThreshold, transition,
  type CompletenessInput, type CompletenessPi, type CustomField,
} from './incidents.rules.ts';

describe('transition table (REV-1)', () => {
  it.each([
    ['draft', 'submit', 'submitted', 'submit'],
    ['returned', 'submit', 'submitted', 'resubmit'],
    ['submitted', 'return', 'returned', 'return'],
    ['submitted', 'signOff', 'signed_off', 'sign_off'],
  ] as const)('%s --%s--> %s (%s)', (from, action, to, change) => {
    expect(transition(from, action)).toEqual({ to, change });
  });

  it.each([
    ['draft', 'return'], ['draft', 'signOff'], ['submitted', 'submit'], ['returned', 'return'], ['returned', 'signOff'],
    ['signed_off', 'submit'], ['signed_off', 'return'], ['signed_off', 'signOff'],
  ] as const)('refuses %s --%s', (from, action) => {
    expect(transition(from, action)).toBeNull();
  });

  it('has exactly one way out of each (status, action) pair and never leaves signed_off', () => {
    const keys = TRANSITIONS.map((t) => `${t.from}:${t.action}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(TRANSITIONS.some((t) => t.from === 'signed_off')).toBe(false);
  });

  it.each([
    ['draft', true, false, true], ['draft', false, true, false], ['returned', true, false, true], ['returned', false, true, false],
    ['submitted', true, false, false], ['submitted', false, true, true], ['signed_off', true, true, false],
  ] as const)('editable when %s by author=%s reviewer=%s: %s', (status, isAuthor, isReviewer, expected) => {
    expect(editableBy(status, { isAuthor, isReviewer })).toBe(expected);
  });
});

describe('durationMinutes (SPEC §9)', () => {
  it.each([
    ['2026-11-18T10:00:00Z', '2026-11-18T10:07:59Z', 7],
    ['2026-11-18T10:00:00Z', '2026-11-18T10:00:59Z', 0],
    ['2026-11-18T10:00:00+01:00', '2026-11-18T09:30:00Z', 30],
    ['2026-11-18T10:00:00Z', '2026-11-18T10:00:00Z', null],
    ['2026-11-18T10:00:00Z', '2026-11-18T09:00:00Z', null],
    [null, '2026-11-18T09:00:00Z', null],
  ])('%s → %s is %s', (a, b, expected) => {
    expect(durationMinutes(a, b)).toBe(expected);
  });

  it('is the whole minutes between start and end, for any positive span', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2_000_000_000_000 }), fc.integer({ min: 1, max: 48 * 3_600_000 }), (start, span) => {
      const d = durationMinutes(new Date(start).toISOString(), new Date(start + span).toISOString());
      expect(d).toBe(Math.floor(span / 60_000));
    }));
  });
});

describe('reviewOverdue (REV-2)', () => {
  it.each([
    ['2026-11-16T09:00:00Z', '2026-11-18T09:00:00Z', false], ['2026-11-16T09:00:00Z', '2026-11-18T09:00:01Z', true],
    ['2026-11-18T08:00:00Z', '2026-11-18T09:00:00Z', false],
  ])('submitted %s, now %s: overdue %s', (submittedAt, now, want) => expect(reviewOverdue(submittedAt, new Date(now))).toBe(want));
});

describe('parentNotInformedSameDay (LAW-10)', () => {
  const pi = (startedAt: string | null, parentInformedAt: string | null) => ({ startedAt, parentInformedAt });
  it.each([
    ['day not over yet', pi('2026-11-18T10:00:00Z', null), '2026-11-18T23:58:00Z', false],
    ['day over, never told', pi('2026-11-18T10:00:00Z', null), '2026-11-19T00:00:01Z', true],
    ['told the same day', pi('2026-11-18T10:00:00Z', '2026-11-18T16:00:00Z'), '2026-11-20T09:00:00Z', false],
    ['told the next day', pi('2026-11-18T10:00:00Z', '2026-11-19T08:00:00Z'), '2026-11-20T09:00:00Z', true],
    // British Summer Time: 23:30 UTC on 30 June is already 1 July in London
    ['BST: started late evening UTC, next London day', pi('2026-06-30T23:30:00Z', '2026-07-01T08:00:00Z'), '2026-07-02T09:00:00Z', false],
    ['BST: London day ends at 23:00 UTC', pi('2026-06-30T10:00:00Z', null), '2026-06-30T23:00:01Z', true],
    ['no start time', pi(null, null), '2030-01-01T00:00:00Z', false],
  ])('%s', (_label, p, now, expected) => {
    expect(parentNotInformedSameDay(p, new Date(now))).toBe(expected);
  });

  it('is never raised while the day of the intervention lasts, and always once it is over with no parent told', () => {
    fc.assert(fc.property(fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }), fc.integer({ min: 0, max: 3 * 86_400_000 }), (start, after) => {
      const startedAt = new Date(start).toISOString();
      const now = new Date(start + after);
      const sameLondonDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now)
        === new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date(start));
      expect(parentNotInformedSameDay({ startedAt, parentInformedAt: null }, now)).toBe(!sameLondonDay);
      expect(parentNotInformedSameDay({ startedAt, parentInformedAt: startedAt }, now)).toBe(false);
    }));
  });
});

describe('seriousness (REV-1)', () => {
  it.each([
    [null, false, 4, false], [3, false, 4, false], [4, false, 4, true], [5, false, 4, true], [0, true, 4, true], [2, false, 2, true],
  ])('severity %s, PI %s, threshold %s → %s', (severity, physicalIntervention, threshold, expected) => {
    expect(isSerious({ severity, physicalIntervention }, threshold)).toBe(expected);
  });
  it.each([
    [undefined, DEFAULT_SERIOUS_SEVERITY], [{ details: { value: 3 } }, 3], [{ details: {}, label: '5' }, 5], [{ details: { value: 'x' } }, DEFAULT_SERIOUS_SEVERITY],
    [{ details: { value: 9 } }, DEFAULT_SERIOUS_SEVERITY],
  ])('threshold from setting %j is %s', (setting, expected) => {
    expect(seriousThreshold(setting)).toBe(expected);
  });
});

const FIELDS: CustomField[] = [
  { key: 'witnessed', label: 'Witnessed by SLT', type: 'yes_no', required: true },
  { key: 'trigger', label: 'Trigger', type: 'choice', options: ['noise', 'transition'], required: false },
  { key: 'followUp', label: 'Follow-up date', type: 'date', required: false },
  { key: 'notes', label: 'Notes', type: 'text', required: false },
];

describe('custom values (POL-2)', () => {
  it.each([
    [{ witnessed: true, trigger: 'noise', followUp: '2026-11-20', notes: 'x' }, []],
    [{ witnessed: null }, []],
    [{ witnessed: 'yes' }, ['customValues.witnessed']],
    [{ trigger: 'weather' }, ['customValues.trigger']],
    [{ followUp: '2026-02-30' }, ['customValues.followUp']],
    [{ notes: true }, ['customValues.notes']],
    [{ unknown: 'x' }, ['customValues.unknown']],
  ])('%j → errors on %j', (values, fields) => {
    expect(customValueErrors(values, FIELDS).map((e) => e.field)).toEqual(fields);
  });

  it('reads stored field definitions defensively', () => {
    expect(parseFields(JSON.stringify([{ key: 'a', label: 'A', type: 'text', required: true }, { key: 'b', type: 'weird' }, null, 'x']))).toEqual(
      [{ key: 'a', label: 'A', type: 'text', required: true }]);
    expect(parseFields(null)).toEqual([]);
  });
});

const PI: CompletenessPi = {
  pupilId: 'p1', kind: 'force_with_contact', pupilSenStatus: 'ehcp', startedAt: '2026-11-18T10:00:00Z', endedAt: '2026-11-18T10:05:00Z',
  staffTechniques: [{ staffId: 's1', techniqueCodes: ['guide'] }], reason: 'Risk of harm', deescalationTried: 'Distraction', pupilInjured: false,
  staffInjured: false, injuryNotes: null, bodyMap: [], medicalAttention: 'None needed', supportOffered: 'Time with a trusted adult',
  pupilDebriefAt: null, pupilDebriefBy: null, staffDebriefAt: null, staffDebriefBy: null, parentInformedAt: null, parentInformedHow: null, parentInformedBy: null,
};
const COMPLETE: CompletenessInput = {
  occurredAt: '2026-11-18T10:00:00Z', locationCode: 'corridor', severity: 3, categoryCodes: ['disruption'], pupils: [{ pupilId: 'p1' }],
  antecedent: 'Asked to leave the lesson', behaviour: 'Threw a chair', customValues: { witnessed: false }, physicalIntervention: false, physicalInterventions: [],
};
const fieldsOf = (i: CompletenessInput, stage: 'submit' | 'signOff') => missingFields(i, stage, FIELDS).map((m) => m.field);

describe('completeness (REV-2)', () => {
  it('passes a complete incident at both stages', () => {
    expect(fieldsOf(COMPLETE, 'submit')).toEqual([]);
    expect(fieldsOf(COMPLETE, 'signOff')).toEqual([]);
  });

  it('names every missing item of an empty draft', () => {
    const empty: CompletenessInput = { occurredAt: null, locationCode: null, severity: null, categoryCodes: [], pupils: [], antecedent: null, behaviour: '  ',
      customValues: {}, physicalIntervention: true, physicalInterventions: [] };
    expect(fieldsOf(empty, 'submit')).toEqual(['behaviour', 'occurredAt', 'locationCode', 'pupils', 'categoryCodes', 'severity', 'customValues.witnessed', 'physicalInterventions', 'antecedent']);
  });

  it.each([
    [{ pupilId: 'someone-else' }, 'physicalInterventions.0.pupilId'],
    [{ endedAt: '2026-11-18T09:00:00Z' }, 'physicalInterventions.0.endedAt'],
    [{ staffTechniques: [] }, 'physicalInterventions.0.staffTechniques'],
    [{ staffTechniques: [{ staffId: 's1', techniqueCodes: [] }] }, 'physicalInterventions.0.staffTechniques.0.techniqueCodes'],
    [{ reason: '' }, 'physicalInterventions.0.reason'],
    [{ deescalationTried: null }, 'physicalInterventions.0.deescalationTried'],
    [{ pupilInjured: true, injuryNotes: 'Graze' }, 'physicalInterventions.0.bodyMap'],
    [{ staffInjured: true, bodyMap: [{}] }, 'physicalInterventions.0.injuryNotes'],
    [{ medicalAttention: null }, 'physicalInterventions.0.medicalAttention'],
    [{ kind: null }, 'physicalInterventions.0.kind'],
    [{ pupilSenStatus: null }, 'physicalInterventions.0.pupilSenStatus'],
    // seclusion, restraint without contact and immobilisation name the staff, but use no holds
    [{ kind: 'seclusion', staffTechniques: [] }, 'physicalInterventions.0.staffTechniques'],
  ] as [Partial<CompletenessPi>, string][])('a PI with %j misses %s at submission', (change, field) => {
    expect(fieldsOf({ ...COMPLETE, physicalIntervention: true, physicalInterventions: [{ ...PI, ...change }] }, 'submit')).toEqual([field]);
  });

  it.each(['restraint_without_contact', 'seclusion', 'immobilisation'])('a PI of kind %s needs no technique per member of staff', (kind) => {
    const pi = { ...PI, kind, staffTechniques: [{ staffId: 's1', techniqueCodes: [] }] };
    expect(fieldsOf({ ...COMPLETE, physicalIntervention: true, physicalInterventions: [pi] }, 'submit')).toEqual([]);
    expect(fieldsOf({ ...COMPLETE, physicalIntervention: true, physicalInterventions: [{ ...pi, kind: 'force_with_contact' }] }, 'submit'))
      .toEqual(['physicalInterventions.0.staffTechniques.0.techniqueCodes']);
  });

  it('asks for what happened beforehand when force, restraint or seclusion was used (LAW-10), in words', () => {
    const m = missingFields({ ...COMPLETE, antecedent: ' ', physicalIntervention: true, physicalInterventions: [PI] }, 'submit', FIELDS);
    expect(m).toEqual([{ field: 'antecedent', message: 'Say what happened beforehand, leading up to the physical intervention' }]);
    expect(fieldsOf({ ...COMPLETE, antecedent: null }, 'submit')).toEqual([]);
  });

  it('asks for the parent informed and both debriefs only at sign-off, accepting a debrief scheduled for later', () => {
    const withPi = { ...COMPLETE, physicalIntervention: true, physicalInterventions: [PI] };
    expect(fieldsOf(withPi, 'submit')).toEqual([]);
    expect(fieldsOf(withPi, 'signOff')).toEqual(['physicalInterventions.0.pupilDebriefAt', 'physicalInterventions.0.staffDebriefAt', 'physicalInterventions.0.parentInformedAt']);
    const noSupport = { ...withPi, physicalInterventions: [{ ...PI, supportOffered: '' }] };
    expect(fieldsOf(noSupport, 'submit')).toEqual([]);
    expect(missingFields(noSupport, 'signOff', FIELDS)[0]).toEqual({ field: 'physicalInterventions.0.supportOffered', message: 'Record the support offered to the pupil afterwards' });
    const done = { ...PI, pupilDebriefAt: '2026-11-18T15:00:00Z', pupilDebriefBy: 's1', staffDebriefAt: '2099-01-01T09:00:00Z', staffDebriefBy: 's1',
      parentInformedAt: '2026-11-18T15:30:00Z', parentInformedHow: 'phone', parentInformedBy: 's1' };
    expect(fieldsOf({ ...withPi, physicalInterventions: [done] }, 'signOff')).toEqual([]);
  });
});

describe('diffSnapshots (INC-6)', () => {
  it('lists changed plain fields, custom values by key and PI fields by position', () => {
    const a = { severity: 2, behaviour: 'x', customValues: { a: 1, b: 2 }, physicalInterventions: [{ id: 'i', reason: 'r' }], pupils: [{ pupilId: 'p' }] };
    const b = { severity: 3, behaviour: 'x', customValues: { a: 1, c: 3 }, physicalInterventions: [{ id: 'i', reason: 's' }, { id: 'j' }], pupils: [{ pupilId: 'p' }] };
    expect(diffSnapshots(a, b)).toEqual([
      { field: 'severity', before: 2, after: 3 },
      { field: 'customValues.b', before: 2, after: null },
      { field: 'customValues.c', before: null, after: 3 },
      { field: 'physicalInterventions.0.reason', before: 'r', after: 's' },
      { field: 'physicalInterventions.1', before: null, after: { id: 'j' } },
    ]);
  });

  it('shows every set field of the first version', () => {
    expect(diffSnapshots(null, { severity: 1, behaviour: null }).map((d) => d.field)).toEqual(['severity']);
  });

  const snapshot = fc.dictionary(fc.constantFrom('severity', 'behaviour', 'locationCode', 'categoryCodes'),
    fc.oneof(fc.integer(), fc.string(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 })));

  it('finds nothing between a snapshot and itself (whatever its key order), and something for any changed field', () => {
    fc.assert(fc.property(snapshot, snapshot, (a, b) => {
      expect(diffSnapshots(a, Object.fromEntries(Object.entries(a).reverse()))).toEqual([]);
      const d = diffSnapshots(a, b);
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
        expect(d.some((x) => x.field === k)).toBe(canonical(a[k] ?? null) !== canonical(b[k] ?? null));
      }
    }));
  });

  it('keeps narrative and pupils out of audit values, naming them only', () => {
    const d = auditDetails({ behaviour: 'secret', severity: 1, pupils: [] }, { behaviour: 'other', severity: 2, pupils: [{ pupilId: 'p' }] });
    expect(d.changed.sort()).toEqual(['behaviour', 'pupils', 'severity']);
    expect(d.before).toEqual({ severity: 1 });
    expect(JSON.stringify(d)).not.toMatch(/secret|other/);
  });
});

describe('londonDate', () => {
  const intl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
  it('matches formatting every instant afresh, whatever was asked before (remembered per UTC hour)', () => {
    fc.assert(fc.property(fc.array(fc.date({ min: new Date('1840-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }), { maxLength: 50 }),
      (dates) => { for (const d of dates) expect(londonDate(d)).toBe(intl.format(d)); }), { numRuns: 200 });
  });
  it.each([
    ['2026-03-29T00:59:59.999Z', '2026-03-29'], ['2026-03-28T23:59:59.999Z', '2026-03-28'], // clocks go forward at 01:00 UTC
    ['2026-10-24T22:59:59.999Z', '2026-10-24'], ['2026-10-24T23:00:00.000Z', '2026-10-25'], // BST: midnight is 23:00 UTC
    ['2026-10-25T23:59:59.999Z', '2026-10-25'], ['2026-10-26T00:00:00.000Z', '2026-10-26'], // GMT again
  ])('%s is %s in London', (iso, date) => {
    expect(londonDate(new Date(iso))).toBe(date);
    expect(londonDate(new Date(iso))).toBe(date); // and again, from what it remembered
  });
});
