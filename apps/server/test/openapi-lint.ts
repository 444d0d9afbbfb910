/**
 * `npm run test:openapi`: builds the app (with the web app's routes present, to prove they stay out of the document),
 * writes its OpenAPI document to a temporary file and lints it with Redocly's CLI under redocly.yaml. Exits non-zero
 * on any error. `tsx apps/server/test/openapi-lint.ts FILE` lints a document already written instead.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../src/config.ts';
import { writeOpenApiDocument } from '../src/cli/openapi.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const redocly = path.join(root, 'node_modules/@redocly/cli/bin/cli.js');

/** Redocly's verdict on a document: its exit status and what it printed. Never reaches the network. */
export function lintOpenApi(file: string): { status: number; output: string } {
  const res = spawnSync(process.execPath, [redocly, 'lint', file, '--config', path.join(root, 'redocly.yaml'), '--format', 'stylish', '--max-problems', '500'], {
    cwd: root, encoding: 'utf8', timeout: 120_000,
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
  });
  // Redocly prints a box about Node 20's end of life on every run under Node 20: not a finding
  const output = `${res.stdout}${res.stderr}`.split('\n').filter((l) => !/[║╔╚]/.test(l)).join('\n').trim();
  return { status: res.status ?? 1, output };
}

async function main(): Promise<number> {
  const given = process.argv[2];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-openapi-'));
  try {
    let file = given;
    if (!file) {
      const webDist = path.join(dir, 'web');
      fs.mkdirSync(webDist);
      fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><html lang="en-GB"><title>Haven</title></html>');
      file = path.join(dir, 'openapi.json');
      const config = loadConfig({ ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'silent', HAVEN_WEB_DIST: webDist, DATABASE_URL: '' });
      const { operations } = await writeOpenApiDocument(config, file);
      console.log(`OpenAPI document: ${operations} operations`);
    }
    const { status, output } = lintOpenApi(file);
    console.log(output);
    return status;
  } finally { fs.rmSync(dir, { recursive: true, force: true }); }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = 1;
  main().then((code) => process.exit(code), (e: unknown) => { console.error(e); process.exit(1); });
}
