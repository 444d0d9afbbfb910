/** What every kind of people write shares: where it writes, and the plan it makes before writing anything. */
import type { TImportCounts, TImportProblem } from '@haven/contracts';
import type { Executor, Tx } from '../../core/db/client.ts';
import type { AuditQueue } from '../../core/audit/audit.ts';

export interface Target {
  trustId: string;
  siteId: string;
  /** Today in England (yyyy-mm-dd). */
  today: string;
}

/** One record to write, as a row of a file or a form: its row number (0 for a form) and typed fields. */
export type PersonRecord = { row: number } & Record<string, unknown>;

export interface PlanInput {
  target: Target;
  records: readonly PersonRecord[];
  /** Fields the source gives (a mapped column): only these are compared and written. */
  given: ReadonlySet<string>;
  /** The column header (or field name) to name in a problem about a field. */
  columnOf(field: string): string;
  /** Pupils planned in the same source but not yet written (a CTF's new pupils), by UPN: contacts may link to them. */
  pupilIds?: ReadonlyMap<string, string>;
}

export interface Plan {
  problems: TImportProblem[];
  counts: TImportCounts;
  /** Records in Haven the source leaves out (UPNs or names), at most 100. */
  leftOut: string[];
  /** Pupils' ids by UPN for every pupil record the plan accepts, new ones included (pupil plans only). */
  pupilIds?: ReadonlyMap<string, string>;
  /** UPNs of the pupils whose own record or links this plan adds or changes (pupil and contact plans). */
  touched?: ReadonlySet<string>;
  /** Writes the plan, in the caller's transaction, auditing each record added or changed. */
  apply(tx: Tx, audit: AuditQueue, source: { importId: string | null }): Promise<void>;
}

export type Planner = (db: Executor, input: PlanInput) => Promise<Plan>;

export const LEFT_OUT_LIMIT = 100;

/** The fields that differ between what is stored and what is given (only the given ones). */
export function changedFields(stored: Record<string, unknown>, given: Record<string, unknown>, fields: readonly string[]): string[] {
  return fields.filter((f) => given[f] !== undefined && (stored[f] ?? null) !== (given[f] ?? null));
}

/** Records per audit entry when a source writes many at once: each entry lists the records it covers. */
export const AUDIT_BATCH = 500;

/**
 * One audit entry per batch of records written by one action (an import of 2,000 pupils is four entries naming every
 * pupil, not 2,000 entries): each names the records' ids and what changed for each.
 */
export function auditMany(audit: AuditQueue, e: { action: string; entityType: string; siteId: string; importId: string | null }, items: readonly { id: string; details?: Record<string, unknown> }[]): void {
  for (let i = 0; i < items.length; i += AUDIT_BATCH) {
    const chunk = items.slice(i, i + AUDIT_BATCH);
    audit.record({
      action: e.action, entityType: e.entityType, entityId: chunk.length === 1 ? chunk[0]!.id : null, siteId: e.siteId,
      details: { importId: e.importId, count: chunk.length, records: chunk.map((c) => ({ id: c.id, ...(c.details ?? {}) })) },
    });
  }
}
