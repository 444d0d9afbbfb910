/** The signed-in user's own view: who they are, where they work, what they may do, and their API tokens. */
import { eq, inArray } from 'drizzle-orm';
import { TOKEN_AREAS, type TMe, type TTokenArea } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Actor } from '../../core/policy/policy.ts';
import { permissionsOf } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { notFound } from '../../core/http/errors.ts';
import { sites, trusts } from '../../db/schema/platform.ts';
import * as repo from './auth.repo.ts';
import { API_TOKEN_PREFIX, hashSecret, newSecret } from './tokens.ts';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function describe(deps: Deps, actor: Actor): Promise<Omit<TMe, 'csrfToken'>> {
  const db = deps.database.db;
  const [user, trustRows] = await Promise.all([
    repo.findUserById(db, actor.userId),
    db.select({ id: trusts.id, name: trusts.name }).from(trusts).where(eq(trusts.id, actor.trustId)),
  ]);
  if (!user) throw notFound('user');
  const explicit = actor.assignments.some((a) => a.siteId === null) ? actor.trustSiteIds
    : [...new Set(actor.assignments.map((a) => a.siteId).filter((s): s is string => !!s))];
  const siteRows = explicit.length
    ? await db.select({ id: sites.id, name: sites.name, shortName: sites.shortName }).from(sites).where(inArray(sites.id, explicit)).orderBy(sites.name)
    : [];
  const nameOf = new Map(siteRows.map((s) => [s.id, s.name]));
  return {
    user: { id: user.id, email: user.email, displayName: user.displayName, totpEnabled: user.totpEnabled },
    trust: trustRows[0]!,
    assignments: actor.assignments.map((a) => ({ id: a.id, role: a.role, siteId: a.siteId, siteName: a.siteId ? nameOf.get(a.siteId) ?? null : null })),
    sites: siteRows,
    permissions: permissionsOf(actor),
  };
}

function presentToken(t: Awaited<ReturnType<typeof repo.listApiTokens>>[number]) {
  return {
    id: t.id, name: t.name, createdAt: t.createdAt.toISOString(), lastUsedAt: iso(t.lastUsedAt), expiresAt: iso(t.expiresAt), revokedAt: iso(t.revokedAt),
    writeAreas: TOKEN_AREAS.filter((a) => t.writeAreas.includes(a)),
  };
}

export async function listTokens(deps: Deps, actor: Actor) {
  return (await repo.listApiTokens(deps.database.db, actor.userId)).map(presentToken);
}

/** A new token: its expiry (at most a year, TOKEN_MAX_DAYS) and write areas were checked by ZApiTokenCreate. */
export async function createToken(deps: Deps, actor: Actor, ctx: AuditContext, body: { name: string; expiresInDays: number; writeAreas: TTokenArea[] }) {
  const token = newSecret(API_TOKEN_PREFIX);
  const expiresAt = new Date(Date.now() + body.expiresInDays * 86_400_000);
  const writeAreas = TOKEN_AREAS.filter((a) => body.writeAreas.includes(a));
  const row = await inTransaction(deps.database, ctx, async (tx, audit) => {
    const created = await repo.insertApiToken(tx, { trustId: actor.trustId, userId: actor.userId, name: body.name, tokenHash: hashSecret(token), expiresAt, writeAreas });
    audit.record({ action: 'api_token.create', entityType: 'api_token', entityId: created.id, details: { name: body.name, expiresAt: iso(expiresAt), writeAreas } });
    return created;
  });
  return { ...presentToken(row), token };
}

export async function revokeToken(deps: Deps, actor: Actor, ctx: AuditContext, id: string) {
  const row = await inTransaction(deps.database, ctx, async (tx, audit) => {
    const revoked = await repo.revokeApiToken(tx, actor.userId, id);
    if (!revoked) throw notFound('API token');
    audit.record({ action: 'api_token.revoke', entityType: 'api_token', entityId: id });
    return revoked;
  });
  return presentToken(row);
}
