/** Queries of letter templates, their versions, letterheads and crests (the only place with their SQL). */
import { and, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Executor } from '../../core/db/client.ts';
import { letterTemplateVersions, letterTemplates, siteLetterheads, type LetterParts } from '../../db/schema/letters.ts';
import { attachments } from '../../db/schema/recording.ts';
import { sites } from '../../db/schema/platform.ts';
import { users } from '../../db/schema/users.ts';

export type TemplateRow = typeof letterTemplates.$inferSelect;
export const CREST_OWNER = 'letterhead_crest';

/** The trust's template of a kind and, when a site is given, that site's override. */
export async function templatesFor(db: Executor, trustId: string, kind: string, siteId: string | null) {
  const rows = await db.select().from(letterTemplates).where(and(eq(letterTemplates.trustId, trustId), eq(letterTemplates.kind, kind),
    siteId ? or(isNull(letterTemplates.siteId), eq(letterTemplates.siteId, siteId)) : isNull(letterTemplates.siteId)));
  return { trust: rows.find((r) => r.siteId === null) ?? null, site: siteId ? rows.find((r) => r.siteId === siteId) ?? null : null };
}

/** Every template of the trust and of one site (or the trust's only). */
export async function allTemplates(db: Executor, trustId: string, siteId: string | null): Promise<TemplateRow[]> {
  return db.select().from(letterTemplates).where(and(eq(letterTemplates.trustId, trustId),
    siteId ? or(isNull(letterTemplates.siteId), eq(letterTemplates.siteId, siteId)) : isNull(letterTemplates.siteId)));
}

export async function lockTemplate(db: Executor, trustId: string, kind: string, siteId: string | null): Promise<TemplateRow | null> {
  return (await db.select().from(letterTemplates).where(and(eq(letterTemplates.trustId, trustId), eq(letterTemplates.kind, kind),
    siteId ? eq(letterTemplates.siteId, siteId) : isNull(letterTemplates.siteId))).for('update'))[0] ?? null;
}

export async function saveTemplate(db: Executor, row: { id: string; trustId: string; siteId: string | null; kind: string; subject: string; parts: LetterParts; version: number; updatedBy: string }, exists: boolean) {
  if (exists) {
    await db.update(letterTemplates).set({ subject: row.subject, parts: row.parts, version: row.version, updatedBy: row.updatedBy, updatedAt: new Date() })
      .where(eq(letterTemplates.id, row.id));
  } else {
    await db.insert(letterTemplates).values(row);
  }
  await db.insert(letterTemplateVersions).values({ id: uuidv7(), templateId: row.id, trustId: row.trustId, version: row.version,
    subject: row.subject, parts: row.parts, savedBy: row.updatedBy });
}

export async function deleteTemplate(db: Executor, id: string): Promise<void> {
  await db.delete(letterTemplateVersions).where(eq(letterTemplateVersions.templateId, id));
  await db.delete(letterTemplates).where(eq(letterTemplates.id, id));
}

export async function versionsOf(db: Executor, templateId: string) {
  return db.select({ version: letterTemplateVersions.version, subject: letterTemplateVersions.subject, savedAt: letterTemplateVersions.savedAt, savedBy: users.displayName })
    .from(letterTemplateVersions).innerJoin(users, eq(users.id, letterTemplateVersions.savedBy))
    .where(eq(letterTemplateVersions.templateId, templateId)).orderBy(desc(letterTemplateVersions.version));
}

export async function userNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  return new Map((await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, [...ids]))).map((u) => [u.id, u.name]));
}

export async function letterheadOf(db: Executor, siteId: string) {
  const site = (await db.select({ id: sites.id, trustId: sites.trustId, name: sites.name }).from(sites).where(eq(sites.id, siteId)))[0] ?? null;
  if (!site) return null;
  const head = (await db.select().from(siteLetterheads).where(eq(siteLetterheads.siteId, siteId)))[0] ?? null;
  const crest = await currentCrest(db, siteId);
  return { site, head, crest };
}

export async function upsertLetterhead(db: Executor, row: typeof siteLetterheads.$inferInsert & { version: number }, exists: boolean): Promise<void> {
  if (exists) {
    await db.update(siteLetterheads).set({ address: row.address, phone: row.phone, email: row.email, website: row.website, version: row.version,
      updatedBy: row.updatedBy, updatedAt: new Date() }).where(eq(siteLetterheads.siteId, row.siteId));
  } else {
    await db.insert(siteLetterheads).values(row);
  }
}

export async function currentCrest(db: Executor, siteId: string) {
  return (await db.select({ id: attachments.id, storage: attachments.storage, storagePath: attachments.storagePath, sha256: attachments.sha256 })
    .from(attachments).where(and(eq(attachments.ownerType, CREST_OWNER), eq(attachments.ownerId, siteId), isNull(attachments.voidedAt)))
    .orderBy(desc(attachments.createdAt)).limit(1))[0] ?? null;
}

export async function voidCrests(db: Executor, siteId: string): Promise<void> {
  await db.update(attachments).set({ voidedAt: new Date() })
    .where(and(eq(attachments.ownerType, CREST_OWNER), eq(attachments.ownerId, siteId), isNull(attachments.voidedAt)));
}

export async function insertCrest(db: Executor, row: typeof attachments.$inferInsert): Promise<void> {
  await db.insert(attachments).values(row);
}

/** The bytes of a crest kept in its row (PostgreSQL without an attachments directory), read in the caller's transaction. */
export async function crestBytesInRow(db: Executor, id: string): Promise<Buffer | null> {
  return (await db.select({ data: attachments.data }).from(attachments).where(eq(attachments.id, id)))[0]?.data ?? null;
}
