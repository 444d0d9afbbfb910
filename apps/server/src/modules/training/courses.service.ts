/**
 * The course catalogue (STF-1): one per trust. Everyone who reads training (or their own) sees it; the cluster lead
 * and trust administrators keep it (training.courses.manage). A course's techniques are codes of the sites' technique
 * lists (policy options of kind 'technique'), checked on save. Versioned: a stale save is refused with 409.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { TCourse, ZCourseInput, ZCourseUpdate } from '@haven/contracts';
import type { Executor } from '../../core/db/client.ts';
import { inTransaction } from '../../core/db/tx.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Deps } from '../../core/http/context.ts';
import { conflict, fieldError, forbidden, notFound, staleVersion } from '../../core/http/errors.ts';
import { holdsAnywhere, type Actor } from '../../core/policy/policy.ts';
import { policyOptions } from '../../db/schema/policy.ts';
import { trainingCourses } from '../../db/schema/training.ts';
import { assertCatalogueManager } from './training.scope.ts';

export type CourseRow = typeof trainingCourses.$inferSelect;

export function presentCourse(actor: Actor, c: CourseRow): TCourse {
  return {
    id: c.id, code: c.code, name: c.name, provider: c.provider, level: c.level, validityMonths: c.validityMonths,
    graceMonths: c.graceMonths, graceNote: c.graceNote, techniqueCodes: c.techniqueCodes, physicalSkills: c.physicalSkills,
    tutorCourse: c.tutorCourse, refresherCourseId: c.refresherCourseId, fullCourseEveryYears: c.fullCourseEveryYears,
    active: c.active, version: c.version, allowed: holdsAnywhere(actor, 'training.courses.manage') ? ['update'] : [],
  };
}

/** The techniques of the trust's sites (codes and labels, the trust's label where a site renames one). */
export async function trustTechniques(db: Executor, trustId: string): Promise<{ code: string; label: string }[]> {
  const rows = await db.selectDistinctOn([policyOptions.code], { code: policyOptions.code, label: policyOptions.label }).from(policyOptions)
    .where(and(eq(policyOptions.trustId, trustId), eq(policyOptions.kind, 'technique'), eq(policyOptions.active, true)))
    .orderBy(asc(policyOptions.code), sql`${policyOptions.siteId} nulls first`);
  return rows;
}

export async function courseOf(db: Executor, actor: Actor, id: string): Promise<CourseRow> {
  const row = (await db.select().from(trainingCourses).where(eq(trainingCourses.id, id)).limit(1))[0];
  if (!row || row.trustId !== actor.trustId) throw notFound('course');
  return row;
}

function assertReader(actor: Actor): void {
  if (!holdsAnywhere(actor, 'training.read') && !holdsAnywhere(actor, 'training.own')) throw forbidden('You cannot see training.');
}

export async function list(deps: Deps, actor: Actor) {
  assertReader(actor);
  const db = deps.database.db;
  const rows = await db.select().from(trainingCourses).where(eq(trainingCourses.trustId, actor.trustId)).orderBy(asc(trainingCourses.provider), asc(trainingCourses.name));
  return { items: rows.map((c) => presentCourse(actor, c)), techniques: await trustTechniques(db, actor.trustId) };
}

async function checkFields(db: Executor, actor: Actor, body: z.infer<typeof ZCourseInput>, selfId: string | null): Promise<void> {
  const known = new Set((await trustTechniques(db, actor.trustId)).map((t) => t.code));
  const unknown = body.techniqueCodes.filter((c) => !known.has(c));
  if (unknown.length) throw fieldError('techniqueCodes', `Not a technique in the sites' lists: ${unknown.join(', ')}.`);
  if (body.refresherCourseId && body.refresherCourseId !== selfId) await courseOf(db, actor, body.refresherCourseId).catch(() => {
    throw fieldError('refresherCourseId', 'No such course.');
  });
  const clash = await db.select({ id: trainingCourses.id }).from(trainingCourses)
    .where(and(eq(trainingCourses.trustId, actor.trustId), eq(trainingCourses.code, body.code))).limit(1);
  if (clash[0] && clash[0].id !== selfId) throw conflict('Another course has that code.', [{ field: 'code', message: 'Already used by another course' }]);
}

export async function create(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZCourseInput>) {
  assertCatalogueManager(actor);
  const row = await inTransaction(deps.database, ctx, async (tx, audit) => {
    await checkFields(tx, actor, body, null);
    const [c] = await tx.insert(trainingCourses).values({ id: uuidv7(), trustId: actor.trustId, ...body }).returning();
    audit.record({ action: 'training.course.create', entityType: 'training_course', entityId: c!.id, details: { after: body } });
    return c!;
  });
  return presentCourse(actor, row);
}

export async function update(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZCourseUpdate>) {
  assertCatalogueManager(actor);
  const { version, ...fields } = body;
  const row = await inTransaction(deps.database, ctx, async (tx, audit) => {
    const before = await courseOf(tx, actor, id);
    await checkFields(tx, actor, fields, id);
    const [c] = await tx.update(trainingCourses).set({ ...fields, version: version + 1, updatedAt: new Date() })
      .where(and(eq(trainingCourses.id, id), eq(trainingCourses.version, version))).returning();
    if (!c) throw staleVersion('course');
    audit.record({ action: 'training.course.update', entityType: 'training_course', entityId: id, details: { before: { ...before, createdAt: undefined, updatedAt: undefined }, after: fields } });
    return c;
  });
  return presentCourse(actor, row);
}
