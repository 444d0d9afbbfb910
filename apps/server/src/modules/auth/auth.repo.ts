/** Queries for users, sessions, sign-in challenges and API tokens. The only place in auth with SQL. */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { TRole, TTokenArea } from '@haven/contracts';
import type { Executor } from '../../core/db/client.ts';
import { runStatement, statementFrom } from '../../core/db/prepared.ts';
import { apiTokens, loginChallenges, loginThrottles, roleAssignments, sessions, users } from '../../db/schema/users.ts';
import type { Assignment } from '../../core/policy/policy.ts';

export type UserRow = typeof users.$inferSelect;

/** Both drivers answer db.execute() with an object carrying `rows`. */
function rowsOf(result: unknown): Record<string, unknown>[] {
  return (result as { rows: Record<string, unknown>[] }).rows;
}

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  const rows = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase())).limit(1);
  return rows[0];
}

export async function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  const rows = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return rows[0];
}

export async function updateUser(db: Executor, id: string, patch: Partial<typeof users.$inferInsert>): Promise<void> {
  await db.update(users).set({ ...patch, updatedAt: new Date() }).where(eq(users.id, id));
}

/** Failed sign-ins of an address with no usable account (schema: login_throttles). */
export async function findThrottle(db: Executor, emailHash: string): Promise<{ failures: number; lockedUntil: Date | null }> {
  const rows = await db.select().from(loginThrottles).where(eq(loginThrottles.emailHash, emailHash)).limit(1);
  return { failures: rows[0]?.failedCount ?? 0, lockedUntil: rows[0]?.lockedUntil ?? null };
}

/** Rows untouched for a day are dropped as new ones are written, so random addresses do not pile up. */
const THROTTLE_KEEP = sql`now() - interval '1 day'`;

export async function saveThrottle(db: Executor, emailHash: string, failures: number, lockedUntil: Date | null): Promise<void> {
  await db.delete(loginThrottles).where(sql`${loginThrottles.updatedAt} < ${THROTTLE_KEEP} and (${loginThrottles.lockedUntil} is null or ${loginThrottles.lockedUntil} < now())`);
  const values = { failedCount: failures, lockedUntil, updatedAt: new Date() };
  await db.insert(loginThrottles).values({ emailHash, ...values }).onConflictDoUpdate({ target: loginThrottles.emailHash, set: values });
}

/** An attempt while locked: the same write a known account's attempt makes (its audit entry), so timing matches. */
export async function touchThrottle(db: Executor, emailHash: string): Promise<void> {
  await db.update(loginThrottles).set({ updatedAt: new Date() }).where(eq(loginThrottles.emailHash, emailHash));
}

/** Everything needed to build an actor, in one round trip. */
export interface PrincipalRow {
  user_id: string; trust_id: string; email: string; display_name: string; active: boolean;
  assignments: { id: string; role: TRole; siteId: string | null }[];
  site_ids: string[];
}

const principalColumns = sql`u.id as user_id, u.trust_id, u.email, u.display_name, u.active,
  (select coalesce(json_agg(json_build_object('id', ra.id, 'role', ra.role, 'siteId', ra.site_id) order by ra.role), '[]'::json)
     from role_assignments ra where ra.user_id = u.id) as assignments,
  (select coalesce(json_agg(st.id order by st.name), '[]'::json) from sites st where st.trust_id = u.trust_id and st.active) as site_ids`;

export interface SessionPrincipal extends PrincipalRow {
  session_id: string; csrf_token: string; last_seen_ms: number; expires_ms: number; revoked: boolean;
}

/**
 * Every authenticated request asks this: one fixed text (built once, at module load), prepared once per connection
 * (core/db/prepared.ts).
 */
const SESSION_PRINCIPAL = statementFrom(sql`select s.id as session_id, s.csrf_token,
    (extract(epoch from s.last_seen_at) * 1000)::float8 as last_seen_ms, (extract(epoch from s.expires_at) * 1000)::float8 as expires_ms,
    (s.revoked_at is not null) as revoked, ${principalColumns}
  from sessions s join users u on u.id = s.user_id where s.token_hash = ${'token hash'}`);

export async function findSessionPrincipal(db: Executor, tokenHash: string): Promise<SessionPrincipal | undefined> {
  const rows = await runStatement<SessionPrincipal>(db, SESSION_PRINCIPAL, [tokenHash]);
  return rows[0];
}

export interface TokenPrincipal extends PrincipalRow {
  token_id: string; expires_ms: number | null; revoked: boolean; last_used_ms: number | null; write_areas: TTokenArea[];
}

export async function findTokenPrincipal(db: Executor, tokenHash: string): Promise<TokenPrincipal | undefined> {
  const r = await db.execute(sql`select t.id as token_id,
      (extract(epoch from t.expires_at) * 1000)::float8 as expires_ms, (extract(epoch from t.last_used_at) * 1000)::float8 as last_used_ms,
      (t.revoked_at is not null) as revoked, to_json(t.write_areas) as write_areas, ${principalColumns}
    from api_tokens t join users u on u.id = t.user_id where t.token_hash = ${tokenHash}`);
  return rowsOf(r)[0] as TokenPrincipal | undefined;
}

/** A user's roles and their trust's sites, as a request would see them (for background jobs acting for that user). */
export async function findUserPrincipal(db: Executor, userId: string): Promise<PrincipalRow | undefined> {
  const r = await db.execute(sql`select ${principalColumns} from users u where u.id = ${userId}`);
  return rowsOf(r)[0] as PrincipalRow | undefined;
}

export function toAssignments(rows: PrincipalRow['assignments']): Assignment[] {
  return rows.map((a) => ({ id: a.id, role: a.role, siteId: a.siteId }));
}

export async function insertSession(db: Executor, v: { trustId: string; userId: string; tokenHash: string; csrfToken: string; expiresAt: Date; ip: string | null; userAgent: string | null }): Promise<string> {
  const id = uuidv7();
  await db.insert(sessions).values({ id, ...v });
  return id;
}

export async function touchSession(db: Executor, sessionId: string): Promise<void> {
  await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.id, sessionId));
}

export async function revokeSession(db: Executor, sessionId: string): Promise<void> {
  await db.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

export async function revokeAllSessions(db: Executor, userId: string): Promise<number> {
  const r = await db.update(sessions).set({ revokedAt: new Date() })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt))).returning({ id: sessions.id });
  return r.length;
}

/** A challenge after a password, or (sso_…) after single sign-on. */
export type ChallengePurpose = 'totp' | 'enrol' | 'sso_totp' | 'sso_enrol';

export async function insertChallenge(db: Executor, v: { userId: string; tokenHash: string; purpose: ChallengePurpose; pendingSecret: string | null; expiresAt: Date }): Promise<void> {
  await db.insert(loginChallenges).values({ id: uuidv7(), ...v });
}

export async function findChallenge(db: Executor, tokenHash: string) {
  const rows = await db.select().from(loginChallenges).where(eq(loginChallenges.tokenHash, tokenHash)).limit(1);
  return rows[0];
}

export async function updateChallenge(db: Executor, id: string, patch: Partial<typeof loginChallenges.$inferInsert>): Promise<void> {
  await db.update(loginChallenges).set(patch).where(eq(loginChallenges.id, id));
}

export async function listApiTokens(db: Executor, userId: string) {
  return db.select().from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(apiTokens.createdAt);
}

export async function insertApiToken(db: Executor, v: { trustId: string; userId: string; name: string; tokenHash: string; expiresAt: Date; writeAreas: TTokenArea[] }) {
  const rows = await db.insert(apiTokens).values({ id: uuidv7(), ...v }).returning();
  return rows[0]!;
}

export async function revokeApiToken(db: Executor, userId: string, id: string) {
  const rows = await db.update(apiTokens).set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt))).returning();
  return rows[0];
}

/** At deactivation: every live token of the user stops for good (reactivating the account does not revive them). */
export async function revokeAllApiTokens(db: Executor, userId: string): Promise<number> {
  const r = await db.update(apiTokens).set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt))).returning({ id: apiTokens.id });
  return r.length;
}

export async function touchApiToken(db: Executor, id: string): Promise<void> {
  await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, id));
}

export async function rolesOfUser(db: Executor, userId: string): Promise<TRole[]> {
  const rows = await db.select({ role: roleAssignments.role }).from(roleAssignments).where(eq(roleAssignments.userId, userId));
  return rows.map((r) => r.role as TRole);
}

/** Marks a sign-in challenge used, only if nobody has yet; false when it was already used. */
export async function claimChallenge(db: Executor, id: string): Promise<boolean> {
  const rows = await db.update(loginChallenges).set({ usedAt: new Date() })
    .where(and(eq(loginChallenges.id, id), isNull(loginChallenges.usedAt))).returning({ id: loginChallenges.id });
  return rows.length === 1;
}

/** Records a TOTP time step as used, only if it is newer than the last one used (no replay, even concurrently). */
export async function claimTotpStep(db: Executor, userId: string, step: number): Promise<boolean> {
  const rows = await db.update(users).set({ totpLastStep: step, updatedAt: new Date() })
    .where(and(eq(users.id, userId), sql`(${users.totpLastStep} is null or ${users.totpLastStep} < ${step})`)).returning({ id: users.id });
  return rows.length === 1;
}
