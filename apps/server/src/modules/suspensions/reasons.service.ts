/**
 * Census reason codes for exclusions (SPEC §6) are data: a table with validity dates. The DfE's published set is
 * loaded by a migration as rows without a trust; a trust gets its own copy of it the first time it needs codes, and its
 * administrator adds codes (e.g. a newer census code set) and retires them without a deploy. Everything that takes a
 * code — the suspension form, the incident's DfE reason, the census return — checks it against the trust's rows valid
 * on the record's date, so a code added here is usable everywhere at once and nothing else lists the codes.
 */
import { and, asc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Executor } from '../../core/db/client.ts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import { allowedActions, can, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { conflict, fieldError, forbidden, notFound } from '../../core/http/errors.ts';
import { exclusionReasons } from '../../db/schema/exclusions.ts';

export interface ReasonValidity { code: string; validFrom: string; validTo: string | null }

/** Whether a code is valid on a date, by the rows of a trust's table. */
export function codeValidOn(rows: readonly ReasonValidity[], code: string, date: string): boolean {
  return rows.some((r) => r.code === code && r.validFrom <= date && (r.validTo === null || r.validTo >= date));
}

/** Idempotent: gives a trust that has no codes at all its own copy of the published set (the rows without a trust). */
export async function ensureReasonCodes(tx: Executor, trustId: string): Promise<void> {
  const any = await tx.select({ id: exclusionReasons.id }).from(exclusionReasons).where(eq(exclusionReasons.trustId, trustId)).limit(1);
  if (any.length) return;
  const published = await tx.select().from(exclusionReasons).where(isNull(exclusionReasons.trustId));
  if (!published.length) return;
  await tx.insert(exclusionReasons).values(published.map((r) => ({
    id: uuidv7(), trustId, code: r.code, label: r.label, validFrom: r.validFrom, validTo: r.validTo, source: r.source,
  }))).onConflictDoNothing();
}

/** Every code of a trust with its validity (the census return checks each record against these). */
export async function reasonsOfTrust(db: Executor, trustId: string) {
  return db.select().from(exclusionReasons).where(eq(exclusionReasons.trustId, trustId)).orderBy(asc(exclusionReasons.code), asc(exclusionReasons.validFrom));
}

export async function reasonsValidOn(db: Executor, trustId: string, date: string) {
  return db.select().from(exclusionReasons).where(and(eq(exclusionReasons.trustId, trustId), lte(exclusionReasons.validFrom, date),
    or(isNull(exclusionReasons.validTo), gte(exclusionReasons.validTo, date)))).orderBy(asc(exclusionReasons.code));
}

type Row = typeof exclusionReasons.$inferSelect;
const present = (actor: Actor, r: Row) => ({
  id: r.id, code: r.code, label: r.label, validFrom: r.validFrom, validTo: r.validTo, source: r.source,
  allowed: allowedActions(actor, { trustId: r.trustId ?? actor.trustId }, { expire: 'exclusion-reasons.manage' }),
});

export async function list(deps: Deps, actor: Actor, ctx: AuditContext, validOn?: string) {
  const rows = await inTransaction(deps.database, ctx, async (tx) => {
    await ensureReasonCodes(tx, actor.trustId);
    return validOn ? reasonsValidOn(tx, actor.trustId, validOn) : reasonsOfTrust(tx, actor.trustId);
  });
  return { items: rows.map((r) => present(actor, r)) };
}

export async function add(deps: Deps, actor: Actor, ctx: AuditContext, input: { code: string; label: string; validFrom: string; validTo?: string | null | undefined; source: string }) {
  if (!can(actor, 'exclusion-reasons.manage', { trustId: actor.trustId })) throw forbidden('Only a trust administrator may change reason codes.');
  if (input.validTo && input.validTo < input.validFrom) throw fieldError('validTo', 'Must be on or after the date it is valid from');
  const row = await inTransaction(deps.database, ctx, async (tx, audit) => {
    await ensureReasonCodes(tx, actor.trustId);
    const clash = await tx.select().from(exclusionReasons).where(and(eq(exclusionReasons.trustId, actor.trustId), eq(exclusionReasons.code, input.code)));
    const overlaps = clash.some((c) => (c.validTo === null || c.validTo >= input.validFrom) && (!input.validTo || c.validFrom <= input.validTo));
    if (overlaps) throw conflict(`The code ${input.code} is already valid for part of that period: expire it first.`, [{ field: 'code', message: 'Already valid for part of that period' }]);
    const id = uuidv7();
    await tx.insert(exclusionReasons).values({ id, trustId: actor.trustId, code: input.code, label: input.label, validFrom: input.validFrom, validTo: input.validTo ?? null, source: input.source });
    audit.record({ action: 'exclusion_reason.add', entityType: 'exclusion_reason', entityId: id, details: { after: { ...input } } });
    return (await tx.select().from(exclusionReasons).where(eq(exclusionReasons.id, id)))[0]!;
  });
  return present(actor, row);
}

export async function expire(deps: Deps, actor: Actor, ctx: AuditContext, id: string, validTo: string) {
  if (!can(actor, 'exclusion-reasons.manage', { trustId: actor.trustId })) throw forbidden('Only a trust administrator may change reason codes.');
  const row = await inTransaction(deps.database, ctx, async (tx, audit) => {
    const r = (await tx.select().from(exclusionReasons).where(and(eq(exclusionReasons.id, id), eq(exclusionReasons.trustId, actor.trustId))))[0];
    if (!r) throw notFound('reason code');
    if (validTo < r.validFrom) throw fieldError('validTo', `Must be on or after ${r.validFrom}, when the code became valid`);
    await tx.update(exclusionReasons).set({ validTo, updatedAt: new Date() }).where(eq(exclusionReasons.id, id));
    audit.record({ action: 'exclusion_reason.expire', entityType: 'exclusion_reason', entityId: id, details: { before: { validTo: r.validTo }, after: { validTo } } });
    return { ...r, validTo };
  });
  return present(actor, row);
}
