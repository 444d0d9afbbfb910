import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PORTAL_KIND_LABELS } from '@haven/contracts';
import {
  arrivalsToTell, categoriesShown, communicationShown, descriptionShown, digestDue, frequencies, incidentShown, noteShown, summaryLines,
} from './parent-portal.rules.ts';

const settings = (hidden: string[], hideStaffNames: boolean) => ({ hiddenCategoryCodes: hidden, hideStaffNames });
const incident = { status: 'signed_off', voided: false, linkedToConcern: false, categoryCodes: ['A'] };

describe('parent portal rules', () => {
  it('shows an incident only when signed off, not voided, not linked to a sealed concern and in no hidden category', () => {
    expect(incidentShown(incident, settings([], true))).toBe(true);
    for (const status of ['draft', 'submitted', 'returned']) expect(incidentShown({ ...incident, status }, settings([], true))).toBe(false);
    expect(incidentShown({ ...incident, voided: true }, settings([], true))).toBe(false);
    expect(incidentShown({ ...incident, linkedToConcern: true }, settings([], false))).toBe(false);
    expect(incidentShown({ ...incident, categoryCodes: ['A', 'B'] }, settings(['B'], true))).toBe(false);
    expect(incidentShown({ ...incident, categoryCodes: ['A', 'B'] }, settings(['C'], true))).toBe(true);
  });

  it('a hidden category always hides, whatever else is set (property)', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom('A', 'B', 'C', 'D')), fc.array(fc.constantFrom('A', 'B', 'C', 'D')), fc.boolean(), (codes, hidden, hide) => {
      const shown = categoriesShown(codes, settings(hidden, hide));
      expect(shown).toBe(!codes.some((c) => hidden.includes(c)));
    }));
  });

  it('shows the school\'s description only for this child alone and when staff may be named', () => {
    expect(descriptionShown(1, settings([], false))).toBe(true);
    expect(descriptionShown(1, settings([], true))).toBe(false);
    expect(descriptionShown(2, settings([], false))).toBe(false);
    expect(noteShown(1)).toBe(true);
    expect(noteShown(3)).toBe(false);
  });

  it('never shows sealed communications', () => {
    expect(communicationShown('incident')).toBe(true);
    expect(communicationShown('exclusion')).toBe(true);
    expect(communicationShown('safeguarding_concern')).toBe(false);
  });

  it('fills in defaults for kinds the parent has not chosen, ignoring unknown values', () => {
    const f = frequencies(new Map([['plan', 'off'], ['letter', 'weekly']]));
    expect(f.plan).toBe('off');
    expect(f.letter).toBe('daily');
    expect(f.restraint_copy).toBe('immediately');
  });

  it('tells each parent of arrivals after their watermark, of the kinds at that frequency, counting only', () => {
    const t = (m: number) => new Date(Date.UTC(2026, 11, 1, 10, m));
    const arrivals = [{ kind: 'plan' as const, pupilId: 'p1', at: t(5) }, { kind: 'plan' as const, pupilId: 'p1', at: t(1) },
      { kind: 'points' as const, pupilId: 'p1', at: t(6) }, { kind: 'plan' as const, pupilId: 'p2', at: t(20) }];
    const prefs = frequencies(new Map([['points', 'daily']]));
    const now = t(10);
    expect(arrivalsToTell(arrivals, prefs, 'immediately', t(2), now)).toEqual([arrivals[0]]);
    expect(arrivalsToTell(arrivals, prefs, 'daily', t(0), now)).toEqual([arrivals[2]]);
    expect(summaryLines([arrivals[0]!, arrivals[1]!], new Map([['p1', 'Sam']]), PORTAL_KIND_LABELS)).toEqual(['Sam: behaviour support plans (2 new)']);
  });

  it('sends the digest once a day from 16:00', () => {
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const y = new Date('2026-12-01T16:30:00Z');
    expect(digestDue(y, new Date('2026-12-02T15:00:00Z'), day, 15)).toBe(false);
    expect(digestDue(y, new Date('2026-12-02T16:05:00Z'), day, 16)).toBe(true);
    expect(digestDue(new Date('2026-12-02T16:05:00Z'), new Date('2026-12-02T18:00:00Z'), day, 18)).toBe(false);
  });
});
