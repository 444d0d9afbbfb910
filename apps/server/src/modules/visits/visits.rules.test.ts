import { describe, expect, it } from 'vitest';
import { checklist, holdsCheck, missingItems, proposalProblem, ratioCheck, statusAfterApproval, statusOnSubmit, visitDays } from './visits.rules.ts';
import { certificateDates } from '../training/training.rules.ts';

const base = { startDate: '2027-03-10', departTime: '09:00', endDate: '2027-03-10', returnTime: '15:00', itinerary: [] as { date: string; time: string }[] };

describe('visit rules', () => {
  it('checks dates and the order of the itinerary', () => {
    expect(proposalProblem(base)).toBeNull();
    expect(proposalProblem({ ...base, endDate: '2027-03-09' })?.field).toBe('endDate');
    expect(proposalProblem({ ...base, returnTime: '08:00' })?.field).toBe('returnTime');
    expect(proposalProblem({ ...base, itinerary: [{ date: '2027-03-11', time: '10:00' }] })?.field).toBe('itinerary.0.date');
    expect(proposalProblem({ ...base, itinerary: [{ date: '2027-03-10', time: '11:00' }, { date: '2027-03-10', time: '10:00' }] })?.field).toBe('itinerary.1.time');
  });

  it('works out the adults a ratio needs', () => {
    expect(ratioCheck(16, 2, 8)).toEqual({ pupils: 16, adults: 2, adultsRequired: 2, met: true });
    expect(ratioCheck(17, 2, 8).met).toBe(false);
    expect(ratioCheck(0, 2, 8).met).toBe(false);
    expect(ratioCheck(1, 1, 8).adultsRequired).toBe(1);
  });

  it('flags a hold no one on the visit holds a valid certificate for on every day of it', () => {
    const cert = { ...certificateDates('2026-03-15', 12, 3), techniqueCodes: ['SINGLE_ELBOW'] }; // valid until 15/03/2027
    const certs = new Map([['s1', [cert]]]);
    expect(holdsCheck(['SINGLE_ELBOW'], certs, visitDays('2027-03-10', '2027-03-10')).needsTrainedAdult).toBe(false);
    expect(holdsCheck(['SINGLE_ELBOW'], certs, visitDays('2027-03-14', '2027-03-16')).needsTrainedAdult).toBe(true); // in grace on the last day
    expect(holdsCheck(['FIGURE_OF_FOUR'], certs, ['2027-03-10']).needsTrainedAdult).toBe(true);
    expect(holdsCheck([], certs, ['2027-03-10']).needsTrainedAdult).toBe(false);
  });

  it('takes the path the category sets', () => {
    expect(statusOnSubmit({ preApproved: true, laAdviserRequired: false }, true)).toBe('approved');
    expect(statusOnSubmit({ preApproved: true, laAdviserRequired: false }, false)).toBe('awaiting_evc');
    expect(statusOnSubmit({ preApproved: false, laAdviserRequired: false }, true)).toBe('awaiting_evc');
    expect(statusAfterApproval('evc', { preApproved: false, laAdviserRequired: true })).toBe('awaiting_head');
    expect(statusAfterApproval('head', { preApproved: false, laAdviserRequired: true })).toBe('awaiting_la');
    expect(statusAfterApproval('head', { preApproved: false, laAdviserRequired: false })).toBe('approved');
    expect(statusAfterApproval('la', { preApproved: false, laAdviserRequired: true })).toBe('approved');
  });

  it('lists what the gate is missing', () => {
    const done = { purpose: 'p', venue: 'v', transport: 't', itineraryStops: 2, leader: true, leaderOnVisit: true, pupils: 3, staff: 1, ratioMet: true, hazards: 2,
      riskConfirmed: true, pupilsNeedingTrainedAdult: [], consentsMissing: [], consentsRefused: [], status: 'approved' as const };
    expect(missingItems(checklist(done))).toEqual([]);
    const m = missingItems(checklist({ ...done, consentsMissing: ['Amy Lee'], pupilsNeedingTrainedAdult: ['Ben Ng'], status: 'awaiting_head' }));
    expect(m.map((i) => i.code)).toEqual(['trained_adults', 'consents', 'approval']);
    expect(m[1]!.detail).toContain('Amy Lee');
    expect(missingItems(checklist({ ...done, status: 'departed' }))).toEqual([]); // still approved once it has left
  });
});
