/**
 * Visit settings: the trust's LA categories and generic risk assessment library (visit.library.manage, a trust-wide
 * trust admin), and a site's standing approvals for routine visits and its educational visits coordinators
 * (visit.site.manage: the head or trust admin). Read by anyone who reads visits. Categories are changed or stopped,
 * library assessments retired, standing approvals revoked and coordinators removed, never deleted from the visits
 * that used them. Every write is audited.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { ZCoordinatorInput, ZLibraryAssessmentInput, ZStandingApprovalInput, ZVisitCategoryInput } from '@haven/contracts';
import type { AuditContext } from '../../core/audit/audit.ts';
import { inTransaction } from '../../core/db/tx.ts';
import type { Deps } from '../../core/http/context.ts';
import { conflict, fieldError, forbidden, notFound } from '../../core/http/errors.ts';
import { can, scope, type Actor } from '../../core/policy/policy.ts';
import { schoolToday } from '../../core/time.ts';
import { roleAssignments, users } from '../../db/schema/users.ts';
import { visitCategories, visitCoordinators, visitRiskLibrary, visitStandingApprovals } from '../../db/schema/visits.ts';
import * as repo from './visits.repo.ts';

export async function settings(deps: Deps, actor: Actor) {
  const db = deps.database.db;
  // whoever reads a site's visits, or keeps its standing approvals and coordinators (a trust administrator, who reads no pupils)
  const sites = [...new Set([...scope(actor, 'visit.read').siteIds, ...scope(actor, 'visit.site.manage').siteIds])];
  const today = schoolToday(deps);
  return {
    categories: (await repo.categories(db, actor.trustId)).map((c) => ({ id: c.id, code: c.code, name: c.name, description: c.description, preApproved: c.preApproved, laAdviserRequired: c.laAdviserRequired, active: c.active })),
    library: (await repo.library(db, actor.trustId)).map((l) => ({ id: l.id, title: l.title, hazards: l.hazards })),
    standingApprovals: (await repo.standingApprovals(db, actor.trustId, sites)).map((r) => ({ id: r.a.id, siteId: r.a.siteId, categoryId: r.a.categoryId, categoryName: r.categoryName,
      description: r.a.description, approvedBy: r.approvedByName, approvedOn: r.a.approvedOn, expiresOn: r.a.expiresOn, current: r.a.approvedOn <= today && r.a.expiresOn >= today })),
    coordinators: await repo.coordinators(db, actor.trustId, sites),
  };
}

export async function addCategory(deps: Deps, actor: Actor, ctx: AuditContext, body: z.output<typeof ZVisitCategoryInput>) {
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    if ((await repo.categories(tx, actor.trustId)).some((c) => c.code.toLowerCase() === body.code.toLowerCase())) throw fieldError('code', 'The trust already has a category with that code');
    const id = uuidv7();
    await tx.insert(visitCategories).values({ id, trustId: actor.trustId, ...body });
    audit.record({ action: 'visit.category.create', entityType: 'visit_category', entityId: id, details: { after: body } });
  });
  return settings(deps, actor);
}

export async function addLibrary(deps: Deps, actor: Actor, ctx: AuditContext, body: z.output<typeof ZLibraryAssessmentInput>) {
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    const id = uuidv7();
    const hazards = body.hazards.map((h) => ({ id: uuidv7(), hazard: h.hazard, controls: h.controls }));
    await tx.insert(visitRiskLibrary).values({ id, trustId: actor.trustId, title: body.title, hazards });
    audit.record({ action: 'visit.library.create', entityType: 'visit_risk_library', entityId: id, details: { after: { title: body.title, hazards } } });
  });
  return settings(deps, actor);
}

export async function addStandingApproval(deps: Deps, actor: Actor, ctx: AuditContext, body: z.output<typeof ZStandingApprovalInput>) {
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    if (!can(actor, 'visit.site.manage', { trustId: actor.trustId, siteId: body.siteId })) throw forbidden('You do not keep the standing approvals of that site.');
    const category = await repo.category(tx, actor.trustId, body.categoryId);
    if (!category) throw fieldError('categoryId', 'Not one of the trust’s visit categories');
    if (!category.preApproved) throw fieldError('categoryId', 'Only a routine category is covered by a standing approval');
    if (body.expiresOn <= body.approvedOn) throw fieldError('expiresOn', 'The approval expires after the day it was given');
    const id = uuidv7();
    await tx.insert(visitStandingApprovals).values({ id, trustId: actor.trustId, ...body, approvedBy: actor.userId });
    audit.record({ action: 'visit.standing_approval.create', entityType: 'visit_standing_approval', entityId: id, siteId: body.siteId, details: { after: body } });
  });
  return settings(deps, actor);
}

export async function addCoordinator(deps: Deps, actor: Actor, ctx: AuditContext, body: z.output<typeof ZCoordinatorInput>) {
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    if (!can(actor, 'visit.site.manage', { trustId: actor.trustId, siteId: body.siteId })) throw forbidden('You do not name the coordinators of that site.');
    const user = (await tx.select({ id: users.id, trustId: users.trustId }).from(users).where(eq(users.id, body.userId)))[0];
    const works = user && user.trustId === actor.trustId && (await tx.select({ id: roleAssignments.id }).from(roleAssignments).where(eq(roleAssignments.userId, body.userId)))
      .length > 0;
    if (!works) throw fieldError('userId', 'Not a member of staff of the trust');
    if ((await tx.select().from(visitCoordinators).where(and(eq(visitCoordinators.siteId, body.siteId), eq(visitCoordinators.userId, body.userId)))).length) throw conflict('Already a coordinator of that site.');
    await tx.insert(visitCoordinators).values({ siteId: body.siteId, userId: body.userId, trustId: actor.trustId });
    audit.record({ action: 'visit.coordinator.add', entityType: 'visit_coordinator', entityId: body.userId, siteId: body.siteId, details: { userId: body.userId } });
  });
  return settings(deps, actor);
}

/** Change a category as the LA rewords it, or stop offering it (active: false); visits already made keep theirs. */
export async function updateCategory(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.output<typeof ZVisitCategoryInput>) {
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    const all = await repo.categories(tx, actor.trustId);
    const before = all.find((c) => c.id === id);
    if (!before) throw notFound('visit category');
    if (all.some((c) => c.id !== id && c.code.toLowerCase() === body.code.toLowerCase())) throw fieldError('code', 'The trust already has a category with that code');
    await tx.update(visitCategories).set(body).where(eq(visitCategories.id, id));
    audit.record({ action: 'visit.category.update', entityType: 'visit_category', entityId: id,
      details: { before: { code: before.code, name: before.name, description: before.description, preApproved: before.preApproved, laAdviserRequired: before.laAdviserRequired, active: before.active }, after: body } });
  });
  return settings(deps, actor);
}

/** Take a generic assessment out of the library: no longer offered; visits that adopted it keep their copy. */
export async function retireLibrary(deps: Deps, actor: Actor, ctx: AuditContext, id: string) {
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    const found = await tx.update(visitRiskLibrary).set({ active: false })
      .where(and(eq(visitRiskLibrary.id, id), eq(visitRiskLibrary.trustId, actor.trustId), eq(visitRiskLibrary.active, true))).returning({ title: visitRiskLibrary.title });
    if (!found[0]) throw notFound('risk assessment in the library');
    audit.record({ action: 'visit.library.retire', entityType: 'visit_risk_library', entityId: id, details: { title: found[0].title } });
  });
  return settings(deps, actor);
}

/** End a standing approval before it expires: routine visits of its category go through approval again. */
export async function revokeStandingApproval(deps: Deps, actor: Actor, ctx: AuditContext, id: string) {
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = (await tx.select().from(visitStandingApprovals).where(and(eq(visitStandingApprovals.id, id), eq(visitStandingApprovals.trustId, actor.trustId), isNull(visitStandingApprovals.revokedAt))))[0];
    if (!row || !can(actor, 'visit.read', row)) throw notFound('standing approval');
    if (!can(actor, 'visit.site.manage', row)) throw forbidden('You do not keep the standing approvals of that site.');
    await tx.update(visitStandingApprovals).set({ revokedAt: new Date() }).where(eq(visitStandingApprovals.id, id));
    audit.record({ action: 'visit.standing_approval.revoke', entityType: 'visit_standing_approval', entityId: id, siteId: row.siteId, details: { categoryId: row.categoryId, expiresOn: row.expiresOn } });
  });
  return settings(deps, actor);
}

/** A member of staff is no longer an educational visits coordinator of the site. */
export async function removeCoordinator(deps: Deps, actor: Actor, ctx: AuditContext, body: z.output<typeof ZCoordinatorInput>) {
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    if (!can(actor, 'visit.site.manage', { trustId: actor.trustId, siteId: body.siteId })) throw forbidden('You do not name the coordinators of that site.');
    const gone = await tx.delete(visitCoordinators).where(and(eq(visitCoordinators.siteId, body.siteId), eq(visitCoordinators.userId, body.userId), eq(visitCoordinators.trustId, actor.trustId)))
      .returning({ userId: visitCoordinators.userId });
    if (!gone[0]) throw notFound('coordinator');
    audit.record({ action: 'visit.coordinator.remove', entityType: 'visit_coordinator', entityId: body.userId, siteId: body.siteId, details: { userId: body.userId } });
  });
  return settings(deps, actor);
}
