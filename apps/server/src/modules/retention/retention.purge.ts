/**
 * The purge engine (CMP-1). A plan counts, per kind and site, the records past their date and those on hold (a dry
 * run is only a plan: it writes nothing). A run purges one kind at one site at a time, in batches, each batch in its
 * own transaction: the holds are checked again (a hold placed since the plan wins), every table holding part of the
 * record is cleared (retention.kinds.ts), a tombstone per record says what went, when and under which rule, and one
 * audit entry per batch chains the record ids into the audit log. Audit entries are never edited or deleted, so the
 * chain still verifies; they hold ids and codes, not the records' content. Files of removed attachments are deleted
 * once their batch has committed.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { uuidv7 } from 'uuidv7';
import { RETENTION_KIND_LABELS, type TRetentionKind } from '@haven/contracts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import { pgArray, runStatement, statement } from '../../core/db/prepared.ts';
import { NOTIFICATION_LINK_ID } from '../../db/schema/workflow.ts';
import { inTransaction } from '../../core/db/tx.ts';
import type { Deps } from '../../core/http/context.ts';
import { storageRoot } from '../../core/files/store.ts';
import { KIND_SPECS } from './retention.kinds.ts';
import * as repo from './retention.repo.ts';
import { isSealedKind, type RuleData } from './retention.rules.ts';

export const PURGE_BATCH = 2500;

/** What a run covers: each kind at the sites where the caller may purge it. */
export interface Target { kind: TRetentionKind; siteIds: string[] }
export interface Line { kind: TRetentionKind; siteId: string; records: number; held: number }

export async function planRun(db: Executor, trustId: string, targets: Target[], rules: Map<TRetentionKind, RuleData>, asOf: string): Promise<Line[]> {
  const lines: Line[] = [];
  for (const t of targets) {
    const rule = rules.get(t.kind)!;
    if (!rule.enabled) continue;
    for (const c of await repo.dueCounts(db, { trustId, kind: t.kind, rule, asOf, siteIds: t.siteIds })) {
      if (c.due || c.held) lines.push({ kind: t.kind, siteId: c.siteId, records: c.due, held: c.held });
    }
  }
  return lines.sort((a, b) => a.kind.localeCompare(b.kind) || a.siteId.localeCompare(b.siteId));
}

interface RunOptions { trustId: string; runId: string; userId: string | null; asOf: string; batchSize?: number }

/**
 * Purges the records of the plan's lines that had any due (the run row exists already; a kind and site with none due
 * at planning is not looked at again). Returns what was removed, per line.
 */
export async function executeRun(deps: Deps, ctx: AuditContext, o: RunOptions, plan: Line[], rules: Map<TRetentionKind, RuleData>):
  Promise<{ lines: Line[]; filesRemoved: number }> {
  const out: Line[] = [];
  let filesRemoved = 0;
  const root = storageRoot(deps);
  for (const t of plan) {
    const rule = rules.get(t.kind)!;
    if (!rule.enabled) continue;
    if (t.records === 0) { out.push({ ...t }); continue; } // only held records here: reported as kept
    {
      const siteId = t.siteId;
      const q = { trustId: o.trustId, kind: t.kind, rule, asOf: o.asOf, siteIds: [siteId] };
      const due = await repo.duePurgeable(deps.database.db, q);
      let removed = 0; let skipped = 0;
      const size = o.batchSize ?? PURGE_BATCH;
      for (let i = 0; i < due.length; i += size) {
        const batch = due.slice(i, i + size);
        const r = await inTransaction(deps.database, ctx, (tx, audit) => purgeBatch(tx, audit, o, t.kind, rule, siteId, batch));
        removed += r.removed; skipped += r.skipped;
        for (const f of r.files) {
          if (root && f) { await fs.rm(path.join(root, f), { force: true }); filesRemoved += 1; }
        }
      }
      out.push({ kind: t.kind, siteId, records: removed, held: t.held + skipped });
    }
  }
  return { lines: out, filesRemoved };
}

const NOTIFICATIONS_OF = statement(`delete from notifications
  where (substring(link from '${NOTIFICATION_LINK_ID}'))::uuid = any($1::uuid[])
  returning (substring(link from '${NOTIFICATION_LINK_ID}'))::uuid::text as rid, 'notifications' as t`);

async function purgeBatch(tx: Executor, audit: { record: (i: import('../../core/audit/audit.ts').AuditInput) => void }, o: RunOptions, kind: TRetentionKind, rule: RuleData,
  siteId: string, batch: Omit<repo.DueRecord, 'held'>[]): Promise<{ removed: number; skipped: number; files: (string | null)[] }> {
  const held = await repo.heldNow(tx, o.trustId, kind, batch);
  const go = batch.filter((r) => !held.has(r.id));
  if (!go.length) return { removed: 0, skipped: batch.length, files: [] };
  const ids = pgArray(go.map((r) => r.id));
  const perRecord = new Map<string, Record<string, number>>(go.map((r) => [r.id, {}]));
  const totals: Record<string, number> = {};
  const files: (string | null)[] = [];
  const fileCount = new Map<string, number>();
  for (const step of KIND_SPECS[kind].steps) {
    const rows = await runStatement<{ rid: string; t: string; storage?: string; storage_path?: string | null }>(tx, step.st, [ids]);
    if (step.silent) continue;
    for (const row of rows) {
      const counts = perRecord.get(row.rid);
      if (counts) counts[row.t] = (counts[row.t] ?? 0) + 1;
      totals[row.t] = (totals[row.t] ?? 0) + 1;
      if (row.storage === 'disk') { files.push(row.storage_path ?? null); fileCount.set(row.rid, (fileCount.get(row.rid) ?? 0) + 1); }
    }
  }
  // Notifications that link to a removed record (their titles name the pupil): removed with it, counted like its rows
  // (a sealed kind's count lives only in its sealed tombstone and audit entry).
  for (const row of await runStatement<{ rid: string; t: string }>(tx, NOTIFICATIONS_OF, [ids])) {
    const counts = perRecord.get(row.rid);
    if (counts) counts[row.t] = (counts[row.t] ?? 0) + 1;
    totals[row.t] = (totals[row.t] ?? 0) + 1;
  }
  await repo.insertTombstones(tx, go.map((r) => ({
    id: uuidv7(), trust_id: o.trustId, site_id: siteId, run_id: o.runId, kind, record_id: r.id, pupil_ids: r.pupilIds, record_date: r.recordDate, due_on: r.dueOn,
    trigger: rule.trigger, years: rule.years, rows_removed: perRecord.get(r.id) ?? {}, files_removed: fileCount.get(r.id) ?? 0, purged_by: o.userId,
  })));
  // Ids, dates and table counts only: never a record's content. A sealed kind's entry is marked sealed (audit viewer: DSLs of the site only).
  audit.record({ action: 'retention.purge', entityType: 'retention_run', entityId: o.runId, siteId, details: {
    ...(isSealedKind(kind) ? { sealed: true } : {}), kind, kindLabel: RETENTION_KIND_LABELS[kind], rule: { trigger: rule.trigger, years: rule.years }, asOf: o.asOf,
    count: go.length, heldSkipped: batch.length - go.length, rows: totals,
    records: go.map((r) => ({ id: r.id, pupils: r.pupilIds, recordDate: r.recordDate, dueOn: r.dueOn })),
  } });
  return { removed: go.length, skipped: batch.length - go.length, files };
}
