import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The slowest files, slowest first (measured in CI, 6 December 2026). A fresh clone has no timing cache, so vitest would
 * otherwise start files in path order and a five-minute property test could start last, leaving one worker busy
 * long after the other has finished; started first, they overlap the many short files.
 */
const SLOWEST = [
  'apps/server/test/cli.test.ts', 'apps/server/test/api/safeguarding.sealing.test.ts', 'apps/server/test/cli.setup.test.ts',
  'apps/server/src/core/db/backup.test.ts', 'apps/server/test/api/analytics.property.test.ts', 'apps/server/test/api/unstorable-input.property.test.ts',
  'apps/server/test/api/analytics-exports.test.ts', 'apps/server/test/api/system.test.ts', 'apps/server/test/api/matrix.test.ts',
  'apps/server/src/core/db/backup.attachments.test.ts', 'apps/server/test/api/trend-alerts.property.test.ts', 'apps/server/test/durability.test.ts',
  'apps/server/test/jobs/jobs.test.ts', 'apps/server/test/api/comms.test.ts', 'apps/server/test/api/safeguarding.email.test.ts',
];

class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (f: TestSpecification) => { const i = SLOWEST.findIndex((s) => f.moduleId.endsWith(s)); return i === -1 ? SLOWEST.length : i; };
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['apps/server/src/**/*.test.ts', 'apps/server/test/**/*.test.ts', 'packages/contracts/src/**/*.test.ts', 'apps/web/src/**/*.test.ts', 'apps/web/build/**/*.test.ts'],
    globalSetup: ['apps/server/test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    // One module graph per worker, not per file: re-importing the server for each of 166 files cost a third of the
    // run's CPU. No test file mocks modules or leaves process-wide state behind (the two that set NODE_ENV restore it).
    isolate: false,
    reporters: ['default'],
    sequence: { sequencer: SlowestFirst },
  },
});
