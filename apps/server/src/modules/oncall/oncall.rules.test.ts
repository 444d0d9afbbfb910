import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ON_CALL_STATUSES } from '@haven/contracts';
import { canStep, locationText, onCallTimes, secondsBetween } from './oncall.rules.ts';

describe('canStep', () => {
  it.each([
    ['open', 'acknowledge', true], ['acknowledged', 'acknowledge', true], ['resolved', 'acknowledge', false], ['cancelled', 'acknowledge', false],
    ['open', 'resolve', true], ['acknowledged', 'resolve', true], ['resolved', 'resolve', false], ['cancelled', 'resolve', false],
    ['open', 'cancel', true], ['acknowledged', 'cancel', true], ['resolved', 'cancel', false], ['cancelled', 'cancel', false],
  ] as const)('%s → %s: %s', (status, step, ok) => {
    expect(canStep(status, step)).toBe(ok);
  });

  it('never moves a finished call', () => {
    fc.assert(fc.property(fc.constantFrom(...ON_CALL_STATUSES), fc.constantFrom('acknowledge', 'resolve', 'cancel') as fc.Arbitrary<'acknowledge' | 'resolve' | 'cancel'>, (status, step) => {
      if (status === 'resolved' || status === 'cancelled') expect(canStep(status, step)).toBe(false);
    }));
  });
});

describe('times', () => {
  const t0 = new Date('2026-11-18T10:00:00.000Z');
  it.each([
    [0, 0], [999, 0], [1000, 1], [61_500, 61], [-5000, 0],
  ])('%i ms → %i s', (ms, s) => {
    expect(secondsBetween(t0, new Date(t0.getTime() + ms))).toBe(s);
  });

  it('is null until the step happens', () => {
    expect(onCallTimes({ requestedAt: t0, acknowledgedAt: null, resolvedAt: null })).toEqual({ responseSeconds: null, resolutionSeconds: null });
  });

  it('response never exceeds resolution when acknowledged first', () => {
    fc.assert(fc.property(fc.nat(86_400_000), fc.nat(86_400_000), (a, b) => {
      const ack = new Date(t0.getTime() + a);
      const res = new Date(ack.getTime() + b);
      const t = onCallTimes({ requestedAt: t0, acknowledgedAt: ack, resolvedAt: res });
      expect(t.responseSeconds!).toBeLessThanOrEqual(t.resolutionSeconds!);
      expect(t.responseSeconds).toBe(Math.floor(a / 1000));
    }));
  });
});

describe('locationText', () => {
  it.each([
    ['Playground', 'by the gate', 'Playground – by the gate'],
    ['Hall', null, 'Hall'],
    [null, ' Room 4 ', 'Room 4'],
    [null, '  ', 'Location not given'],
  ])('%s + %s', (label, detail, expected) => {
    expect(locationText(label, detail)).toBe(expected);
  });
});
