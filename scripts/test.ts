/**
 * `npm test`: lint, type checks, the OpenAPI lint, the unit and API tests and the browser journeys, arranged to use
 * both cores of a small machine: the static checks, the API tests on PGlite and the API tests on PostgreSQL run side by
 * side, then the browser journeys run alone (beside an API lane they slowed it into timeouts).
 *
 * - Without TEST_DATABASE_URL every test file runs on PGlite, the embedded database `npm start` uses.
 * - With TEST_DATABASE_URL (CI), the API test files that run per database kind (those calling dbKinds()) run on
 *   PostgreSQL, the production database, under HAVEN_TEST_PG_NODE (a path to another Node binary: CI gives Node 24) or
 *   this Node; the PGlite run takes everything else (unit tests, the CLI, backup and restore, the demo seed, which all
 *   use PGlite) and a sample of the per-kind files (PGLITE_SAMPLE) that exercises the embedded database's own paths.
 *   The browser journeys then run on PGlite as well. Running all 89 per-kind files on both kinds doubled CI's time.
 * - Each step's output is printed whole when it ends, with its time; the last line counts every test and check
 *   ("N passed, N failed"), and the exit code is non-zero if anything failed.
 * HAVEN_TEST_SERIAL=1 runs the steps one after another instead (slower; for a machine that is busy with other work).
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, 'test-results');

interface Outcome { name: string; passed: number; failed: number; seconds: number; ok: boolean }
interface Step { name: string; command: string; args: string[]; env?: Record<string, string>; count: (output: string, ok: boolean) => { passed: number; failed: number } }

const oneCheck = (_output: string, ok: boolean) => ({ passed: ok ? 1 : 0, failed: ok ? 0 : 1 });

function nodeVersion(node: string): string {
  const r = spawnSync(node, ['--version'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`HAVEN_TEST_PG_NODE=${node} does not run: ${r.stderr || r.error?.message}`);
  return r.stdout.trim();
}

/** The test files under a folder (vitest's *.test.ts), relative to the root. */
function testFilesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) { if (e.name !== 'node_modules' && e.name !== 'dist') walk(p); } else if (e.name.endsWith('.test.ts')) out.push(path.relative(root, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** Test files that run once per database kind: only these have anything to do in the PostgreSQL run. */
export function perKindTestFiles(dir = path.join(root, 'apps/server/test')): string[] {
  return testFilesUnder(dir).filter((f) => /\bdbKinds\(\)/.test(fs.readFileSync(path.join(root, f), 'utf8')));
}

/**
 * Per-kind files that CI also runs on PGlite: recording and sealing, audit and its chain, idempotent writes, imports,
 * analytics, jobs, subject access and retention — the paths where the two databases' behaviour could differ.
 */
export const PGLITE_SAMPLE = [
  'apps/server/test/api/incidents.crud.test.ts', 'apps/server/test/api/safeguarding.test.ts', 'apps/server/test/api/audit.test.ts',
  'apps/server/test/api/idempotency.test.ts', 'apps/server/test/api/imports.test.ts', 'apps/server/test/api/analytics.test.ts',
  'apps/server/test/jobs/jobs.test.ts', 'apps/server/test/api/subject-access.test.ts', 'apps/server/test/api/retention.test.ts',
  'apps/server/test/api/connection-loss.test.ts',
];

/** Every test file vitest would run (its include patterns), relative to the root. */
export function allTestFiles(): string[] {
  return ['apps/server/src', 'apps/server/test', 'packages/contracts/src', 'apps/web/src', 'apps/web/build']
    .flatMap((d) => testFilesUnder(path.join(root, d))).sort();
}

export function vitestStep(kind: 'pglite' | 'postgres', node: string, files: string[]): Step {
  const json = path.join(resultsDir, `vitest-${kind}.json`);
  return {
    name: `API and unit tests on ${kind === 'pglite' ? 'PGlite' : 'PostgreSQL'} (Node ${nodeVersion(node)})`,
    command: node,
    args: [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${json}`, ...files],
    env: { HAVEN_TEST_DB: kind },
    count: (_output, ok) => {
      try {
        const r = JSON.parse(fs.readFileSync(json, 'utf8')) as { numPassedTests: number; numFailedTests: number; numTotalTestSuites: number; success: boolean };
        // a run that failed outside any test (a file that does not load, global setup) still counts as a failure
        return { passed: r.numPassedTests, failed: r.numFailedTests + (ok || r.numFailedTests > 0 ? 0 : 1) };
      } catch { return { passed: 0, failed: 1 }; }
    },
  };
}

const npmStep = (name: string, script: string, count: Step['count'] = oneCheck): Step =>
  ({ name, command: process.platform === 'win32' ? 'npm.cmd' : 'npm', args: ['run', '--silent', script], count });

const journeysCount = (output: string, ok: boolean) => {
  const m = /journeys: (\d+) passed, (\d+) failed/.exec(output);
  if (m) return { passed: Number(m[1]), failed: Number(m[2]) + (ok || Number(m[2]) > 0 ? 0 : 1) };
  return oneCheck(output, ok && /SKIPPED browser journeys/.test(output)); // skipped (no Chromium, not CI) counts as one check
};

export function run(step: Step): Promise<Outcome> {
  const t0 = Date.now();
  process.stdout.write(`▶ ${step.name}\n`);
  return new Promise((resolve) => {
    // output goes to a buffer, printed whole at the end: no colour codes in it
    const env: NodeJS.ProcessEnv = { ...process.env, ...step.env, NO_COLOR: '1' };
    delete env.FORCE_COLOR;
    const child = spawn(step.command, step.args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    child.on('close', (code) => {
      const ok = code === 0;
      const seconds = (Date.now() - t0) / 1000;
      const { passed, failed } = step.count(output, ok);
      const verdict = ok && failed === 0 ? 'ok' : 'FAILED';
      process.stdout.write(`\n──── ${step.name}: ${verdict}, ${passed} passed, ${failed} failed, ${seconds.toFixed(0)} s ────\n${output.trimEnd()}\n────\n`);
      resolve({ name: step.name, passed, failed, seconds, ok: ok && failed === 0 });
    });
  });
}

async function sequence(steps: Step[]): Promise<Outcome[]> {
  const out: Outcome[] = [];
  for (const s of steps) out.push(await run(s));
  return out;
}

async function main(): Promise<number> {
  fs.mkdirSync(resultsDir, { recursive: true });
  const t0 = Date.now();
  const staticChecks = [npmStep('lint', 'lint'), npmStep('type checks', 'typecheck'), npmStep('OpenAPI lint (Redocly)', 'test:openapi')];
  const lanes: Step[][] = [staticChecks];
  if (process.env.TEST_DATABASE_URL) {
    const perKind = perKindTestFiles();
    const onPglite = allTestFiles().filter((f) => !perKind.includes(f) || PGLITE_SAMPLE.includes(f));
    lanes.push([vitestStep('pglite', process.execPath, onPglite)]);
    lanes.push([vitestStep('postgres', process.env.HAVEN_TEST_PG_NODE || process.execPath, perKind)]);
  } else {
    lanes.push([vitestStep('pglite', process.execPath, [])]);
    process.stdout.write('TEST_DATABASE_URL is not set: the API tests run on PGlite only.\n');
  }
  const journeys = npmStep('browser journeys', 'test:e2e', journeysCount);
  let outcomes: Outcome[];
  if (process.env.HAVEN_TEST_SERIAL === '1') outcomes = await sequence([...lanes.flat(), journeys]);
  else {
    // The journeys run alone after the API lanes: run beside the PGlite lane they slowed it into hook timeouts.
    outcomes = [...(await Promise.all(lanes.map(sequence))).flat(), await run(journeys)];
  }

  const total = { passed: 0, failed: 0 };
  process.stdout.write(`\nnpm test in ${((Date.now() - t0) / 60_000).toFixed(1)} min:\n`);
  for (const o of outcomes) {
    total.passed += o.passed; total.failed += o.failed;
    process.stdout.write(`  ${o.ok ? 'ok    ' : 'FAILED'} ${o.name.padEnd(58)} ${String(o.passed).padStart(5)} passed ${String(o.failed).padStart(3)} failed ${o.seconds.toFixed(0).padStart(5)} s\n`);
  }
  process.stdout.write(`\nall: ${total.passed} passed, ${total.failed} failed\n`);
  return outcomes.every((o) => o.ok) && total.failed === 0 ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = 1;
  main().then((code) => process.exit(code), (e: unknown) => { console.error(e); process.exit(1); });
}
