import { describe, expect, it } from 'vitest';
import { forbiddenFields, relationTo, reviewActions, signRefusal, stageRefusal, validAcademicYear } from './performance-reviews.rules.ts';

describe('relationTo', () => {
  const base = { staffId: 'ta', lineManagerStaffId: 'mgr', leadForSite: false };
  it.each([
    ['the member of staff', { ...base, actorStaffIds: ['ta'] }, 'reviewee'],
    ['the member of staff who is also a lead', { ...base, actorStaffIds: ['ta'], leadForSite: true }, 'reviewee'],
    ['their line manager (on another site record)', { ...base, actorStaffIds: ['other', 'mgr'] }, 'reviewer'],
    ['the cluster lead', { ...base, actorStaffIds: ['lead'], leadForSite: true }, 'lead'],
    ['a colleague', { ...base, actorStaffIds: ['colleague'] }, null],
    ['a head (not a lead, not the manager)', { ...base, actorStaffIds: ['head'] }, null],
    ['nobody manages them: only they and the lead', { ...base, lineManagerStaffId: null, actorStaffIds: ['mgr'] }, null],
    ['no staff record at all', { ...base, actorStaffIds: [] }, null],
  ])('%s', (_n, facts, expected) => { expect(relationTo(facts)).toBe(expected); });
});

describe('forbiddenFields', () => {
  it('lets the reviewee write their comments and evidence only', () => {
    expect(forbiddenFields('reviewee', ['midYearRevieweeComment', 'evidence', 'objectives', 'annualReviewerComment'])).toEqual(['objectives', 'annualReviewerComment']);
  });
  it('lets the reviewer write everything but the reviewee\'s comments', () => {
    expect(forbiddenFields('reviewer', ['objectives', 'observations', 'evidence', 'annualRevieweeComment', 'stage'])).toEqual(['annualRevieweeComment']);
  });
  it('lets the lead write nothing', () => {
    expect(forbiddenFields('lead', ['evidence'])).toEqual(['evidence']);
  });
});

describe('stageRefusal', () => {
  const at = (stage: 'objectives' | 'mid_year' | 'annual' | 'signed', objectives = 1, mid: string | null = 'Good progress') => ({ stage, objectives, midYearReviewerComment: mid });
  it.each([
    [at('objectives'), 'objectives', null],
    [at('objectives'), 'mid_year', null],
    [at('objectives', 0), 'mid_year', 'Set at least one objective before the mid-year review.'],
    [at('objectives'), 'annual', 'Finish the current stage first.'],
    [at('mid_year', 1, null), 'annual', "Write the reviewer's mid-year comment before the annual review."],
    [at('mid_year', 1, '  '), 'annual', "Write the reviewer's mid-year comment before the annual review."],
    [at('mid_year'), 'annual', null],
    [at('annual'), 'mid_year', 'A review moves forward only.'],
    [at('annual'), 'signed', 'A review is signed by both, not moved to signed.'],
  ] as const)('%o → %s', (from, to, expected) => { expect(stageRefusal(from, to)).toBe(expected); });
});

describe('signRefusal', () => {
  const ready = { stage: 'annual' as const, annualReviewerComment: 'A strong year', annualOn: '2027-07-10', reviewerSignedAt: null, revieweeSignedAt: null };
  it('signs at the annual review once written and dated, each once', () => {
    expect(signRefusal(ready, 'reviewer')).toBeNull();
    expect(signRefusal(ready, 'reviewee')).toBeNull();
    expect(signRefusal({ ...ready, reviewerSignedAt: '2027-07-10T10:00:00Z' }, 'reviewer')).toMatch(/already signed/);
    expect(signRefusal({ ...ready, reviewerSignedAt: '2027-07-10T10:00:00Z' }, 'reviewee')).toBeNull();
    expect(signRefusal({ ...ready, annualOn: null }, 'reviewer')).toMatch(/date of the meeting/);
    expect(signRefusal({ ...ready, stage: 'mid_year' }, 'reviewer')).toMatch(/annual review/);
    expect(signRefusal({ ...ready, stage: 'signed' }, 'reviewee')).toMatch(/already signed by both/);
    expect(signRefusal(ready, 'lead')).toMatch(/Only the member of staff/);
  });
});

describe('reviewActions and academic years', () => {
  it('offers signing to whoever has not signed, at the annual stage', () => {
    expect(reviewActions('reviewer', 'annual', { reviewer: false, reviewee: true })).toEqual(['view', 'pdf', 'edit', 'sign']);
    expect(reviewActions('reviewee', 'annual', { reviewer: false, reviewee: true })).toEqual(['view', 'pdf', 'edit']);
    expect(reviewActions('lead', 'annual', { reviewer: false, reviewee: false })).toEqual(['view', 'pdf']);
    expect(reviewActions('reviewer', 'signed', { reviewer: true, reviewee: true })).toEqual(['view', 'pdf']);
  });
  it.each([['2026/27', true], ['1999/00', true], ['2026/28', false], ['2026-27', false], ['26/27', false]])('%s', (y, ok) => {
    expect(validAcademicYear(y)).toBe(ok);
  });
});
