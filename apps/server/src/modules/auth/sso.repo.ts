/** Queries for single sign-on: the round-trip state (oidc_logins) and linked identities (user_identities). */
import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Executor } from '../../core/db/client.ts';
import { oidcLogins, userIdentities } from '../../db/schema/users.ts';

export type OidcLoginRow = typeof oidcLogins.$inferSelect;

export async function insertOidcLogin(db: Executor, v: { stateHash: string; nonce: string; codeVerifier: string; returnTo: string; expiresAt: Date }): Promise<void> {
  await db.insert(oidcLogins).values({ id: uuidv7(), ...v });
}

/**
 * Marks the round trip used and answers it, in one statement, so two requests with the same state cannot both
 * pass (single use even under a race). Undefined when it is unknown, already used or expired.
 */
export async function consumeOidcLogin(db: Executor, stateHash: string, now: Date): Promise<OidcLoginRow | undefined> {
  const rows = await db.update(oidcLogins).set({ usedAt: now })
    .where(and(eq(oidcLogins.stateHash, stateHash), isNull(oidcLogins.usedAt), gt(oidcLogins.expiresAt, now)))
    .returning();
  return rows[0];
}

/** Why consumeOidcLogin found nothing, for the audit. */
export async function oidcLoginState(db: Executor, stateHash: string, now: Date): Promise<'unknown' | 'used' | 'expired' | 'usable'> {
  const row = (await db.select().from(oidcLogins).where(eq(oidcLogins.stateHash, stateHash)).limit(1))[0];
  if (!row) return 'unknown';
  if (row.usedAt) return 'used';
  return row.expiresAt.getTime() <= now.getTime() ? 'expired' : 'usable';
}

/** Old round trips are of no use to anyone: drop those that ended more than a day ago. */
export async function purgeOidcLogins(db: Executor, before: Date): Promise<void> {
  await db.delete(oidcLogins).where(lt(oidcLogins.expiresAt, before));
}

export type IdentityRow = typeof userIdentities.$inferSelect;

export async function findIdentity(db: Executor, issuer: string, subject: string): Promise<IdentityRow | undefined> {
  const rows = await db.select().from(userIdentities)
    .where(and(eq(userIdentities.issuer, issuer), eq(userIdentities.subject, subject))).limit(1);
  return rows[0];
}

export async function findIdentityOfUser(db: Executor, userId: string, issuer: string): Promise<IdentityRow | undefined> {
  const rows = await db.select().from(userIdentities)
    .where(and(eq(userIdentities.userId, userId), eq(userIdentities.issuer, issuer))).limit(1);
  return rows[0];
}

export async function insertIdentity(db: Executor, v: { trustId: string; userId: string; issuer: string; subject: string; email: string | null }): Promise<string> {
  const id = uuidv7();
  await db.insert(userIdentities).values({ id, ...v, lastUsedAt: new Date() });
  return id;
}

export async function touchIdentity(db: Executor, id: string): Promise<void> {
  await db.update(userIdentities).set({ lastUsedAt: new Date() }).where(eq(userIdentities.id, id));
}
