/**
 * The pupil list as CSV or XLSX (`?format=`): the same scoped query and columns as the list, no special-category data,
 * for those who hold pupil.export (issue 11 #18), over the sites where they hold it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { EXPORT_MAX_ROWS, PUPIL_EXPORT_COLUMNS, type TExportFormat, type TPupilListQuery } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { Actor } from '../../core/policy/policy.ts';
import { assertExportable, auditableFilters, authoriseExport, sendExport } from '../../core/export/respond.ts';
import { listPupils } from './pupils.service.ts';

export async function exportPupils(deps: Deps, req: FastifyRequest, reply: FastifyReply, actor: Actor, q: TPupilListQuery, format: TExportFormat) {
  const list = await listPupils(deps, authoriseExport(actor, 'pupil.export', q.siteId), { ...q, page: 1, pageSize: EXPORT_MAX_ROWS + 1 });
  assertExportable(list.total);
  return sendExport(deps, req, reply, format, {
    name: 'pupils', title: 'Pupils', columns: PUPIL_EXPORT_COLUMNS, siteId: q.siteId ?? null, filters: auditableFilters(q),
    rows: list.items.map((p) => ({ upn: p.upn, legalSurname: p.legalSurname, legalForename: p.legalForename, displayName: p.displayName, yearGroup: p.yearGroup, formName: p.formName, siteName: p.siteName })),
  });
}
