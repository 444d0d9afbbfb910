import { describe, expect, it } from 'vitest';
import type { SchoolCalendar } from '../../core/calendar/calendar.ts';
import { chooseIds, leavingDateOf, linkState, makePassphrase, reminderToSend, transferDueOn, isOverdue } from './cp-transfer.rules.ts';

const cal: SchoolCalendar = {
  terms: [
    { name: 'Spring 2', term: 'spring', halfTerm: 2, startDate: '2027-02-22', endDate: '2027-03-26' },
    { name: 'Summer 1', term: 'summer', halfTerm: 1, startDate: '2027-04-12', endDate: '2027-05-28' },
  ],
  closures: [{ date: '2027-03-10', reason: 'INSET day' }],
};

describe('the transfer deadline', () => {
  it('is the 5th school day after the leaving date', () => {
    // Monday 1 March → Tue 2, Wed 3, Thu 4, Fri 5, Mon 8
    expect(transferDueOn(cal, '2027-03-01')).toBe('2027-03-08');
  });
  it('skips a closure day', () => {
    // Friday 5 March → Mon 8, Tue 9, (Wed 10 INSET), Thu 11, Fri 12, Mon 15
    expect(transferDueOn(cal, '2027-03-05')).toBe('2027-03-15');
  });
  it('skips the holiday: leaving at the end of term, the file is due on the 5th day of the next term', () => {
    expect(transferDueOn(cal, '2027-03-26')).toBe('2027-04-16');
  });
  it('is null while the calendar does not reach it', () => {
    expect(transferDueOn(cal, '2027-05-27')).toBeNull();
  });
});

describe('reminders', () => {
  const t = { status: 'draft', dueOn: '2027-03-15', remindedStage: null };
  it('none while more than 2 school days are left', () => {
    expect(reminderToSend(cal, t, '2027-03-11')).toBeNull();
  });
  it('due soon with 2 school days left (today and the due day), once', () => {
    expect(reminderToSend(cal, t, '2027-03-12')).toBe('due_soon');
    expect(reminderToSend(cal, { ...t, remindedStage: 'due_soon' }, '2027-03-15')).toBeNull();
  });
  it('overdue after the due day, once, even without the earlier warning', () => {
    expect(reminderToSend(cal, t, '2027-03-16')).toBe('overdue');
    expect(reminderToSend(cal, { ...t, remindedStage: 'due_soon' }, '2027-03-16')).toBe('overdue');
    expect(reminderToSend(cal, { ...t, remindedStage: 'overdue' }, '2027-03-17')).toBeNull();
    expect(isOverdue(t, '2027-03-16')).toBe(true);
  });
  it('none once sent or received, or without a due day', () => {
    expect(reminderToSend(cal, { ...t, status: 'sent' }, '2027-03-16')).toBeNull();
    expect(reminderToSend(cal, { ...t, status: 'received' }, '2027-03-16')).toBeNull();
    expect(reminderToSend(cal, { ...t, dueOn: null }, '2027-03-16')).toBeNull();
    expect(isOverdue({ ...t, status: 'sent' }, '2027-03-16')).toBe(false);
  });
});

describe('the one-time link', () => {
  const now = new Date('2027-03-10T10:00:00Z');
  const later = new Date('2027-03-20T10:00:00Z');
  it('is usable until it expires, downloaded once, then only the receipt', () => {
    expect(linkState({ linkExpiresAt: later, linkDownloadedAt: null, receivedOn: null }, now)).toBe('usable');
    expect(linkState({ linkExpiresAt: later, linkDownloadedAt: null, receivedOn: null }, later)).toBe('expired');
    expect(linkState({ linkExpiresAt: later, linkDownloadedAt: now, receivedOn: null }, now)).toBe('downloaded');
    expect(linkState({ linkExpiresAt: later, linkDownloadedAt: now, receivedOn: '2027-03-11' }, now)).toBe('received');
    expect(linkState({ linkExpiresAt: null, linkDownloadedAt: null, receivedOn: null }, now)).toBe('expired');
  });
});

describe('choices', () => {
  it('the leaving date comes from the pupil record first', () => {
    expect(leavingDateOf('2027-03-01', '2027-02-01')).toEqual({ date: '2027-03-01', source: 'pupil_record' });
    expect(leavingDateOf(null, '2027-02-01')).toEqual({ date: '2027-02-01', source: 'entered' });
    expect(leavingDateOf(null, undefined)).toMatchObject({ field: 'leavingDate' });
  });
  it('records default to all; a record of someone else is refused naming the field', () => {
    expect(chooseIds(['a', 'b'], undefined, 'concernIds')).toEqual(['a', 'b']);
    expect(chooseIds(['a', 'b'], ['b', 'b'], 'concernIds')).toEqual(['b']);
    expect(chooseIds(['a', 'b'], ['c'], 'concernIds')).toMatchObject({ field: 'concernIds' });
  });
  it('a passphrase is 6 groups of 5 unambiguous characters', () => {
    const p = makePassphrase();
    expect(p).toMatch(/^[A-HJKMNP-Z2-9]{5}(-[A-HJKMNP-Z2-9]{5}){5}$/);
    expect(makePassphrase()).not.toBe(p);
  });
});
