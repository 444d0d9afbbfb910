/**
 * /api/v1/audit: the audit log viewer, with filters: trust administrators see every entry except those about sealed
 * safeguarding records, which only the DSLs of their site see (issue 11 #15) — in the list, its count and its files.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZAuditList, ZAuditQuery } from '@haven/contracts';
import { requireActor } from '../../core/http/context.ts';
import { can, scope } from '../../core/policy/policy.ts';
import { forbidden } from '../../core/http/errors.ts';
import { isSealedEntry, listAudit } from './audit.repo.ts';
import { pgTimestampToIso } from '../../core/time.ts';
import { AUDIT_EXPORT_COLUMNS, EXPORT_MAX_ROWS } from '@haven/contracts';
import { assertExportable, auditableFilters, sendExport } from '../../core/export/respond.ts';

function nextDay(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/v1/audit', {
    config: { access: { auth: 'permission', permission: ['audit.read', 'audit.safeguarding.read'] } },
    schema: { tags: ['Audit'], summary: 'Audit entries, newest first (filters: action, entity, actor, site, date range; ?format=csv|xlsx: as a file)', querystring: ZAuditQuery, response: { 200: ZAuditList } },
  }, async (req, reply) => {
    const actor = requireActor(req);
    const sealed = scope(actor, 'audit.safeguarding.read');
    const visibility = { ordinary: can(actor, 'audit.read', { trustId: actor.trustId }), sealedSiteIds: sealed.siteIds, sealedTrustWide: sealed.trustWide };
    if (!visibility.ordinary && !sealed.siteIds.length) throw forbidden();
    const q = req.query;
    // Dates are UK calendar days; the log is stored in UTC. Treat a day as its UTC bounds (within an hour of London's).
    const paging = q.format ? { page: 1, pageSize: EXPORT_MAX_ROWS + 1 } : q;
    const { rows, total } = await listAudit(app.deps.database.db, {
      trustId: actor.trustId, visibility, action: q.action, entityType: q.entityType, entityId: q.entityId, actorUserId: q.actorUserId,
      siteId: q.siteId, from: q.from, toExclusive: q.to ? nextDay(q.to) : undefined,
    }, paging.page, paging.pageSize);
    const items = rows.map((e) => ({ seq: e.seq, id: e.id, at: pgTimestampToIso(e.at), actorUserId: e.actorUserId,
      actorLabel: e.actorLabel, ip: e.ip, action: e.action, entityType: e.entityType, entityId: e.entityId, siteId: e.siteId, details: e.details }));
    if (q.format) {
      assertExportable(total);
      return sendExport(app.deps, req, reply, q.format, {
        name: 'audit-log', title: 'Audit log', columns: AUDIT_EXPORT_COLUMNS, filters: auditableFilters(q),
        // A file with sealed entries in it is itself for the DSLs of their site only (its filters may name a pupil).
        ...(rows.some(isSealedEntry) ? { sealed: true, siteId: q.siteId ?? (sealed.siteIds.length === 1 ? sealed.siteIds[0] : null) } : { siteId: q.siteId ?? null }),
        rows: items.map((e) => ({ ...e, details: JSON.stringify(e.details) })),
      });
    }
    return { items, total, page: q.page, pageSize: q.pageSize };
  });
}
