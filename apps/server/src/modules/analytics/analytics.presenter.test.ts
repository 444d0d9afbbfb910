import { describe, expect, it } from 'vitest';
import { presentDashboard, TOP_STAFF } from './analytics.presenter.ts';
import type { DashboardData, Resolved } from './analytics.service.ts';

const resolved: Resolved = { siteIds: ['s1'], sites: [{ id: 's1', name: 'Oak' }], from: '2026-09-01', to: '2026-09-30', requestedTo: '2026-09-30', progress: { figuresTo: '2026-09-30', inProgress: false, note: null }, filter: {}, aggregateOnly: false, rollup: true };
const empty: DashboardData = { all: [], cat: [], loc: [], wp: [], staff: [], pupil: [], pupilYear: [], bySite: [], series: [], seriesDays: [], siteYearDays: [], labels: [], timetable: [], weekdays: [1, 2, 3, 4, 5], previous: null };

describe('presentDashboard', () => {
  it('lists the members of staff who recorded most, at most TOP_STAFF of them, most first', () => {
    const staff = Array.from({ length: 80 }, (_, i) => ({ key: `u${String(i).padStart(2, '0')}`, measure: 'neg', n: i + 1 }));
    const d = presentDashboard(resolved, 'month', { ...empty, staff }, { pupils: [], topDays: [], staffNames: new Map([['u79', 'Ms Most']]) });
    expect(d.byStaff).toHaveLength(TOP_STAFF);
    expect(d.byStaff![0]).toMatchObject({ key: 'u79', label: 'Ms Most' });
    expect(d.byStaff!.map((s) => s.values.neg.count)).toEqual(Array.from({ length: TOP_STAFF }, (_, i) => 80 - i));
  });

  it('lists no one to a viewer who sees aggregates only', () => {
    const d = presentDashboard({ ...resolved, aggregateOnly: true }, 'month', { ...empty, staff: [{ key: 'u1', measure: 'neg', n: 9 }] }, { pupils: [], topDays: [], staffNames: new Map() });
    expect(d.byStaff).toBeNull();
  });
});
