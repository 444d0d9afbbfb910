/** What the suites of people kept by hand share: the office of site 1, a trust administrator, two sites, requests. */
import type { LightMyRequestResponse } from 'fastify';
import { createTestContext, demoEmail, sessionFor, sitesOf, type Session, type TestContext } from '../harness.ts';
import type { DbKind } from '../../src/core/db/client.ts';

export const NOWHERE = '0190a6c4-0000-7000-8000-000000000000';

/** The fields a 400 (or 409) names. */
export const fieldsOf = (body: string): string[] => (JSON.parse(body) as { error: { fields?: { field: string }[] } }).error.fields?.map((f) => f.field) ?? [];

export interface PeopleWorld {
  t: TestContext;
  admin: Session;
  office: Session;
  /** The office's site, and another the office does not keep records at. */
  site1: string;
  site2: string;
  req(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, who?: Session, payload?: unknown): Promise<LightMyRequestResponse>;
  /** Audit entries of an action about one entity, oldest first. */
  audits(action: string, entityId: string): Promise<{ actor_user_id: string; details: Record<string, unknown> }[]>;
}

export async function peopleWorld(kind: DbKind): Promise<PeopleWorld> {
  const t = await createTestContext(kind);
  const site1 = (await sitesOf(t, demoEmail('office')))[0]!;
  return {
    t, site1,
    admin: await sessionFor(t, demoEmail('trust_admin')),
    office: await sessionFor(t, demoEmail('office')),
    site2: (await sitesOf(t, demoEmail('cluster_lead'))).find((s) => s !== site1)!,
    req: (method, url, who, payload) => t.app.inject({ method, url, headers: who?.headers ?? {}, ...(payload === undefined ? {} : { payload: payload as object }) }),
    audits: (action, entityId) => t.database.query('select actor_user_id, details from audit_entries where action = $1 and entity_id = $2 order by seq', [action, entityId]),
  };
}
