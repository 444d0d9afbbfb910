/**
 * Every statutory deadline due across the caller's sites (SAN-3, LAW-5 … LAW-8), soonest first, overdue marked, with
 * school days remaining on the site's own calendar: the board's consideration (LAW-6/7), alternative provision from
 * day 6 (LAW-8), notifications still to do (LAW-5), reintegration meetings, and the parents' independent review window.
 * A deadline the calendar does not reach yet is listed as pending ("needs next year's calendar"), last, until the
 * calendar is extended and it is filled in (deadlines.fill.ts). Each names its rule in words.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { TDeadline } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import { scope, type Actor } from '../../core/policy/policy.ts';
import { forbidden } from '../../core/http/errors.ts';
import { londonToday, pgTimestampToIso } from '../../core/time.ts';
import { NOTIFICATION_RECIPIENT_LABELS, STATUTORY_SOURCES, isStatutoryRuleId, ruleInWords } from '@haven/contracts';
import { exclusionNotifications, exclusions, meetings } from '../../db/schema/exclusions.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import type { SchoolCalendar } from '../../core/calendar/calendar.ts';
import * as repo from './suspensions.repo.ts';
import { loadSiteCalendar } from './suspensions.calendar.ts';
import { schoolDaysRemaining } from './suspensions.rules.ts';
import { DEADLINE_LABELS, statutoryDeadlines } from './deadlines.rules.ts';

/** The rule a deadline comes from, in words; the reintegration meeting and the review window from the guidance itself. */
function ruleNameOf(kind: TDeadline['kind'], rule: string): string {
  if (kind === 'independent_review') return `the parents' right to ask for an independent review, in ${STATUTORY_SOURCES.exclusion_regulations.short}`;
  if (isStatutoryRuleId(rule)) return ruleInWords(rule);
  return `the reintegration meeting on return, in ${STATUTORY_SOURCES.dfe_exclusions.short}`;
}

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
      kind: d.kind, label: d.label, rule: d.rule, ruleName: ruleNameOf(d.kind, d.rule), due: d.due, pending: d.due === null, conditional: d.conditional ?? false,
      schoolDaysRemaining: d.due ? schoolDaysRemaining(cal, today, d.due) : null, overdue: !!d.due && d.due < today,
      siteId: r.siteId, siteName: sites.get(r.siteId) ?? '', pupil: { id: p.id, displayName: displayName(p) }, link: d.link,
    });
  };
  for (const r of open) {
    const link = `/suspensions/${r.id}`;
    for (const d of statutoryDeadlines({ ...r, decisionDate: r.decisionDate ?? r.boardNotifiedOn }, cals.get(r.siteId) ?? null)) {
      if (d.kind === 'board_consideration' && !r.boardOutcome) {
        add(r, { kind: d.kind, rule: d.rule ?? 'LAW-6', due: d.due, conditional: d.conditional, link, label: d.conditional ? d.label : 'Governing board must consider reinstatement' });
      }
      if (d.kind === 'alternative_provision' && !r.provisionProvider) add(r, { kind: d.kind, rule: 'LAW-8', due: d.due, link, label: `${DEADLINE_LABELS.alternative_provision}: none recorded` });
      if (d.kind === 'independent_review' && (d.pending || d.due! >= today)) add(r, { kind: d.kind, rule: 'LAW-6', due: d.due, link, conditional: true, label: d.label });
      // A return beyond the calendar has no meeting yet: it is listed until the calendar is extended and the meeting made.
      if (d.kind === 'reintegration_meeting' && d.pending) add(r, { kind: d.kind, rule: 'SAN-3', due: null, link, label: 'Return to school and reintegration meeting' });
    }
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
