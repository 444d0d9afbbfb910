import { describe, expect, it } from 'vitest';
import { actionDone, actionProblem, dueForReminder, sourceProblem, statusChangeProblem } from './meetings.rules.ts';

describe('meeting rules', () => {
  it.each([
    ['scheduled', 'held', '2027-03-01', '2027-03-01', null],
    ['scheduled', 'held', '2027-03-02', '2027-03-01', 'before its date'],
    ['scheduled', 'cancelled', '2027-03-02', '2027-03-01', null],
    ['cancelled', 'scheduled', '2027-03-02', '2027-03-01', 'cancelled'],
    ['cancelled', 'held', '2027-02-02', '2027-03-01', 'cancelled'],
    ['held', 'cancelled', '2027-02-02', '2027-03-01', 'has been held'],
    ['held', 'scheduled', '2027-02-02', '2027-03-01', null],
    ['held', 'held', '2027-04-02', '2027-03-01', null],
  ] as const)('%s → %s on %s (today %s)', (from, to, date, today, problem) => {
    const p = statusChangeProblem(from, to, date, today);
    if (problem === null) expect(p).toBeNull(); else expect(p).toContain(problem);
  });

  it('an action is due no earlier than the meeting, and not at a cancelled meeting', () => {
    expect(actionProblem('held', '2027-03-01', '2027-03-01')).toBeNull();
    expect(actionProblem('scheduled', '2027-03-01', '2027-02-28')?.field).toBe('dueOn');
    expect(actionProblem('cancelled', '2027-03-01', '2027-03-10')?.field).toBe('status');
  });

  it('an action is done only when its task is done', () => {
    expect(actionDone('done')).toBe(true);
    expect(actionDone('open')).toBe(false);
    expect(actionDone('dismissed')).toBe(false);
    expect(actionDone(null)).toBe(false);
  });

  it('a reintegration meeting comes from a suspension; the others from anything', () => {
    expect(sourceProblem('reintegration', null)).not.toBeNull();
    expect(sourceProblem('reintegration', 'incident')).not.toBeNull();
    expect(sourceProblem('reintegration', 'exclusion')).toBeNull();
    expect(sourceProblem('multi_agency', null)).toBeNull();
    expect(sourceProblem('restorative', 'incident')).toBeNull();
  });

  it('reminds once, on or after the due day, while the task is open', () => {
    const a = { dueOn: '2027-03-05', remindedOn: null, taskOpen: true };
    expect(dueForReminder(a, '2027-03-04')).toBe(false);
    expect(dueForReminder(a, '2027-03-05')).toBe(true);
    expect(dueForReminder(a, '2027-03-09')).toBe(true);
    expect(dueForReminder({ ...a, remindedOn: '2027-03-05' }, '2027-03-09')).toBe(false);
    expect(dueForReminder({ ...a, taskOpen: false }, '2027-03-09')).toBe(false);
    expect(dueForReminder({ ...a, dueOn: null }, '2027-03-09')).toBe(false);
  });
});
