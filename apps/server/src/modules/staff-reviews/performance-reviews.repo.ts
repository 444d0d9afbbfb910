/**
 * Reads and writes for STF-4 performance reviews: the caller's staff records, who a manager line-manages on a day (training's
 * line_management; a member of staff's line manager is training's lineManagersOf), the reviews themselves, and the evidence Haven can link (certificates, incidents attended).
 */
import { sql } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { pgTimestampToIso } from '../../core/time.ts';
import type { TReviewStage } from '@haven/contracts';

const rowsOf = <T = Record<string, unknown>>(result: unknown): T[] => (result as { rows: T[] }).rows;
const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) as T : v as T);
const iso = (v: unknown): string | null => (v === null || v === undefined ? null : pgTimestampToIso(v as string));
const idsOf = (ids: readonly string[]) => sql`(select (jsonb_array_elements_text(${JSON.stringify([...new Set(ids)])}::jsonb))::uuid)`;

export interface Person { staffId: string; name: string; siteId: string; siteName: string }
export interface Objective { id: string; title: string; successMeasure: string | null; midYearProgress: string | null; annualOutcome: string | null }
export interface Observation { id: string; on: string; text: string }
export interface Evidence { kind: 'certificate' | 'incident'; refId: string; label: string; on: string | null }

export interface ReviewRow {
  id: string; trustId: string; staffId: string; reviewerStaffId: string; academicYear: string; stage: TReviewStage;
  objectives: Objective[]; midYearReviewerComment: string | null; midYearRevieweeComment: string | null; midYearOn: string | null;
  annualReviewerComment: string | null; annualRevieweeComment: string | null; annualOn: string | null;
  observations: Observation[]; evidence: Evidence[];
  reviewerSignedAt: string | null; reviewerSignedBy: string | null; revieweeSignedAt: string | null; revieweeSignedBy: string | null;
  version: number; createdBy: string; createdAt: string; updatedAt: string;
}

/** The caller's staff records in the trust (one per site they work at). */
export async function staffIdsOfUser(db: Executor, trustId: string, userId: string): Promise<string[]> {
  return rowsOf<{ id: string }>(await db.execute(sql`select id from staff_members where trust_id = ${trustId} and user_id = ${userId}`)).map((r) => r.id);
}

export async function people(db: Executor, trustId: string, ids: readonly string[]): Promise<Map<string, Person>> {
  if (!ids.length) return new Map();
  const rows = rowsOf<{ id: string; name: string; site_id: string; site_name: string }>(await db.execute(sql`select sm.id, sm.forename || ' ' || sm.surname as name,
      sm.site_id, s.name as site_name from staff_members sm join sites s on s.id = sm.site_id where sm.trust_id = ${trustId} and sm.id in ${idsOf(ids)}`));
  return new Map(rows.map((r) => [r.id, { staffId: r.id, name: r.name, siteId: r.site_id, siteName: r.site_name }]));
}

/** Who these managers line-manage on a day. */
export async function managedOn(db: Executor, managerIds: readonly string[], on: string): Promise<string[]> {
  if (!managerIds.length) return [];
  return rowsOf<{ staff_id: string }>(await db.execute(sql`select distinct staff_id from line_management
    where manager_staff_id in ${idsOf(managerIds)} and starts_on <= ${on}::date and (ends_on is null or ends_on >= ${on}::date)`)).map((r) => r.staff_id);
}

const COLS = sql`id, trust_id, staff_id, reviewer_staff_id, academic_year, stage, objectives, mid_year_reviewer_comment, mid_year_reviewee_comment,
  mid_year_on::text as mid_year_on, annual_reviewer_comment, annual_reviewee_comment, annual_on::text as annual_on, observations, evidence,
  reviewer_signed_at, reviewer_signed_by, reviewee_signed_at, reviewee_signed_by, version, created_by, created_at, updated_at`;

function toRow(r: Record<string, unknown>): ReviewRow {
  return {
    id: r.id as string, trustId: r.trust_id as string, staffId: r.staff_id as string, reviewerStaffId: r.reviewer_staff_id as string,
    academicYear: r.academic_year as string, stage: r.stage as TReviewStage, objectives: parse<Objective[]>(r.objectives),
    midYearReviewerComment: (r.mid_year_reviewer_comment as string | null) ?? null, midYearRevieweeComment: (r.mid_year_reviewee_comment as string | null) ?? null,
    midYearOn: (r.mid_year_on as string | null) ?? null, annualReviewerComment: (r.annual_reviewer_comment as string | null) ?? null,
    annualRevieweeComment: (r.annual_reviewee_comment as string | null) ?? null, annualOn: (r.annual_on as string | null) ?? null,
    observations: parse<Observation[]>(r.observations), evidence: parse<Evidence[]>(r.evidence),
    reviewerSignedAt: iso(r.reviewer_signed_at), reviewerSignedBy: (r.reviewer_signed_by as string | null) ?? null,
    revieweeSignedAt: iso(r.reviewee_signed_at), revieweeSignedBy: (r.reviewee_signed_by as string | null) ?? null,
    version: Number(r.version), createdBy: r.created_by as string, createdAt: iso(r.created_at)!, updatedAt: iso(r.updated_at)!,
  };
}

export async function loadReview(db: Executor, trustId: string, id: string, forUpdate = false): Promise<ReviewRow | undefined> {
  const r = rowsOf(await db.execute(sql`select ${COLS} from performance_reviews where id = ${id} and trust_id = ${trustId}${forUpdate ? sql` for update` : sql``}`))[0];
  return r ? toRow(r) : undefined;
}

/** Reviews of these members of staff, newest year first. */
export async function reviewsOf(db: Executor, trustId: string, staffIds: readonly string[]): Promise<ReviewRow[]> {
  if (!staffIds.length) return [];
  return rowsOf(await db.execute(sql`select ${COLS} from performance_reviews where trust_id = ${trustId} and staff_id in ${idsOf(staffIds)}
    order by academic_year desc, updated_at desc, id`)).map(toRow);
}

export async function yearTaken(db: Executor, staffId: string, academicYear: string): Promise<boolean> {
  return rowsOf(await db.execute(sql`select 1 from performance_reviews where staff_id = ${staffId} and academic_year = ${academicYear}`)).length > 0;
}

const JSON_COLS = ['objectives', 'observations', 'evidence'];
const COLUMN: Record<string, string> = {
  stage: 'stage', objectives: 'objectives', midYearReviewerComment: 'mid_year_reviewer_comment', midYearRevieweeComment: 'mid_year_reviewee_comment',
  midYearOn: 'mid_year_on', annualReviewerComment: 'annual_reviewer_comment', annualRevieweeComment: 'annual_reviewee_comment', annualOn: 'annual_on',
  observations: 'observations', evidence: 'evidence', reviewerSignedAt: 'reviewer_signed_at', reviewerSignedBy: 'reviewer_signed_by',
  revieweeSignedAt: 'reviewee_signed_at', revieweeSignedBy: 'reviewee_signed_by',
};

export async function insertReview(db: Executor, r: ReviewRow): Promise<void> {
  await db.execute(sql`insert into performance_reviews (id, trust_id, staff_id, reviewer_staff_id, academic_year, stage, objectives, observations, evidence,
      version, created_by, created_at, updated_at)
    values (${r.id}, ${r.trustId}, ${r.staffId}, ${r.reviewerStaffId}, ${r.academicYear}, ${r.stage}, ${JSON.stringify(r.objectives)}::jsonb,
      ${JSON.stringify(r.observations)}::jsonb, ${JSON.stringify(r.evidence)}::jsonb, 1, ${r.createdBy}, ${r.createdAt}::timestamptz, ${r.updatedAt}::timestamptz)`);
}

/** Writes the changed fields if the row is still at `fromVersion`; false when someone saved first. */
export async function updateReview(db: Executor, id: string, fromVersion: number, changes: Partial<ReviewRow>, at: string): Promise<boolean> {
  const sets = Object.entries(changes).filter(([k]) => COLUMN[k]).map(([k, v]) => (JSON_COLS.includes(k)
    ? sql`${sql.raw(COLUMN[k]!)} = ${JSON.stringify(v)}::jsonb` : sql`${sql.raw(COLUMN[k]!)} = ${v as string | null}`));
  sets.push(sql`version = ${fromVersion + 1}`, sql`updated_at = ${at}::timestamptz`);
  const r = await db.execute(sql`update performance_reviews set ${sql.join(sets, sql`, `)} where id = ${id} and version = ${fromVersion} returning id`);
  return rowsOf(r).length > 0;
}

/** What Haven can link as evidence for a member of staff's review of a year: their certificates and the incidents they were part of. */
export async function evidenceOptions(db: Executor, trustId: string, staffId: string, from: string, to: string): Promise<Evidence[]> {
  const certs = rowsOf<{ id: string; label: string; on: string }>(await db.execute(sql`select c.id, tc.name || ' (expires ' || to_char(c.expires_on, 'DD/MM/YYYY') || ')' as label,
      c.issued_on::text as on from training_certificates c join training_courses tc on tc.id = c.course_id
     where c.trust_id = ${trustId} and c.staff_id = ${staffId} and c.revoked_at is null order by c.issued_on desc`));
  const incidents = rowsOf<{ id: string; label: string; on: string | null }>(await db.execute(sql`select i.id,
      'Incident at ' || s.name || case when i.physical_intervention then ' (physical intervention)' else '' end
        || case when ist.role = 'witness' then ', as a witness' else '' end as label, i.occurred_on::text as on
      from incident_staff ist join incidents i on i.id = ist.incident_id join sites s on s.id = i.site_id
     where ist.staff_id = ${staffId} and i.trust_id = ${trustId} and i.voided_at is null and i.status <> 'draft'
       and i.occurred_on between ${from}::date and ${to}::date order by i.occurred_on desc, i.id limit 200`));
  return [...certs.map((c) => ({ kind: 'certificate' as const, refId: c.id, label: c.label, on: c.on })),
    ...incidents.map((i) => ({ kind: 'incident' as const, refId: i.id, label: i.label, on: i.on }))];
}
