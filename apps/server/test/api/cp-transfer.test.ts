/**
 * Child-protection file transfers (DAT-4, LAW-11) through the API on both databases: the deadline on the site calendar
 * (a closure day skipped), the pack decrypted here with openpgp (passphrase, and a generated key pair) and with the
 * standard gpg tool when it is installed, the one-time link (works once, then 410), the receipt (through the link and
 * recorded by the DSL), the reminders, refusals (other roles and sites 403, bad input 400 naming the field), and no
 * sealed text in audit rows, notifications, tasks or log lines.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as openpgp from 'openpgp';
import { unzipSync } from 'fflate';
import { uuidv7 } from 'uuidv7';
import { cloneDatabase, dbKinds, demoEmail, json, sessionFor, testConfig, type Session, type TestContext } from '../harness.ts';
import { buildApp } from '../../src/app.ts';
import { demoSites, pupilsAt, type DemoSites } from './behaviour.fixtures.ts';
import { usersWithRoleDirectlyAt } from './safeguarding.fixtures.ts';
import { pdfText } from '../pdf.ts';
import { attachments } from '../../src/db/schema/recording.ts';
import { loadSiteCalendar } from '../../src/modules/calendar/calendar.service.ts';
import { addDays, listSchoolDays } from '../../src/core/calendar/calendar.ts';
import { enqueue } from '../../src/core/jobs/queue.ts';
import { runDue } from '../../src/core/jobs/runner.ts';
import { londonToday } from '../../src/core/time.ts';
import '../../src/jobs.ts';

interface Transfer { id: string; status: string; dueOn: string | null; leavingDate: string; leavingDateSource: string; overdue: boolean; allowed: string[]; version: number;
  pack: { encryption: string; keyFingerprint: string | null; concerns: number; attachments: number; sha256: string } | null; receipt: { via: string; receivedByName: string } | null }
interface ErrorBody { error: { fields?: { field: string }[] } }

const hasGpg = (() => { try { execFileSync('gpg', ['--version'], { stdio: 'ignore' }); return true; } catch { return false; } })();

describe.each(dbKinds())('child-protection file transfers on %s', (kind) => {
  let t: TestContext;
  let s: DemoSites;
  let dsl: Session; let head: Session; let staff: Session; let otherDsl: Session; let admin: Session; let parent: Session;
  let pupil: string; let noConcernPupil: string;
  const concernIds: string[] = [];
  const logLines: string[] = [];
  const MARK = `CPMARK${Math.random().toString(36).slice(2, 10)}`;
  const h = (who?: Session) => who?.headers ?? {};
  const send = (method: 'POST' | 'PATCH', url: string, payload: unknown, who?: Session) => t.app.inject({ method, url, payload: payload as object, headers: h(who) });
  const get = (url: string, who?: Session) => t.app.inject({ method: 'GET', url, headers: h(who) });
  const fields = (res: { body: string }) => (JSON.parse(res.body) as ErrorBody).error.fields?.map((f) => f.field) ?? [];
  const receiving = { receivingSchool: 'Riverside Academy', receivingDslName: 'Sam Okafor', receivingDslEmail: 'dsl@riverside.example' };
  const open = async (extra: Record<string, unknown> = {}, p = pupil) => {
    const res = await send('POST', '/api/v1/cp-transfers', { pupilId: p, leavingDate: '2027-01-15', ...receiving, ...extra }, dsl);
    expect(res.statusCode, res.body).toBe(201);
    return json<Transfer>(res);
  };
  const unzipPdf = async (zip: Uint8Array) => {
    const files = unzipSync(zip);
    const pdfName = Object.keys(files).find((n) => n.endsWith('.pdf'))!;
    return { files, text: await pdfText(files[pdfName]!) };
  };

  beforeAll(async () => {
    const database = await cloneDatabase(kind);
    const app = await buildApp({ config: testConfig({ logLevel: 'trace' }), database, logger: true, logStream: { write: (line: string) => { logLines.push(line); } } });
    await app.ready();
    t = { kind, app, database, async close() { await app.close(); await database.close(); } };
    s = await demoSites(t);
    dsl = await sessionFor(t, (await usersWithRoleDirectlyAt(t, 'dsl', s.site1))[0]!.email);
    otherDsl = await sessionFor(t, (await usersWithRoleDirectlyAt(t, 'dsl', s.site2))[0]!.email);
    [head, staff, admin, parent] = await Promise.all(['head', 'staff', 'trust_admin', 'parent'].map((r) => sessionFor(t, demoEmail(r)))) as [Session, Session, Session, Session];
    const withConcerns = new Set((await t.database.query<{ pupil_id: string }>('select pupil_id from safeguarding_concern_pupils')).map((r) => r.pupil_id));
    const candidates = (await pupilsAt(t, s.site1, 40)).filter((p) => !withConcerns.has(p));
    [pupil, noConcernPupil] = [candidates[0]!, candidates[1]!];
    for (const [i, c] of [{ concern: `Bruising on arm ${MARK}C1`, childWords: `"Dad grabbed me" ${MARK}W1`, actionTaken: `Spoke to DSL ${MARK}A1` },
      { concern: `Not collected after school ${MARK}C2` }].entries()) {
      const res = await send('POST', '/api/v1/safeguarding-concerns', { pupilIds: [pupil], category: i === 0 ? 'physical' : 'neglect', ...c,
        ...(i === 0 ? { bodyMap: [{ side: 'front', x: 0.3, y: 0.4, note: `Left forearm ${MARK}B1` }] } : {}) }, staff);
      expect(res.statusCode, res.body).toBe(201);
      concernIds.push(json<{ id: string }>(res).id);
    }
    const tri = await send('PATCH', `/api/v1/safeguarding-concerns/${concernIds[0]}/triage`, { status: 'referred', triageOutcome: 'referral_social_care', triageNotes: `MASH referral made ${MARK}T1`, version: 1 }, dsl);
    expect(tri.statusCode, tri.body).toBe(200);
    // A document on the first concern (a scanned note), kept in the row.
    const data = Buffer.from(`Scanned note ${MARK}D1`);
    await t.database.db.insert(attachments).values({ id: uuidv7(), trustId: s.trustId, siteId: s.site1, ownerType: 'safeguarding_concern', ownerId: concernIds[0]!,
      filename: 'scanned-note.txt', contentType: 'text/plain', sizeBytes: data.length, sha256: createHash('sha256').update(data).digest('hex'),
      storage: 'database', data, uploadedBy: dsl.userId });
  });
  afterAll(async () => { await t?.close(); });

  it('refuses other roles and other sites (403), and anyone signed out (401)', async () => {
    const tr = await open();
    for (const who of [head, staff, admin, parent]) {
      expect((await get(`/api/v1/pupils/${pupil}/cp-transfers`, who)).statusCode).toBe(403);
      expect((await send('POST', '/api/v1/cp-transfers', { pupilId: pupil, ...receiving }, who)).statusCode).toBe(403);
      expect((await get(`/api/v1/cp-transfers/${tr.id}`, who)).statusCode).toBe(403);
      expect((await send('POST', `/api/v1/cp-transfers/${tr.id}/pack`, { method: 'passphrase' }, who)).statusCode).toBe(403);
    }
    // a DSL, but of another site
    expect((await get(`/api/v1/pupils/${pupil}/cp-transfers`, otherDsl)).statusCode).toBe(403);
    expect((await send('POST', '/api/v1/cp-transfers', { pupilId: pupil, leavingDate: '2027-01-15', ...receiving }, otherDsl)).statusCode).toBe(403);
    for (const url of [`/api/v1/cp-transfers/${tr.id}`, `/api/v1/cp-transfers/${tr.id}/pack`]) expect((await get(url, otherDsl)).statusCode).toBe(403);
    for (const sub of ['pack', 'link', 'receipt']) {
      expect((await send('POST', `/api/v1/cp-transfers/${tr.id}/${sub}`, sub === 'pack' ? { method: 'passphrase' } : sub === 'receipt' ? { receivedOn: '2027-01-20', receivedByName: 'X' } : {}, otherDsl)).statusCode).toBe(403);
    }
    expect((await get(`/api/v1/cp-transfers/${tr.id}`)).statusCode).toBe(401);
    expect((await get(`/api/v1/cp-transfers/${uuidv7()}`, dsl)).statusCode).toBe(404);
  });

  it('bad input is 400 naming the field', async () => {
    const noLeaving = await send('POST', '/api/v1/cp-transfers', { pupilId: noConcernPupil, ...receiving }, dsl);
    expect(noLeaving.statusCode).toBe(400);
    expect(fields(noLeaving)).toContain('leavingDate');
    const badEmail = await send('POST', '/api/v1/cp-transfers', { pupilId: pupil, leavingDate: '2027-01-15', ...receiving, receivingDslEmail: 'not-an-email' }, dsl);
    expect(badEmail.statusCode).toBe(400);
    expect(fields(badEmail)).toContain('receivingDslEmail');
    const blank = await send('POST', '/api/v1/cp-transfers', { pupilId: pupil, leavingDate: '2027-01-15', ...receiving, receivingSchool: '  ' }, dsl);
    expect(fields(blank)).toContain('receivingSchool');
    const tr = await open();
    for (const [body, field] of [
      [{ method: 'public_key', publicKey: 'not a key' }, 'publicKey'],
      [{ method: 'public_key' }, 'publicKey'],
      [{ method: 'passphrase', passphrase: 'short' }, 'passphrase'],
      [{ method: 'passphrase', concernIds: [uuidv7()] }, 'concernIds'],
      [{ method: 'passphrase', attachmentIds: [uuidv7()] }, 'attachmentIds'],
      [{ method: 'carrier-pigeon' }, 'method'],
    ] as const) {
      const res = await send('POST', `/api/v1/cp-transfers/${tr.id}/pack`, body, dsl);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(fields(res), JSON.stringify(body)).toContain(field);
    }
    const { privateKey } = await openpgp.generateKey({ userIDs: [{ name: 'Sam Okafor', email: 'dsl@riverside.example' }], format: 'armored' });
    const priv = await send('POST', `/api/v1/cp-transfers/${tr.id}/pack`, { method: 'public_key', publicKey: privateKey }, dsl);
    expect(priv.statusCode).toBe(400);
    expect(fields(priv)).toContain('publicKey');
    expect(json<Transfer>(await get(`/api/v1/cp-transfers/${tr.id}`, dsl)).status).toBe('draft');
  });

  it('the deadline is 5 school days after the leaving date, skipping a closure day', async () => {
    const cal = await loadSiteCalendar(t.database.db, s.trustId, s.site1);
    const today = londonToday();
    const days = listSchoolDays(cal, addDays(today, 21), addDays(today, 120));
    const leaving = days[0]!;
    expect(json<Transfer>(await send('POST', '/api/v1/cp-transfers', { pupilId: noConcernPupil, leavingDate: leaving, ...receiving }, dsl)).dueOn).toBe(days[5]);
    const closed = await send('POST', '/api/v1/calendar/closures', { siteId: s.site1, date: days[2], kind: 'inset', reason: 'INSET day' }, admin);
    expect(closed.statusCode, closed.body).toBe(201);
    const tr = json<Transfer>(await send('POST', '/api/v1/cp-transfers', { pupilId: noConcernPupil, leavingDate: leaving, ...receiving }, dsl));
    expect(tr.dueOn).toBe(days[6]);
    expect(tr.leavingDateSource).toBe('entered');
  });

  it('packs to a generated passphrase (shown once), decrypted here with openpgp; released through a one-time link that works once; receipt confirmed on its page', async () => {
    const tr = await open();
    const list = json<{ sources: { concerns: { id: string }[]; attachments: { id: string; filename: string }[] } }>(await get(`/api/v1/pupils/${pupil}/cp-transfers`, dsl));
    expect(list.sources.concerns.map((c) => c.id).sort()).toEqual([...concernIds].sort());
    expect(list.sources.attachments.map((a) => a.filename)).toEqual(['scanned-note.txt']);
    expect(JSON.stringify(list)).not.toContain(MARK);

    const packed = await send('POST', `/api/v1/cp-transfers/${tr.id}/pack`, { method: 'passphrase' }, dsl);
    expect(packed.statusCode, packed.body).toBe(200);
    const { transfer, passphrase } = json<{ transfer: Transfer; passphrase: string }>(packed);
    expect(passphrase).toMatch(/^[A-Z0-9]{5}(-[A-Z0-9]{5}){5}$/);
    expect(transfer).toMatchObject({ status: 'packed', pack: { encryption: 'passphrase', concerns: 2, attachments: 1, keyFingerprint: null } });
    // Only the encrypted pack is stored; the passphrase is nowhere in the database.
    const stored = await t.database.query<{ n: number }>(`select count(*)::int as n from attachments where owner_id = $1 and owner_type = 'cp_transfer_pack'`, [tr.id]);
    expect(stored[0]!.n).toBe(1);
    const dump = await t.database.query<{ row: string }>(`select row_to_json(c)::text as row from cp_transfers c where id = $1`, [tr.id]);
    expect(dump[0]!.row).not.toContain(passphrase);

    const linkRes = await send('POST', `/api/v1/cp-transfers/${tr.id}/link`, {}, dsl);
    expect(linkRes.statusCode, linkRes.body).toBe(201);
    const link = json<{ url: string; transfer: Transfer }>(linkRes);
    expect(link.transfer.status).toBe('sent');
    const token = link.url.split('#token=')[1]!;
    expect(link.url).toContain('/cp-transfer/receive#token=');
    const hashed = await t.database.query<{ link_token_hash: string }>('select link_token_hash from cp_transfers where id = $1', [tr.id]);
    expect(hashed[0]!.link_token_hash).toBe(createHash('sha256').update(token).digest('hex'));

    const info = await send('POST', '/api/v1/cp-transfer-link', { token });
    expect(info.statusCode, info.body).toBe(200);
    expect(json(info)).toMatchObject({ toSchool: 'Riverside Academy', encryption: 'passphrase', downloaded: false });
    expect(info.body).not.toContain(MARK);
    expect((await send('POST', '/api/v1/cp-transfer-link/receipt', { token, receivedByName: 'Sam Okafor' })).statusCode).toBe(409);
    const dl = await send('POST', '/api/v1/cp-transfer-link/download', { token });
    expect(dl.statusCode, dl.body).toBe(200);
    expect(dl.headers['content-type']).toContain('application/pgp-encrypted');
    expect((await send('POST', '/api/v1/cp-transfer-link/download', { token })).statusCode).toBe(410);
    expect((await send('POST', '/api/v1/cp-transfer-link/download', { token: 'x'.repeat(43) })).statusCode).toBe(404);

    const message = await openpgp.readMessage({ binaryMessage: dl.rawPayload });
    const { data } = await openpgp.decrypt({ message, passwords: [passphrase], format: 'binary' });
    const { files, text } = await unzipPdf(data as Uint8Array);
    for (const piece of ['C1', 'W1', 'A1', 'B1', 'T1', 'C2']) expect(text).toContain(`${MARK}${piece}`);
    expect(text).toContain('Chronology');
    expect(text).toContain("Referral to children's social care");
    expect(Buffer.from(files['attachments/scanned-note.txt']!).toString()).toContain(`${MARK}D1`);
    expect(JSON.parse(Buffer.from(files['manifest.json']!).toString()).files).toHaveLength(2);
    await expect(openpgp.decrypt({ message: await openpgp.readMessage({ binaryMessage: dl.rawPayload }), passwords: ['wrong passphrase here'], format: 'binary' })).rejects.toThrow();

    const receipt = await send('POST', '/api/v1/cp-transfer-link/receipt', { token, receivedByName: 'Sam Okafor' });
    expect(receipt.statusCode, receipt.body).toBe(200);
    expect((await send('POST', '/api/v1/cp-transfer-link/receipt', { token, receivedByName: 'Sam Okafor' })).statusCode).toBe(410);
    expect((await send('POST', '/api/v1/cp-transfer-link', { token })).statusCode).toBe(410);
    const done = json<Transfer>(await get(`/api/v1/cp-transfers/${tr.id}`, dsl));
    expect(done).toMatchObject({ status: 'received', receipt: { via: 'link', receivedByName: 'Sam Okafor' } });
    const notes = await t.database.query<{ title: string; body: string; user_id: string }>(`select title, body, user_id from notifications where link = $1`, [`/cp-transfers/${tr.id}`]);
    expect(notes.length).toBeGreaterThan(0);
    const dslIds = new Set((await t.database.query<{ user_id: string }>(`select user_id from role_assignments where role = 'dsl' and (site_id is null or site_id = $1)`, [s.site1])).map((r) => r.user_id));
    for (const n of notes) expect(dslIds.has(n.user_id)).toBe(true);
  });

  it('packs to the receiving DSL\'s public key (a generated key pair), chosen records only; the DSL downloads it and records the receipt', async () => {
    const { privateKey, publicKey } = await openpgp.generateKey({ userIDs: [{ name: 'Sam Okafor', email: 'dsl@riverside.example' }], format: 'armored' });
    const tr = await open();
    const packed = await send('POST', `/api/v1/cp-transfers/${tr.id}/pack`, { method: 'public_key', publicKey, concernIds: [concernIds[1]], includeChronology: false }, dsl);
    expect(packed.statusCode, packed.body).toBe(200);
    const out = json<{ transfer: Transfer; passphrase: string | null }>(packed);
    expect(out.passphrase).toBeNull();
    expect(out.transfer.pack).toMatchObject({ encryption: 'public_key', concerns: 1, attachments: 0 });
    expect(out.transfer.pack!.keyFingerprint).toBe((await openpgp.readKey({ armoredKey: publicKey })).getFingerprint().toUpperCase());

    expect((await send('POST', `/api/v1/cp-transfers/${tr.id}/receipt`, { receivedOn: londonToday(), receivedByName: 'Sam' }, dsl)).statusCode).toBe(409);
    const dl = await get(`/api/v1/cp-transfers/${tr.id}/pack`, dsl);
    expect(dl.statusCode, dl.body).toBe(200);
    expect(createHash('sha256').update(dl.rawPayload).digest('hex')).toBe(out.transfer.pack!.sha256);
    const key = await openpgp.readPrivateKey({ armoredKey: privateKey });
    const { data } = await openpgp.decrypt({ message: await openpgp.readMessage({ binaryMessage: dl.rawPayload }), decryptionKeys: key, format: 'binary' });
    const { files, text } = await unzipPdf(data as Uint8Array);
    expect(text).toContain(`${MARK}C2`);
    expect(text).not.toContain(`${MARK}C1`);
    expect(Object.keys(files).some((f) => f.startsWith('attachments/'))).toBe(false);

    const sent = json<Transfer>(await get(`/api/v1/cp-transfers/${tr.id}`, dsl));
    expect(sent.status).toBe('sent');
    expect((await send('POST', `/api/v1/cp-transfers/${tr.id}/pack`, { method: 'passphrase' }, dsl)).statusCode).toBe(409);
    const future = await send('POST', `/api/v1/cp-transfers/${tr.id}/receipt`, { receivedOn: addDays(londonToday(), 3), receivedByName: 'Sam' }, dsl);
    expect(future.statusCode).toBe(400);
    expect(fields(future)).toContain('receivedOn');
    const rec = await send('POST', `/api/v1/cp-transfers/${tr.id}/receipt`, { receivedOn: londonToday(), receivedByName: 'Sam Okafor (by phone)' }, dsl);
    expect(rec.statusCode, rec.body).toBe(200);
    expect(json<Transfer>(rec)).toMatchObject({ status: 'received', receipt: { via: 'recorded' } });
  });

  it.skipIf(!hasGpg)('the pack opens with the standard gpg tool (passphrase and key)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-gpg-'));
    try {
      const tr = await open();
      const { passphrase } = json<{ passphrase: string }>(await send('POST', `/api/v1/cp-transfers/${tr.id}/pack`, { method: 'passphrase' }, dsl));
      const dl = await get(`/api/v1/cp-transfers/${tr.id}/pack`, dsl);
      fs.writeFileSync(path.join(dir, 'pack.zip.pgp'), dl.rawPayload);
      const gpg = (args: string[]) => execFileSync('gpg', ['--homedir', dir, '--batch', '--yes', '--quiet', '--pinentry-mode', 'loopback', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      gpg(['--passphrase', passphrase, '--output', path.join(dir, 'pack.zip'), '--decrypt', path.join(dir, 'pack.zip.pgp')]);
      expect((await unzipPdf(fs.readFileSync(path.join(dir, 'pack.zip')))).text).toContain(`${MARK}C1`);

      const { privateKey, publicKey } = await openpgp.generateKey({ userIDs: [{ name: 'Sam Okafor', email: 'dsl@riverside.example' }], format: 'armored' });
      const tr2 = await open();
      expect((await send('POST', `/api/v1/cp-transfers/${tr2.id}/pack`, { method: 'public_key', publicKey }, dsl)).statusCode).toBe(200);
      fs.writeFileSync(path.join(dir, 'key.asc'), privateKey);
      gpg(['--import', path.join(dir, 'key.asc')]);
      fs.writeFileSync(path.join(dir, 'pack2.zip.pgp'), (await get(`/api/v1/cp-transfers/${tr2.id}/pack`, dsl)).rawPayload);
      gpg(['--output', path.join(dir, 'pack2.zip'), '--decrypt', path.join(dir, 'pack2.zip.pgp')]);
      expect((await unzipPdf(fs.readFileSync(path.join(dir, 'pack2.zip')))).text).toContain(`${MARK}C2`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reminds the DSLs before the due day and when overdue (once each), with a task; nothing sealed in them', async () => {
    const cal = await loadSiteCalendar(t.database.db, s.trustId, s.site1);
    const days = listSchoolDays(cal, addDays(londonToday(), 1), addDays(londonToday(), 120));
    const tr = await open({ leavingDate: days[0] });
    const due = tr.dueOn!;
    const run = async (day: string) => {
      const now = new Date(`${day}T07:00:00Z`);
      await enqueue(t.database.db, { kind: 'reminder:cp-transfer-deadlines', payload: { day }, runAt: now });
      await runDue(t.app.deps, { now });
    };
    const notes = () => t.database.query<{ kind: string; title: string; body: string }>(`select kind, title, body from notifications where link = $1 order by created_at`, [`/cp-transfers/${tr.id}`]);
    await run(days[1]!);
    expect(await notes()).toHaveLength(0);
    await run(days[4]!); // 2 school days left: days[4] and the due day days[5]
    expect((await notes()).map((n) => n.kind)).toContain('safeguarding.cp_transfer_due');
    const count = (await notes()).length;
    await run(days[5]!);
    expect(await notes()).toHaveLength(count);
    await run(addDays(due, 1));
    expect((await notes()).map((n) => n.kind)).toContain('safeguarding.cp_transfer_overdue');
    const tasks = await t.database.query<{ title: string; detail: string; pupil_id: string | null; status: string }>(`select title, detail, pupil_id, status from tasks where source_id = $1`, [tr.id]);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]!.pupil_id).toBeNull();
    expect(json<Transfer>(await get(`/api/v1/cp-transfers/${tr.id}`, dsl)).overdue).toBe(false); // "today" is before the due day
    const names = await t.database.query<{ legal_forename: string; legal_surname: string }>('select legal_forename, legal_surname from pupils where id = $1', [pupil]);
    for (const n of [...await notes(), ...tasks]) {
      const all = JSON.stringify(n);
      expect(all).not.toContain(names[0]!.legal_surname);
      expect(all).not.toContain(MARK);
    }
    // sending it finishes the task
    await send('POST', `/api/v1/cp-transfers/${tr.id}/pack`, { method: 'passphrase' }, dsl);
    await send('POST', `/api/v1/cp-transfers/${tr.id}/link`, {}, dsl);
    expect((await t.database.query<{ status: string }>(`select status from tasks where source_id = $1`, [tr.id]))[0]!.status).toBe('done');
  });

  it('audits every step as sealed entries, with no sealed text in the audit, the notifications or the logs', async () => {
    const actions = (await t.database.query<{ action: string }>(`select distinct action from audit_entries where action like 'safeguarding.cp_transfer.%'`)).map((r) => r.action);
    for (const a of ['create', 'list', 'read', 'pack', 'link', 'link_download', 'download', 'receipt', 'reminder']) expect(actions).toContain(`safeguarding.cp_transfer.${a}`);
    const leaked = await t.database.query<{ n: number }>(`select count(*)::int as n from audit_entries where position($1 in details::text) > 0`, [MARK]);
    expect(leaked[0]!.n).toBe(0);
    const notSealed = await t.database.query<{ n: number }>(`select count(*)::int as n from audit_entries where action like 'safeguarding.cp_transfer.%' and coalesce(details->>'sealed', '') <> 'true'`);
    expect(notSealed[0]!.n).toBe(0);
    const notes = await t.database.query<{ n: number }>(`select count(*)::int as n from notifications where position($1 in title || ' ' || body) > 0`, [MARK]);
    expect(notes[0]!.n).toBe(0);
    // the trust administrator's audit view does not show them
    const view = await get('/api/v1/audit?pageSize=200', admin);
    expect(view.statusCode).toBe(200);
    expect(view.body).not.toContain('cp_transfer');
    expect(logLines.length).toBeGreaterThan(0);
    for (const line of logLines) expect(line).not.toContain(MARK);
  });
});
