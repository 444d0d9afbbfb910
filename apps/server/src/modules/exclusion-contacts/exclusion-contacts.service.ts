/**
 * Each site's exclusion contacts (SUS letters and notifications): the local authority, the clerk to the governors, the
 * virtual school head, and how parents make representations. Kept by trust administrators and by a site's office and
 * headteacher (exclusion-contacts.manage); every change is audited with what it changed.
 */
import type { TExclusionContacts } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import { diff } from '../../core/audit/diff.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { allowedActions, can, scope, type Actor } from '../../core/policy/policy.ts';
import { forbidden, notFound } from '../../core/http/errors.ts';
import * as repo from './exclusion-contacts.repo.ts';

const FIELDS = ['laName', 'laEmail', 'laPhone', 'boardClerkName', 'boardClerkEmail', 'boardClerkPhone', 'virtualSchoolName',
  'virtualSchoolEmail', 'virtualSchoolPhone', 'representationsContact'] as const;
const ACTIONS = { update: 'exclusion-contacts.manage' } as const;

function present(actor: Actor, site: { id: string; name: string; trustId: string }, c: repo.ExclusionContactsRow | null): TExclusionContacts {
  const fields = Object.fromEntries(FIELDS.map((f) => [f, c?.[f] ?? null])) as Record<(typeof FIELDS)[number], string | null>;
  return {
    siteId: site.id, siteName: site.name, saved: !!c, ...fields, updatedAt: c ? c.updatedAt.toISOString() : null,
    allowed: allowedActions(actor, { trustId: site.trustId, siteId: site.id }, ACTIONS),
  };
}

export async function list(deps: Deps, actor: Actor) {
  const rows = await repo.contactsOfSites(deps.database.db, scope(actor, 'exclusion-contacts.manage').siteIds);
  return { items: rows.map((r) => present(actor, r.site, r.contacts)) };
}

export async function save(deps: Deps, actor: Actor, ctx: AuditContext, siteId: string, body: repo.ExclusionContactsFields) {
  if (!actor.trustSiteIds.includes(siteId)) throw notFound('site');
  if (!can(actor, 'exclusion-contacts.manage', { trustId: actor.trustId, siteId })) throw forbidden('You do not keep the exclusion contacts of that site.');
  const out = await inTransaction(deps.database, ctx, async (tx, audit) => {
    const before = (await repo.contactsOfSites(tx, [siteId]))[0]!;
    const after = await repo.upsertContacts(tx, { siteId, trustId: actor.trustId, updatedBy: actor.userId, ...body });
    const changes = diff<Record<string, unknown>>(before.contacts ?? Object.fromEntries(FIELDS.map((f) => [f, null])), after, [...FIELDS]);
    if (Object.keys(changes.after).length || !before.contacts) {
      audit.record({ action: before.contacts ? 'exclusion_contacts.update' : 'exclusion_contacts.create', entityType: 'exclusion_contacts', entityId: siteId, siteId, details: changes });
    }
    return present(actor, before.site, after);
  });
  return out;
}
