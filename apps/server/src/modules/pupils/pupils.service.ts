/** Pupil use cases: the scoped list, the one-page profile (an audited special-category read), a parent's children. */
import type { TPupilListQuery } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import { can, scope, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { forbidden, notFound } from '../../core/http/errors.ts';
import { londonToday } from '../../core/time.ts';
import * as repo from './pupils.repo.ts';
import { displayName, presentListItem, presentProfile } from './pupils.presenter.ts';

/**
 * Where the actor may read pupils: where they hold pupil.read, and where they keep the records (people.manage: a
 * trust administrator holds no data role, but adds and corrects the pupils it would see).
 */
export function readScope(actor: Actor): string[] {
  return [...new Set([...scope(actor, 'pupil.read').siteIds, ...scope(actor, 'people.manage').siteIds])];
}

const mayRead = (actor: Actor, p: { trustId: string; siteId: string }) => can(actor, 'pupil.read', p) || can(actor, 'people.manage', p);

export async function listPupils(deps: Deps, actor: Actor, q: TPupilListQuery) {
  const inScope = readScope(actor);
  if (q.siteId && !inScope.includes(q.siteId)) throw forbidden('You do not work at that site.');
  const siteIds = q.siteId ? [q.siteId] : inScope;
  const { rows, total } = await repo.listPupils(deps.database.db,
    { siteIds, search: q.search, yearGroup: q.yearGroup, groupId: q.groupId, status: q.status, today: londonToday() }, q.page, q.pageSize);
  return { items: rows.map((r) => presentListItem(actor, r)), total, page: q.page, pageSize: q.pageSize };
}

/**
 * The profile holds special-category data (SEN, health, ethnicity) and, for the DSL, sealed facts, so every read is
 * audited in the same transaction as the read itself. Out of scope answers 404, the same as a pupil that does not exist.
 */
export async function getProfile(deps: Deps, actor: Actor, ctx: AuditContext, id: string) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const found = await repo.findPupil(tx, id);
    if (!found || !mayRead(actor, found.pupil)) throw notFound('pupil');
    const [groups, contactRows] = await Promise.all([repo.pupilGroupsOf(tx, id), repo.pupilContactsOf(tx, id)]);
    const profile = presentProfile(actor, found, groups, contactRows);
    audit.record({ action: 'pupil.profile.read', entityType: 'pupil', entityId: id, siteId: found.pupil.siteId,
      details: { specialCategory: true, sealedIncluded: profile.sealed !== undefined } });
    return profile;
  });
}

export async function childrenOfParent(deps: Deps, actor: Actor) {
  const rows = await repo.childrenOfParent(deps.database.db, actor.userId, londonToday());
  return {
    items: rows.filter((r) => r.trustId === actor.trustId).map((r) => ({
      id: r.id, displayName: displayName(r), yearGroup: r.yearGroup, siteName: r.siteName, formName: r.formName ?? null, allowed: ['view'],
    })),
  };
}
