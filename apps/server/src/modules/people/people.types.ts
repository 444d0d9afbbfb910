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
}

export interface Plan {
  problems: TImportProblem[];
  counts: TImportCounts;
  /** Records in Haven the source leaves out (UPNs or names), at most 100. */
  leftOut: string[];
  /** Writes the plan, in the caller's transaction, auditing each record added or changed. */
  apply(tx: Tx, audit: AuditQueue, source: { importId: string | null }): Promise<void>;
}

export type Planner = (db: Executor, input: PlanInput) => Promise<Plan>;

export const LEFT_OUT_LIMIT = 100;

/** The fields that differ between what is stored and what is given (only the given ones). */
export function changedFields(stored: Record<string, unknown>, given: Record<string, unknown>, fields: readonly string[]): string[] {
  return fields.filter((f) => given[f] !== undefined && (stored[f] ?? null) !== (given[f] ?? null));
}
