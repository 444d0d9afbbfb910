import { describe, expect, it } from 'vitest';
import { plural } from './text.ts';

describe('plural', () => {
  it('one is singular; none, halves and many are plural', () => {
    expect(plural(1, 'day')).toBe('1 day');
    expect(plural(0, 'day')).toBe('0 days');
    expect(plural(0.5, 'school day')).toBe('0.5 school days');
    expect(plural(2, 'child', 'children')).toBe('2 children');
    expect(plural(1234, 'pupil', undefined, (n) => n.toLocaleString('en-GB'))).toBe('1,234 pupils');
  });
});
