/**
 * The training matrix (STF-1): for each current member of staff at the sites asked about (one site, or every site the
 * caller reads training at) and each active course, their status on a day — valid, expiring (within 60 days), in
 * grace, expired, never trained — from their latest certificate of the course. Filters: site, course, status, name.
 * Downloadable as CSV or XLSX (one row per member of staff and course) through the shared export mechanism.
 */
import { and, asc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { MATRIX_STATUS_LABELS, type TExportColumn, type TMatrix, type TMatrixStatus, type ZMatrixQuery } from '@haven/contracts';
import type { Executor } from '../../core/db/client.ts';
import type { Deps } from '../../core/http/context.ts';
import type { Actor } from '../../core/policy/policy.ts';
import { schoolToday } from '../../core/time.ts';
import { auditableFilters, sendExport } from '../../core/export/respond.ts';
import { sites } from '../../db/schema/platform.ts';
import { staffMembers } from '../../db/schema/pupils.ts';
import { trainingCourses } from '../../db/schema/training.ts';
import { rowsOf } from '../analytics/analytics.repo.ts';
import { uuidArray } from '../analytics/analytics.source.ts';
import { MATRIX_STATUSES, latestStatusOn } from './training.rules.ts';
import { readableSites } from './training.scope.ts';

type Query = z.infer<typeof ZMatrixQuery>;

/**
 * Each (member of staff, course)'s certificate with the latest expiry issued by the day: the one that decides. Every
 * course's (or the one asked for): the caller keeps those of the courses it shows, so this need not wait for them.
 * Read member of staff by member of staff (a lateral join): each one's few dozen certificates come in order from
 * training_certificates_latest_idx, rather than every certificate the trust ever issued being sorted at once.
 */
async function latestCertificates(db: Executor, trustId: string, siteIds: string[], courseId: string | undefined, on: string) {
  const course = courseId ? sql`and c.course_id = ${courseId}` : sql``;
  return rowsOf<{ staffId: string; courseId: string; id: string; issuedOn: string; expiresOn: string; graceUntil: string }>(await db.execute(sql`
    select s.id as "staffId", x."courseId", x.id, x."issuedOn", x."expiresOn", x."graceUntil"
      from staff_members s cross join lateral (
        select distinct on (c.course_id) c.course_id as "courseId", c.id, c.issued_on::text as "issuedOn", c.expires_on::text as "expiresOn", c.grace_until::text as "graceUntil"
          from training_certificates c
         where c.staff_id = s.id and c.trust_id = ${trustId} and c.revoked_at is null and c.issued_on <= ${on}::date ${course}
         order by c.course_id, c.expires_on desc) x
     where s.site_id = any(${uuidArray(siteIds)}) and s.active`));
}

export async function buildMatrix(db: Executor, actor: Actor, q: Query, today: string): Promise<TMatrix> {
  const siteIds = readableSites(actor, q.siteId);
  const on = q.on ?? today;
  const words = (q.search ?? '').split(/\s+/).filter(Boolean).slice(0, 4).map((w) => {
    const p = `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return or(ilike(staffMembers.forename, p), ilike(staffMembers.surname, p), ilike(staffMembers.jobTitle, p));
  });
  const [courses, staff, certs] = await Promise.all([
    db.select({ id: trainingCourses.id, code: trainingCourses.code, name: trainingCourses.name }).from(trainingCourses)
      .where(and(eq(trainingCourses.trustId, actor.trustId), eq(trainingCourses.active, true), q.courseId ? eq(trainingCourses.id, q.courseId) : undefined))
      .orderBy(asc(trainingCourses.provider), asc(trainingCourses.name)),
    db.select({ id: staffMembers.id, forename: staffMembers.forename, surname: staffMembers.surname, jobTitle: staffMembers.jobTitle, siteId: staffMembers.siteId, siteName: sites.name })
      .from(staffMembers).innerJoin(sites, eq(sites.id, staffMembers.siteId))
      .where(and(inArray(staffMembers.siteId, siteIds), eq(staffMembers.active, true), ...words))
      .orderBy(asc(sites.name), asc(staffMembers.surname), asc(staffMembers.forename), asc(staffMembers.id)),
    latestCertificates(db, actor.trustId, siteIds, q.courseId, on),
  ]);
  // each member of staff's deciding certificates by course position (no per-cell key strings: a trust's matrix has 20,000 cells)
  const column = new Map(courses.map((c, i) => [c.id, i]));
  const held = new Map<string, (typeof certs)[number][]>();
  for (const c of certs) {
    const i = column.get(c.courseId);
    if (i === undefined) continue;
    let mine = held.get(c.staffId);
    if (!mine) { mine = new Array(courses.length); held.set(c.staffId, mine); }
    mine[i] = c;
  }
  const statusOf = latestStatusOn(on);
  const totals = Object.fromEntries(MATRIX_STATUSES.map((s) => [s, 0])) as Record<TMatrixStatus, number>;
  const rows: TMatrix['rows'] = [];
  const none: undefined[] = [];
  for (const s of staff) {
    const mine = held.get(s.id) ?? none;
    const cells = courses.map((_, i) => {
      const cert = mine[i];
      return { status: statusOf(cert), expiresOn: cert?.expiresOn ?? null, certificateId: cert?.id ?? null };
    });
    if (q.status && !cells.some((c) => c.status === q.status)) continue;
    for (const c of cells) totals[c.status] += 1;
    rows.push({ staffId: s.id, staffName: `${s.forename} ${s.surname}`, jobTitle: s.jobTitle, siteId: s.siteId, siteName: s.siteName, cells });
  }
  return { on, courses, rows, totals };
}

export async function matrix(deps: Deps, actor: Actor, q: Query) {
  return buildMatrix(deps.database.db, actor, q, schoolToday(deps));
}

type Key = 'siteName' | 'staffName' | 'jobTitle' | 'course' | 'status' | 'expiresOn';
const COLUMNS: readonly TExportColumn<Key>[] = [
  { key: 'siteName', header: 'Site', type: 'text' }, { key: 'staffName', header: 'Member of staff', type: 'text' },
  { key: 'jobTitle', header: 'Job title', type: 'text' }, { key: 'course', header: 'Course', type: 'text' },
  { key: 'status', header: 'Status', type: 'text' }, { key: 'expiresOn', header: 'Expires', type: 'date' },
];

export async function exportMatrix(deps: Deps, req: FastifyRequest, reply: FastifyReply, actor: Actor, q: Query, format: 'csv' | 'xlsx') {
  const m = await matrix(deps, actor, q);
  const rows = m.rows.flatMap((r) => m.courses.map((c, i) => {
    const cell = r.cells[i]!;
    return { siteName: r.siteName, staffName: r.staffName, jobTitle: r.jobTitle, course: c.name, status: MATRIX_STATUS_LABELS[cell.status], expiresOn: cell.expiresOn };
  })).filter((r) => !q.status || r.status === MATRIX_STATUS_LABELS[q.status]);
  return sendExport(deps, req, reply, format, {
    name: 'training-matrix', title: 'Training matrix', columns: COLUMNS, rows, siteId: q.siteId ?? null,
    filters: auditableFilters(q), notes: [`Training status on ${m.on.split('-').reverse().join('/')}.`],
  });
}
