/** Pure hash-chain rules for the audit log: canonical form, entry hash, and verification of a sequence. */
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedEntry {
  seq: number;
  id: string;
  trustId: string | null;
  at: string; // ISO 8601 UTC with milliseconds
  actorUserId: string | null;
  actorLabel: string;
  ip: string | null;
  requestId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  siteId: string | null;
  details: unknown;
  prevHash: string;
}

/** JSON with object keys sorted at every depth, so the same value always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function entryHash(e: ChainedEntry): string {
  const body = canonicalJson({
    seq: e.seq, id: e.id, trustId: e.trustId, at: e.at, actorUserId: e.actorUserId, actorLabel: e.actorLabel,
    ip: e.ip, requestId: e.requestId, action: e.action, entityType: e.entityType, entityId: e.entityId,
    siteId: e.siteId, details: e.details, prevHash: e.prevHash,
  });
  return createHash('sha256').update(body).digest('hex');
}

/**
 * The canonical body of an entry as three pieces around its two chain-dependent fields, so that the database can
 * chain it while holding the chain's lock (haven_audit_append, migration 0003_audit_chains):
 * `head + JSON.stringify(prevHash) + middle + String(seq) + tail` is exactly what entryHash hashes.
 * Built from the same canonicalJson, key by key in the same sorted order; chain.test.ts checks the identity.
 */
export function entryHashParts(e: Omit<ChainedEntry, 'seq' | 'prevHash'>): { head: string; middle: string; tail: string } {
  const fields: Record<string, unknown> = {
    id: e.id, trustId: e.trustId, at: e.at, actorUserId: e.actorUserId, actorLabel: e.actorLabel, ip: e.ip, requestId: e.requestId,
    action: e.action, entityType: e.entityType, entityId: e.entityId, siteId: e.siteId, details: e.details, prevHash: null, seq: null,
  };
  let out = '{';
  const pieces: string[] = [];
  for (const k of Object.keys(fields).sort()) {
    if (fields[k] === undefined) continue; // canonicalJson leaves out undefined values
    out += `${out === '{' ? '' : ','}${JSON.stringify(k)}:`;
    if (k === 'prevHash' || k === 'seq') { pieces.push(out); out = ''; continue; }
    out += canonicalJson(fields[k]);
  }
  const [head, middle] = pieces;
  if (head === undefined || middle === undefined) throw new Error('unreachable: prevHash and seq are always keys');
  return { head, middle, tail: `${out}}` };
}

export interface ChainProblem {
  /** 1-based position in the chain (the entry's expected sequence number). */
  position: number;
  seq: number;
  kind: 'edited' | 'deleted_or_inserted' | 'sequence_gap';
  message: string;
}

/** Streaming verifier: feed entries in sequence order; collects every problem with its position. */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  readonly problems: ChainProblem[] = [];
  count = 0;

  push(e: ChainedEntry & { hash: string }): void {
    this.count++;
    if (e.seq !== this.expectedSeq) {
      this.problems.push({
        position: this.expectedSeq, seq: e.seq, kind: 'sequence_gap',
        message: e.seq > this.expectedSeq
          ? `entries ${this.expectedSeq}–${e.seq - 1} are missing (deleted)`
          : `entry ${e.seq} appears out of order (inserted or renumbered)`,
      });
    }
    if (e.prevHash !== this.prevHash) {
      this.problems.push({
        position: e.seq, seq: e.seq, kind: 'deleted_or_inserted',
        message: `entry ${e.seq} does not follow the entry before it: an entry was deleted or inserted before position ${e.seq}`,
      });
    }
    if (entryHash(e) !== e.hash) {
      this.problems.push({ position: e.seq, seq: e.seq, kind: 'edited', message: `entry ${e.seq} was edited after it was written` });
    }
    this.prevHash = e.hash;
    this.expectedSeq = e.seq + 1;
  }
}
