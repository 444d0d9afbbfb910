/**
 * The census exclusions return of one site (ANA-7): head, senior leaders and the trust's administrators only
 * (census.export at that site); UPNs leave the system, so every download is audited.
 */
import { and, eq } from 'drizzle-orm';
import type { TCensusQuery } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { can, type Actor } from '../../core/policy/policy.ts';
import { conflict, fieldError, notFound } from '../../core/http/errors.ts';
import { addDays, formatUkDate } from '../../core/calendar/calendar.ts';
import { codeValidOn, ensureReasonCodes, reasonsOfTrust } from '../suspensions/reasons.service.ts';
import { exclusions } from '../../db/schema/exclusions.ts';
import { pupils } from '../../db/schema/pupils.ts';
import { sites } from '../../db/schema/platform.ts';
import { censusLines, invalidReasonCodes, toCsv, toXml } from './census.rules.ts';

export async function censusReturn(deps: Deps, actor: Actor, ctx: AuditContext, q: TCensusQuery): Promise<{ body: string; contentType: string; filename: string }> {
  if (q.from > q.to) throw fieldError('to', 'The end date is before the start date.');
  if (addDays(q.from, 400) < q.to) throw fieldError('from', 'A census period is at most a year.');
  const db = deps.database.db;
  const site = (await db.select().from(sites).where(and(eq(sites.id, q.siteId), eq(sites.trustId, actor.trustId))))[0];
  if (!site || !can(actor, 'census.export', { trustId: actor.trustId, siteId: site.id })) throw notFound('site');
  const rows = await db.select({
    upn: pupils.upn, category: exclusions.category, status: exclusions.status, startDate: exclusions.startDate, slots: exclusions.slots,
    reasonCodes: exclusions.reasonCodes, boardMeetingDate: exclusions.boardMeetingDate, boardOutcome: exclusions.boardOutcome, boardOutcomeOn: exclusions.boardOutcomeOn,
  }).from(exclusions).innerJoin(pupils, eq(pupils.id, exclusions.pupilId)).where(eq(exclusions.siteId, site.id));
  const lines = censusLines(rows, q.from, q.to);
  // Every reason code checked against the trust's codes table on the record's date: nothing here lists the codes.
  const codes = await inTransaction(deps.database, ctx, async (tx) => { await ensureReasonCodes(tx, actor.trustId); return reasonsOfTrust(tx, actor.trustId); });
  const bad = invalidReasonCodes(lines, (code, date) => codeValidOn(codes, code, date));
  if (bad.length) {
    const list = bad.slice(0, 5).map((b) => `${b.codes.join(', ')} on the record starting ${formatUkDate(b.line.startDate)}`).join('; ');
    throw conflict(`${bad.length} record${bad.length === 1 ? '' : 's'} in this period carr${bad.length === 1 ? 'ies' : 'y'} a reason code that the trust's census reason codes do not hold as valid on ${bad.length === 1 ? 'its' : 'their'} start date (${list}${bad.length > 5 ? '; …' : ''}). A trust administrator can add the code, valid for that period, under Census reason codes; the return is not produced until every code is valid.`);
  }
  const generatedAt = new Date().toISOString().slice(0, 19);
  const body = q.format === 'xml'
    ? toXml({ laCode: site.laCode ?? '', establishment: site.establishmentNumber ?? '', schoolName: site.name, from: q.from, to: q.to, generatedAt }, lines)
    : toCsv(lines);
  await inTransaction(deps.database, ctx, async (_tx, audit) => {
    audit.record({ action: 'census.exclusions.download', entityType: 'site', entityId: site.id, siteId: site.id, details: { from: q.from, to: q.to, format: q.format, lines: lines.length } });
  });
  const stem = `census-exclusions-${(site.establishmentNumber ?? site.name).replace(/[^A-Za-z0-9]+/g, '-')}-${q.from}-${q.to}`;
  return { body, contentType: q.format === 'xml' ? 'application/xml; charset=utf-8' : 'text/csv; charset=utf-8', filename: `${stem}.${q.format}` };
}
