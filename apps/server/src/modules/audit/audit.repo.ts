/** Audit log queries for the viewer (CMP-2), always within the caller's trust. */
import { and, count, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { auditEntries } from '../../db/schema/audit.ts';

export interface AuditFilter {
  trustId: string; action?: string | undefined; entityType?: string | undefined; entityId?: string | undefined;
  actorUserId?: string | undefined; siteId?: string | undefined; from?: string | undefined; toExclusive?: string | undefined;
}

function where(f: AuditFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [eq(auditEntries.trustId, f.trustId)];
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
