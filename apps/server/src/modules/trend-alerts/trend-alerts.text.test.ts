import { describe, expect, it } from 'vitest';
import { alertText, type AlertFigures } from './trend-alerts.text.ts';

const pupil: AlertFigures = {
  subject: 'pupil', measure: 'neg', previousFrom: '2026-09-17', previousTo: '2026-10-14', currentFrom: '2026-10-15', currentTo: '2026-11-18',
  previousCount: 4, currentCount: 11, previousRate: 0.2, currentRate: 0.55,
};

describe('the words of an alert', () => {
  it('names the pupil only when the recipient may read their behaviour, with UK dates and the rise', () => {
    const named = alertText(pupil, 20, 'Aurora Park School', 'Connor Bailey');
    expect(named.title).toBe('Trend alert: negative behaviour points rising for Connor Bailey (Aurora Park School)');
    expect(named.body).toBe('11 in the last 20 school days (15/10/2026 to 18/11/2026): 0.55 per school day. '
      + '4 in the 20 school days before (17/09/2026 to 14/10/2026): 0.20 per school day. Up 175%.');
    const unnamed = alertText(pupil, 20, 'Aurora Park School', null);
    expect(unnamed.title).toBe("Trend alert: a pupil's negative behaviour points rising at Aurora Park School");
    expect(`${unnamed.title} ${unnamed.body} ${unnamed.taskTitle} ${unnamed.taskDetail}`).not.toContain('Connor');
    expect(named.taskTitle).not.toContain('Connor'); // a task shows its pupil to those who may see them
  });

  it('speaks of a whole site per 100 pupils per school day, and of no records before', () => {
    const site = alertText({ ...pupil, subject: 'site', measure: 'pi', previousCount: 0, previousRate: 0, currentCount: 6, currentRate: 0.0123 }, 15, 'Brightwater School', null);
    expect(site.title).toBe('Trend alert: physical interventions rising at Brightwater School');
    expect(site.body).toContain('6 in the last 15 school days (15/10/2026 to 18/11/2026): 0.01 per 100 pupils per school day.');
    expect(site.body.endsWith('None before.')).toBe(true);
    expect(site.taskTitle).toBe('Review rising physical interventions at Brightwater School');
  });
});
