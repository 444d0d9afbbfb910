/**
 * The `haven` command as a user runs it: serve with a lock on the data directory (a second process exits at once,
 * naming it), a clean stop on SIGTERM, `audit verify` exiting non-zero after tampering, and backup/restore files.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '../src/core/db/client.ts';
import { DEMO_TOTP_SECRETS } from '../src/db/seed/accounts.ts';
import { totpNow } from '../src/modules/auth/totp.ts';
import { makeUpn } from '../src/modules/pupils/upn.rules.ts';

const CLI = path.resolve('apps/server/bin/haven.js');
const dirs: string[] = [];
function tempDir(): string { const d = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-cli-')); dirs.push(d); return d; }
afterAll(() => { for (const d of dirs) fs.rmSync(d, { recursive: true, force: true }); });

const env = (dataDir: string, extra: Record<string, string> = {}) =>
  ({ ...process.env, HAVEN_DATA_DIR: dataDir, DATABASE_URL: '', NODE_ENV: 'development', LOG_LEVEL: 'warn', HAVEN_WEB_DIST: '/nonexistent', ...extra });

function haven(args: string[], dataDir: string, extra: Record<string, string> = {}) {
  return spawnSync(process.execPath, [CLI, ...args], { env: env(dataDir, extra), encoding: 'utf8', timeout: 240_000 });
}

/** A data directory seeded by `haven seed`: seeded once for the file, then copied for each test (seeding is slow). */
let seededOnce: string | undefined;
function seededDir(): string {
  if (!seededOnce) {
    seededOnce = tempDir();
    const seeded = haven(['seed'], seededOnce);
    expect(seeded.status, seeded.stderr).toBe(0);
  }
  const copy = tempDir();
  fs.cpSync(seededOnce, copy, { recursive: true });
  return copy;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => { const a = s.address() as net.AddressInfo; s.close(() => resolve(a.port)); }); });
}

describe('haven command line', () => {
  it('serves, refuses a second process on the same data directory at once, and stops cleanly on SIGTERM', async () => {
    // an empty directory: serving it migrates and seeds the demo trust first, as `npm start` does on a new machine
    // (the browser journeys start their servers on copies of one seeded directory)
    const dataDir = tempDir();
    const port = await freePort();
    const server = spawn(process.execPath, [CLI, 'serve'], { env: env(dataDir, { PORT: String(port), HOST: '127.0.0.1' }) });
    let out = '';
    server.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    server.stderr.on('data', (d: Buffer) => { out += d.toString(); });
    const started = Date.now();
    while (!out.includes('Haven is running') && Date.now() - started < 180_000 && server.exitCode === null) await new Promise((r) => setTimeout(r, 200));
    expect(out).toContain(`Haven is running at http://localhost:${port}`);
    expect(out).toContain(`PGlite (embedded) in ${dataDir}`);
    expect(out).toMatch(/README\.md/);
    const health = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok' });

    const t0 = Date.now();
    const second = haven(['serve'], dataDir, { PORT: String(port + 1) });
    expect(second.status).toBe(1);
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(second.stderr).toContain(`The data directory ${dataDir} is in use by another Haven process`);

    const exited = new Promise<number | null>((r) => server.once('exit', (code) => r(code)));
    server.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(out).toContain('Haven stopped cleanly');
    expect(fs.existsSync(path.join(dataDir, 'haven.lock'))).toBe(false);
  }, 300_000);

  it('verifies the audit chain, and names the position of a tampered entry with a non-zero exit', async () => {
    const dataDir = seededDir();
    const ok = haven(['audit', 'verify'], dataDir);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/Audit chain intact: \d+ entries verified/);
    const db = await openPglite(dataDir);
    await db.exec(`update audit_entries set actor_label = 'someone else' where seq = 1`);
    await db.close();
    const bad = haven(['audit', 'verify'], dataDir);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('position 1: entry 1 was edited after it was written');
  }, 300_000);

  it('backs up and restores through the command line, and refuses to seed a database that has data', async () => {
    const from = seededDir(); const to = tempDir();
    const again = haven(['seed'], from);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/already holds a trust/);
    const file = path.join(tempDir(), 'backup.sql');
    const b = haven(['backup', file], from);
    expect(b.status, b.stderr).toBe(0);
    const r = haven(['restore', file], to);
    expect(r.status, r.stderr).toBe(0);
    const v = haven(['audit', 'verify'], to);
    expect(v.status).toBe(0);
    const refused = haven(['restore', file], to);
    expect(refused.status).toBe(1);
  }, 400_000);

  it('prints a demo account\'s two-factor code for the README\'s spelling of the role, the role code and the email', () => {
    const dataDir = tempDir();
    for (const spelling of ['cluster-lead', 'cluster_lead', 'cluster-lead@demo.haven.test']) {
      const before = totpNow(DEMO_TOTP_SECRETS.cluster_lead);
      const res = haven(['demo-code', spelling], dataDir);
      const after = totpNow(DEMO_TOTP_SECRETS.cluster_lead);
      expect(res.status, res.stderr).toBe(0);
      const code = /^(\d{6}) {2}\(cluster-lead@demo\.haven\.test; valid for \d+ more seconds\)$/.exec(res.stdout.trim())?.[1];
      expect([before, after]).toContain(code);
    }
    const staff = haven(['demo-code', 'staff'], dataDir);
    expect(staff.status).toBe(1);
    expect(staff.stderr).toContain('No demo account with two-factor for "staff". Roles: cluster-lead, dsl, head, trust-admin');
    const prod = haven(['demo-code', 'head'], dataDir, { NODE_ENV: 'production' });
    expect(prod.status).toBe(1);
    expect(prod.stderr).toMatch(/not in production/);
  }, 120_000);

  it('refuses demo seeding in production', () => {
    const res = haven(['seed'], tempDir(), { NODE_ENV: 'production' });
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/production/i);
  }, 60_000);

  it('imports a CSV of pupils: problems by row and column on stderr and exit 1, a dry run writes nothing, a re-import changes nothing', async () => {
    const dataDir = seededDir();
    const db = await openPglite(dataDir);
    const site = (await db.query<{ urn: string; la: string; est: string; id: string }>('select id, urn, la_code as la, establishment_number as est from sites order by name limit 1'))[0]!;
    await db.close();
    const upn = (i: number) => makeUpn(999, 9999, 26, i);
    const header = 'UPN,Legal Surname,Legal Forename,Date of Birth,Gender,Year Taught In,Reg Group';
    const file = path.join(tempDir(), 'pupils.csv');
    fs.writeFileSync(file, `${header}\r\n${upn(1)},Smith,Jo,01/02/2012,M,Year 9,9A\r\n${upn(2)},Jones,Al,02/30/2012,F,Year 9,9A\r\n`);
    const bad = haven(['import', 'csv', '--kind', 'pupils', file, '--site', site.urn], dataDir);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/row 3, Date of Birth: 02\/30\/2012 looks like a US date/);
    expect(bad.stderr).toMatch(/Nothing was imported: \d+ problems/);

    fs.writeFileSync(file, `${header}\r\n${upn(1)},Smith,Jo,01/02/2012,M,Year 9,9A\r\n${upn(2)},"Jones, the younger",Al,02/03/2012,F,Year 9,"9\nA"\r\n`);
    const dry = haven(['import', 'csv', '--kind', 'pupils', file, '--laestab', `${site.la}${site.est}`, '--dry-run'], dataDir);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/Dry run, nothing written: 2 rows .* would give 2 added, 0 changed, 0 unchanged/);
    const done = haven(['import', 'csv', '--kind', 'pupils', file, '--site', site.urn], dataDir);
    expect(done.status, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/Imported 2 rows .*: 2 added, 0 changed, 0 unchanged, \d+ in Haven but not in the file \(kept\)\. Import [0-9a-f-]{36}, file SHA-256 [0-9a-f]{64}/);
    const again = haven(['import', 'csv', '--kind', 'pupils', file, '--site', site.urn], dataDir);
    expect(again.stdout).toMatch(/0 added, 0 changed, 2 unchanged/);
    const check = await openPglite(dataDir);
    expect((await check.query<{ n: number }>(`select count(*)::int as n from pupils where upn like '_9999999%'`))[0]!.n).toBe(2);
    expect((await check.query<{ n: number }>(`select count(*)::int as n from imports where status = 'committed' and created_by is null`))[0]!.n).toBe(2);
    await check.close();
    const noSite = haven(['import', 'csv', '--kind', 'pupils', file], dataDir);
    expect(noSite.status).toBe(1);
    expect(noSite.stderr).toMatch(/name one with --site URN or --laestab/);
  }, 600_000);

  it('imports a CTF (the site from its destination), naming pupil and element on stderr, and exports leavers to a file', async () => {
    const dataDir = seededDir();
    const fixtures = path.resolve('apps/server/test/fixtures/ctf');
    const dir = tempDir();
    const good = path.join(fixtures, 'ctf19-brookfield-primary.xml');
    const text = fs.readFileSync(good, 'utf8');
    const bad = path.join(dir, 'bad.xml');
    fs.writeFileSync(bad, text.replace('<UPN>T936214512001</UPN>', '<UPN>A936214512001</UPN>').replace('<DOB>2007-11-02</DOB>', '<DOB>11/02/2007</DOB>'));
    const refused = haven(['import', 'ctf', bad], dataDir);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('pupil 1 (UPN A936214512001), CTfile/CTFpupilData/Pupil[1]/UPN: The check letter does not match');
    expect(refused.stderr).toMatch(/pupil 2 \(UPN G936214512002\), CTfile\/CTFpupilData\/Pupil\[2\]\/DOB: .*yyyy-mm-dd/);
    expect(refused.stderr).toMatch(/Nothing was imported: 2 problems in 2 pupils/);
    const doctype = path.join(dir, 'doctype.xml');
    fs.writeFileSync(doctype, text.replace('<CTfile>', '<!DOCTYPE CTfile [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<CTfile>'));
    const dt = haven(['import', 'ctf', doctype], dataDir);
    expect(dt.status).toBe(1);
    expect(dt.stderr).toMatch(/^file: Line 3: the file has a DOCTYPE declaration/m);

    const dry = haven(['import', 'ctf', good, '--dry-run'], dataDir);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/Dry run, nothing written: 2 pupils for .* \(CTF 19\.0 from Brookfield Primary School, LAESTAB 9362145\) would give 2 added/);
    const done = haven(['import', 'ctf', good], dataDir);
    expect(done.status, done.stderr).toBe(0);
    expect(done.stdout).toMatch(/Imported 2 pupils .*: 2 added, 0 changed, 0 unchanged/);
    expect(haven(['import', 'ctf', good, '--laestab', '3837000'], dataDir).stdout).toMatch(/0 added, 0 changed, 2 unchanged/);

    const exported = haven(['export', 'ctf', '--pupil', 'T936214512001', 'G936214512002', '--to', '3834401', dir], dataDir);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/Wrote 2 pupils to .*_CTF_3834401_001\.xml \(CTF 25\.0, to 3834401\)/);
    const file = fs.readdirSync(dir).find((f) => f.endsWith('_CTF_3834401_001.xml'))!;
    expect(fs.readFileSync(path.join(dir, file), 'utf8')).toContain('<UPN>T936214512001</UPN>');
    const missing = haven(['export', 'ctf', '--pupil', makeUpn(999, 9999, 26, 77), '--to', '3834401', path.join(dir, 'x.xml')], dataDir);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/No pupil has the UPN/);
    expect(fs.existsSync(path.join(dir, 'x.xml'))).toBe(false);
  }, 600_000);
});
