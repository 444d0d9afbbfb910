/** Staff queries, always limited to the sites the caller may see. */
import { and, asc, eq, getTableColumns, ilike, inArray, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { staffMembers } from '../../db/schema/pupils.ts';
import { currentPhotoId } from '../photos/photos.refs.ts';

export async function listStaff(db: Executor, f: { siteIds: string[]; search?: string | undefined; limit: number }) {
  if (f.siteIds.length === 0) return [];
  const parts: (SQL | undefined)[] = [inArray(staffMembers.siteId, f.siteIds), eq(staffMembers.active, true)];
  for (const word of (f.search ?? '').split(/\s+/).filter(Boolean).slice(0, 4)) {
    const p = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    parts.push(or(ilike(staffMembers.forename, p), ilike(staffMembers.surname, p), ilike(staffMembers.jobTitle, p)));
  }
  return db.select({ ...getTableColumns(staffMembers), photoId: currentPhotoId('staff_photo', staffMembers) }).from(staffMembers).where(and(...parts))
    .orderBy(asc(staffMembers.surname), asc(staffMembers.forename), asc(staffMembers.id)).limit(f.limit);
}
