import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFINITIONS, definitionsMarkdown } from './definitions.ts';

describe('definitions (SPEC §9)', () => {
  it('docs/analytics-definitions.md is generated from the same source as the app page', () => {
    const doc = fs.readFileSync(new URL('../../../docs/analytics-definitions.md', import.meta.url), 'utf8');
    expect(doc).toBe(definitionsMarkdown());
  });
  it('covers every definition SPEC §9 names', () => {
    const terms = DEFINITIONS.flatMap((s) => s.items.map((i) => i.term));
    for (const t of ['School day', 'Session', 'Days lost to suspension', 'Pupil-days', 'Rate per 100 pupils per school day', 'Incidents', 'Pupil involvements',
      'Quick events', 'Records that never count', 'Group rate ratio', 'Risk index', 'Risk ratio', 'Fewer than 5', 'Time', 'Week',
      'Physical intervention duration', 'Signed off within 48 hours', 'DfE suspension rate']) expect(terms).toContain(t);
  });
});
