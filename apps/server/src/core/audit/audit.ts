/**
 * audit.record(): every write, and every read of a sealed or special-category record, adds an entry in the same
 * transaction as the change. Entries are queued while the use case runs and chained at the end, under a
 * transaction-scoped advisory lock, so the chain stays linear under concurrent writers and the lock is held briefly.
 */
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../db/client.ts';
import { auditEntries } from '../../db/schema/audit.ts';
import { GENESIS_HASH, entryHash, type ChainedEntry } from './chain.ts';

/** Who is acting and from where; taken from the request. */
export interface AuditContext {
  trustId: string | null;
  actorUserId: string | null;
  actorLabel: string;
  ip: string | null;
  requestId: string | null;
}

export interface AuditInput {
  action: string;
  entityType: string;
  entityId?: string | null;
  siteId?: string | null;
  /** Before/after, a diff, or what was read. Never sealed content: pass `sealed: true` to keep field names only. */
  details?: Record<string, unknown>;
  sealed?: boolean;
}

export const SYSTEM_AUDIT: AuditContext = { trustId: null, actorUserId: null, actorLabel: 'system', ip: null, requestId: null };

const AUDIT_LOCK_KEY = 7_421_337; // one chain per database

function redactSealed(details: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!details) return { sealed: true };
  const fields = new Set<string>();
  for (const v of Object.values(details)) {
    if (v && typeof v === 'object' && !Array.isArray(v)) for (const k of Object.keys(v)) fields.add(k);
  }
  return { sealed: true, fields: [...fields].sort() };
}

export class AuditQueue {
  private readonly pending: AuditInput[] = [];
  constructor(public readonly ctx: AuditContext) {}
  record(input: AuditInput): void { this.pending.push(input); }
  get size(): number { return this.pending.length; }

  /** Chain and write the queued entries. Called by the transaction helper just before commit. */
  async flush(tx: Tx): Promise<void> {
    if (this.pending.length === 0) return;
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
    const last = await tx.select({ seq: auditEntries.seq, hash: auditEntries.hash }).from(auditEntries)
      .orderBy(sql`${auditEntries.seq} desc`).limit(1);
    let seq = last[0]?.seq ?? 0;
    let prevHash = last[0]?.hash ?? GENESIS_HASH;
    const rows = [];
    for (const input of this.pending.splice(0)) {
      seq += 1;
      const entry: ChainedEntry = {
        seq, id: uuidv7(), trustId: this.ctx.trustId, at: new Date().toISOString(),
        actorUserId: this.ctx.actorUserId, actorLabel: this.ctx.actorLabel, ip: this.ctx.ip, requestId: this.ctx.requestId,
        action: input.action, entityType: input.entityType, entityId: input.entityId ?? null, siteId: input.siteId ?? null,
        details: input.sealed ? redactSealed(input.details) : (input.details ?? {}), prevHash,
      };
      const hash = entryHash(entry);
      rows.push({ ...entry, hash });
      prevHash = hash;
    }
    await tx.insert(auditEntries).values(rows);
  }
}
