/** Each site's exclusion contacts (one row per site, made when first saved). */
import { asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { exclusionContacts } from '../../db/schema/exclusions.ts';
import { sites } from '../../db/schema/platform.ts';

export type ExclusionContactsRow = typeof exclusionContacts.$inferSelect;
export type ExclusionContactsFields = Omit<typeof exclusionContacts.$inferInsert, 'siteId' | 'trustId' | 'updatedAt' | 'updatedBy'>;

/** The sites with their contacts (null where none are saved yet), by name. */
export async function contactsOfSites(db: Executor, siteIds: readonly string[]) {
  if (!siteIds.length) return [];
  return db.select({ site: { id: sites.id, name: sites.name, trustId: sites.trustId }, contacts: exclusionContacts }).from(sites)
    .leftJoin(exclusionContacts, eq(exclusionContacts.siteId, sites.id)).where(inArray(sites.id, [...siteIds])).orderBy(asc(sites.name));
}

export async function upsertContacts(db: Executor, v: { siteId: string; trustId: string; updatedBy: string } & ExclusionContactsFields): Promise<ExclusionContactsRow> {
  const { siteId, trustId, ...rest } = v;
  const set = { ...rest, updatedAt: new Date() };
  return (await db.insert(exclusionContacts).values({ siteId, trustId, ...set })
    .onConflictDoUpdate({ target: exclusionContacts.siteId, set }).returning())[0]!;
}
