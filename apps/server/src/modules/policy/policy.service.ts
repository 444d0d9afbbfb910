/**
 * The effective policy of a site (what the quick log and the incident form read, in one call) and the custom
 * incident form (POL-2), whose every save is a new immutable version so that records keep the fields they were
 * made with.
 */
import type { z } from 'zod';
import type { TEffectivePolicy, TFormCurrent, TFormVersion, TOptionKind, TPolarity, ZFormPut, ZFormQuery } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Actor } from '../../core/policy/policy.ts';
import type { Executor } from '../../core/db/client.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { notFound, staleVersion } from '../../core/http/errors.ts';
import * as repo from './policy.repo.ts';
import { assertMayManageScope, mayManage, mayRead, readSite } from './policy.access.ts';
import { presentFormVersion, readDetails, readFields } from './policy.presenter.ts';
import { effectiveEntries, effectiveSettings, formProblems, motivationsOrDefault, normaliseFields } from './policy.rules.ts';
import { invalid } from './entries.service.ts';
import { reasonsOfTrust } from '../suspensions/reasons.service.ts';

export type EffectivePolicy = Omit<TEffectivePolicy, 'allowed' | 'dfeReasons'>;
type EffectiveOption = EffectivePolicy['locations'][number];

/**
 * The policy in force at one site: three queries at once (categories, options, the form in force), no authorisation.
 * Exported for the recording modules, which check the caller themselves; pass their transaction to read in it.
 */
export async function loadEffectivePolicy(db: Executor, trustId: string, siteId: string): Promise<EffectivePolicy> {
  const [categoryRows, optionRows, form] = await Promise.all([
    repo.listCategories(db, trustId, siteId), repo.listOptions(db, trustId, siteId), repo.formInForce(db, trustId, siteId),
  ]);
  const categories = effectiveEntries(categoryRows, siteId, (r) => r.name).map((r) => ({
    id: r.id, code: r.code, name: r.name, polarity: r.polarity as TPolarity, severity: r.severity, points: r.points, quickLog: r.quickLog,
  }));
  const byKind = (kind: TOptionKind) => effectiveEntries(optionRows.filter((r) => r.kind === kind), siteId, (r) => r.label);
  const list = (kind: TOptionKind): EffectiveOption[] => byKind(kind).map((r) => ({ code: r.code, label: r.label, details: readDetails(r.details) }));
  return {
    siteId,
    categories,
    locations: list('location'),
    periods: list('period'),
    actions: list('action'),
    motivations: motivationsOrDefault(list('motivation'), (m) => ({ code: m.code, label: m.label, details: {} })),
    techniques: list('technique'),
    settings: effectiveSettings(byKind('setting')),
    form: form ? { id: form.id, version: form.version, fields: readFields(form.fields) } : null,
  };
}

export async function getEffectivePolicy(deps: Deps, actor: Actor, q: { siteId?: string | undefined }): Promise<TEffectivePolicy> {
  const siteId = readSite(actor, q.siteId);
  const policy = await loadEffectivePolicy(deps.database.db, actor.trustId, siteId);
  // The census reasons come from the trust's codes table, so a code its administrator adds is on the form at once.
  const dfeReasons = (await reasonsOfTrust(deps.database.db, actor.trustId)).map((r) => ({ code: r.code, label: r.label, validFrom: r.validFrom, validTo: r.validTo }));
  return { ...policy, dfeReasons, allowed: mayManage(actor, siteId) ? ['manage'] : [] };
}

// ---- custom incident form ----
export async function getForm(deps: Deps, actor: Actor, q: z.infer<typeof ZFormQuery>): Promise<TFormCurrent> {
  let siteId: string | null;
  if (q.scope === 'trust' && !q.siteId) {
    if (!mayRead(actor, { trustId: actor.trustId, siteId: null })) throw notFound('form');
    siteId = null;
  } else siteId = readSite(actor, q.siteId);
  const db = deps.database.db;
  const [current, history] = await Promise.all([repo.formInForce(db, actor.trustId, siteId), repo.formHistory(db, actor.trustId, siteId)]);
  return {
    siteId,
    current: current ? presentFormVersion(current) : null,
    inherited: siteId !== null && current !== undefined && current.siteId === null,
    history: history.map((h) => ({ id: h.id, version: h.version, createdAt: presentFormVersion(h).createdAt, createdByName: h.createdByName, fieldCount: readFields(h.fields).length })),
    allowed: mayManage(actor, siteId) ? ['edit'] : [],
  };
}

/** Saving the form creates version N+1 of its scope; `version` (when sent) must be the scope's latest, else 409. */
export async function saveForm(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZFormPut>): Promise<TFormVersion> {
  assertMayManageScope(actor, body.siteId);
  const problems = formProblems(body.fields);
  if (problems.length) throw invalid(problems);
  const fields = normaliseFields(body.fields);
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    await repo.lockPolicy(tx, actor.trustId);
    const latest = (await repo.formHistory(tx, actor.trustId, body.siteId, 1))[0];
    const current = latest?.version ?? 0;
    if (body.version !== undefined && body.version !== current) throw staleVersion('form');
    const row = await repo.insertFormVersion(tx, { trustId: actor.trustId, siteId: body.siteId, version: current + 1, fields, createdBy: actor.userId });
    audit.record({ action: 'policy.form.version', entityType: 'incident_form_version', entityId: row.id, siteId: row.siteId,
      details: { version: row.version, previousVersion: current || null, fields: fields.map((f) => ({ key: f.key, type: f.type, required: f.required })) } });
    return presentFormVersion({ ...row, createdByName: actor.displayName });
  });
}

/** Any version, old or current (an incident shows the fields of the version it was made with). */
export async function getFormVersion(deps: Deps, actor: Actor, id: string): Promise<TFormVersion> {
  const row = await repo.findFormVersion(deps.database.db, actor.trustId, id);
  if (!row || !mayRead(actor, row)) throw notFound('form version');
  return presentFormVersion(row);
}

/** For the recording modules: one form version by id within a trust, without authorisation (they check the record). */
export async function formVersionById(db: Executor, trustId: string, id: string): Promise<TFormVersion | undefined> {
  const row = await repo.findFormVersion(db, trustId, id);
  return row ? presentFormVersion(row) : undefined;
}
