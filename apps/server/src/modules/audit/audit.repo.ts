/**
 * Audit log queries for the viewer (CMP-2), always within the caller's trust and always within what the caller may
 * see: entries about sealed safeguarding records only for the DSLs of their site, the rest for audit.read.
 */
import { and, count, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { auditEntries } from '../../db/schema/audit.ts';

/**
 * An entry about a sealed safeguarding record (issue 11 #15): who raised, listed, read or triaged a concern, which
 * pupil's safeguarding chronology was opened, a DSL reading the notice of a new concern. Its mere existence says
 * that a concern was raised about someone, somewhere, at some time, so it is for the DSLs of its site alone.
 * Everything written with `sealed: true` (core/audit/audit.ts) is caught by the first test.
 */
export const SEALED_ENTRY = sql`(coalesce(${auditEntries.details}->>'sealed', '') = 'true' or ${auditEntries.entityType} = 'safeguarding_concern'
  or ${auditEntries.action} like 'safeguarding.%' or coalesce(${auditEntries.details}->>'kind', '') like 'safeguarding.%')`;

/** SEALED_ENTRY for an entry already read. */
export function isSealedEntry(e: { action: string; entityType: string; details: unknown }): boolean {
  const d = (e.details ?? {}) as Record<string, unknown>;
  return d.sealed === true || e.entityType === 'safeguarding_concern' || e.action.startsWith('safeguarding.')
    || (typeof d.kind === 'string' && d.kind.startsWith('safeguarding.'));
}

/** What the caller may see: every other entry (audit.read), and sealed entries of these sites (or all, trust-wide). */
export interface AuditVisibility { ordinary: boolean; sealedSiteIds: string[]; sealedTrustWide: boolean }

function visible(v: AuditVisibility): SQL {
  const sealed = v.sealedTrustWide ? SEALED_ENTRY
    : v.sealedSiteIds.length ? and(SEALED_ENTRY, inArray(auditEntries.siteId, v.sealedSiteIds))! : sql`false`;
  return v.ordinary ? or(sql`not ${SEALED_ENTRY}`, sealed)! : sealed;
}

export interface AuditFilter {
  trustId: string; visibility: AuditVisibility; action?: string | undefined; entityType?: string | undefined; entityId?: string | undefined;
  actorUserId?: string | undefined; siteId?: string | undefined; from?: string | undefined; toExclusive?: string | undefined;
}

function where(f: AuditFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [eq(auditEntries.trustId, f.trustId), visible(f.visibility)];
  if (f.action) parts.push(eq(auditEntries.action, f.action));
  if (f.entityType) parts.push(eq(auditEntries.entityType, f.entityType));
  if (f.entityId) parts.push(eq(auditEntries.entityId, f.entityId));
  if (f.actorUserId) parts.push(eq(auditEntries.actorUserId, f.actorUserId));
  if (f.siteId) parts.push(eq(auditEntries.siteId, f.siteId));
  if (f.from) parts.push(gte(auditEntries.at, f.from));
  if (f.toExclusive) parts.push(lt(auditEntries.at, f.toExclusive));
  return and(...parts);
}

export async function listAudit(db: Executor, f: AuditFilter, page: number, pageSize: number) {
  const w = where(f);
  const [rows, totals] = await Promise.all([
    db.select().from(auditEntries).where(w).orderBy(desc(auditEntries.seq)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ n: count() }).from(auditEntries).where(w),
  ]);
  return { rows, total: Number(totals[0]?.n ?? 0) };
}
