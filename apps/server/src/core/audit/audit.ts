/**
 * audit.record(): every write, and every read of a sealed or special-category record, adds an entry in the same
 * transaction as the change. Entries are queued while the use case runs and chained at the end, under a
 * transaction-scoped advisory lock (key 7421337, one chain per database) taken by the database function that
 * appends them, so the chain stays linear under concurrent writers and the lock is held briefly.
 */
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../db/client.ts';
import { quoteLiteral, runStatement, statement } from '../db/prepared.ts';
import { entryHashParts, type ChainedEntry } from './chain.ts';
import type { IdempotencyClaim } from '../db/idempotency.ts';

/** Who is acting and from where; taken from the request. */
export interface AuditContext {
  trustId: string | null;
  actorUserId: string | null;
  actorLabel: string;
  ip: string | null;
  requestId: string | null;
  /** The request's Idempotency-Key, on routes that honour one (core/db/idempotency.ts): used by its first transaction. */
  idempotency?: IdempotencyClaim;
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
  /** Entries queued after `mark` (a size read earlier) are dropped: their savepoint was rolled back. */
  rollbackTo(mark: number): void { this.pending.length = Math.min(this.pending.length, mark); }

  /** The queued entries as haven_audit_append takes them, emptying the queue. */
  drain(): Record<string, unknown>[] {
    return this.pending.splice(0).map((input) => appendRow({
      id: uuidv7(), trustId: this.ctx.trustId, at: new Date().toISOString(),
      actorUserId: this.ctx.actorUserId, actorLabel: this.ctx.actorLabel, ip: this.ctx.ip, requestId: this.ctx.requestId,
      action: input.action, entityType: input.entityType, entityId: input.entityId ?? null, siteId: input.siteId ?? null,
      details: input.sealed ? redactSealed(input.details) : (input.details ?? {}),
    }));
  }

  /**
   * Chain and write the queued entries, as the transaction's last statement (PGlite; on PostgreSQL the transaction
   * helper sends APPEND_STATEMENT together with its COMMIT, core/db/tx.ts). One statement: the database takes the
   * chain's lock, reads the last entry and links and hashes these after it (haven_audit_append, migration
   * 0004_audit_chains). The hash is the same sha256 of the same canonical text as entryHash.
   */
  async flush(tx: Tx): Promise<void> {
    const rows = this.drain();
    if (rows.length) await runStatement(tx, APPEND_STATEMENT, [JSON.stringify(rows)]);
  }
}

/** Appends the entries (a JSON array of appendRow objects, one parameter) to the chain under its lock. */
export const APPEND_STATEMENT = statement('select haven_audit_append($1::jsonb)');

/**
 * Append and commit as ONE simple-protocol message (the entries as a quoted literal: prepared.ts quoteLiteral), for
 * a client without pipelining: the benchmark's floor (bench/lib/raw.ts). The app sends APPEND_STATEMENT and COMMIT
 * pipelined instead (core/db/tx.ts); either way the chain's lock is held from the moment it is granted until the
 * commit is durable without waiting on the Node process — the lock is the one thing every audited write shares,
 * so its hold time bounds the write rate. If the append fails, PostgreSQL skips the commit.
 */
export function appendAndCommit(rows: readonly Record<string, unknown>[]): string {
  return rows.length ? `select haven_audit_append(${quoteLiteral(JSON.stringify(rows))}::jsonb); commit` : 'commit';
}

/** An entry as haven_audit_append takes it: audit_entries' columns, and the pieces of its canonical body to hash. */
export function appendRow(e: Omit<ChainedEntry, 'seq' | 'prevHash'>): Record<string, unknown> {
  return {
    id: e.id, trust_id: e.trustId, at: e.at, actor_user_id: e.actorUserId, actor_label: e.actorLabel, ip: e.ip,
    request_id: e.requestId, action: e.action, entity_type: e.entityType, entity_id: e.entityId, site_id: e.siteId, details: e.details,
    ...entryHashParts(e),
  };
}
