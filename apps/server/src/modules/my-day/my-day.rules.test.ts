import { describe, expect, it } from 'vitest';
import { MY_DAY_CARDS, type TMyDayCard } from '@haven/contracts';
import { arrange, clockTime, deadlineFlagged, deadlineOrder, keepCard, plural, schoolDateTime } from './my-day.rules.ts';

const c = (key: TMyDayCard['key'], total = 0): TMyDayCard => ({ key, total, items: [], link: '/' });

describe('my day rules', () => {
  it.each([
    // [card, total, lead, kept]
    ['drafts', 0, false, true], ['drafts', 0, true, false], ['drafts', 2, true, true],
    ['returned', 0, false, true], ['supervising', 0, false, true], ['my_groups', 0, false, true],
    ['review_waiting', 0, true, true], ['review_waiting', 0, false, false], ['tasks', 0, true, true],
    ['calls', 0, false, false], ['calls', 0, true, false], ['calls', 1, false, true],
    ['decisions', 0, true, false], ['decisions', 1, true, true],
    ['deadlines', 0, true, true], ['reports', 0, false, true], ['children', 0, false, true], ['safeguarding_new', 0, false, true],
  ] as const)('%s with %i (lead %s) kept: %s', (key, total, lead, kept) => {
    expect(keepCard(c(key, total), { lead })).toBe(kept);
  });

  it('orders cards as MY_DAY_CARDS does, whatever order they were built in', () => {
    const built = [c('tasks', 1), c('calls', 1), c('review_waiting', 3), c('drafts', 1)];
    expect(arrange(built, { lead: true }).map((x) => x.key)).toEqual(['calls', 'drafts', 'review_waiting', 'tasks']);
    expect(MY_DAY_CARDS[0]).toBe('calls');
  });

  it("gives an instant as the school's date and time, in British Summer Time and out of it", () => {
    expect(schoolDateTime('2026-11-16T10:00:00Z')).toEqual({ date: '2026-11-16', time: '10:00' });
    expect(schoolDateTime('2026-06-30T23:30:00Z')).toEqual({ date: '2026-07-01', time: '00:30' });
    expect(schoolDateTime(null)).toEqual({ date: null, time: null });
    expect(schoolDateTime('not a date')).toEqual({ date: null, time: null });
    expect(clockTime('15:30:00')).toBe('15:30');
    expect(clockTime(null)).toBeNull();
  });

  it('puts deadlines by day due with the undated last, and flags overdue or within two school days', () => {
    expect(deadlineOrder([{ due: null }, { due: '2026-12-09' }, { due: '2026-12-01' }]).map((d) => d.due)).toEqual(['2026-12-01', '2026-12-09', null]);
    expect(deadlineFlagged({ overdue: true, schoolDaysRemaining: null })).toBe(true);
    expect(deadlineFlagged({ overdue: false, schoolDaysRemaining: 2 })).toBe(true);
    expect(deadlineFlagged({ overdue: false, schoolDaysRemaining: 3 })).toBe(false);
    expect(deadlineFlagged({ overdue: false, schoolDaysRemaining: null })).toBe(false);
  });

  it('says 1 pupil and 2 pupils', () => {
    expect(plural(1, 'pupil')).toBe('1 pupil');
    expect(plural(2, 'pupil')).toBe('2 pupils');
  });
});
