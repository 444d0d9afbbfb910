/**
 * audit.record(): every write, and every read of a sealed or special-category record, adds an entry in the same
 * transaction as the change. Entries are queued while the use case runs and chained at the end, under a
 * transaction-scoped advisory lock, so the chain stays linear under concurrent writers and the lock is held briefly.
 */
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../db/client.ts';
import { executePrepared } from '../db/prepared.ts';
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
    // Three fixed statements, prepared once per connection (core/db/prepared.ts). The lock is its own statement:
    // under READ COMMITTED the next statement's snapshot then includes the entry of whoever held the lock before.
    await executePrepared(tx, LOCK);
    const last = (await executePrepared<{ seq: number | string; hash: string }>(tx, LAST))[0];
    let seq = Number(last?.seq ?? 0);
    let prevHash = last?.hash ?? GENESIS_HASH;
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
      rows.push(toRow(entry, hash));
      prevHash = hash;
    }
    await executePrepared(tx, sql`insert into audit_entries (${COLUMNS}) select ${COLUMNS} from jsonb_populate_recordset(null::audit_entries, ${JSON.stringify(rows)}::jsonb)`);
  }
}

const LOCK = sql`select pg_advisory_xact_lock(${sql.raw(String(AUDIT_LOCK_KEY))})`;
const LAST = sql`select seq, hash from audit_entries order by seq desc limit 1`;
const COLUMNS = sql.raw('seq, id, trust_id, at, actor_user_id, actor_label, ip, request_id, action, entity_type, entity_id, site_id, details, prev_hash, hash');

/** The row as audit_entries' columns, for jsonb_populate_recordset (every entry of a flush in one parameter). */
function toRow(e: ChainedEntry, hash: string): Record<string, unknown> {
  return {
    seq: e.seq, id: e.id, trust_id: e.trustId, at: e.at, actor_user_id: e.actorUserId, actor_label: e.actorLabel, ip: e.ip,
    request_id: e.requestId, action: e.action, entity_type: e.entityType, entity_id: e.entityId, site_id: e.siteId, details: e.details,
    prev_hash: e.prevHash, hash,
  };
}
