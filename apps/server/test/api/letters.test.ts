/**
 * Letters (PAR-2): only a trust administrator edits templates (trust-wide ones with a trust-wide role, a site's
 * override at that site); locked statutory parts and unknown merge fields are refused with the field named and nothing
 * saved; saves are versioned and audited; the preview and the letters sent carry the letterhead (name, address,
 * crest) and the edited text; a suspension's letters appear in the site's communications log and the by-hand queue,
 * print on letterhead, and are marked sent by hand with a date — by the office of the site and no one elsewhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { TCommsLogEntry, TLetterTemplate } from '@haven/contracts';
import { dbKinds, demoEmail, json, sessionFor, type Session, type TestContext } from '../harness.ts';
import { fieldsOf, NOWHERE, peopleWorld, type PeopleWorld } from './people.fixtures.ts';
import { freshPupils, otherHead, pdfText, suspensionSetup } from './suspensions.fixtures.ts';
import { familyFor } from './comms.fixtures.ts';
import { HTML, png } from './photos.fixtures.ts';

const T = '/api/v1/letters/templates';

describe.each(dbKinds())('letters on %s', (kind) => {
  let w: PeopleWorld;
  let t: TestContext;
  let admin: Session;
  let office: Session;
  let site1: string;
  let site2: string;
  const req: PeopleWorld['req'] = (...a) => w.req(...a);
  const template = async (k: string, who: Session, siteId?: string) => json<TLetterTemplate>(await req('GET', `${T}/${k}${siteId ? `?siteId=${siteId}` : ''}`, who));
  const edited = (tpl: TLetterTemplate, key: string, text: string) => tpl.blocks.map((b) => ({ key: b.key, heading: b.heading, text: b.key === key ? text : b.text }));

  beforeAll(async () => {
    w = await peopleWorld(kind);
    ({ t, admin, office, site1, site2 } = w);
  });
  afterAll(async () => { await t?.close(); });

  it('refuses anonymous callers, every role but the trust administrator, and a site administrator outside their site', async () => {
    expect((await req('GET', T)).statusCode).toBe(401);
    const tpl = await template('detention', admin);
    const body = { siteId: null, subject: tpl.subject, blocks: edited(tpl, 'body', 'Changed'), version: 0 };
    for (const role of ['staff', 'behaviour_lead', 'head', 'office', 'dsl', 'slt', 'governor', 'parent']) {
      const s = await sessionFor(t, demoEmail(role));
      expect((await req('GET', T, s)).statusCode, role).toBe(403);
      expect((await req('PUT', `${T}/detention`, s, body)).statusCode, role).toBe(403);
      expect((await req('POST', `${T}/detention/preview`, s, { siteId: site1 })).statusCode, role).toBe(403);
      expect((await req('PUT', `/api/v1/letters/letterhead/${site1}`, s, { address: 'x', phone: null, email: null, website: null, version: 0 })).statusCode, role).toBe(403);
    }
    // a trust administrator of site 1 alone: its override yes, the trust's template and site 2's override no
    const id = uuidv7();
    await t.database.query(`insert into users (id, trust_id, email, display_name) select $1, trust_id, $2, 'Sita Siteadmin' from sites where id = $3`, [id, `siteadmin-${id.slice(-6)}@example.org`, site1]);
    await t.database.query(`insert into role_assignments (id, trust_id, user_id, role, site_id) select $1, trust_id, $2, 'trust_admin', id from sites where id = $3`, [uuidv7(), id, site1]);
    const siteAdmin = await sessionFor(t, `siteadmin-${id.slice(-6)}@example.org`);
    expect((await req('PUT', `${T}/detention`, siteAdmin, body)).statusCode).toBe(403);
    expect((await req('PUT', `${T}/detention`, siteAdmin, { ...body, siteId: site2 })).statusCode).toBe(403);
    expect((await req('GET', `${T}/detention?siteId=${site2}`, siteAdmin)).statusCode).toBe(403);
    expect((await req('GET', `${T}/detention?siteId=${NOWHERE}`, admin)).statusCode).toBe(404);
    const own = await req('PUT', `${T}/detention`, siteAdmin, { ...body, siteId: site1, blocks: edited(tpl, 'body', 'Site 1 detention text for {{pupil.firstName}}.') });
    expect(own.statusCode, own.body).toBe(200);
    expect(json<TLetterTemplate>(own)).toMatchObject({ source: 'site', version: 1 });
    expect((await template('detention', admin)).source).toBe('default');
    expect((await req('POST', `${T}/detention/revert`, admin, { siteId: site1 })).statusCode).toBe(200);
    expect((await template('detention', admin, site1)).source).toBe('default');
  });

  it('refuses a changed locked part or an unknown merge field, naming it, and saves nothing; a stale version is refused', async () => {
    const tpl = await template('suspension', admin);
    const n = tpl.blocks.findIndex((b) => b.key === 'representations');
    expect(tpl.blocks[n]!.locked).toBe(true);
    const locked = await req('PUT', `${T}/suspension`, admin, { siteId: null, subject: tpl.subject, blocks: edited(tpl, 'representations', 'No rights.'), version: 0 });
    expect(locked.statusCode).toBe(400);
    expect(fieldsOf(locked.body)).toEqual([`blocks.${n}.text`]);
    const unknown = await req('PUT', `${T}/suspension`, admin, { siteId: null, subject: 'About {{pupil.shoeSize}}', blocks: edited(tpl, 'work', 'Hello {{pupil.nickname}}'), version: 0 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('{{pupil.shoeSize}}');
    expect(unknown.body).toContain('{{pupil.nickname}}');
    expect(fieldsOf(unknown.body)).toEqual(['subject', `blocks.${tpl.blocks.findIndex((b) => b.key === 'work')}.text`]);
    expect((await template('suspension', admin)).version).toBe(0);
    const ok = await req('PUT', `${T}/suspension`, admin, { siteId: null, subject: tpl.subject, blocks: edited(tpl, 'work', 'Work for {{pupil.firstName}} will be posted on Google Classroom each morning.'), version: 0 });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(json<TLetterTemplate>(ok)).toMatchObject({ source: 'trust', version: 1 });
    expect((await req('PUT', `${T}/suspension`, admin, { siteId: null, subject: tpl.subject, blocks: edited(tpl, 'work', 'Again'), version: 0 })).statusCode).toBe(409);
    const history = json<{ items: { version: number }[] }>(await req('GET', `${T}/suspension/history`, admin));
    expect(history.items.map((v) => v.version)).toEqual([1]);
    const audit = await w.audits('letter_template.create', (await t.database.query<{ id: string }>(`select id from letter_templates where kind = 'suspension' and site_id is null`))[0]!.id);
    expect(audit).toHaveLength(1);
  });

  it('keeps the letterhead and a crest checked like a photo; the preview shows them with the draft text and sample family', async () => {
    const head = json<{ version: number }>(await req('GET', `/api/v1/letters/letterhead/${site1}`, admin));
    const saved = await req('PUT', `/api/v1/letters/letterhead/${site1}`, admin, { address: '1 Haven Lane\nWestmoor\nWM1 1AA', phone: '01632 960000', email: 'office@school.example.org', website: null, version: head.version });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await req('PUT', `/api/v1/letters/letterhead/${site1}`, admin, { address: null, phone: null, email: 'not an email', website: null, version: 1 })).statusCode).toBe(400);
    const bad = await t.app.inject({ method: 'PUT', url: `/api/v1/letters/letterhead/${site1}/crest`, headers: { ...admin.headers, 'content-type': 'image/png' }, payload: HTML });
    expect(bad.statusCode).toBe(400);
    const crest = await t.app.inject({ method: 'PUT', url: `/api/v1/letters/letterhead/${site1}/crest`, headers: { ...admin.headers, 'content-type': 'image/png' }, payload: await png() });
    expect(crest.statusCode, crest.body).toBe(200);
    expect(json<{ hasCrest: boolean }>(crest).hasCrest).toBe(true);
    const tpl = await template('detention', admin, site1);
    const res = await req('POST', `${T}/detention/preview`, admin, { siteId: site1, subject: tpl.subject, blocks: edited(tpl, 'body', 'Draft: {{pupil.firstName}} stays behind in {{detention.room}}.') });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(res.rawPayload);
    for (const part of ['1 Haven Lane', 'WM1 1AA', 'office@school.example.org', 'Dear Mrs Sample and Mr Sample', 'Draft: Alex stays behind in Room 12.', 'Yours sincerely'])
      expect(text, part).toContain(part);
    expect(res.rawPayload.includes(Buffer.from('/Subtype /Image'))).toBe(true);
    expect((await req('POST', `${T}/detention/preview`, admin, { siteId: site1, blocks: edited(tpl, 'body', '{{pupil.password}}') })).statusCode).toBe(400);
  });

  it("sends a suspension's letters from the edited template; the office finds them in the log and the by-hand queue, prints and marks them sent", async () => {
    const x = await suspensionSetup(t);
    const pupilId = (await freshPupils(t, x.s.site1, 1))[0]!;
    await familyFor(t, pupilId);
    const id = await x.issueOk({ pupilId, category: 'suspension', startDate: '2027-03-01', sessions: 4, reasonCodes: ['PP'], details: 'Pushed a pupil.' });
    const letter = await pdfText((await req('GET', `/api/v1/suspensions/${id}/letter`, x.head)).rawPayload);
    for (const part of ['1 Haven Lane', 'will be posted on Google Classroom', 'Dear Ms Emma Testcase and Ms Lena Testcase', 'right to make representations'])
      expect(letter, part).toContain(part);

    const log = async (who: Session, q: string) => req('GET', `/api/v1/communications/log?siteId=${x.s.site1}&${q}`, who);
    // without SMTP every letter waits to be sent by hand: the parents', and the notices to the board and the local authority
    const all = json<{ items: TCommsLogEntry[] }>(await log(office, `pupilId=${pupilId}&status=to_send_by_hand`)).items;
    expect(all.map((c) => c.recipientName).sort()).toEqual(['Clerk to the governors', 'Ms Emma Testcase', 'Ms Lena Testcase', 'Westmoor Council exclusions officer']);
    const queue = all.filter((c) => c.recipientKind === 'parent');
    expect(queue.every((c) => c.recordType === 'exclusion' && c.pupilName && c.printable && c.allowed.includes('markSent'))).toBe(true);
    expect(json<{ items: TCommsLogEntry[] }>(await log(office, `kind=detention_assignment&pupilId=${pupilId}`)).items).toEqual([]);
    const lena = queue.find((c) => c.recipientName === 'Ms Lena Testcase')!;
    const printed = await req('GET', `/api/v1/communications/${lena.id}/letter`, office);
    expect(printed.statusCode).toBe(200);
    const own = await pdfText(printed.rawPayload);
    expect(own).toContain('Dear Ms Testcase');
    expect(own).toContain('Ms L Testcase');
    expect(await w.audits('communication.letter.print', lena.id)).toHaveLength(1);

    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const future = await req('POST', `/api/v1/communications/${lena.id}/mark-sent`, office, { sentOn: tomorrow });
    expect(future.statusCode).toBe(400);
    expect(fieldsOf(future.body)).toEqual(['sentOn']);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const sent = await req('POST', `/api/v1/communications/${lena.id}/mark-sent`, office, { sentOn: yesterday, note: 'Posted first class' });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(json<{ status: string; sentAt: string }>(sent)).toMatchObject({ status: 'sent' });
    expect(json<{ sentAt: string }>(sent).sentAt.slice(0, 10)).toBe(yesterday);
    expect(await w.audits('communication.mark_sent', lena.id)).toHaveLength(1);
    expect(json<{ items: TCommsLogEntry[] }>(await log(office, `pupilId=${pupilId}&status=to_send_by_hand`)).items).toHaveLength(3);

    // other sites, other roles
    expect((await req('GET', `/api/v1/communications/log?siteId=${site2}`, office)).statusCode).toBe(403);
    expect((await req('GET', `/api/v1/communications/log?siteId=${NOWHERE}`, office)).statusCode).toBe(404);
    for (const role of ['staff', 'parent', 'governor']) {
      const s = await sessionFor(t, demoEmail(role));
      expect((await log(s, '')).statusCode, role).toBe(403);
      expect((await req('GET', `/api/v1/communications/${lena.id}/letter`, s)).statusCode, role).toBe(403);
    }
    const head2 = await otherHead(t, site2);
    expect((await req('GET', `/api/v1/communications/${lena.id}/letter`, head2)).statusCode).toBe(404);
    expect((await log(office, 'from=2027-13-01')).statusCode).toBe(400);
  });
});
