/**
 * The incident list and the review queue as CSV or XLSX (`?format=`), from the same scoped queries as the JSON lists.
 * The whole list is for those who hold incident.export (issue 11 #18), over the sites where they hold it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { EXPORT_MAX_ROWS, INCIDENT_EXPORT_COLUMNS, REVIEW_QUEUE_EXPORT_COLUMNS, severityText, type TExportFormat, type ZIncidentListQuery, type ZReviewQueueQuery } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { Actor } from '../../core/policy/policy.ts';
import { assertExportable, auditableFilters, authoriseExport, sendExport } from '../../core/export/respond.ts';
import { listIncidents, reviewQueue } from './incidents.lists.service.ts';
import { exportDetails } from './incidents.lists.repo.ts';

const STATUS: Record<string, string> = { draft: 'Draft', submitted: 'Awaiting review', returned: 'Returned for amendment', signed_off: 'Signed off' };

export async function exportIncidents(deps: Deps, req: FastifyRequest, reply: FastifyReply, actor: Actor, q: z.infer<typeof ZIncidentListQuery>, format: TExportFormat) {
  const list = await listIncidents(deps, authoriseExport(actor, 'incident.export', q.siteId), { ...q, page: 1, pageSize: EXPORT_MAX_ROWS + 1 });
  assertExportable(list.total);
  const details = await exportDetails(deps.database.db, list.items.map((i) => i.id));
  return sendExport(deps, req, reply, format, {
    name: 'incidents', title: 'Incidents', columns: INCIDENT_EXPORT_COLUMNS, siteId: q.siteId ?? null, filters: auditableFilters(q),
    rows: list.items.map((i) => {
      const d = details.get(i.id);
      return {
        occurredAt: i.occurredAt, siteName: i.siteName, pupils: i.pupilNames.join('; '), status: STATUS[i.status] ?? i.status, voided: i.voided,
        severity: severityText(i.severity), categories: i.categoryNames.join('; '), location: d?.location ?? null, period: d?.period ?? null,
        antecedent: d?.antecedent ?? null, behaviour: d?.behaviour ?? null, consequence: d?.consequence ?? null, motivation: d?.motivation ?? null,
        actions: d?.actions.join('; ') ?? null, staff: d?.staff.join('; ') ?? null,
        physicalIntervention: i.physicalIntervention, recordedBy: i.createdByName, updatedAt: i.updatedAt, id: i.id,
      };
    }),
  });
}

export async function exportReviewQueue(deps: Deps, req: FastifyRequest, reply: FastifyReply, actor: Actor, q: z.infer<typeof ZReviewQueueQuery>, format: TExportFormat) {
  const { format: _format, ...filters } = q;
  const queue = await reviewQueue(deps, actor, filters);
  return sendExport(deps, req, reply, format, {
    name: 'review-queue', title: 'Review queue', columns: REVIEW_QUEUE_EXPORT_COLUMNS, siteId: q.siteId ?? null, filters: auditableFilters(filters),
    rows: queue.items.map((i) => ({
      submittedAt: i.submittedAt, ageHours: i.ageHours, overdue: i.overdue, occurredAt: i.occurredAt, siteName: i.siteName, pupils: i.pupilNames.join('; '),
      severity: severityText(i.severity), categories: i.categoryNames.join('; '), summary: i.summary, physicalIntervention: i.physicalIntervention,
      parentNotInformedSameDay: i.parentNotInformedSameDay, parentCopyOutstanding: i.parentCopyOutstanding, parentCopyWithheld: i.parentCopyWithheld, uncertifiedHold: i.uncertifiedHold, unapprovedHold: i.unapprovedHold, resubmitted: i.resubmitted, recordedBy: i.createdByName, id: i.id,
    })),
  });
}
