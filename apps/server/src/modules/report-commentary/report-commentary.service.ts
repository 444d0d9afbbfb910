/**
 * The head's commentary on a report period (issue 13): one text per site, report (governors' termly, weekly) and
 * period (the term's id, the week's Monday), written by a head, senior leader or behaviour lead of the site
 * (reports.commentary.write) and read by whoever reads the site's aggregate reports. The governors' and weekly PDFs
 * print it, or an empty ruled box to write in. Each save is audited and versioned (a stale version is refused).
 */
import { and, eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { TReportCommentary } from '@haven/contracts';
import type { z } from 'zod';
import type { ZReportCommentaryInput, ZReportCommentaryQuery } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { can, type Actor } from '../../core/policy/policy.ts';
import { fieldError, forbidden, staleVersion } from '../../core/http/errors.ts';
import { pgTimestampToIso } from '../../core/time.ts';
import { reportCommentaries } from '../../db/schema/reports.ts';
import { sites } from '../../db/schema/platform.ts';
import { users } from '../../db/schema/users.ts';
import { reportSites } from '../reports/reports.access.ts';
import type { Commentary } from './report-commentary.pdf.ts';

type Report = TReportCommentary['report'];

/** The commentaries of a report period for the sites given (in their order), a site without one as text null. */
export async function commentariesFor(db: Executor, trustId: string, report: Report, period: string, siteList: readonly { id: string; name: string }[]): Promise<Commentary[]> {
  if (siteList.length === 0) return [];
  const rows = await db.select({ siteId: reportCommentaries.siteId, text: reportCommentaries.text }).from(reportCommentaries)
    .where(and(eq(reportCommentaries.trustId, trustId), eq(reportCommentaries.report, report), eq(reportCommentaries.period, period),
      inArray(reportCommentaries.siteId, siteList.map((s) => s.id))));
  return siteList.map((s) => ({ siteName: s.name, text: rows.find((r) => r.siteId === s.id)?.text || null }));
}

export async function listCommentaries(deps: Deps, actor: Actor, q: z.infer<typeof ZReportCommentaryQuery>): Promise<{ items: TReportCommentary[] }> {
  const db = deps.database.db;
  const asked = q.siteIds ? q.siteIds.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean) : undefined;
  if (asked?.some((id) => !/^[0-9a-f-]{36}$/.test(id))) throw fieldError('siteIds', 'A comma-separated list of site ids');
  const siteIds = reportSites(actor, asked);
  if (siteIds.length === 0) return { items: [] };
  const [siteRows, rows] = await Promise.all([
    db.select({ id: sites.id, name: sites.name }).from(sites).where(and(eq(sites.trustId, actor.trustId), inArray(sites.id, siteIds))).orderBy(sites.name),
    db.select({ c: reportCommentaries, by: users.displayName }).from(reportCommentaries).leftJoin(users, eq(users.id, reportCommentaries.updatedBy))
      .where(and(eq(reportCommentaries.trustId, actor.trustId), eq(reportCommentaries.report, q.report), eq(reportCommentaries.period, q.period), inArray(reportCommentaries.siteId, siteIds))),
  ]);
  return {
    items: siteRows.map((s) => {
      const r = rows.find((x) => x.c.siteId === s.id);
      return {
        siteId: s.id, siteName: s.name, report: q.report, period: q.period, text: r?.c.text ?? '', version: r?.c.version ?? 0,
        updatedBy: r?.by ?? null, updatedAt: r ? pgTimestampToIso(r.c.updatedAt) : null,
        canEdit: can(actor, 'reports.commentary.write', { trustId: actor.trustId, siteId: s.id }),
      };
    }),
  };
}

export async function saveCommentary(deps: Deps, actor: Actor, ctx: AuditContext, input: z.infer<typeof ZReportCommentaryInput>): Promise<TReportCommentary> {
  if (!can(actor, 'reports.commentary.write', { trustId: actor.trustId, siteId: input.siteId })) throw forbidden('You may not write the commentary for that site.');
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    const site = (await tx.select({ id: sites.id }).from(sites).where(and(eq(sites.id, input.siteId), eq(sites.trustId, actor.trustId))))[0];
    if (!site) throw forbidden('You may not write the commentary for that site.');
    const where = and(eq(reportCommentaries.siteId, input.siteId), eq(reportCommentaries.report, input.report), eq(reportCommentaries.period, input.period));
    const existing = (await tx.select().from(reportCommentaries).where(where).for('update'))[0];
    if (input.version !== undefined && input.version !== (existing?.version ?? 0)) throw staleVersion('commentary');
    let id = existing?.id;
    if (existing) {
      await tx.update(reportCommentaries).set({ text: input.text, version: existing.version + 1, updatedBy: actor.userId, updatedAt: new Date() }).where(eq(reportCommentaries.id, existing.id));
    } else {
      id = uuidv7();
      await tx.insert(reportCommentaries).values({ id, trustId: actor.trustId, siteId: input.siteId, report: input.report, period: input.period, text: input.text, updatedBy: actor.userId });
    }
    // the text itself is not copied into the audit log: its length and the version are
    audit.record({ action: 'report.commentary.save', entityType: 'report_commentary', entityId: id!, siteId: input.siteId,
      details: { report: input.report, period: input.period, length: input.text.length, version: (existing?.version ?? 0) + 1 } });
  });
  const out = await listCommentaries(deps, actor, { report: input.report, period: input.period, siteIds: input.siteId });
  return out.items[0]!;
}
