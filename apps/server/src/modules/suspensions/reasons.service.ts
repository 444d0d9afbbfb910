/**
 * Census reason codes for exclusions (SPEC §6): a table with validity dates per trust, seeded with the 2020 set the
 * first time a trust needs it, so a newer code set is loaded by a trust administrator (add, expire) without a deploy.
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

const SOURCE_2020 = 'DfE school census: suspension and permanent exclusion reason codes (2020 set)';
export const REASONS_2020: readonly (readonly [string, string])[] = [
  ['PP', 'Physical assault against a pupil'], ['PA', 'Physical assault against an adult'],
  ['VP', 'Verbal abuse or threatening behaviour against a pupil'], ['VA', 'Verbal abuse or threatening behaviour against an adult'],
  ['OW', 'Use or threat of use of an offensive weapon or prohibited item'], ['BU', 'Bullying'],
  ['MT', 'Inappropriate use of social media or online technology'], ['RA', 'Racist abuse'],
  ['LG', 'Abuse against sexual orientation and gender identity'], ['DS', 'Abuse relating to disability'],
  ['SM', 'Sexual misconduct'], ['DA', 'Drug and alcohol related'], ['DM', 'Damage'], ['TH', 'Theft'],
  ['PD', 'Persistent disruptive behaviour'],
];
const VALID_FROM_2020 = '2020-09-01';

/** Idempotent: inserts the 2020 set for a trust that has no codes at all. */
export async function ensureReasonCodes(tx: Executor, trustId: string): Promise<void> {
  const any = await tx.select({ id: exclusionReasons.id }).from(exclusionReasons).where(eq(exclusionReasons.trustId, trustId)).limit(1);
  if (any.length) return;
  await tx.insert(exclusionReasons).values(REASONS_2020.map(([code, label]) => ({
    id: uuidv7(), trustId, code, label, validFrom: VALID_FROM_2020, validTo: null, source: SOURCE_2020,
  }))).onConflictDoNothing();
}

export async function reasonsValidOn(db: Executor, trustId: string, date: string) {
  return db.select().from(exclusionReasons).where(and(eq(exclusionReasons.trustId, trustId), lte(exclusionReasons.validFrom, date),
    or(isNull(exclusionReasons.validTo), gte(exclusionReasons.validTo, date)))).orderBy(asc(exclusionReasons.code));
}

type Row = typeof exclusionReasons.$inferSelect;
const present = (actor: Actor, r: Row) => ({
  id: r.id, code: r.code, label: r.label, validFrom: r.validFrom, validTo: r.validTo, source: r.source,
  allowed: allowedActions(actor, { trustId: r.trustId }, { expire: 'exclusion-reasons.manage' }),
});

export async function list(deps: Deps, actor: Actor, ctx: AuditContext, validOn?: string) {
  const rows = await inTransaction(deps.database, ctx, async (tx) => {
    await ensureReasonCodes(tx, actor.trustId);
    return validOn ? reasonsValidOn(tx, actor.trustId, validOn)
      : tx.select().from(exclusionReasons).where(eq(exclusionReasons.trustId, actor.trustId)).orderBy(asc(exclusionReasons.code), asc(exclusionReasons.validFrom));
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
