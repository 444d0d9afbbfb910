/**
 * The route helper behind `?format=csv|xlsx`: writes the file, records the export in the audit log (who, which list,
 * which filters, how many rows) and sends it as an attachment. The rows come from the same scoped query as the JSON
 * list, so an export can never hold more than the caller may see on screen.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { EXPORT_MAX_ROWS, type TExportColumn, type TExportFormat } from '@haven/contracts';
import type { Deps } from '../http/context.ts';
import { auditContext } from '../http/context.ts';
import { inTransaction } from '../db/tx.ts';
import { fieldError, forbidden } from '../http/errors.ts';
import { can, holdsAnywhere, narrowTo, type Actor } from '../policy/policy.ts';
import { PERMISSIONS, type Permission } from '../policy/permissions.ts';
import { londonToday } from '../time.ts';
import type { ExportRow } from './cells.ts';
import { toCsv } from './csv.ts';
import { XLSX_MIME, toXlsx } from './xlsx.ts';

export interface ExportSpec<K extends string> {
  /** File stem and audit entity type, e.g. 'incidents'. */
  name: string;
  /** Worksheet title, e.g. 'Incidents'. */
  title: string;
  columns: readonly TExportColumn<K>[];
  rows: readonly ExportRow<K>[];
  /**
   * Lines said above the table (e.g. "Term in progress: figures to 18/11/2026."): in a CSV file one line each before
   * the header row, in an XLSX worksheet one row each above the (frozen) header row. None: the header comes first.
   */
  notes?: readonly string[];
  /** The filters applied, for the audit entry (ids and flags only: free text is recorded as given or not). */
  filters: Record<string, unknown>;
  siteId?: string | null;
  /** The file holds entries about sealed safeguarding records: its own audit entry is sealed too (issue 11 #15). */
  sealed?: boolean;
}

/**
 * A whole-list download needs its own permission (need to know: pupil.export, incident.export), held at the site
 * asked for, or anywhere when none is. Returns the actor narrowed to the sites where they hold it, for the list
 * query, so the file covers only those sites.
 */
export function authoriseExport(actor: Actor, permission: Permission, siteId: string | null | undefined): Actor {
  const refuse = () => forbidden(`You do not have permission to download this list. Needed: ${PERMISSIONS[permission].description}.`);
  if (siteId ? !can(actor, permission, { trustId: actor.trustId, siteId }) : !holdsAnywhere(actor, permission)) throw refuse();
  return narrowTo(actor, permission);
}

/** The limit for one export: a list longer than this must be narrowed first (400 naming `format`). */
export function assertExportable(total: number): void {
  if (total > EXPORT_MAX_ROWS) throw fieldError('format', `This list has ${total} rows, more than ${EXPORT_MAX_ROWS} can be exported at once. Narrow it with the filters first.`);
}

/** Free-text filters are not copied into the audit log (a search may be a pupil's name): only whether one was used. */
export function auditableFilters(q: Record<string, unknown>, freeText: readonly string[] = ['search']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(q)) {
    if (v === undefined || k === 'format' || k === 'page' || k === 'pageSize') continue;
    out[k] = freeText.includes(k) ? true : v;
  }
  return out;
}

export async function sendExport<K extends string>(deps: Deps, req: FastifyRequest, reply: FastifyReply, format: TExportFormat, spec: ExportSpec<K>): Promise<FastifyReply> {
  assertExportable(spec.rows.length);
  const notes = spec.notes ?? [];
  const body = format === 'csv' ? Buffer.from(toCsv(spec.columns, spec.rows, notes), 'utf8') : Buffer.from(await toXlsx(spec.title, spec.columns, spec.rows, notes));
  await inTransaction(deps.database, auditContext(req), async (_tx, audit) => {
    audit.record({ action: 'export', entityType: spec.name, siteId: spec.siteId ?? null,
      details: { ...(spec.sealed ? { sealed: true } : {}), format, rows: spec.rows.length, filters: spec.filters } });
  });
  const filename = `haven-${spec.name}-${londonToday()}.${format}`;
  return reply.status(200)
    .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_MIME)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff')
    .send(body);
}
