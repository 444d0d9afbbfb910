import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PI_KINDS } from '@haven/contracts';
import {
  byTechnique, debriefDone, uncertifiedUses, medicalAttentionGiven, parentInformedSameDay, piFlags, recordsOf, summarise, techniquesOf, topPupils, type PiRow,
} from './intervention-analytics.rules.ts';

const NOW = new Date('2026-11-22T12:00:00Z');
let n = 0;
function pi(over: Partial<PiRow> = {}): PiRow {
  n++;
  return {
    id: `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`, incidentId: 'i', siteId: 's1', occurredOn: '2026-11-18', pupilId: 'p1',
    startedAt: '2026-11-18T10:00:00Z', endedAt: '2026-11-18T10:05:00Z', staffTechniques: [{ staffId: 'a', techniqueCodes: ['HOLD'] }],
    pupilInjured: false, staffInjured: false, medicalAttention: 'None needed.', pupilDebriefAt: null, staffDebriefAt: null, parentInformedAt: null, uncertified: [],
    ...over,
  };
}

describe('medical attention given', () => {
  it.each([
    ['None needed.', false], ['none', false], ['No', false], ['N/A', false], ['n/a', false], ['Nil', false], ['Not required', false],
    ['  "none needed"', false], ['', false], [null, false], ['Nothing needed', false],
    ['First aid given by a trained first aider', true], ['Ice pack applied', true], ['Taken to A&E', true], ['Nosebleed treated', true],
  ])('%j → %s', (text, want) => expect(medicalAttentionGiven(text)).toBe(want));
});

describe('debriefs and the parent informed', () => {
  it('counts a debrief as done once its date has passed, not while it is only scheduled', () => {
    expect(debriefDone(null, NOW)).toBe(false);
    expect(debriefDone('2026-11-22T11:59:59Z', NOW)).toBe(true);
    expect(debriefDone('2026-11-22T12:00:00Z', NOW)).toBe(true);
    expect(debriefDone('2026-11-23T09:00:00Z', NOW)).toBe(false);
  });

  it.each([
    ['told the same afternoon', '2026-11-18T10:00:00Z', '2026-11-18T16:00:00Z', true],
    ['told at 23:30 London time the same day (winter)', '2026-11-18T10:00:00Z', '2026-11-18T23:30:00Z', true],
    ['told the next morning', '2026-11-18T10:00:00Z', '2026-11-19T08:00:00Z', false],
    ['BST: 23:30 UTC is the next London day', '2026-06-30T10:00:00Z', '2026-06-30T23:30:00Z', false],
    ['never told', '2026-11-18T10:00:00Z', null, false],
    ['no start time', null, '2026-11-18T16:00:00Z', false],
  ])('informed the same day: %s', (_l, startedAt, parentInformedAt, want) => {
    expect(parentInformedSameDay({ startedAt, parentInformedAt })).toBe(want);
  });

  it('flags "not informed by the end of the day" only once the day is over, as the review queue does', () => {
    const today = pi({ startedAt: '2026-11-22T09:00:00Z' });
    expect(piFlags(today, NOW).parentNotInformedByEndOfDay).toBe(false);
    expect(piFlags(today, new Date('2026-11-23T00:00:01Z')).parentNotInformedByEndOfDay).toBe(true);
    expect(piFlags(pi({ parentInformedAt: '2026-11-19T08:00:00Z' }), NOW).parentNotInformedByEndOfDay).toBe(true);
    expect(piFlags(pi({ parentInformedAt: '2026-11-18T15:00:00Z' }), NOW).parentNotInformedByEndOfDay).toBe(false);
  });

  it('never counts one intervention both informed the same day and not informed by the end of it (property)', () => {
    const t = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2026-12-31T00:00:00Z') }).map((ms) => new Date(ms).toISOString());
    fc.assert(fc.property(fc.option(t, { nil: null }), fc.option(t, { nil: null }), (startedAt, parentInformedAt) => {
      const f = piFlags(pi({ startedAt, parentInformedAt }), new Date('2027-01-10T00:00:00Z'));
      expect(f.parentInformedSameDay && f.parentNotInformedByEndOfDay).toBe(false);
      if (startedAt) expect(f.parentInformedSameDay || f.parentNotInformedByEndOfDay).toBe(true);
      if (f.parentInformedSameDay) expect(f.parentInformed).toBe(true);
    }));
  });
});

describe('summarise', () => {
  it('totals and medians the durations that are known, and counts distinct pupils and staff', () => {
    const rows = [
      pi({ endedAt: '2026-11-18T10:03:00Z', pupilId: 'p1', staffTechniques: [{ staffId: 'a', techniqueCodes: ['HOLD'] }, { staffId: 'b', techniqueCodes: ['HOLD', 'ESCORT'] }] }),
      pi({ endedAt: '2026-11-18T10:10:59Z', pupilId: 'p1', staffTechniques: [{ staffId: 'b', techniqueCodes: ['ESCORT'] }] }),
      pi({ endedAt: null, pupilId: 'p2', pupilInjured: true, medicalAttention: 'Ice pack', staffTechniques: [] }),
      pi({ pupilId: null, staffInjured: true, pupilDebriefAt: '2026-11-19T09:00:00Z', staffDebriefAt: '2026-11-30T09:00:00Z', parentInformedAt: '2026-11-18T15:00:00Z' }),
    ];
    const s = summarise(rows, NOW);
    expect(s).toMatchObject({ count: 4, minutes: [3, 10, 5], totalMinutes: 18, medianMinutes: 5, pupils: 2, staff: 2 });
    expect(s.flags).toEqual({
      pupilInjured: 1, staffInjured: 1, medicalAttention: 1, pupilDebriefed: 1, staffDebriefed: 0, parentInformed: 1, parentInformedSameDay: 1,
      parentNotInformedByEndOfDay: 3, uncertified: 0,
    });
    expect(summarise([], NOW)).toMatchObject({ count: 0, totalMinutes: 0, medianMinutes: null, pupils: 0, staff: 0 });
  });

  it('counts a technique once per intervention, and its uses per member of staff', () => {
    const rows = [
      pi({ staffTechniques: [{ staffId: 'a', techniqueCodes: ['HOLD'] }, { staffId: 'b', techniqueCodes: ['HOLD', 'ESCORT'] }] }),
      pi({ staffTechniques: [{ staffId: 'a', techniqueCodes: ['ESCORT', 'ESCORT'] }] }),
    ];
    expect(Object.fromEntries(byTechnique(rows))).toEqual({ HOLD: { interventions: 1, staffUses: 2 }, ESCORT: { interventions: 2, staffUses: 2 } });
    expect(techniquesOf(rows[1]!)).toEqual(['ESCORT']);
  });

  it('ranks pupils by interventions, then minutes', () => {
    const rows = [pi({ pupilId: 'p2' }), pi({ pupilId: 'p1', endedAt: '2026-11-18T10:30:00Z' }), pi({ pupilId: 'p2' }), pi({ pupilId: 'p3', endedAt: '2026-11-18T11:00:00Z' }), pi({ pupilId: null })];
    expect(topPupils(rows, 2)).toEqual([{ pupilId: 'p2', count: 2, totalMinutes: 10 }, { pupilId: 'p3', count: 1, totalMinutes: 60 }]);
  });

  it('drills down to exactly the interventions each figure counts (property)', () => {
    const t = fc.constantFrom(null, '2026-11-18T09:00:00Z', '2026-11-18T20:00:00Z', '2026-11-19T08:00:00Z', '2026-11-25T08:00:00Z');
    const row = fc.record({
      pupilInjured: fc.boolean(), staffInjured: fc.boolean(), medicalAttention: fc.constantFrom(null, 'None needed.', 'First aid'),
      pupilDebriefAt: t, staffDebriefAt: t, parentInformedAt: t, startedAt: fc.constantFrom(null, '2026-11-18T10:00:00Z'),
    });
    fc.assert(fc.property(fc.array(row, { maxLength: 12 }), (overs) => {
      const rows = overs.map((o) => pi(o));
      const s = summarise(rows, NOW);
      for (const kind of PI_KINDS) {
        const want = kind === 'all' ? s.count : kind === 'pupilNotDebriefed' ? s.count - s.flags.pupilDebriefed
          : kind === 'staffNotDebriefed' ? s.count - s.flags.staffDebriefed : s.flags[kind];
        expect(recordsOf(rows, kind, NOW).length, kind).toBe(want);
      }
    }));
  });
});

describe('used without a valid certificate (STF-2)', () => {
  const a = pi({ staffTechniques: [{ staffId: 'a', techniqueCodes: ['HOLD', 'GUIDE'] }, { staffId: 'b', techniqueCodes: ['HOLD'] }],
    uncertified: [{ staffId: 'a', techniqueCode: 'HOLD', problem: 'expired' }, { staffId: 'b', techniqueCode: 'HOLD', problem: 'missing' }] });
  const b = pi({ startedAt: '2026-11-19T10:00:00Z', uncertified: [{ staffId: 'a', techniqueCode: 'GUIDE', problem: 'not_covered' }] });
  const c = pi();
  it('counts interventions with any uncertified use, and uses by technique and by member of staff', () => {
    expect(summarise([a, b, c], NOW).flags.uncertified).toBe(2);
    expect(uncertifiedUses([a, b, c])).toEqual({
      byTechnique: [{ code: 'HOLD', uses: 2 }, { code: 'GUIDE', uses: 1 }],
      byStaff: [{ staffId: 'a', uses: 2, missing: 0, expired: 1, notCovered: 1 }, { staffId: 'b', uses: 1, missing: 1, expired: 0, notCovered: 0 }],
    });
  });
  it('drills down to the interventions behind each figure', () => {
    expect(recordsOf([a, b, c], 'uncertified', NOW).map((x) => x.id)).toEqual([b.id, a.id]);
    expect(recordsOf([a, b, c], 'uncertified', NOW, { technique: 'GUIDE' }).map((x) => x.id)).toEqual([b.id]);
    expect(recordsOf([a, b, c], 'uncertified', NOW, { staffId: 'b' }).map((x) => x.id)).toEqual([a.id]);
    expect(recordsOf([a, b, c], 'uncertified', NOW, { staffId: 'b', technique: 'GUIDE' })).toEqual([]);
    // elsewhere the technique means any use of it
    expect(recordsOf([a, b, c], 'all', NOW, { technique: 'GUIDE' }).map((x) => x.id)).toEqual([a.id]);
  });
});
