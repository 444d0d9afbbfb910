import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DEFAULT_MOTIVATIONS } from '@haven/contracts';
import {
  categoryProblems, checkOptionDetails, effectiveEntries, effectiveSettings, formProblems, motivationsOrDefault, normaliseFields,
  overriddenCodes, type FormFieldInput,
} from './policy.rules.ts';

const SITE = 'site-1';
const OTHER = 'site-2';
interface Row { siteId: string | null; code: string; name: string; active: boolean; sortOrder: number }
const row = (siteId: string | null, code: string, name: string, active = true, sortOrder = 0): Row => ({ siteId, code, name, active, sortOrder });
const eff = (rows: Row[], siteId = SITE) => effectiveEntries(rows, siteId, (r) => r.name);

describe('effectiveEntries', () => {
  it.each<[string, Row[], string[]]>([
    ['no entries at all', [], []],
    ['trust entries only', [row(null, 'A', 'Alpha'), row(null, 'B', 'Beta')], ['trust:A', 'trust:B']],
    ['a site entry with the same code replaces the trust entry', [row(null, 'A', 'Alpha'), row(SITE, 'A', 'Alpha here')], ['site:A']],
    ['a site entry adds to the trust entries', [row(null, 'A', 'Alpha'), row(SITE, 'B', 'Beta')], ['trust:A', 'site:B']],
    ["another site's entries never appear", [row(null, 'A', 'Alpha'), row(OTHER, 'A', 'Other A'), row(OTHER, 'C', 'Other C')], ['trust:A']],
    ['inactive trust entries are left out', [row(null, 'A', 'Alpha', false), row(null, 'B', 'Beta')], ['trust:B']],
    ['an inactive site entry hides the trust entry at that site', [row(null, 'A', 'Alpha'), row(SITE, 'A', 'Alpha', false)], []],
    ['an active site entry shows even when the trust entry is inactive', [row(null, 'A', 'Alpha', false), row(SITE, 'A', 'Alpha here')], ['site:A']],
  ])('%s', (_name, rows, expected) => {
    expect(eff(rows).map((r) => `${r.siteId === null ? 'trust' : 'site'}:${r.code}`)).toEqual(expected);
  });

  it('sorts by sortOrder, then name (case-insensitive, numbers in order), then code', () => {
    const rows = [row(null, 'C', 'charlie', true, 1), row(null, 'B', 'Bravo', true, 1), row(SITE, 'Z', 'Period 10', true, 0), row(null, 'Y', 'Period 2', true, 0), row(null, 'A', 'Alpha', true, 5)];
    expect(eff(rows).map((r) => r.code)).toEqual(['Y', 'Z', 'B', 'C', 'A']);
  });

  const arbRow = fc.record({
    siteId: fc.constantFrom<string | null>(null, SITE, OTHER),
    code: fc.constantFrom('A', 'B', 'C', 'D', 'E'),
    name: fc.string({ maxLength: 6 }),
    active: fc.boolean(),
    sortOrder: fc.integer({ min: 0, max: 3 }),
  });

  it('property: codes are unique, every entry is active and from the trust or this site, and a site entry always wins', () => {
    fc.assert(fc.property(fc.array(arbRow, { maxLength: 25 }), (rows) => {
      const out = eff(rows);
      expect(new Set(out.map((r) => r.code)).size).toBe(out.length);
      for (const r of out) {
        expect(r.active).toBe(true);
        expect(r.siteId === null || r.siteId === SITE).toBe(true);
      }
      for (const code of new Set(rows.map((r) => r.code))) {
        const siteRows = rows.filter((r) => r.code === code && r.siteId === SITE);
        const trustRows = rows.filter((r) => r.code === code && r.siteId === null);
        const shown = out.find((r) => r.code === code);
        if (siteRows.length > 0) expect(shown ? shown.siteId : 'hidden').toBe(siteRows.some((r) => r.active) ? SITE : 'hidden');
        else expect(shown !== undefined).toBe(trustRows.some((r) => r.active));
      }
    }));
  });

  it('property: the result is sorted and does not depend on the order of the rows', () => {
    fc.assert(fc.property(fc.array(arbRow, { maxLength: 25 }).chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }))), ([rows, shuffled]) => {
      const a = eff(rows);
      const b = eff(shuffled);
      for (let i = 1; i < a.length; i++) expect(a[i - 1]!.sortOrder).toBeLessThanOrEqual(a[i]!.sortOrder);
      // the same codes from the same scope (names within one scope may differ only for duplicate rows, which is bad data)
      expect(b.map((r) => `${r.siteId}:${r.code}`).sort()).toEqual(a.map((r) => `${r.siteId}:${r.code}`).sort());
    }));
  });
});

describe('overriddenCodes', () => {
  it('lists the codes the site has its own entry for', () => {
    expect([...overriddenCodes([row(null, 'A', 'a'), row(SITE, 'A', 'a'), row(SITE, 'B', 'b'), row(OTHER, 'C', 'c')], SITE)].sort()).toEqual(['A', 'B']);
  });
});

describe('motivationsOrDefault', () => {
  it("gives SPEC's six perceived motivations when none is configured", () => {
    const out = motivationsOrDefault([], (m) => m.label);
    expect(out).toEqual(['Obtain attention', 'Avoid task or demand', 'Obtain item or activity', 'Sensory', 'Avoid peer or adult', 'Unknown']);
    expect(DEFAULT_MOTIVATIONS.map((m) => m.code)).toEqual(['OBTAIN_ATTENTION', 'AVOID_TASK', 'OBTAIN_ITEM', 'SENSORY', 'AVOID_PEER_ADULT', 'UNKNOWN']);
  });
  it('keeps the configured ones, without adding the defaults', () => {
    expect(motivationsOrDefault(['Mine'], (m) => m.label)).toEqual(['Mine']);
  });
});

describe('effectiveSettings', () => {
  it.each<[string, { code: string; details: unknown }[], number]>([
    ['defaults serious_severity to 4', [], 4],
    ['reads a configured value (code in capitals)', [{ code: 'SERIOUS_SEVERITY', details: { value: 3 } }], 3],
    ['reads a configured value (code in lower case)', [{ code: 'serious_severity', details: { value: 5 } }], 5],
    ['reads a number stored as text', [{ code: 'SERIOUS_SEVERITY', details: { value: '2' } }], 2],
    ['ignores an out-of-range value', [{ code: 'SERIOUS_SEVERITY', details: { value: 9 } }], 4],
    ['ignores a missing value', [{ code: 'SERIOUS_SEVERITY', details: {} }], 4],
  ])('%s', (_n, rows, expected) => {
    expect(effectiveSettings(rows).serious_severity).toBe(expected);
  });
  it('carries every known setting with its default, and a configured value within bounds', () => {
    expect(effectiveSettings([])).toMatchObject({ plan_review_incidents: 5, plan_review_school_days: 10 });
    const rows = [{ code: 'PLAN_REVIEW_INCIDENTS', details: { value: 3 }, siteId: SITE }, { code: 'PLAN_REVIEW_SCHOOL_DAYS', details: { value: 99 }, siteId: SITE }];
    expect(effectiveSettings(rows)).toMatchObject({ plan_review_incidents: 3, plan_review_school_days: 10 });
  });
  it("prefers a site's value when the site and the trust write the code differently", () => {
    const rows = [{ code: 'SERIOUS_SEVERITY', details: { value: 2 }, siteId: SITE }, { code: 'serious_severity', details: { value: 5 }, siteId: null }];
    expect(effectiveSettings(rows).serious_severity).toBe(2);
    expect(effectiveSettings([...rows].reverse()).serious_severity).toBe(2);
  });
  it('passes other settings through by lower-case code', () => {
    expect(effectiveSettings([{ code: 'SHOW_STAFF_NAMES', details: { value: false } }])).toEqual({ show_staff_names: false, serious_severity: 4, plan_review_incidents: 5, plan_review_school_days: 10 });
  });
});

describe('categoryProblems', () => {
  it.each<[string, 'positive' | 'negative' | 'neutral', number, boolean]>([
    ['positive with points', 'positive', 5, true],
    ['positive with none', 'positive', 0, true],
    ['positive taking points', 'positive', -1, false],
    ['negative taking points', 'negative', -3, true],
    ['negative with none', 'negative', 0, true],
    ['negative giving points', 'negative', 2, false],
    ['neutral with none', 'neutral', 0, true],
    ['neutral with points', 'neutral', 1, false],
  ])('%s', (_n, polarity, points, ok) => {
    const problems = categoryProblems({ polarity, points });
    expect(problems.length === 0).toBe(ok);
    if (!ok) expect(problems.map((p) => p.field)).toEqual(['points']);
  });
});

describe('checkOptionDetails', () => {
  it.each<[string, Parameters<typeof checkOptionDetails>, string[]]>([
    ['a period with times in order', ['period', 'P1', { start: '09:00', end: '09:50' }], []],
    ['a period ending as it starts', ['period', 'P1', { start: '09:00', end: '09:00' }], ['details.end']],
    ['a period ending before it starts', ['period', 'P1', { start: '13:10', end: '12:00' }], ['details.end']],
    ['a period without times', ['period', 'P1', {}], ['details.start', 'details.end']],
    ['the serious severity in range', ['setting', 'SERIOUS_SEVERITY', { value: 3 }], []],
    ['the serious severity out of range', ['setting', 'SERIOUS_SEVERITY', { value: 7 }], ['details.value']],
    ['the serious severity as text', ['setting', 'SERIOUS_SEVERITY', { value: 'high' }], ['details.value']],
    ['a setting without a value', ['setting', 'OTHER', {}], ['details.value']],
    ['a technique with a level', ['technique', 'HOLD', { level: 'Level 2' }], []],
    ['a location (no details needed)', ['location', 'HALL', { start: '09:00' }], []],
  ])('%s', (_n, args, fields) => {
    expect(checkOptionDetails(...args).problems.map((p) => p.field)).toEqual(fields);
  });
  it('keeps only the details a kind uses', () => {
    expect(checkOptionDetails('location', 'HALL', { start: '09:00', level: 'x' }).details).toEqual({});
    expect(checkOptionDetails('technique', 'HOLD', { level: 'Level 1', start: '09:00' }).details).toEqual({ level: 'Level 1' });
    expect(checkOptionDetails('period', 'P1', { start: '09:00', end: '10:00', value: 3 }).details).toEqual({ start: '09:00', end: '10:00' });
  });
  it('property: a period is accepted exactly when it starts before it ends', () => {
    const hhmm = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(fc.property(hhmm, hhmm, (start, end) => {
      expect(checkOptionDetails('period', 'P', { start, end }).problems.length === 0).toBe(start < end);
    }));
  });
});

describe('formProblems', () => {
  const f = (over: Partial<FormFieldInput> = {}): FormFieldInput => ({ key: 'room', label: 'Room', type: 'text', required: false, ...over });
  it.each<[string, FormFieldInput[], string[]]>([
    ['no fields (a form with no custom fields)', [], []],
    ['good fields of every type', [f(), f({ key: 'was_planned', type: 'yes_no' }), f({ key: 'review_on', type: 'date' }), f({ key: 'trigger', type: 'choice', options: ['Noise', 'Change'] })], []],
    ['a key used twice', [f(), f({ label: 'Room again' })], ['fields.1.key']],
    ['a key starting with a digit', [f({ key: '1room' })], ['fields.0.key']],
    ['a key in capitals', [f({ key: 'Room' })], ['fields.0.key']],
    ['a key of 41 characters', [f({ key: `a${'b'.repeat(40)}` })], ['fields.0.key']],
    ['a choice with one option', [f({ type: 'choice', options: ['Only'] })], ['fields.0.options']],
    ['a choice with no options', [f({ type: 'choice' })], ['fields.0.options']],
    ['a choice with the same option twice', [f({ type: 'choice', options: ['Yes', 'yes'] })], ['fields.0.options']],
    ['options on a text field', [f({ options: ['a', 'b'] })], ['fields.0.options']],
  ])('%s', (_n, fields, expected) => {
    expect(formProblems(fields).map((p) => p.field)).toEqual(expected);
  });
  it('accepts a key of 40 characters', () => {
    expect(formProblems([f({ key: `a${'b'.repeat(39)}` })])).toEqual([]);
  });
  it('property: any list of distinct well-formed keys of text fields is accepted', () => {
    const key = fc.stringMatching(/^[a-z][a-z0-9_]{0,39}$/);
    fc.assert(fc.property(fc.uniqueArray(key, { maxLength: 20 }), (keys) => {
      expect(formProblems(keys.map((k) => f({ key: k })))).toEqual([]);
    }));
  });
  it('normalises: options only on choices, help only when given, labels trimmed', () => {
    expect(normaliseFields([f({ label: ' Room ', help: '  ' }), f({ key: 'c', type: 'choice', options: [' A ', 'B'], help: 'Pick one' })])).toEqual([
      { key: 'room', label: 'Room', type: 'text', required: false },
      { key: 'c', label: 'Room', type: 'choice', required: false, options: ['A', 'B'], help: 'Pick one' },
    ]);
  });
});
