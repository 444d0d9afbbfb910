/** LAW-12 rules: where a copy stands, the same-day warning, the age check for withholding, what the copy says. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { emptyPi } from './incidents.model.ts';
import { ageOn, copyFacts, copyOutstanding, copyProblems, copyState, queueCopyFlags, withholdProblem, type CopyCommunication, type CopyDecision } from './parent-copy.rules.ts';

const decision = (over: Partial<CopyDecision>): CopyDecision => ({
  id: 'd1', pupilId: 'p1', action: 'sent', withholdReason: null, explanation: null, communicationIds: [], decidedBy: 'u1', decidedByName: 'Lead',
  decidedAt: '2026-11-16T16:00:00.000Z', ...over,
});
const comm = (id: string, status: CopyCommunication['status'], sentAt: string | null = null): CopyCommunication =>
  ({ id, recipientName: `Parent ${id}`, channel: status === 'to_send_by_hand' ? 'by_hand' : 'email', status, sentAt });

describe('copyState', () => {
  const comms = new Map([
    ['a', comm('a', 'sent', '2026-11-16T16:01:00.000Z')], ['b', comm('b', 'sent', '2026-11-16T16:05:00.000Z')],
    ['c', comm('c', 'to_send_by_hand')], ['d', comm('d', 'failed')], ['e', comm('e', 'pending')],
  ]);
  it.each([
    [[], 'not_sent', null],
    [[decision({ communicationIds: ['a', 'b'] })], 'sent', '2026-11-16T16:05:00.000Z'],
    [[decision({ communicationIds: ['a', 'c'] })], 'to_send_by_hand', null],
    [[decision({ communicationIds: ['a', 'd'] })], 'not_delivered', null],
    [[decision({ communicationIds: ['e', 'c'] })], 'sending', null],
    [[decision({ action: 'withheld', withholdReason: 'risk_of_significant_harm' })], 'withheld', null],
    // a later send that has not reached everyone yet: the earlier one was given
    [[decision({ communicationIds: ['a'] }), decision({ id: 'd2', communicationIds: ['c'] })], 'to_send_by_hand', '2026-11-16T16:01:00.000Z'],
    // withheld, then sent once the risk had passed
    [[decision({ action: 'withheld' }), decision({ id: 'd2', communicationIds: ['b'] })], 'sent', '2026-11-16T16:05:00.000Z'],
  ] as [CopyDecision[], string, string | null][])('%# → %s, given %s', (ds, status, givenAt) => {
    const st = copyState(ds, comms);
    expect(st.status).toBe(status);
    expect(st.givenAt).toBe(givenAt);
  });
});

describe('copyOutstanding (the same-day warning)', () => {
  const pis = [{ startedAt: '2026-11-16T10:00:00.000Z' }, { startedAt: '2026-11-16T09:00:00.000Z' }];
  it.each([
    ['2026-11-16T22:00:00.000Z', 'not_sent', null, false], // still the day of the intervention (London)
    ['2026-11-17T00:30:00.000Z', 'not_sent', null, true], // the day is over
    ['2026-11-17T00:30:00.000Z', 'to_send_by_hand', null, true], // queued but not yet handed over
    ['2026-11-20T00:30:00.000Z', 'sent', '2026-11-18T10:00:00.000Z', false], // given late: the warning stops once it is sent
    ['2026-11-17T00:30:00.000Z', 'withheld', null, false],
  ] as const)('at %s with %s → %s', (now, status, givenAt, expected) => {
    expect(copyOutstanding(pis, { status, givenAt }, new Date(now))).toBe(expected);
  });
  it('uses the London day: 23:30 UTC in summer is already the next day', () => {
    expect(copyOutstanding([{ startedAt: '2026-06-10T10:00:00.000Z' }], { status: 'not_sent', givenAt: null }, new Date('2026-06-10T23:30:00.000Z'))).toBe(true);
  });
  it('never warns before a start time is recorded', () => {
    expect(copyOutstanding([{ startedAt: null }], { status: 'not_sent', givenAt: null }, new Date('2030-01-01T00:00:00Z'))).toBe(false);
  });
});

describe('queueCopyFlags', () => {
  const pis = [{ pupilId: 'p1', startedAt: '2026-11-16T10:00:00.000Z' }, { pupilId: 'p2', startedAt: '2026-11-16T10:00:00.000Z' }];
  const now = new Date('2026-11-18T10:00:00.000Z');
  it('flags a withheld copy and an outstanding one, pupil by pupil', () => {
    expect(queueCopyFlags(pis, [], now)).toEqual({ outstanding: true, withheld: false });
    expect(queueCopyFlags(pis, [{ pupilId: 'p1', action: 'withheld', given: false }, { pupilId: 'p2', action: 'sent', given: true }], now))
      .toEqual({ outstanding: false, withheld: true });
    expect(queueCopyFlags(pis, [{ pupilId: 'p1', action: 'sent', given: true }], now)).toEqual({ outstanding: true, withheld: false });
    expect(queueCopyFlags(pis, [{ pupilId: 'p1', action: 'sent', given: false }, { pupilId: 'p2', action: 'sent', given: true }], now))
      .toEqual({ outstanding: true, withheld: false });
  });
});

describe('ageOn and withholding for age', () => {
  it.each([
    ['2006-11-16', '2026-11-16', 20], ['2006-11-17', '2026-11-16', 19], ['2008-02-29', '2028-02-28', 19], ['2008-02-29', '2028-02-29', 20],
    ['2007-02-28', '2027-02-28', 20], ['2007-03-01', '2027-02-28', 19],
  ])('born %s, on %s: %i', (dob, on, age) => expect(ageOn(dob, on)).toBe(age));

  it('agrees with counting birthdays one by one', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }), fc.integer({ min: 0, max: 9000 }), (dob, days) => {
      const b = dob.toISOString().slice(0, 10);
      const on = new Date(dob.getTime() + days * 86_400_000).toISOString().slice(0, 10);
      let n = 0;
      while (true) {
        const y = Number(b.slice(0, 4)) + n + 1;
        const md = b.slice(5) === '02-29' && !((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) ? '03-01' : b.slice(5);
        if (`${y}-${md}` > on) break;
        n++;
      }
      expect(ageOn(b, on)).toBe(n);
    }));
  });

  it('refuses "20 or over" for a younger pupil, naming the age; harm may be given at any age', () => {
    expect(withholdProblem('pupil_aged_20_or_over', '2012-05-01', '2026-11-16')).toMatch(/The pupil is 14, not 20 or over/);
    expect(withholdProblem('pupil_aged_20_or_over', '2006-05-01', '2026-11-16')).toBeNull();
    expect(withholdProblem('risk_of_significant_harm', '2012-05-01', '2026-11-16')).toBeNull();
  });
});

describe('copyProblems', () => {
  it('keeps what the copy is made from, for this pupil\'s interventions only', () => {
    const missing = ['behaviour', 'antecedent', 'locationCode', 'physicalInterventions.0.kind', 'physicalInterventions.1.reason', 'physicalInterventions.0.pupilDebriefAt',
      'physicalInterventions.0.staffTechniques.1.techniqueCodes', 'physicalInterventions.0.supportOffered', 'physicalInterventions.0.parentInformedAt', 'customValues.x']
      .map((field) => ({ field, message: '' }));
    expect(copyProblems(missing, new Set([0])).map((m) => m.field)).toEqual(['antecedent', 'locationCode', 'physicalInterventions.0.kind',
      'physicalInterventions.0.staffTechniques.1.techniqueCodes', 'physicalInterventions.0.supportOffered']);
  });
});

describe('copyFacts', () => {
  it('states when, where, how long, the kind and degree of force, why, injuries and support, in words', () => {
    const pi = { ...emptyPi('x'), pupilId: 'p1', kind: 'seclusion' as const, pupilSenStatus: 'ehcp' as const, startedAt: '2026-06-10T09:05:00.000Z',
      endedAt: '2026-06-10T10:20:00.000Z', durationMinutes: 75, staffTechniques: [{ staffId: 's1', techniqueCodes: [] }], reason: 'Hitting out at others',
      staffInjured: true, injuryNotes: 'Bruised wrist.', supportOffered: 'Time with a mentor' };
    const facts = Object.fromEntries(copyFacts(pi, { location: 'Sports hall', techniques: new Map(), staff: new Map([['s1', 'Ann Lee']]) }));
    expect(facts).toMatchObject({
      When: 'Wednesday 10 June 2026, from 10:05 to 11:20', Where: 'Sports hall', 'How long': '1 hour 15 minutes', 'Type of intervention': 'Seclusion',
      'Degree of force: staff and the holds or techniques each used': 'Ann Lee: no hold or technique', 'Why it was necessary': 'Hitting out at others',
      Injuries: 'A member of staff was injured. Bruised wrist.', 'Special educational needs at the time': 'EHCP', 'Support offered afterwards': 'Time with a mentor',
      'De-escalation tried first': 'Not recorded',
    });
  });
});
