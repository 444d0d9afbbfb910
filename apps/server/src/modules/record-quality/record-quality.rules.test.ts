import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { QUALITY_KINDS } from '@haven/contracts';
import { hoursToSignOff, incidentFlags, piFlags, recordsOf, summarise, summariseBy, type QualityIncident, type QualityPi } from './record-quality.rules.ts';

const NOW = new Date('2026-11-22T12:00:00Z');
let n = 0;
const id = () => `00000000-0000-7000-8000-${String(++n).padStart(12, '0')}`;
function incident(over: Partial<QualityIncident> = {}): QualityIncident {
  return {
    id: id(), siteId: 's1', recordedBy: 'u1', occurredOn: '2026-11-16', status: 'signed_off',
    firstSubmittedAt: '2026-11-16T12:00:00Z', lastSubmittedAt: '2026-11-16T12:00:00Z', signedOffAt: '2026-11-17T12:00:00Z', returns: 0, pis: [], ...over,
  };
}
const pi = (over: Partial<QualityPi> = {}): QualityPi => ({
  id: id(), startedAt: '2026-11-16T10:00:00Z', parentInformedAt: '2026-11-16T15:00:00Z', pupilDebriefAt: '2026-11-17T09:00:00Z', staffDebriefAt: '2026-11-17T09:00:00Z', ...over,
});

describe('sign-off', () => {
  it.each([
    ['signed off after 24 hours', {}, true, 24],
    ['signed off after exactly 48 hours', { signedOffAt: '2026-11-18T12:00:00Z' }, true, 48],
    ['signed off one second late', { signedOffAt: '2026-11-18T12:00:01Z' }, false, 48 + 1 / 3600],
    ['returned, resubmitted, signed off within 48 hours of the first submission', { returns: 1, lastSubmittedAt: '2026-11-17T08:00:00Z', signedOffAt: '2026-11-18T08:00:00Z' }, true, 44],
    ['still waiting', { status: 'submitted', signedOffAt: null }, false, null],
    ['returned and not resubmitted', { status: 'returned', signedOffAt: null, returns: 1 }, false, null],
  ] as const)('%s', (_l, over, within, hours) => {
    const i = incident(over);
    expect(incidentFlags(i, NOW).signedOffWithin48h).toBe(within);
    expect(incidentFlags(i, NOW).notSignedOffWithin48h).toBe(!within);
    const h = hoursToSignOff(i);
    if (hours === null) expect(h).toBeNull(); else expect(h).toBeCloseTo(hours, 9);
  });

  it('flags a record waiting for review for more than 48 hours since its latest submission', () => {
    expect(incidentFlags(incident({ status: 'submitted', lastSubmittedAt: '2026-11-20T11:59:59Z' }), NOW).overdueReview).toBe(true);
    expect(incidentFlags(incident({ status: 'submitted', lastSubmittedAt: '2026-11-20T12:00:00Z' }), NOW).overdueReview).toBe(false);
    expect(incidentFlags(incident({ status: 'returned', lastSubmittedAt: '2026-11-01T12:00:00Z' }), NOW).overdueReview).toBe(false);
    expect(incidentFlags(incident({ status: 'submitted', lastSubmittedAt: null }), NOW).overdueReview).toBe(false);
  });
});

describe('interventions', () => {
  it('misses parent contact only when the parent was not told by the end of the day, once that day is over', () => {
    expect(piFlags(pi(), NOW).missingParentContact).toBe(false);
    expect(piFlags(pi({ parentInformedAt: null }), NOW).missingParentContact).toBe(true);
    expect(piFlags(pi({ parentInformedAt: '2026-11-17T08:00:00Z' }), NOW).missingParentContact).toBe(true);
    expect(piFlags(pi({ startedAt: '2026-11-22T09:00:00Z', parentInformedAt: null }), NOW).missingParentContact).toBe(false);
  });
  it('misses a debrief when either the pupil or the staff debrief is not recorded (a scheduled one is recorded)', () => {
    expect(piFlags(pi(), NOW).missingDebrief).toBe(false);
    expect(piFlags(pi({ pupilDebriefAt: null }), NOW).missingDebrief).toBe(true);
    expect(piFlags(pi({ staffDebriefAt: null }), NOW).missingDebrief).toBe(true);
    expect(piFlags(pi({ staffDebriefAt: '2026-12-01T09:00:00Z' }), NOW).missingDebrief).toBe(false);
  });
});

describe('summaries', () => {
  it('summarises a site and each recorder', () => {
    const rows = [
      incident(), incident({ recordedBy: 'u2', signedOffAt: '2026-11-20T12:00:00Z', returns: 2, pis: [pi(), pi({ parentInformedAt: null, staffDebriefAt: null })] }),
      incident({ status: 'submitted', signedOffAt: null, lastSubmittedAt: '2026-11-19T12:00:00Z', pis: [pi({ pupilDebriefAt: null })] }),
      incident({ siteId: 's2', recordedBy: 'u2' }),
    ];
    expect(summarise(rows, NOW)).toEqual({
      submitted: 4, signedOff: 3, signedOffWithin48h: 2, returned: 1, overdueReview: 1, hours: [24, 96, 24], medianHoursToSignOff: 24,
      interventions: 3, missingParentContact: 1, missingDebrief: 2,
    });
    const bySite = summariseBy(rows, (i) => i.siteId, NOW);
    expect([bySite.get('s1')?.submitted, bySite.get('s2')?.submitted]).toEqual([3, 1]);
    const byStaff = summariseBy(rows, (i) => i.recordedBy, NOW);
    expect([byStaff.get('u1')?.signedOffWithin48h, byStaff.get('u2')?.medianHoursToSignOff]).toEqual([1, 60]);
  });

  it('drills down to exactly the records each figure counts (property)', () => {
    const t = fc.constantFrom(null, '2026-11-16T09:00:00Z', '2026-11-16T20:00:00Z', '2026-11-18T13:00:00Z', '2026-11-21T08:00:00Z');
    const row = fc.record({
      status: fc.constantFrom('submitted', 'returned', 'signed_off'), firstSubmittedAt: t, lastSubmittedAt: t, signedOffAt: t, returns: fc.nat(2),
      pis: fc.array(fc.record({ id: fc.uuid(), startedAt: t, parentInformedAt: t, pupilDebriefAt: t, staffDebriefAt: t }), { maxLength: 2 }),
    });
    fc.assert(fc.property(fc.array(row, { maxLength: 10 }), (overs) => {
      const rows = overs.map((o) => incident(o));
      const s = summarise(rows, NOW);
      const { hours: _hours, medianHoursToSignOff: _median, ...counts } = s;
      const want: Record<string, number> = { ...counts, notSignedOffWithin48h: s.submitted - s.signedOffWithin48h };
      for (const kind of QUALITY_KINDS) expect(recordsOf(rows, kind, NOW).length, kind).toBe(want[kind]);
    }));
  });
});
