/**
 * Certificates (STF-1): listed for the staff the caller may see (a member of staff their own, a line manager those
 * they manage, a site's readers that site's), recorded by hand or revoked by a site's training manager, each write
 * audited. The status is the matrix's (valid, expiring, in grace, expired) on today's date.
 */
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { TCertificate, ZCertificateInput, ZCertificateQuery } from '@haven/contracts';
import type { Executor } from '../../core/db/client.ts';
import { inTransaction } from '../../core/db/tx.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Deps } from '../../core/http/context.ts';
import { conflict, fieldError, notFound } from '../../core/http/errors.ts';
import { can, holdsAnywhere, type Actor } from '../../core/policy/policy.ts';
import { schoolToday } from '../../core/time.ts';
import { staffMembers } from '../../db/schema/pupils.ts';
import { trainingCertificates, trainingCourses } from '../../db/schema/training.ts';
import { courseOf } from './courses.service.ts';
import { lineManagerOf, managedBy } from './training.repo.ts';
import { certificateDates, matrixStatus } from './training.rules.ts';
import { manageableStaff, ownStaff, readableSites, viewableStaff } from './training.scope.ts';

const columns = {
  c: trainingCertificates, courseName: trainingCourses.name, provider: trainingCourses.provider, siteId: staffMembers.siteId,
  staffName: sql<string>`${staffMembers.forename} || ' ' || ${staffMembers.surname}`,
};
type Row = { c: typeof trainingCertificates.$inferSelect; courseName: string; provider: string; siteId: string; staffName: string };

export function presentCertificate(actor: Actor, r: Row, today: string): TCertificate {
  const c = r.c;
  return {
    id: c.id, staffId: c.staffId, staffName: r.staffName, siteId: r.siteId, courseId: c.courseId, courseName: r.courseName,
    provider: r.provider, issuedOn: c.issuedOn, expiresOn: c.expiresOn, graceUntil: c.graceUntil, techniqueCodes: c.techniqueCodes,
    certificateNumber: c.certificateNumber, source: c.source as TCertificate['source'], sessionId: c.sessionId,
    status: matrixStatus([c], today).status, revoked: c.revokedAt !== null,
    allowed: c.revokedAt === null && can(actor, 'training.manage', { trustId: c.trustId, siteId: r.siteId }) ? ['revoke'] : [],
  };
}

export async function certificatesOf(db: Executor, f: { trustId: string; staffIds?: string[]; siteIds?: string[]; courseId?: string | undefined }): Promise<Row[]> {
  if (f.staffIds && !f.staffIds.length) return [];
  return db.select(columns).from(trainingCertificates)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingCertificates.courseId))
    .innerJoin(staffMembers, eq(staffMembers.id, trainingCertificates.staffId))
    .where(and(
      eq(trainingCertificates.trustId, f.trustId), isNull(trainingCertificates.revokedAt),
      f.staffIds ? inArray(trainingCertificates.staffId, f.staffIds) : undefined,
      f.siteIds ? inArray(staffMembers.siteId, f.siteIds) : undefined,
      f.courseId ? eq(trainingCertificates.courseId, f.courseId) : undefined,
    )).orderBy(desc(trainingCertificates.expiresOn)).limit(5000);
}

export async function list(deps: Deps, actor: Actor, q: z.infer<typeof ZCertificateQuery>) {
  const db = deps.database.db;
  const today = schoolToday(deps);
  let rows: Row[];
  if (q.staffId) {
    await viewableStaff(db, actor, q.staffId, today);
    rows = await certificatesOf(db, { trustId: actor.trustId, staffIds: [q.staffId], courseId: q.courseId });
  } else if (!q.siteId && !holdsAnywhere(actor, 'training.read')) {
    // a member of staff without a reader's role: their own
    rows = await certificatesOf(db, { trustId: actor.trustId, staffIds: (await ownStaff(db, actor)).map((x) => x.id), courseId: q.courseId });
  } else {
    rows = await certificatesOf(db, { trustId: actor.trustId, siteIds: readableSites(actor, q.siteId), courseId: q.courseId });
  }
  return { items: rows.map((r) => presentCertificate(actor, r, today)) };
}

export async function record(deps: Deps, actor: Actor, ctx: AuditContext, body: z.infer<typeof ZCertificateInput>) {
  const id = await inTransaction(deps.database, ctx, async (tx, audit) => {
    const staff = await manageableStaff(tx, actor, body.staffId);
    const course = await courseOf(tx, actor, body.courseId).catch(() => { throw fieldError('courseId', 'No such course.'); });
    if (body.issuedOn > schoolToday(deps)) throw fieldError('issuedOn', 'A certificate cannot be dated in the future.');
    const techniqueCodes = body.techniqueCodes ?? course.techniqueCodes;
    const outside = techniqueCodes.filter((c) => !course.techniqueCodes.includes(c));
    if (outside.length) throw fieldError('techniqueCodes', `The course does not cover ${outside.join(', ')}.`);
    const certId = uuidv7();
    await tx.insert(trainingCertificates).values({
      id: certId, trustId: actor.trustId, staffId: staff.id, courseId: course.id, ...certificateDates(body.issuedOn, course.validityMonths, course.graceMonths),
      techniqueCodes, certificateNumber: body.certificateNumber, source: 'manual', createdBy: actor.userId,
    });
    audit.record({ action: 'training.certificate.record', entityType: 'training_certificate', entityId: certId, siteId: staff.siteId, details: { after: { ...body, techniqueCodes } } });
    return certId;
  });
  return one(deps, actor, id);
}

async function one(deps: Deps, actor: Actor, id: string): Promise<TCertificate> {
  const r = (await deps.database.db.select(columns).from(trainingCertificates)
    .innerJoin(trainingCourses, eq(trainingCourses.id, trainingCertificates.courseId))
    .innerJoin(staffMembers, eq(staffMembers.id, trainingCertificates.staffId)).where(eq(trainingCertificates.id, id)).limit(1))[0];
  if (!r) throw notFound('certificate');
  return presentCertificate(actor, r, schoolToday(deps));
}

export async function revoke(deps: Deps, actor: Actor, ctx: AuditContext, id: string) {
  await inTransaction(deps.database, ctx, async (tx, audit) => {
    const c = (await tx.select().from(trainingCertificates).where(eq(trainingCertificates.id, id)).limit(1))[0];
    if (!c || c.trustId !== actor.trustId) throw notFound('certificate');
    const staff = await manageableStaff(tx, actor, c.staffId);
    if (c.revokedAt) throw conflict('This certificate was already revoked.');
    await tx.update(trainingCertificates).set({ revokedAt: new Date() }).where(eq(trainingCertificates.id, id));
    audit.record({ action: 'training.certificate.revoke', entityType: 'training_certificate', entityId: id, siteId: staff.siteId });
  });
  return one(deps, actor, id);
}

/** My training: the caller's certificates, sessions they are booked on, and their line manager. */
export async function mine(deps: Deps, actor: Actor) {
  const db = deps.database.db;
  const today = schoolToday(deps);
  const staff = await ownStaff(db, actor);
  const rows = await certificatesOf(db, { trustId: actor.trustId, staffIds: staff.map((s) => s.id) });
  const manager = staff[0] ? await lineManagerOf(db, staff[0].id, today) : null;
  return {
    staff: staff.map((s) => ({ staffId: s.id, siteId: s.siteId, staffName: `${s.forename} ${s.surname}` })),
    certificates: rows.map((r) => presentCertificate(actor, r, today)),
    lineManager: manager ? { staffId: manager.managerStaffId, name: manager.managerName } : null,
    managedStaffIds: staff[0] ? await managedBy(db, staff[0].id, today) : [],
  };
}
