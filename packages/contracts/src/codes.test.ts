/**
 * The contracts' codes and words (`*-codes.ts`, `holds.ts`) stay free of zod, so the web pages that show them do not
 * load the schema library (apps/web/build/first-load.test.ts checks the pages). A type-only import is erased.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as contracts from './index.ts';
import { INTERVENTION_KIND_LABELS, INTERVENTION_KINDS } from './incidents-codes.ts';

const dir = import.meta.dirname;
const codeModules = fs.readdirSync(dir).filter((f) => f.endsWith('-codes.ts') || f === 'holds.ts');

describe('codes modules', () => {
  it('import nothing but other codes modules', () => {
    expect(codeModules.length).toBeGreaterThanOrEqual(30);
    for (const f of codeModules) {
      const imports = [...fs.readFileSync(path.join(dir, f), 'utf8').matchAll(/^import\s(?!type\s)[^;]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);
      expect(imports.filter((i) => !/^\.\/[\w-]+-codes\.ts$/.test(i)), f).toEqual([]);
    }
  });

  it('are exported by the contracts as before, and the schemas use the same lists', () => {
    expect(contracts.INTERVENTION_KIND_LABELS).toBe(INTERVENTION_KIND_LABELS);
    expect(contracts.ZInterventionKind.options).toEqual([...INTERVENTION_KINDS]);
    expect(contracts.ZRole.options).toEqual([...contracts.ROLES]);
    expect(contracts.ZAnalyticsMeasure.options).toEqual([...contracts.ANALYTICS_MEASURES]);
    expect(contracts.unapprovedHolds([{ staffId: 's', techniqueCodes: ['A', 'b'] }], ['a'])).toEqual(['b']);
  });
});
