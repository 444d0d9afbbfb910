/**
 * Demo child-protection file transfer (DAT-4): at the first site, a pupil with safeguarding concerns leaves in a few
 * school days for another school, and the DSL has opened the transfer (due 5 school days after the leaving date on
 * the site calendar) but not yet built the pack, so the DSL account has one to build, encrypt and send.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../core/db/client.ts';
import type { AuditQueue } from '../../core/audit/audit.ts';
import { listSchoolDays, addDays } from '../../core/calendar/calendar.ts';
import { cpTransfers } from '../schema/cp-transfers.ts';
import { safeguardingConcernPupils, safeguardingConcerns } from '../schema/safeguarding.ts';
import { pupils } from '../schema/pupils.ts';
import { loadSiteCalendar } from '../../modules/calendar/calendar.service.ts';
import { transferDueOn } from '../../modules/cp-transfer/cp-transfer.rules.ts';

export async function seedDemoCpTransfers(tx: Tx, audit: AuditQueue, trustId: string, siteId: string | undefined, today: string, dslUserId: string | undefined): Promise<number> {
  if (!siteId || !dslUserId) return 0;
  const rows = await tx.select({ pupilId: pupils.id }).from(safeguardingConcernPupils)
    .innerJoin(safeguardingConcerns, eq(safeguardingConcerns.id, safeguardingConcernPupils.concernId))
    .innerJoin(pupils, eq(pupils.id, safeguardingConcernPupils.pupilId))
    .where(and(eq(safeguardingConcerns.siteId, siteId), isNull(pupils.enrolmentEnd)))
    .orderBy(asc(pupils.legalSurname), asc(pupils.id)).limit(1);
  const pupilId = rows[0]?.pupilId;
  if (!pupilId) return 0;
  const cal = await loadSiteCalendar(tx, trustId, siteId);
  const leavingDate = listSchoolDays(cal, addDays(today, 1), addDays(today, 60))[2] ?? addDays(today, 3);
  const id = uuidv7();
  const dueOn = transferDueOn(cal, leavingDate);
  await tx.insert(cpTransfers).values({ id, trustId, siteId, pupilId, status: 'draft', leavingDate, leavingDateSource: 'entered', dueOn,
    receivingSchool: 'Riverside Academy', receivingDslName: 'Grace Adebayo', receivingDslEmail: 'dsl@riverside-academy.example', createdBy: dslUserId });
  audit.record({ action: 'safeguarding.cp_transfer.create', entityType: 'cp_transfer', entityId: id, siteId,
    details: { sealed: true, pupilId, leavingDate, leavingDateSource: 'entered', dueOn, demo: true } });
  return 1;
}
