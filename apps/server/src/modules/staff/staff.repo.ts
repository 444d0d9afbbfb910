/** Staff queries, always limited to the sites the caller may see. */
import { and, asc, eq, getTableColumns, ilike, inArray, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { staffMembers } from '../../db/schema/pupils.ts';
import { currentPhotoId } from '../photos/photos.refs.ts';
import type { StaffRow } from '../people/people.staff.ts';

function matching(search: string | undefined): (SQL | undefined)[] {
  return (search ?? '').split(/\s+/).filter(Boolean).slice(0, 4).map((word) => {
    const p = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return or(ilike(staffMembers.forename, p), ilike(staffMembers.surname, p), ilike(staffMembers.jobTitle, p));
  });
}
const bySurname = [asc(staffMembers.surname), asc(staffMembers.forename), asc(staffMembers.id)];

/** Members of staff working at these sites now (not those marked as left), for pickers. */
export async function listStaff(db: Executor, f: { siteIds: string[]; search?: string | undefined; limit: number }) {
  if (f.siteIds.length === 0) return [];
  return db.select({ ...getTableColumns(staffMembers), photoId: currentPhotoId('staff_photo', staffMembers) }).from(staffMembers)
    .where(and(inArray(staffMembers.siteId, f.siteIds), eq(staffMembers.active, true), ...matching(f.search)))
    .orderBy(...bySurname).limit(f.limit);
}

/** The staff records of one site, as the office keeps them: current, left, or all; also found by email or staff code. */
export async function listStaffRecords(db: Executor, f: { siteId: string; status: 'current' | 'left' | 'all'; search?: string | undefined }): Promise<StaffRow[]> {
  const status = f.status === 'all' ? undefined : eq(staffMembers.active, f.status === 'current');
  const words = (f.search ?? '').split(/\s+/).filter(Boolean).slice(0, 4).map((word) => {
    const p = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return or(matching(word)[0], ilike(staffMembers.email, p), ilike(staffMembers.staffCode, p));
  });
  return db.select().from(staffMembers).where(and(eq(staffMembers.siteId, f.siteId), status, ...words)).orderBy(...bySurname);
}

export async function findStaffRecord(db: Executor, id: string): Promise<StaffRow | undefined> {
  return (await db.select().from(staffMembers).where(eq(staffMembers.id, id)).limit(1))[0];
}
