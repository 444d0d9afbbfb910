/**
 * Fixtures for the incident API tests: the demo trust's sites, sessions for each role, and a test policy written
 * straight to the database with codes no demo policy uses (ZI_*), including a custom-field form version for site 1.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, count, eq, gte, isNull, max, or } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { TRole } from '@haven/contracts';
import type { DbKind } from '../../src/core/db/client.ts';
import type { Config } from '../../src/config.ts';
import { createTestContext, demoEmail, json, sessionFor, testConfig, type Session, type TestContext } from '../harness.ts';
import { sites } from '../../src/db/schema/platform.ts';
import { pupils, staffMembers } from '../../src/db/schema/pupils.ts';
import { roleAssignments, users } from '../../src/db/schema/users.ts';
import { behaviourCategories, incidentFormVersions, policyOptions } from '../../src/db/schema/policy.ts';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { LightMyRequestResponse } from 'fastify';

export interface ErrorBody { error: { code: string; message: string; fields?: { field: string; message: string }[] } }
export const fieldsOf = (body: ErrorBody): string[] => (body.error.fields ?? []).map((f) => f.field);

export interface Incident {
  id: string; siteId: string; status: string; voided: boolean; version: number; serious: boolean; allowed: string[];
  missing: { field: string; message: string }[]; formVersion: number | null; customFields: { key: string }[];
  customValues: Record<string, unknown>; pupils: { pupilId: string; role: string; displayName: string }[];
  staff: { staffId: string; name: string; role: string }[]; behaviour: string | null; severity: number | null;
  physicalInterventions: { id: string; durationMinutes: number | null; parentNotInformedSameDay: boolean; startedAt: string | null; kind: string | null;
    pupilSenStatus: string | null; supportOffered: string | null }[];
  returnComments: string | null; firstSubmittedAt: string | null; submittedAt: string | null; signedOffBy: { id: string } | null;
}

export const FORM_FIELDS = [
  { key: 'zi_witnessed', label: 'Seen by a senior leader', type: 'yes_no', required: true },
  { key: 'zi_trigger', label: 'Trigger', type: 'choice', options: ['noise', 'transition'], required: false },
  { key: 'zi_follow', label: 'Follow-up date', type: 'date', required: false },
];

export interface World {
  t: TestContext;
  dataDir: string;
  trustId: string;
  site1: string; site2: string; site3: string;
  s: Record<'staff' | 'lead' | 'cluster' | 'head' | 'slt' | 'senco' | 'dsl' | 'admin' | 'governor' | 'parent', Session>;
  pupils1: string[]; pupil2: string; pupil3: string;
  staffIds: string[];
  formVersion: number;
  req(method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, who?: Session, payload?: unknown): Promise<LightMyRequestResponse>;
  rows(table: PgTable): Promise<number>;
  fullBody(extra?: Record<string, unknown>): Record<string, unknown>;
  piBody(extra?: Record<string, unknown>): Record<string, unknown>;
  create(who: Session, body?: Record<string, unknown>): Promise<Incident>;
  addUser(role: TRole, siteId: string | null): Promise<Session>;
}

async function insertPolicy(t: TestContext, trustId: string, site1: string): Promise<number> {
  const db = t.database.db;
  const opt = (kind: string, code: string, siteId: string | null = null, active = true, details: Record<string, unknown> = {}) =>
    ({ id: uuidv7(), trustId, siteId, kind, code, label: `Test ${code}`, details, active });
  await db.insert(policyOptions).values([
    opt('location', 'ZI_HALL'), opt('location', 'ZI_GONE'), opt('location', 'ZI_GONE', site1, false), opt('period', 'ZI_P1'),
    opt('action', 'ZI_CALL_HOME'), opt('motivation', 'ZI_ATTENTION'), opt('technique', 'ZI_GUIDE'), opt('technique', 'ZI_ESCORT'),
    opt('setting', 'serious_severity', site1, true, { value: 4 }),
  ]);
  await db.insert(behaviourCategories).values([
    { id: uuidv7(), trustId, code: 'ZI_DISRUPT', name: 'Test disruption', polarity: 'negative', severity: 2 },
    { id: uuidv7(), trustId, code: 'ZI_ASSAULT', name: 'Test assault', polarity: 'negative', severity: 4 },
  ]);
  const top = await db.select({ v: max(incidentFormVersions.version) }).from(incidentFormVersions)
    .where(and(eq(incidentFormVersions.trustId, trustId), eq(incidentFormVersions.siteId, site1)));
  const version = Number(top[0]?.v ?? 0) + 1;
  await db.insert(incidentFormVersions).values({ id: uuidv7(), trustId, siteId: site1, version, fields: FORM_FIELDS });
  return version;
}

export async function world(kind: DbKind, config: Partial<Config> = {}): Promise<World> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haven-incidents-'));
  const t = await createTestContext(kind, testConfig({ dataDir, ...config }));
  const db = t.database.db;
  const names = { staff: 'staff', lead: 'behaviour_lead', cluster: 'cluster_lead', head: 'head', slt: 'slt', senco: 'senco', dsl: 'dsl',
    admin: 'trust_admin', governor: 'governor', parent: 'parent' } as const;
  const s = Object.fromEntries(await Promise.all(Object.entries(names).map(async ([k, role]) => [k, await sessionFor(t, demoEmail(role))]))) as World['s'];
  const me = async (who: Session) => json<{ sites: { id: string }[] }>(await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: who.headers })).sites.map((x) => x.id);
  const site1 = (await me(s.staff))[0]!;
  const site2 = (await me(s.cluster)).find((id) => id !== site1)!;
  const all = await db.select({ id: sites.id, trustId: sites.trustId }).from(sites).orderBy(sites.name);
  const site3 = all.map((x) => x.id).find((id) => id !== site1 && id !== site2)!;
  const trustId = all[0]!.trustId;
  const onRoll = (siteId: string, n: number) => db.select({ id: pupils.id }).from(pupils)
    .where(and(eq(pupils.siteId, siteId), or(isNull(pupils.enrolmentEnd), gte(pupils.enrolmentEnd, '2026-12-31'))))
    .orderBy(pupils.legalSurname, pupils.id).limit(n).then((r) => r.map((x) => x.id));
  const pupils1 = await onRoll(site1, 4);
  const pupil2 = (await onRoll(site2, 1))[0]!;
  const pupil3 = (await onRoll(site3, 1))[0]!;
  const staffIds = (await db.select({ id: staffMembers.id }).from(staffMembers).where(eq(staffMembers.siteId, site1)).orderBy(staffMembers.id).limit(3)).map((r) => r.id);
  const formVersion = await insertPolicy(t, trustId, site1);

  const req: World['req'] = (method, url, who, payload) =>
    t.app.inject({ method, url, headers: who?.headers ?? {}, ...(payload === undefined ? {} : { payload: payload as object }) });
  const piBody = (extra: Record<string, unknown> = {}) => ({
    pupilId: pupils1[0], kind: 'force_with_contact', startedAt: '2026-11-16T10:00:00Z', endedAt: '2026-11-16T10:07:30Z',
    staffTechniques: [{ staffId: staffIds[0], techniqueCodes: ['ZI_GUIDE'] }, { staffId: staffIds[1], techniqueCodes: ['ZI_ESCORT', 'ZI_GUIDE'] }],
    reason: 'Running towards the road', deescalationTried: 'Calm voice, offered the quiet room', pupilInjured: false, staffInjured: false,
    medicalAttention: 'None needed', supportOffered: 'Quiet time with a trusted adult', ...extra,
  });
  const fullBody = (extra: Record<string, unknown> = {}) => ({
    siteId: site1, occurredAt: '2026-11-16T10:00:00Z', locationCode: 'ZI_HALL', periodCode: 'ZI_P1', severity: 3, categoryCodes: ['ZI_DISRUPT'],
    pupils: [{ pupilId: pupils1[0], role: 'instigator' }, { pupilId: pupils1[1], role: 'affected' }],
    staff: [{ staffId: staffIds[0], role: 'involved' }], antecedent: 'Asked to line up', behaviour: 'Pushed another pupil and ran off',
    consequence: 'Time in the quiet room', motivationCode: 'ZI_ATTENTION', actionCodes: ['ZI_CALL_HOME'], customValues: { zi_witnessed: false },
    ...extra,
  });
  const create = async (who: Session, body: Record<string, unknown> = fullBody()) => {
    const res = await req('POST', '/api/v1/incidents', who, body);
    if (res.statusCode !== 201) throw new Error(`create failed ${res.statusCode}: ${res.body}`);
    return json<Incident>(res);
  };
  const rows = async (table: PgTable) => Number((await db.select({ n: count() }).from(table))[0]!.n);
  const addUser = async (role: TRole, siteId: string | null) => {
    const id = uuidv7();
    const email = `zi-${role}-${id.slice(-8)}@test.haven.test`;
    await db.insert(users).values({ id, trustId, email, displayName: `Test ${role}` });
    await db.insert(roleAssignments).values({ id: uuidv7(), trustId, userId: id, role, siteId });
    return sessionFor(t, email);
  };
  const close = t.close.bind(t);
  t.close = async () => { await close(); fs.rmSync(dataDir, { recursive: true, force: true }); };
  return { t, dataDir, trustId, site1, site2, site3, s, pupils1, pupil2, pupil3, staffIds, formVersion, req, rows, fullBody, piBody, create, addUser };
}

export const SOME_ID = '0190a6c4-0000-7000-8000-000000000000';
