import { describe, expect, it } from 'vitest';
import { planContacts, wantedContacts } from './pi-parent-contacts.rules.ts';

const pi = (id: string, o: Partial<{ pupilId: string | null; parentInformedAt: string | null; parentInformedHow: string | null }> = {}) => ({
  id, pupilId: 'p1', parentInformedAt: '2026-11-16T15:00:00.000Z', parentInformedHow: 'phone', ...o,
});

describe('parent told on the form feeds the contact log', () => {
  it('wants an entry only when the pupil, the time and how are all given', () => {
    expect(wantedContacts([pi('a'), pi('b', { parentInformedHow: null }), pi('c', { pupilId: null }), pi('d', { parentInformedAt: null })]))
      .toEqual([{ recordId: 'a', pupilId: 'p1', contactedAt: '2026-11-16T15:00:00.000Z', method: 'phone' }]);
  });

  it('adds, changes and removes so there is one entry per intervention', () => {
    const want = wantedContacts([pi('a'), pi('b', { parentInformedHow: 'email' }), pi('c')]);
    const have = [
      { id: 'x', recordId: 'a', pupilId: 'p1', contactedAt: '2026-11-16T15:00:00Z', method: 'phone' },
      { id: 'y', recordId: 'b', pupilId: 'p1', contactedAt: '2026-11-16T15:00:00Z', method: 'phone' },
      { id: 'z', recordId: 'gone', pupilId: 'p1', contactedAt: '2026-11-16T15:00:00Z', method: 'phone' },
    ];
    const plan = planContacts(want, have);
    expect(plan.insert.map((w) => w.recordId)).toEqual(['c']);
    expect(plan.update).toEqual([{ id: 'y', recordId: 'b', pupilId: 'p1', contactedAt: '2026-11-16T15:00:00.000Z', method: 'email' }]);
    expect(plan.remove.map((c) => c.id)).toEqual(['z']);
  });

  it('writes nothing when the log already says what the form says', () => {
    const plan = planContacts(wantedContacts([pi('a')]), [{ id: 'x', recordId: 'a', pupilId: 'p1', contactedAt: '2026-11-16T15:00:00Z', method: 'phone' }]);
    expect(plan).toEqual({ insert: [], update: [], remove: [] });
  });
});
