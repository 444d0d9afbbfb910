/**
 * How other modules show a photo: a column for their query (the current photo's id, or null) and the reference their
 * presenter puts on the row. The photo's URLs carry its id, which changes when it is replaced, so a browser may keep
 * it; whoever fetches it is checked against the person's site each time it is fetched (photos.service.ts).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { pupils, staffMembers } from '../../db/schema/pupils.ts';
import type { TPhotoRef } from '@haven/contracts';

export type PhotoOwnerType = 'pupil_photo' | 'staff_photo';

/**
 * The id of the person's current photo (at most one: attachments_current_photo_uq), or null. The person's id is named
 * with its table (Drizzle leaves a column unqualified in a query of one table, where `id` would mean the photo's own).
 */
export function currentPhotoId(ownerType: PhotoOwnerType, owner: typeof pupils | typeof staffMembers): SQL<string | null> {
  return sql<string | null>`(select ph.id from attachments ph where ph.owner_type = ${ownerType} and ph.owner_id = ${owner}.${sql.identifier('id')} and ph.voided_at is null)`;
}

export function photoRef(id: string | null | undefined): TPhotoRef | null {
  return id ? { id, url: `/api/v1/photos/${id}`, thumbnailUrl: `/api/v1/photos/${id}/thumbnail` } : null;
}
