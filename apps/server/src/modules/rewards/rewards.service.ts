/**
 * Rewards (SAN-5): points totals, milestones (configured per trust or site) recorded and notified when reached, and
 * positive-to-negative ratios for a pupil, a group, a member of staff and a site over a date range. Anyone with a data
 * role reads them at their sites; a member of staff sees the ratio of their own recording only, leaders (behaviour.read)
 * anyone's. checkMilestones() runs in the quick log's transaction, and queues the milestone letter to parents there.
 */
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { TRatio, ZMilestoneInput, ZMilestoneUpdate, ZRatioQuery } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext, AuditQueue } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import { can, scope, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { diff } from '../../core/audit/diff.ts';
import { fieldError, forbidden, notFound, staleVersion } from '../../core/http/errors.ts';
import { notify, usersWithRoleAt, type AfterCommit } from '../../core/notify/notify.ts';
import { academicYearOf, daysBetween } from '../../core/calendar/calendar.ts';
import { londonToday, pgTimestampToIso } from '../../core/time.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import * as detentionRepo from '../detentions/detentions.repo.ts';
import { parentsOf, queueToParents } from '../../core/comms/comms.ts';
import { letterMaker, peopleOf } from '../letters/letters.send.ts';
import * as repo from './rewards.repo.ts';
import { newlyReached, nextMilestone, ratio, ratioText, type MilestoneSpec } from './rewards.rules.ts';

const MAX_RANGE_DAYS = 800;

function presentMilestone(actor: Actor, m: repo.MilestoneRow) {
  return { id: m.id, siteId: m.siteId, name: m.name, points: m.points, active: m.active, version: m.version, allowed: can(actor, 'rewards.manage', { trustId: actor.trustId, siteId: m.siteId }) ? ['edit'] : [] };
}

/** What checkMilestones reads, when the caller has read it already. */
export interface MilestonesKnown {
  milestones: MilestoneSpec[];
  year: { label: string; startDate: string; endDate: string };
  points: Map<string, number>;
  have: Map<string, Set<string>>;
}

/** The academic year containing a day: the trust's calendar, else England's 1 September to 31 August. */
export function yearOrDefault(row: { label: string; startDate: string; endDate: string } | undefined | null, date: string) {
  if (row) return { label: row.label, startDate: row.startDate, endDate: row.endDate };
  const y = academicYearOf(date);
  return { label: y.label, startDate: y.startDate, endDate: y.endDate };
}

async function yearFor(db: Executor, trustId: string, date: string) {
  return yearOrDefault(await repo.yearOf(db, trustId, date), date);
}

async function milestonesAt(db: Executor, trustId: string, siteId: string): Promise<MilestoneSpec[]> {
  return (await repo.listMilestones(db, trustId, [siteId])).filter((m) => m.active && (m.siteId === null || m.siteId === siteId));
}

export async function listMilestones(deps: Deps, actor: Actor, siteId: string | undefined) {
  const sites = scope(actor, 'rewards.read').siteIds;
  const managed = scope(actor, 'rewards.manage').siteIds;
  const visible = [...new Set([...sites, ...managed])];
  if (siteId && !visible.includes(siteId)) throw forbidden('You do not work at that site.');
  const rows = await repo.listMilestones(deps.database.db, actor.trustId, siteId ? [siteId] : visible);
  const canCreate = siteId ? can(actor, 'rewards.manage', { trustId: actor.trustId, siteId }) : managed.length > 0;
  return { items: rows.map((m) => presentMilestone(actor, m)), allowed: canCreate ? ['create'] : [] };
}

export async function createMilestone(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZMilestoneInput>) {
  if (!can(actor, 'rewards.manage', { trustId: actor.trustId, siteId: body.siteId })) {
    throw forbidden(body.siteId === null ? 'Only a trust-wide administrator can add trust-wide milestones.' : 'You do not manage rewards at that site.');
  }
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const id = uuidv7();
    await repo.insertMilestone(tx, { id, trustId: actor.trustId, ...body });
    audit.record({ action: 'rewards.milestone.create', entityType: 'reward_milestone', entityId: id, siteId: body.siteId, details: { after: body } });
    return presentMilestone(actor, (await repo.findMilestone(tx, actor.trustId, id))!);
  });
}

export async function updateMilestone(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZMilestoneUpdate>) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const before = await repo.findMilestone(tx, actor.trustId, id);
    if (!before || (before.siteId !== null && !scope(actor, 'rewards.read').siteIds.includes(before.siteId) && !scope(actor, 'rewards.manage').siteIds.includes(before.siteId))) throw notFound('milestone');
    if (!can(actor, 'rewards.manage', { trustId: actor.trustId, siteId: before.siteId })) throw forbidden('You do not manage these milestones.');
    const { version, ...patch } = body;
    const after = await repo.updateMilestone(tx, id, version, patch);
    if (!after) throw staleVersion('milestone');
    audit.record({ action: 'rewards.milestone.update', entityType: 'reward_milestone', entityId: id, siteId: before.siteId, details: diff(before, after, Object.keys(patch)) });
    return presentMilestone(actor, after);
  });
}

export async function ratioFor(deps: Deps, actor: Actor, q: z.infer<typeof ZRatioQuery>): Promise<TRatio> {
  const db = deps.database.db;
  const today = londonToday();
  const to = q.to ?? today;
  const from = q.from ?? (await yearFor(db, actor.trustId, to)).startDate;
  if (to < from) throw fieldError('to', 'Must be on or after the start of the range');
  if (daysBetween(from, to) > MAX_RANGE_DAYS) throw fieldError('from', `Ask for at most ${MAX_RANGE_DAYS} days`);
  let siteIds = scope(actor, 'rewards.read').siteIds;
  let label: string;
  if (q.subject === 'pupil') {
    const p = await repo.pupilRef(db, q.id);
    if (!p || !can(actor, 'rewards.read', p)) throw notFound('pupil');
    label = displayName(p);
  } else if (q.subject === 'group') {
    const g = await repo.groupRef(db, q.id);
    if (!g || !can(actor, 'rewards.read', g)) throw notFound('group');
    label = g.name;
  } else if (q.subject === 'site') {
    const s = await repo.siteRef(db, q.id);
    if (!s || s.trustId !== actor.trustId) throw notFound('site');
    if (!can(actor, 'rewards.read', { trustId: s.trustId, siteId: s.id })) throw forbidden('You do not work at that site.');
    label = s.name;
  } else {
    const u = await repo.userRef(db, q.id);
    if (!u || u.trustId !== actor.trustId) throw notFound('member of staff');
    if (q.id !== actor.userId) {
      siteIds = scope(actor, 'behaviour.read').siteIds;
      if (siteIds.length === 0) throw forbidden("You can see your own ratio; a leader sees other staff's.");
    }
    label = u.name;
  }
  const c = await repo.counts(db, actor.trustId, { kind: q.subject, id: q.id }, siteIds, from, to);
  return { subject: q.subject, id: q.id, label, from, to, ...c, ratio: ratio(c.positive, c.negative), ratioText: ratioText(c.positive, c.negative) };
}

export async function pupilRewards(deps: Deps, actor: Actor, pupilId: string) {
  const db = deps.database.db;
  const p = await repo.pupilRef(db, pupilId);
  if (!p || !can(actor, 'rewards.read', p)) throw notFound('pupil');
  const year = await yearFor(db, actor.trustId, londonToday());
  const points = (await repo.pointsByPupil(db, actor.trustId, [pupilId], year.startDate, year.endDate)).get(pupilId) ?? 0;
  const milestones = await milestonesAt(db, actor.trustId, p.siteId);
  const awards = new Map((await repo.awardsOf(db, pupilId, year.label)).map((a) => [a.milestoneId, a.reachedAt]));
  const next = nextMilestone(points, milestones);
  return {
    pupilId, academicYear: year.label, points,
    milestones: milestones.map((m) => ({ id: m.id, name: m.name, points: m.points, reachedAt: awards.has(m.id) ? pgTimestampToIso(awards.get(m.id)!) : null })),
    next: next ? { name: next.name, points: next.points, toGo: next.toGo } : null,
    ratio: await ratioFor(deps, actor, { subject: 'pupil', id: pupilId, from: year.startDate, to: londonToday() }),
  };
}

export async function leaderboard(deps: Deps, actor: Actor, q: { siteId?: string | undefined; groupId?: string | undefined; limit: number }) {
  const db = deps.database.db;
  let siteIds = scope(actor, 'rewards.read').siteIds;
  if (q.siteId) {
    if (!siteIds.includes(q.siteId)) throw forbidden('You do not work at that site.');
    siteIds = [q.siteId];
  }
  if (q.groupId) {
    const g = await repo.groupRef(db, q.groupId);
    if (!g || !can(actor, 'rewards.read', g)) throw notFound('group');
  }
  const year = await yearFor(db, actor.trustId, londonToday());
  const rows = await repo.leaderboard(db, actor.trustId, { siteIds, groupId: q.groupId, from: year.startDate, to: year.endDate, limit: q.limit });
  const ladders = new Map<string, MilestoneSpec[]>();
  for (const s of new Set(rows.map((r) => r.siteId))) ladders.set(s, await milestonesAt(db, actor.trustId, s));
  return {
    academicYear: year.label,
    items: rows.map((r) => ({
      pupilId: r.pupilId, displayName: displayName(r), yearGroup: r.yearGroup, points: r.points,
      milestone: (ladders.get(r.siteId) ?? []).filter((m) => r.points >= m.points).at(-1)?.name ?? null,
    })),
  };
}

/**
 * After positive points are logged (in the same transaction): record each milestone a pupil has now reached this
 * academic year and not before, and tell the site's behaviour leads and the pupil's parent accounts.
 */
export async function checkMilestones(tx: Executor, after: AfterCommit, input: {
  trustId: string; siteId: string; pupilIds: readonly string[]; now: Date; audit: AuditQueue;
  /** Already read by the caller (the quick log): the site's active milestones, the year, each pupil's points now and the milestones they have. */
  known?: MilestonesKnown;
  /** Where the letter to parents goes (the trust's milestone template): its communications are sent after commit. */
  letters?: { deps: Deps; comms: string[]; actingUserId: string };
}): Promise<void> {
  const pupilIds = [...new Set(input.pupilIds)];
  if (pupilIds.length === 0) return;
  const milestones = input.known?.milestones ?? await milestonesAt(tx, input.trustId, input.siteId);
  if (milestones.length === 0) return;
  const year = input.known?.year ?? await yearFor(tx, input.trustId, londonToday(input.now));
  const totals = input.known?.points ?? await repo.pointsByPupil(tx, input.trustId, pupilIds, year.startDate, year.endDate);
  const haveAll = input.known?.have ?? await repo.awardedMilestones(tx, pupilIds, year.label);
  let leads: string[] | null = null;
  for (const pupilId of pupilIds) {
    const points = totals.get(pupilId) ?? 0;
    const have = haveAll.get(pupilId) ?? new Set<string>();
    const due = newlyReached(-1, points, milestones).filter((m) => !have.has(m.id));
    if (due.length === 0) continue;
    const inserted = await repo.insertAwards(tx, due.map((m) => ({ id: uuidv7(), trustId: input.trustId, siteId: input.siteId, pupilId, milestoneId: m.id, academicYear: year.label, points, reachedAt: input.now })));
    if (inserted.length === 0) continue;
    const pupil = (await repo.pupilRef(tx, pupilId))!;
    const top = milestones.filter((m) => inserted.some((i) => i.milestoneId === m.id)).sort((a, b) => b.points - a.points)[0]!;
    leads ??= await usersWithRoleAt(tx, input.trustId, input.siteId, ['behaviour_lead']);
    const title = `${displayName(pupil)} reached ${top.name} (${points} points)`;
    await notify(tx, after, [...leads, ...(await detentionRepo.parentUserIds(tx, pupilId))], { trustId: input.trustId, siteId: input.siteId, kind: 'rewards.milestone', title, body: `${top.name} is ${top.points} points this academic year.`, link: `/pupils/${pupilId}` });
    if (input.letters) await milestoneLetter(tx, input.letters, { trustId: input.trustId, siteId: input.siteId, pupil, awardId: inserted[0]!.id, milestone: top, points, now: input.now });
    for (const a of inserted) input.audit.record({ action: 'rewards.milestone.reached', entityType: 'reward_milestone_award', entityId: a.id, siteId: input.siteId, details: { pupilId, milestoneId: a.milestoneId, points } });
  }
}

/**
 * The letter to each parent with parental responsibility when a pupil reaches a milestone (PAR-2): the trust's
 * milestone template, emailed after commit or left in the site's "to send by hand" queue, in the communications log.
 */
async function milestoneLetter(tx: Executor, to: { deps: Deps; comms: string[]; actingUserId: string }, m: {
  trustId: string; siteId: string; awardId: string; points: number; now: Date; milestone: { name: string; points: number };
  pupil: NonNullable<Awaited<ReturnType<typeof repo.pupilRef>>>;
}): Promise<void> {
  const firstName = m.pupil.preferredForename ?? m.pupil.legalForename;
  const lastName = m.pupil.preferredSurname ?? m.pupil.legalSurname;
  const letter = await letterMaker(to.deps, tx, {
    kind: 'milestone', trustId: m.trustId, siteId: m.siteId, date: londonToday(m.now), sender: { name: '', role: '' },
    pupil: { firstName, lastName, fullName: `${firstName} ${lastName}`, yearGroup: m.pupil.yearGroup },
    values: { 'milestone.name': m.milestone.name, 'milestone.points': String(m.milestone.points), 'milestone.pupilPoints': String(m.points) },
  });
  const people = peopleOf(await parentsOf(tx, m.pupil.id));
  const ids = await queueToParents(tx, to.deps, {
    trustId: m.trustId, siteId: m.siteId, pupilId: m.pupil.id, record: { type: 'reward_milestone_award', id: m.awardId },
    subject: letter.subject(people), text: letter.text(people), createdBy: to.actingUserId,
    personalise: async (r) => ({ text: letter.text(r.person ? [r.person] : []) }),
  });
  to.comms.push(...ids);
}

/** Forms and classes of the caller's sites (or one), for choosing a group. */
export async function groups(deps: Deps, actor: Actor, siteId: string | undefined) {
  const sites = scope(actor, 'rewards.read').siteIds;
  if (siteId && !sites.includes(siteId)) throw forbidden('You do not work at that site.');
  return { items: await repo.groupsAt(deps.database.db, actor.trustId, siteId ? [siteId] : sites) };
}
