/** Fixtures for the suspension tests: fresh pupils (no exclusions yet) at the demo head's site, and issuing helpers. */
import { and, eq, notInArray, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { extractText, getDocumentProxy } from 'unpdf';
import type { TExclusion, TExclusionPreview } from '@haven/contracts';
import { demoEmail, json, sessionFor, type TestContext } from '../harness.ts';
import { pupils } from '../../src/db/schema/pupils.ts';
import { exclusions } from '../../src/db/schema/exclusions.ts';
import { users } from '../../src/db/schema/users.ts';
import { demoSites } from './behaviour.fixtures.ts';

type Headers = { headers: Record<string, string> };

/** Pupils on roll at a site with no exclusion yet, in a stable order. */
export async function freshPupils(t: TestContext, siteId: string, n: number, opts: { lookedAfter?: boolean } = {}): Promise<string[]> {
  const taken = (await t.database.db.select({ id: exclusions.pupilId }).from(exclusions)).map((r) => r.id);
  const rows = await t.database.db.select({ id: pupils.id }).from(pupils)
    .where(and(eq(pupils.siteId, siteId), sql`${pupils.enrolmentEnd} is null`, ...(taken.length ? [notInArray(pupils.id, taken)] : []),
      ...(opts.lookedAfter !== undefined ? [eq(pupils.lookedAfter, opts.lookedAfter)] : [])))
    .orderBy(pupils.legalSurname, pupils.id).limit(n);
  return rows.map((r) => r.id);
}

/** A second head, of another site (site 2). */
export async function otherHead(t: TestContext, siteId: string) {
  const trustId = (await t.database.db.select({ trustId: pupils.trustId }).from(pupils).limit(1))[0]!.trustId;
  const id = uuidv7();
  const email = `head-${id.slice(-6)}@example.org`;
  await t.database.db.insert(users).values({ id, trustId, email, displayName: 'Olive Otherhead' });
  await t.database.query(`insert into role_assignments (id, trust_id, user_id, role, site_id) values ($1, $2, $3, 'head', $4)`, [uuidv7(), trustId, id, siteId]);
  return sessionFor(t, email);
}

export async function suspensionSetup(t: TestContext) {
  const s = await demoSites(t);
  const head = await sessionFor(t, demoEmail('head'));
  const issue = (who: Headers | null, body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/suspensions', headers: who?.headers ?? {}, payload: body });
  const preview = (who: Headers | null, body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/suspensions/preview', headers: who?.headers ?? {}, payload: body });
  const get = async (id: string, who: Headers = head) => json<TExclusion>(await t.app.inject({ method: 'GET', url: `/api/v1/suspensions/${id}`, headers: who.headers }));
  const issueOk = async (body: Record<string, unknown>) => {
    const res = await issue(head, { reasonCodes: ['DB'], details: 'Persistent disruption in lessons after warnings.', ...body });
    if (res.statusCode !== 201) throw new Error(`issue failed ${res.statusCode}: ${res.body}`);
    return json<{ id: string }>(res).id;
  };
  const previewOk = async (body: Record<string, unknown>) => json<TExclusionPreview>(await preview(head, body));
  return { s, head, issue, preview, get, issueOk, previewOk };
}

export async function pdfText(pdf: Buffer): Promise<string> {
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  return (await extractText(doc, { mergePages: true })).text.replace(/\s+/g, ' ');
}
