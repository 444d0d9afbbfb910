import { describe, expect, it } from 'vitest';
import { comingText, formatDuration } from './oncall-format';

describe('comingText', () => {
  it('names everyone coming, in order', () => {
    expect(comingText([])).toBe('');
    expect(comingText([{ displayName: 'Sam Patel' }])).toBe('Sam Patel is on the way');
    expect(comingText([{ displayName: 'Sam Patel' }, { displayName: 'Jo Khan' }])).toBe('Sam Patel and Jo Khan are on the way');
    expect(comingText([{ displayName: 'A' }, { displayName: '' }, { displayName: 'C' }])).toBe('A, A responder and C are on the way');
  });
  it('formats durations', () => {
    expect(formatDuration(61)).toBe('1 min 01 s');
  });
});
