/**
 * Retention use cases (CMP-1): read and change the schedule (trust administrator), the review list of what is due
 * and its drill-down, legal holds (placed and released, both audited), dry runs and confirmed purge runs, and the
 * tombstones they leave. Ordinary kinds need retention.records (trust-wide); sealed child-protection kinds need
 * retention.sealed at the record's site (the DSL), and their drill-down reads are audited as sealed.
 */
import { uuidv7 } from 'uuidv7';
import {
  RETENTION_KINDS, RETENTION_KIND_LABELS, type TRetentionHold, type TRetentionKind, type TRetentionRecords, type TRetentionRule,
  type TRetentionRun, type TRetentionTrigger,
} from '@haven/contracts';
import type { AuditContext } from '../../core/audit/audit.ts';
import { inTransaction } from '../../core/db/tx.ts';
import type { Deps } from '../../core/http/context.ts';
import { conflict, fieldError, forbidden, notFound } from '../../core/http/errors.ts';
import { can, scope, type Actor } from '../../core/policy/policy.ts';
import { schoolToday } from '../../core/time.ts';
import * as repo from './retention.repo.ts';
import { executeRun, planRun, type Line, type Target } from './retention.purge.ts';
import { holdProblem, isSealedKind, type RuleData } from './retention.rules.ts';

/** The sites where the actor may review, hold and purge records of this kind. */
export function sitesFor(actor: Actor, kind: TRetentionKind): string[] {
  if (isSealedKind(kind)) return scope(actor, 'retention.sealed').siteIds;
  return can(actor, 'retention.records', { trustId: actor.trustId }) ? [...actor.trustSiteIds] : [];
}
const mayAt = (actor: Actor, kind: TRetentionKind, siteId: string) => sitesFor(actor, kind).includes(siteId);

export async function getRules(deps: Deps, actor: Actor): Promise<{ rules: TRetentionRule[]; canEdit: boolean }> {
  const rules = await repo.rules(deps.database.db, actor.trustId);
  return {
    canEdit: can(actor, 'retention.schedule.manage', { trustId: actor.trustId }),
    rules: RETENTION_KINDS.map((k) => {
      const r = rules.get(k)!;
      return { kind: k, label: RETENTION_KIND_LABELS[k], sealed: isSealedKind(k), trigger: r.trigger, years: r.years, action: 'purge' as const, enabled: r.enabled,
        basis: r.basis, isDefault: r.isDefault, updatedAt: r.updatedAt, updatedByName: r.updatedByName };
    }),
  };
}

export async function updateRule(deps: Deps, actor: Actor, ctx: AuditContext, kind: TRetentionKind, body: RuleData) {
  if (!can(actor, 'retention.schedule.manage', { trustId: actor.trustId })) throw forbidden('Only a trust administrator changes the retention schedule.');
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    const before = (await repo.rules(tx, actor.trustId)).get(kind)!;
    await repo.saveRule(tx, actor.trustId, kind, body, actor.userId, uuidv7());
    audit.record({ action: 'retention.rule.update', entityType: 'retention_rule', entityId: kind, details: {
      kind, before: { trigger: before.trigger, years: before.years, enabled: before.enabled }, after: { trigger: body.trigger, years: body.years, enabled: body.enabled } } });
  });
  return getRules(deps, actor);
}

function targetsFor(actor: Actor, kinds?: TRetentionKind[], siteIds?: string[]): Target[] {
  const asked = kinds ?? [...RETENTION_KINDS];
  const out: Target[] = [];
  for (const kind of asked) {
    const allowed = sitesFor(actor, kind);
    if (kinds && !allowed.length) throw forbidden(`You do not review or purge ${RETENTION_KIND_LABELS[kind].toLowerCase()}.`);
    const sites = siteIds ? allowed.filter((s) => siteIds.includes(s)) : allowed;
    if (sites.length) out.push({ kind, siteIds: sites });
  }
  if (siteIds) for (const s of siteIds) if (!out.some((t) => t.siteIds.includes(s))) throw forbidden('You do not purge records at that site.');
  if (!out.length) throw forbidden('You do not review or purge records past their retention date.');
  return out;
}

export async function due(deps: Deps, actor: Actor, asOf?: string) {
  const day = asOf ?? schoolToday(deps);
  const rules = await repo.rules(deps.database.db, actor.trustId);
  const lines = await planRun(deps.database.db, actor.trustId, targetsFor(actor), rules, day);
  const names = await repo.siteNames(deps.database.db, actor.trustId);
  return { asOf: day, rows: lines.map((l) => ({ kind: l.kind, label: RETENTION_KIND_LABELS[l.kind], sealed: isSealedKind(l.kind), siteId: l.siteId,
    siteName: names.get(l.siteId) ?? '', due: l.records, held: l.held })) };
}

export async function records(deps: Deps, actor: Actor, ctx: AuditContext, q: { kind: TRetentionKind; siteId: string; asOf?: string | undefined; limit: number; offset: number }): Promise<TRetentionRecords> {
  if (!actor.trustSiteIds.includes(q.siteId)) throw notFound('site');
  if (!mayAt(actor, q.kind, q.siteId)) throw forbidden('You do not review those records at that site.');
  const db = deps.database.db;
  const rule = (await repo.rules(db, actor.trustId)).get(q.kind)!;
  const page = await repo.dueRecords(db, { trustId: actor.trustId, kind: q.kind, rule, asOf: q.asOf ?? schoolToday(deps), siteIds: [q.siteId] }, q.limit, q.offset);
  const names = await repo.pupilNames(db, page.records.flatMap((r) => r.pupilIds));
  const live = await repo.holds(db, actor.trustId, true);
  if (isSealedKind(q.kind)) {
    await inTransaction(deps.database, ctx, async (_tx, audit) => {
      audit.record({ action: 'retention.records.read', entityType: 'retention_run', siteId: q.siteId,
        details: { sealed: true, kind: q.kind, records: page.records.map((r) => r.id) } });
    });
  }
  return {
    total: page.total,
    records: page.records.map((r) => ({
      kind: q.kind, recordId: r.id, siteId: r.siteId, recordDate: r.recordDate, dueOn: r.dueOn, held: r.held,
      pupils: r.pupilIds.map((id) => ({ id, name: names.get(id)?.name ?? 'Pupil' })),
      holdReasons: live.filter((h) => (h.kind === q.kind && h.recordId === r.id) || (h.pupilId !== null && r.pupilIds.includes(h.pupilId))).map((h) => h.reason),
    })),
  };
}

/** Who may see and release a hold: a pupil hold, anyone holding a retention permission at the pupil's site; a record hold, as its kind. */
function mayHold(actor: Actor, h: { pupilId: string | null; kind: string | null; siteId: string }): boolean {
  if (h.pupilId) return can(actor, 'retention.records', { trustId: actor.trustId }) || can(actor, 'retention.sealed', { trustId: actor.trustId, siteId: h.siteId });
  return mayAt(actor, h.kind as TRetentionKind, h.siteId);
}

async function presentHolds(deps: Deps, rows: repo.HoldRow[]): Promise<TRetentionHold[]> {
  const users = await repo.userNames(deps.database.db, rows.flatMap((h) => [h.placedBy, h.releasedBy]));
  const pupils = await repo.pupilNames(deps.database.db, rows.flatMap((h) => (h.pupilId ? [h.pupilId] : [])));
  return rows.map((h) => ({
    id: h.id, pupilId: h.pupilId, pupilName: h.pupilId ? pupils.get(h.pupilId)?.name ?? null : null, kind: h.kind as TRetentionKind | null, recordId: h.recordId,
    siteId: h.siteId, reason: h.reason, placedByName: users.get(h.placedBy) ?? '', placedAt: new Date(h.placedAt).toISOString(),
    releasedByName: h.releasedBy ? users.get(h.releasedBy) ?? '' : null, releasedAt: h.releasedAt ? new Date(h.releasedAt).toISOString() : null, releaseReason: h.releaseReason,
  }));
}

export async function listHolds(deps: Deps, actor: Actor, activeOnly: boolean) {
  const rows = (await repo.holds(deps.database.db, actor.trustId, activeOnly)).filter((h) => mayHold(actor, h));
  return { holds: await presentHolds(deps, rows) };
}

export async function placeHold(deps: Deps, actor: Actor, ctx: AuditContext, body: { pupilId?: string | undefined; kind?: TRetentionKind | undefined; recordId?: string | undefined; reason: string }) {
  const problem = holdProblem(body);
  if (problem) throw fieldError(problem.field, problem.message);
  const db = deps.database.db;
  let siteId: string;
  if (body.pupilId) {
    const p = (await repo.pupilNames(db, [body.pupilId])).get(body.pupilId);
    if (!p || p.trustId !== actor.trustId) throw fieldError('pupilId', 'No such pupil in this trust');
    siteId = p.siteId;
  } else {
    const rec = await repo.recordOf(db, actor.trustId, body.kind!, body.recordId!);
    if (!rec) throw fieldError('recordId', 'No such record of that kind in this trust');
    siteId = rec.siteId;
  }
  const row = { id: uuidv7(), trustId: actor.trustId, siteId, pupilId: body.pupilId ?? null, kind: body.kind ?? null, recordId: body.recordId ?? null, reason: body.reason, placedBy: actor.userId };
  if (!mayHold(actor, row)) throw forbidden('You do not place legal holds on those records.');
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    await repo.insertHold(tx, row);
    audit.record({ action: 'retention.hold.place', entityType: 'retention_hold', entityId: row.id, siteId, details: {
      ...(row.kind && isSealedKind(row.kind as TRetentionKind) ? { sealed: true } : {}), pupilId: row.pupilId, kind: row.kind, recordId: row.recordId, reason: row.reason } });
  });
  return (await presentHolds(deps, [(await repo.hold(db, actor.trustId, row.id))!]))[0]!;
}

export async function releaseHold(deps: Deps, actor: Actor, ctx: AuditContext, id: string, reason: string) {
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    const h = await repo.hold(tx, actor.trustId, id, true);
    if (!h || !mayHold(actor, h)) throw notFound('hold');
    if (h.releasedAt) throw conflict('That hold was already released.');
    await repo.releaseHold(tx, id, actor.userId, reason);
    audit.record({ action: 'retention.hold.release', entityType: 'retention_hold', entityId: id, siteId: h.siteId, details: {
      ...(h.kind && isSealedKind(h.kind as TRetentionKind) ? { sealed: true } : {}), pupilId: h.pupilId, kind: h.kind, recordId: h.recordId, reason } });
  });
  return (await presentHolds(deps, [(await repo.hold(deps.database.db, actor.trustId, id))!]))[0]!;
}

async function presentRun(deps: Deps, trustId: string, r: { id: string | null; dryRun: boolean; asOf: string; lines: Line[]; startedAt: string; finishedAt: string | null; startedBy: string | null; filesRemoved: number }): Promise<TRetentionRun> {
  const names = await repo.siteNames(deps.database.db, trustId);
  const users = await repo.userNames(deps.database.db, [r.startedBy]);
  return {
    id: r.id, dryRun: r.dryRun, asOf: r.asOf, total: r.lines.reduce((n, l) => n + l.records, 0), held: r.lines.reduce((n, l) => n + l.held, 0),
    lines: r.lines.map((l) => ({ ...l, label: RETENTION_KIND_LABELS[l.kind], siteName: names.get(l.siteId) ?? '' })),
    startedAt: r.startedAt, finishedAt: r.finishedAt, startedByName: r.startedBy ? users.get(r.startedBy) ?? '' : 'Scheduled run', filesRemoved: r.filesRemoved,
  };
}

export interface RunRequest { dryRun: boolean; kinds?: TRetentionKind[] | undefined; siteIds?: string[] | undefined; asOf?: string | undefined; expectedTotal?: number | undefined }

export async function run(deps: Deps, actor: Actor, ctx: AuditContext, body: RunRequest): Promise<TRetentionRun> {
  if (body.siteIds) for (const [n, s] of body.siteIds.entries()) if (!actor.trustSiteIds.includes(s)) throw fieldError(`siteIds.${n}`, 'No such site in this trust');
  const targets = targetsFor(actor, body.kinds, body.siteIds);
  return runTargets(deps, ctx, { trustId: actor.trustId, userId: actor.userId, asOf: body.asOf ?? schoolToday(deps), dryRun: body.dryRun, expectedTotal: body.expectedTotal }, targets);
}

/** A run for these targets (also the scheduled job's, with every kind at every site). */
export async function runTargets(deps: Deps, ctx: AuditContext, o: { trustId: string; userId: string | null; asOf: string; dryRun: boolean; expectedTotal?: number | undefined; source?: string },
  targets: Target[]): Promise<TRetentionRun> {
  const rules = await repo.rules(deps.database.db, o.trustId);
  const startedAt = new Date().toISOString();
  const plan = await planRun(deps.database.db, o.trustId, targets, rules, o.asOf);
  if (o.dryRun) return presentRun(deps, o.trustId, { id: null, dryRun: true, asOf: o.asOf, lines: plan, startedAt, finishedAt: null, startedBy: o.userId, filesRemoved: 0 });
  const planned = plan.reduce((n, l) => n + l.records, 0);
  if (o.expectedTotal !== undefined && o.expectedTotal !== planned) {
    throw conflict(`The records due have changed since the dry run (${o.expectedTotal} then, ${planned} now): run the dry run again.`, [{ field: 'expectedTotal', message: 'Changed since the dry run' }]);
  }
  const runId = uuidv7();
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    await repo.insertRun(tx, { id: runId, trustId: o.trustId, asOf: o.asOf, source: o.source ?? 'manual', startedBy: o.userId });
    audit.record({ action: 'retention.run.start', entityType: 'retention_run', entityId: runId, details: { asOf: o.asOf, planned, kinds: [...new Set(targets.map((t) => t.kind))] } });
  });
  const done = await executeRun(deps, ctx, { trustId: o.trustId, runId, userId: o.userId, asOf: o.asOf }, plan, rules);
  const total = done.lines.reduce((n, l) => n + l.records, 0); const held = done.lines.reduce((n, l) => n + l.held, 0);
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    await repo.finishRun(tx, runId, { total, held, filesRemoved: done.filesRemoved, lines: done.lines });
    audit.record({ action: 'retention.run.finish', entityType: 'retention_run', entityId: runId, details: { total, heldSkipped: held, filesRemoved: done.filesRemoved } });
  });
  return presentRun(deps, o.trustId, { id: runId, dryRun: false, asOf: o.asOf, lines: done.lines, startedAt, finishedAt: new Date().toISOString(), startedBy: o.userId, filesRemoved: done.filesRemoved });
}

/** Runs the caller may see: a line of a sealed kind only at the DSL's sites (a run with nothing visible is left out). */
export async function listRuns(deps: Deps, actor: Actor) {
  const rows = await repo.runs(deps.database.db, actor.trustId);
  const out: TRetentionRun[] = [];
  for (const r of rows) {
    const lines = (r.lines as Line[]).filter((l) => mayAt(actor, l.kind, l.siteId));
    if (!lines.length && !can(actor, 'retention.records', { trustId: actor.trustId })) continue;
    out.push(await presentRun(deps, actor.trustId, { id: r.id, dryRun: false, asOf: r.asOf, lines, startedAt: new Date(r.startedAt).toISOString(),
      finishedAt: r.finishedAt ? new Date(r.finishedAt).toISOString() : null, startedBy: r.startedBy, filesRemoved: r.filesRemoved }));
  }
  return { runs: out };
}

export async function listTombstones(deps: Deps, actor: Actor, q: { runId?: string | undefined; kind?: TRetentionKind | undefined; limit: number; offset: number }) {
  const ordinary = can(actor, 'retention.records', { trustId: actor.trustId });
  const sealedSites = scope(actor, 'retention.sealed').siteIds;
  if (!ordinary && !sealedSites.length) throw forbidden();
  const rows = await repo.tombstones(deps.database.db, { trustId: actor.trustId, ordinary, sealedKinds: RETENTION_KINDS.filter(isSealedKind), sealedSiteIds: sealedSites, ...q });
  const users = await repo.userNames(deps.database.db, rows.map((r) => r.purged_by));
  return {
    total: Number(rows[0]?.total ?? 0),
    tombstones: rows.map((r) => ({
      id: r.id, runId: r.run_id, kind: r.kind as TRetentionKind, recordId: r.record_id, siteId: r.site_id, pupilIds: r.pupil_ids, recordDate: r.record_date, dueOn: r.due_on,
      trigger: r.trigger as TRetentionTrigger, years: Number(r.years), rowsRemoved: r.rows_removed, filesRemoved: Number(r.files_removed), purgedAt: r.purged_at,
      purgedByName: r.purged_by ? users.get(r.purged_by) ?? '' : 'Scheduled run',
    })),
  };
}
