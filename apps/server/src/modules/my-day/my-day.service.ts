/**
 * "My day" (issue 13): what the signed-in person must act on today, gathered from the modules that own each thing
 * (incidents, the review queue, detentions, isolation, tasks, calls for help, statutory deadlines, safeguarding,
 * groups, parents' children). Each card is built only when the person holds the permission that lets them act on it,
 * and each reads through that module's own service or repo with the person's scope, so a card can never show or
 * count a record the person could not open from the card's link. Sealed safeguarding concerns appear only as a count,
 * for the DSL of the concern's site, and only of those still to triage (no pupil, category or text).
 */
import { ROTA_MODE_LABELS, type TMyDay, type TMyDayCard, type TMyDayItem } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import { holdsAnywhere, scope, type Actor } from '../../core/policy/policy.ts';
import { clockNow, londonToday } from '../../core/time.ts';
import * as incidentLists from '../incidents/incidents.lists.service.ts';
import * as incidentRepo from '../incidents/incidents.lists.repo.ts';
import { REVIEW_OVERDUE_HOURS } from '../incidents/incidents.rules.ts';
import * as detentions from '../detentions/detentions.service.ts';
import * as isolations from '../isolations/isolations.service.ts';
import * as tasks from '../notifications/tasks.service.ts';
import * as oncall from '../oncall/oncall.service.ts';
import { deadlines } from '../suspensions/deadlines.service.ts';
import { childrenOfParent } from '../pupils/pupils.service.ts';
import { listConcerns } from '../safeguarding/safeguarding.repo.ts';
import { groupsTutoredBy } from '../groups/groups.repo.ts';
import { today as rotaToday } from '../rota/rota.week.ts';
import { ITEM_LIMIT, arrange, clockTime, deadlineFlagged, deadlineOrder, plural, schoolDateTime } from './my-day.rules.ts';
import { incidentItem, reportItems } from './my-day.presenter.ts';
import { overdueReviewsCard } from '../plans-use/plans-use.reviews.service.ts';

type Card = TMyDayCard | null;
interface Ctx { deps: Deps; actor: Actor; today: string; now: Date }

const card = (key: TMyDayCard['key'], total: number, items: TMyDayItem[], link: string): TMyDayCard =>
  ({ key, total, items: items.slice(0, ITEM_LIMIT), link });

/** A member of staff's own incidents in one state (drafts, or returned to them for changes). */
async function ownIncidents(c: Ctx, status: 'draft' | 'returned'): Promise<Card> {
  if (!holdsAnywhere(c.actor, 'behaviour.record')) return null;
  const list = await incidentLists.listIncidents(c.deps, c.actor, { mine: true, status, page: 1, pageSize: ITEM_LIMIT });
  return card(status === 'draft' ? 'drafts' : 'returned', list.total, list.items.map((i) => incidentItem(i, true)), `/incidents?mine=true&status=${status}`);
}

/** Today's detentions at the sites where the person may put a pupil in one: those they supervise, and (for leaders) all. */
async function detentionCards(c: Ctx): Promise<Card[]> {
  if (!holdsAnywhere(c.actor, 'detention.assign')) return [null, null];
  const { items } = await detentions.list(c.deps, c.actor, { from: c.today, to: c.today });
  const live = items.filter((s) => !s.cancelled);
  const item = (s: (typeof live)[number], mine: boolean): TMyDayItem => ({
    id: s.id, title: s.type.name, date: s.date, time: clockTime(s.startTime), flagged: false, link: `/detentions/${s.id}`,
    detail: [s.room, plural(s.assigned, 'pupil'), mine ? null : `supervised by ${s.supervisor.displayName}`, s.siteName].filter(Boolean).join(' · '),
  });
  const mine = live.filter((s) => s.supervisor.id === c.actor.userId);
  const readSites = scope(c.actor, 'sanction.read').siteIds;
  const all = live.filter((s) => readSites.includes(s.siteId));
  return [
    card('supervising', mine.length, mine.map((s) => item(s, true)), '/detentions'),
    readSites.length ? card('detentions_today', all.length, all.map((s) => item(s, false)), '/detentions') : null,
  ];
}

async function isolationToday(c: Ctx): Promise<Card> {
  if (!holdsAnywhere(c.actor, 'sanction.read')) return null;
  const { items } = await isolations.list(c.deps, c.actor, { from: c.today, to: c.today });
  return card('isolation_today', items.length, items.map((s) => ({
    id: s.id, title: s.room, date: s.date, time: clockTime(s.startTime), flagged: false, link: '/isolation',
    detail: [plural(s.pupils.length, 'pupil'), `with ${s.staff.displayName}`, s.siteName].join(' · '),
  })), '/isolation');
}

/** The forms and classes the person is the tutor of, where they read pupils: the pupils they work with today. */
async function myGroups(c: Ctx): Promise<Card> {
  if (!holdsAnywhere(c.actor, 'behaviour.record')) return null;
  const rows = await groupsTutoredBy(c.deps.database.db, c.actor.trustId, c.actor.userId, scope(c.actor, 'pupil.read').siteIds, c.today);
  return card('my_groups', rows.length, rows.map(({ group: g, memberCount }) => ({
    id: g.id, title: g.name, detail: plural(memberCount, 'pupil'), date: null, time: null, flagged: false,
    link: `/quick-log?siteId=${g.siteId}&groupId=${g.id}`,
  })), '/pupils');
}

/** Live calls for help: at the sites where the person responds, and their own. */
async function calls(c: Ctx): Promise<Card> {
  if (!holdsAnywhere(c.actor, 'oncall.request')) return null;
  const { items } = await oncall.list(c.deps, c.actor, { status: 'active', limit: 50 });
  return card('calls', items.length, items.map((r) => {
    const at = schoolDateTime(r.requestedAt);
    return {
      id: r.id, title: r.locationLabel ?? r.locationDetail ?? r.siteName, date: at.date, time: at.time, flagged: r.status === 'open',
      detail: [r.urgency === 'emergency' ? 'Emergency' : 'Urgent', r.pupil?.displayName, `called by ${r.requestedBy.displayName}`,
        r.acknowledgedBy ? `${r.acknowledgedBy.displayName} is going` : 'nobody has answered yet'].filter(Boolean).join(' · '),
      link: '/on-call',
    };
  }), '/on-call');
}

/** The review queue of the sites the person reviews: waiting, overdue, and (for the head) the serious ones to decide on. */
async function reviewCards(c: Ctx): Promise<Card[]> {
  const siteIds = scope(c.actor, 'incident.review').siteIds;
  if (!siteIds.length) return [null, null, null, null];
  const db = c.deps.database.db;
  const rows = await incidentRepo.reviewQueue(db, siteIds);
  const queue = rows.map((r) => ({ row: r, item: incidentLists.presentQueueItem(c.actor, r, c.now) }));
  const asItem = (q: (typeof queue)[number]) => ({ ...incidentItem(q.item, false), flagged: q.item.overdue });
  const overdue = queue.filter((q) => q.item.overdue);
  const headSites = scope(c.actor, 'suspension.issue').siteIds;
  const serious = queue.filter((q) => q.row.serious && headSites.includes(q.row.siteId));

  // physical interventions whose parent has not been told yet, at any stage before sign-off
  const flags = await incidentRepo.flagCounts(db, siteIds, new Date(c.now.getTime() - REVIEW_OVERDUE_HOURS * 3_600_000));
  const untold = new Set(flags.pis.filter((p) => p.parentInformedAt === null).map((p) => p.incidentId));
  const piRows = untold.size
    ? (await incidentLists.listIncidents(c.deps, c.actor, { physicalIntervention: true, page: 1, pageSize: 200 })).items.filter((i) => untold.has(i.id))
    : [];
  return [
    card('review_waiting', queue.length, queue.map(asItem), '/review-queue'),
    card('review_overdue', overdue.length, overdue.map(asItem), `/review-queue?olderThanHours=${REVIEW_OVERDUE_HOURS}`),
    card('pi_parent_not_told', untold.size, piRows.map((i) => ({ ...incidentItem(i, false), flagged: true })), '/incidents?physicalIntervention=true'),
    headSites.length ? card('decisions', serious.length, serious.map(asItem), '/review-queue') : null,
  ];
}

async function openTasks(c: Ctx): Promise<Card> {
  const list = await tasks.listTasks(c.deps, c.actor, { status: 'open', page: 1, pageSize: ITEM_LIMIT });
  if (!holdsAnywhere(c.actor, 'task.read') && list.total === 0) return null;
  return card('tasks', list.total, list.items.map((t) => ({
    id: t.id, title: t.title, detail: [t.pupil?.name, t.siteName].filter(Boolean).join(' · '), date: t.dueOn, time: null,
    flagged: t.dueOn !== null && t.dueOn <= c.today, link: '/tasks',
  })), '/tasks');
}

async function statutoryDeadlines(c: Ctx): Promise<Card> {
  if (!holdsAnywhere(c.actor, 'deadlines.read')) return null;
  const { items } = await deadlines(c.deps, c.actor);
  const ordered = deadlineOrder(items);
  return card('deadlines', ordered.length, ordered.map((d, n) => ({
    id: `${d.link}#${d.kind}-${n}`, title: d.label, detail: `${d.pupil.displayName} · ${d.siteName}`, date: d.due, time: null,
    flagged: deadlineFlagged(d), link: d.link,
  })), '/deadlines');
}

/** A count of the concerns still to triage, for the DSL of their sites: never their pupils or content. */
async function newConcerns(c: Ctx): Promise<Card> {
  const siteIds = scope(c.actor, 'safeguarding.read').siteIds;
  if (!siteIds.length) return null;
  const { total } = await listConcerns(c.deps.database.db, { trustId: c.actor.trustId, siteIds, statuses: ['new'] }, 1, 1);
  return card('safeguarding_new', total, [], '/safeguarding?status=new');
}

/** A governor's (or other aggregate reader's) reports; leaders reach theirs from the menu. */
function reports(c: Ctx): Card {
  if (!holdsAnywhere(c.actor, 'reports.aggregate.read') || holdsAnywhere(c.actor, 'behaviour.read')) return null;
  const items = reportItems({ analytics: holdsAnywhere(c.actor, 'analytics.read'), subscribe: holdsAnywhere(c.actor, 'reports.subscribe') });
  return card('reports', items.length, items, '/reports');
}

/** Where a member of the support team is deployed today (the rota's "where am I today"), when they are. */
async function rotaCard(c: Ctx): Promise<Card> {
  const day = await rotaToday(c.deps, c.actor);
  if (!day.slots.length) return null;
  return card('rota_today', day.slots.length, day.slots.map((s, i) => ({
    id: `${s.periodCode}-${i}`, title: `${s.periodLabel} · ${s.siteName}`, date: day.date, time: s.start, flagged: !!s.coversStaff, link: '/rota/today',
    detail: [ROTA_MODE_LABELS[s.mode], s.pupil?.displayName, s.teacher ? `with ${s.teacher.displayName}` : null, s.coversStaff ? `covering ${s.coversStaff.displayName}` : null].filter(Boolean).join(' · '),
  })), '/rota/today');
}

async function children(c: Ctx): Promise<Card> {
  if (!holdsAnywhere(c.actor, 'parent.children.read')) return null;
  const { items } = await childrenOfParent(c.deps, c.actor);
  return card('children', items.length, items.map((p) => ({
    id: p.id, title: p.displayName, detail: [`Year ${p.yearGroup}`, p.formName, p.siteName].filter(Boolean).join(' · '),
    date: null, time: null, flagged: false, link: '/my-children',
  })), '/my-children');
}

function actions(actor: Actor): TMyDay['actions'] {
  const out: TMyDay['actions'] = [];
  if (holdsAnywhere(actor, 'behaviour.record')) out.push('quick_log', 'record_incident');
  if (holdsAnywhere(actor, 'safeguarding.raise')) out.push('raise_concern');
  return out;
}

export async function myDay(deps: Deps, actor: Actor): Promise<TMyDay> {
  const now = clockNow(deps);
  const c: Ctx = { deps, actor, now, today: londonToday(now) };
  // one after another: PGlite is one connection, and the cards are small
  const cards: Card[] = [
    await calls(c), await rotaCard(c), await ownIncidents(c, 'returned'), await ownIncidents(c, 'draft'), ...(await detentionCards(c)), await myGroups(c),
    ...(await reviewCards(c)), await overdueReviewsCard(deps, actor, c.today, ITEM_LIMIT), await openTasks(c), await isolationToday(c), await newConcerns(c), await statutoryDeadlines(c),
    reports(c), await children(c),
  ];
  const kept = arrange(cards.filter((x): x is TMyDayCard => x !== null), { lead: holdsAnywhere(actor, 'incident.review') });
  return { today: c.today, actions: actions(actor), cards: kept };
}
