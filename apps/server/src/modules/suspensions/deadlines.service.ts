/**
 * Every statutory deadline due across the caller's sites (SAN-3, LAW-5 … LAW-8), soonest first, overdue marked, with
 * school days remaining on the site's own calendar: the board's consideration (LAW-6/7), alternative provision from
 * day 6 (LAW-8), notifications still to do (LAW-5), reintegration meetings, and the parents' independent review window.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { TDeadline } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import { scope, type Actor } from '../../core/policy/policy.ts';
import { forbidden } from '../../core/http/errors.ts';
import { londonToday, pgTimestampToIso } from '../../core/time.ts';
import { NOTIFICATION_RECIPIENT_LABELS } from '@haven/contracts';
import { exclusionNotifications, exclusions, meetings } from '../../db/schema/exclusions.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import type { SchoolCalendar } from '../../core/calendar/calendar.ts';
import * as repo from './suspensions.repo.ts';
import { loadSiteCalendar } from './suspensions.calendar.ts';
import { independentReviewBy } from './suspensions.presenter.ts';
import { schoolDaysRemaining } from './suspensions.rules.ts';

export async function deadlines(deps: Deps, actor: Actor, siteId?: string): Promise<{ items: TDeadline[]; today: string }> {
  const inScope = scope(actor, 'deadlines.read').siteIds;
  if (siteId && !inScope.includes(siteId)) throw forbidden('You may not see the deadlines of that site.');
  const siteIds = siteId ? [siteId] : inScope;
  const db = deps.database.db;
  const today = londonToday();
  if (!siteIds.length) return { items: [], today };
  const open = await repo.openRecordsAt(db, siteIds);
  const todo = await db.select().from(exclusionNotifications).where(and(inArray(exclusionNotifications.siteId, siteIds), eq(exclusionNotifications.status, 'to_do')));
  const noteRecords = todo.length ? await db.select().from(exclusions).where(inArray(exclusions.id, [...new Set(todo.map((n) => n.exclusionId))])) : [];
  const meets = await db.select().from(meetings).where(and(inArray(meetings.siteId, siteIds), eq(meetings.status, 'scheduled')));
  const records = new Map([...open, ...noteRecords].map((r) => [r.id, r]));
  const pupils = new Map((await repo.pupilsByIds(db, [...new Set([...records.values()].map((r) => r.pupilId).concat(meets.map((m) => m.pupilId)))])).map((p) => [p.id, p]));
  const sites = await repo.siteNames(db, siteIds);
  const cals = new Map<string, SchoolCalendar>();
  for (const s of siteIds) cals.set(s, await loadSiteCalendar(db, actor.trustId, s));

  const items: TDeadline[] = [];
  const add = (r: { siteId: string; pupilId: string }, d: { kind: TDeadline['kind']; label: string; rule: string; due: string | null; conditional?: boolean; link: string }) => {
    const p = pupils.get(r.pupilId);
    if (!p) return;
    const cal = cals.get(r.siteId)!;
    items.push({
      kind: d.kind, label: d.label, rule: d.rule, due: d.due, conditional: d.conditional ?? false,
      schoolDaysRemaining: d.due ? schoolDaysRemaining(cal, today, d.due) : null, overdue: !!d.due && d.due < today,
      siteId: r.siteId, siteName: sites.get(r.siteId) ?? '', pupil: { id: p.id, displayName: displayName(p) }, link: d.link,
    });
  };
  for (const r of open) {
    const link = `/suspensions/${r.id}`;
    if (r.boardDutyKind !== 'representations_only' && !r.boardOutcome) {
      const conditional = r.boardDutyKind === 'consider_if_representations' && !r.parentsMadeRepresentations;
      add(r, { kind: 'board_consideration', rule: r.boardDutyKind === 'must_consider_reinstatement' ? 'LAW-6' : 'LAW-7', due: r.boardDeadline, conditional, link,
        label: conditional ? 'Governing board considers reinstatement, if the parents make representations' : 'Governing board must consider reinstatement' });
    }
    if (r.provisionDueFrom && !r.provisionProvider) add(r, { kind: 'alternative_provision', rule: 'LAW-8', due: r.provisionDueFrom, link, label: 'Full-time education from the sixth school day: none recorded' });
    const irp = independentReviewBy(r, cals.get(r.siteId) ?? null);
    if (irp && irp >= today) add(r, { kind: 'independent_review', rule: 'LAW-6', due: irp, link, conditional: true, label: 'Last day for the parents to ask for an independent review' });
  }
  for (const n of todo) {
    const r = records.get(n.exclusionId);
    if (!r) continue;
    add(r, { kind: 'notification', rule: 'LAW-5', due: n.occasion === 'cancellation' && r.cancelledAt ? londonToday(new Date(pgTimestampToIso(r.cancelledAt))) : r.boardNotifiedOn, link: `/suspensions/${r.id}`,
      label: `Tell the ${NOTIFICATION_RECIPIENT_LABELS[n.recipient as keyof typeof NOTIFICATION_RECIPIENT_LABELS].toLowerCase()}${n.occasion === 'cancellation' ? ' of the cancellation' : ''} (without delay)` });
  }
  for (const m of meets) {
    if (m.type !== 'reintegration') continue;
    add(m, { kind: 'reintegration_meeting', rule: 'SAN-3', due: m.date, link: m.recordId ? `/suspensions/${m.recordId}` : `/pupils/${m.pupilId}`, label: 'Reintegration meeting on return' });
  }
  items.sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999') || a.pupil.displayName.localeCompare(b.pupil.displayName));
  return { items, today };
}
