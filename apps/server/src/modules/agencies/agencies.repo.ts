/** The only place with queries for the trust's directory of agencies and their contacts (SUP-5). */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Executor } from '../../core/db/client.ts';
import { agencies, agencyContacts } from '../../db/schema/casework.ts';

export type AgencyRow = typeof agencies.$inferSelect;
export type ContactRow = typeof agencyContacts.$inferSelect;

export async function agenciesOf(db: Executor, trustId: string, ids?: string[]): Promise<AgencyRow[]> {
  const where = [eq(agencies.trustId, trustId)];
  if (ids) { if (!ids.length) return []; where.push(inArray(agencies.id, ids)); }
  return db.select().from(agencies).where(and(...where)).orderBy(asc(agencies.name), asc(agencies.id));
}

export async function contactsOf(db: Executor, agencyIds: string[]): Promise<ContactRow[]> {
  if (!agencyIds.length) return [];
  return db.select().from(agencyContacts).where(inArray(agencyContacts.agencyId, agencyIds)).orderBy(asc(agencyContacts.name), asc(agencyContacts.id));
}

export async function findAgency(db: Executor, trustId: string, id: string): Promise<AgencyRow | undefined> {
  return (await db.select().from(agencies).where(and(eq(agencies.trustId, trustId), eq(agencies.id, id))).limit(1))[0];
}

export async function findContact(db: Executor, trustId: string, id: string): Promise<ContactRow | undefined> {
  return (await db.select().from(agencyContacts).where(and(eq(agencyContacts.trustId, trustId), eq(agencyContacts.id, id))).limit(1))[0];
}

export async function insertAgency(db: Executor, v: Omit<typeof agencies.$inferInsert, 'id'>): Promise<string> {
  const id = uuidv7();
  await db.insert(agencies).values({ id, ...v });
  return id;
}

export async function insertContact(db: Executor, v: Omit<typeof agencyContacts.$inferInsert, 'id'>): Promise<string> {
  const id = uuidv7();
  await db.insert(agencyContacts).values({ id, ...v });
  return id;
}

export async function updateAgency(db: Executor, id: string, version: number, set: Partial<typeof agencies.$inferInsert>): Promise<boolean> {
  const rows = await db.update(agencies).set({ ...set, version: version + 1, updatedAt: new Date() })
    .where(and(eq(agencies.id, id), eq(agencies.version, version))).returning({ id: agencies.id });
  return rows.length === 1;
}

export async function updateContact(db: Executor, id: string, version: number, set: Partial<typeof agencyContacts.$inferInsert>): Promise<boolean> {
  const rows = await db.update(agencyContacts).set({ ...set, version: version + 1 })
    .where(and(eq(agencyContacts.id, id), eq(agencyContacts.version, version))).returning({ id: agencyContacts.id });
  return rows.length === 1;
}

/** The kinds of agency every trust starts with (names to be completed locally). */
export const STARTING_AGENCIES = [
  ['camhs', 'CAMHS'], ['social_care', "Children's social care"], ['educational_psychology', 'Educational psychology service'],
  ['behaviour_support', 'Behaviour support service'], ['youth_justice', 'Youth justice service'], ['early_help', 'Early help'],
] as const;

export async function insertStartingAgencies(db: Executor, trustId: string): Promise<void> {
  await db.insert(agencies).values(STARTING_AGENCIES.map(([kind, name]) => ({ id: uuidv7(), trustId, kind, name })));
}
