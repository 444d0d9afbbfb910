/** What every suspension use case loads: the pupil (checked), the site's calendar and academic year, the pupil's records. */
import { ruleInWords } from '@haven/contracts';
import type { Executor } from '../../core/db/client.ts';
import type { SchoolCalendar } from '../../core/calendar/calendar.ts';
import { can, type Actor } from '../../core/policy/policy.ts';
import type { Permission } from '../../core/policy/permissions.ts';
import { fieldError, forbidden, notFound } from '../../core/http/errors.ts';
import { academicYearAt, loadSiteCalendar } from './suspensions.calendar.ts';
import * as repo from './suspensions.repo.ts';
import { RuleError, type CountedRecord, type ExclusionCategory } from './suspensions.rules.ts';

/** LAW-1 in words: the refusal a head recognises, never only the rule's id. */
export const LAW1_REFUSAL = `Only the headteacher (or acting headteacher) of the pupil's school may suspend or permanently exclude, or cancel that decision: ${ruleInWords('LAW-1')}.`;

/** The pupil, if the actor may see them; a pupil the actor may not read is "not found". */
export async function pupilFor(db: Executor, actor: Actor, pupilId: string, need: Permission): Promise<repo.PupilRow> {
  const pupil = await repo.findPupil(db, pupilId);
  if (!pupil || pupil.trustId !== actor.trustId || !can(actor, 'pupil.read', pupil)) throw notFound('pupil');
  if (!can(actor, need, pupil)) throw forbidden(need === 'suspension.issue' ? LAW1_REFUSAL : 'You do not have permission to do that.');
  return pupil;
}

export const counted = (r: repo.ExclusionRow): CountedRecord => ({ category: r.category as ExclusionCategory, cancelled: r.status === 'cancelled', slots: r.slots });

export interface RuleContext { cal: SchoolCalendar; year: { startDate: string; endDate: string; label: string } }

export async function ruleContext(db: Executor, trustId: string, siteId: string, date: string, field = 'startDate'): Promise<RuleContext> {
  const year = await academicYearAt(db, trustId, date);
  if (!year) throw fieldError(field, 'No academic year in the calendar contains this date: a trust administrator must add it first');
  return { cal: await loadSiteCalendar(db, trustId, siteId), year };
}

/** A statutory rule broken by the request → 400 naming the field and the rule. */
export function asFieldError(e: unknown): never {
  if (e instanceof RuleError) throw fieldError(e.field, e.message);
  throw e;
}
