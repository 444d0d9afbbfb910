/**
 * Sealed safeguarding concerns (INC-4, LAW-11). Raising one returns a receipt and nothing else; the site's DSLs are
 * told at once (in the app, and by email when SMTP is set) with no pupil name or content. Everything that shows
 * content is for safeguarding.read at the concern's site; anyone else gets 404, whether or not the concern exists.
 * Every write and every read of content is audited with `sealed: true` (field names only).
 */
import { uuidv7 } from 'uuidv7';
import type { TSafeguardingConcernInput, TSafeguardingReceipt, TSafeguardingTriage } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import { can, scope, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { badRequest, fieldError, forbidden, notFound, staleVersion } from '../../core/http/errors.ts';
import { AfterCommit, notify, usersWithRoleAt } from '../../core/notify/notify.ts';
import { mailerFor } from '../../core/mail/mailer.ts';
import { emailAfterCommit, markForEmail, type MailLog } from '../../core/mail/outbox.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import * as repo from './safeguarding.repo.ts';
import { presentConcern, presentListItem } from './safeguarding.presenter.ts';
import { SEALED_READER_ROLES, concernSite, triageProblems } from './safeguarding.rules.ts';

const ENTITY = 'safeguarding_concern';
/** What a sealed audit entry lists (as field names only) when content was shown. */
const CONTENT_FIELDS = { concern: true, childWords: true, actionTaken: true, bodyMap: true, triageNotes: true };

/** Said the same way for a concern that does not exist and one the caller may not read. */
const sealedNotFound = () => notFound('safeguarding concern');

export async function raise(deps: Deps, actor: Actor, ctx: AuditContext, input: TSafeguardingConcernInput, log?: MailLog): Promise<TSafeguardingReceipt> {
  const after = new AfterCommit();
  const mailer = mailerFor(deps);
  const { receipt, notificationIds, dslCount, siteId } = await inTransaction(deps.database, ctx, async (tx, audit) => {
    const found = await repo.findPupils(tx, input.pupilIds);
    // A pupil the author may not raise about is "not found", exactly like one that does not exist.
    for (const id of input.pupilIds) {
      const p = found.find((f) => f.id === id);
      if (!p || !can(actor, 'safeguarding.raise', p)) throw notFound('pupil');
    }
    const site = concernSite(found.map((p) => p.siteId), input.siteId);
    if (!site.ok) throw badRequest(`${site.error.field}: ${site.error.message}`, [site.error]);
    if (input.incidentId) {
      const incident = await repo.findIncidentSite(tx, input.incidentId);
      if (!incident || incident.trustId !== actor.trustId || incident.siteId !== site.siteId) {
        throw fieldError('incidentId', 'No incident with this id at the pupils\' site');
      }
    }
    const id = uuidv7();
    const raisedAt = new Date();
    await repo.insertConcern(tx, {
      id, trustId: actor.trustId, siteId: site.siteId, incidentId: input.incidentId ?? null, raisedBy: actor.userId, raisedAt,
      category: input.category, concern: input.concern, childWords: input.childWords || null, actionTaken: input.actionTaken || null,
      bodyMap: input.bodyMap ?? [], status: 'new',
    }, input.pupilIds);
    audit.record({ action: 'safeguarding.concern.raise', entityType: ENTITY, entityId: id, siteId: site.siteId, sealed: true,
      details: { after: { category: 1, concern: 1, childWords: 1, actionTaken: 1, bodyMap: 1, incidentId: 1, pupilIds: 1 } } });

    const dsls = (await usersWithRoleAt(tx, actor.trustId, site.siteId, SEALED_READER_ROLES)).filter((u) => u !== actor.userId);
    const siteName = await repo.findSiteName(tx, site.siteId);
    // Title, body and link only: no pupil, category or text, because notifications and emails leave the sealed store.
    const ids = await notify(tx, after, dsls, {
      trustId: actor.trustId, siteId: site.siteId, kind: 'safeguarding.concern',
      title: `New safeguarding concern at ${siteName}`,
      body: 'A safeguarding concern has been raised and is waiting for triage. Open it in Haven to read it.',
      link: `/safeguarding/${id}`,
    });
    await markForEmail(tx, mailer, ids);
    return { receipt: { id, submittedAt: raisedAt.toISOString(), status: 'submitted' as const }, notificationIds: ids, dslCount: dsls.length, siteId: site.siteId };
  });
  after.publish(deps.hub);
  emailAfterCommit(deps, notificationIds, log);
  // Nobody to tell is a safeguarding failure the trust must hear about; ids only, never content.
  if (dslCount === 0) log?.warn({ concernId: receipt.id, siteId }, 'safeguarding concern raised at a site with no other DSL to notify');
  return receipt;
}

export async function list(deps: Deps, actor: Actor, ctx: AuditContext, q: { siteId?: string | undefined; status?: string | undefined; page: number; pageSize: number }) {
  const inScope = scope(actor, 'safeguarding.read').siteIds;
  if (q.siteId && !inScope.includes(q.siteId)) throw forbidden('You are not a designated safeguarding lead at that site.');
  const siteIds = q.siteId ? [q.siteId] : inScope;
  const statuses = q.status === 'open' ? ['new', 'triaged', 'referred'] : q.status ? [q.status] : undefined;
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const { rows, total } = await repo.listConcerns(tx, { trustId: actor.trustId, siteIds, statuses }, q.page, q.pageSize);
    const pupilsBy = await repo.pupilsOfConcerns(tx, rows.map((r) => r.concern.id));
    audit.record({ action: 'safeguarding.concern.list', entityType: ENTITY, siteId: q.siteId ?? null, sealed: true,
      details: { read: { category: 1, pupils: 1, status: 1 } } });
    return { items: rows.map((r) => presentListItem(actor, r, pupilsBy.get(r.concern.id) ?? [])), total, page: q.page, pageSize: q.pageSize };
  });
}

export async function get(deps: Deps, actor: Actor, ctx: AuditContext, id: string) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await repo.findConcern(tx, id);
    if (!row || !can(actor, 'safeguarding.read', row.concern)) throw sealedNotFound();
    const pupilsBy = await repo.pupilsOfConcerns(tx, [id]);
    audit.record({ action: 'safeguarding.concern.read', entityType: ENTITY, entityId: id, siteId: row.concern.siteId, sealed: true,
      details: { read: CONTENT_FIELDS } });
    return presentConcern(actor, row, pupilsBy.get(id) ?? []);
  });
}

export async function triage(deps: Deps, actor: Actor, ctx: AuditContext, id: string, input: TSafeguardingTriage) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await repo.findConcern(tx, id);
    if (!row || !can(actor, 'safeguarding.read', row.concern)) throw sealedNotFound();
    const problems = triageProblems(input);
    if (problems.length) throw badRequest(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems);
    if (row.concern.version !== input.version) throw staleVersion('safeguarding concern');
    const saved = await repo.updateTriage(tx, id, input.version, {
      status: input.status, triageOutcome: input.triageOutcome, triageNotes: input.triageNotes || null,
      triagedBy: actor.userId, triagedAt: new Date(),
    });
    if (!saved) throw staleVersion('safeguarding concern');
    audit.record({ action: 'safeguarding.concern.triage', entityType: ENTITY, entityId: id, siteId: row.concern.siteId, sealed: true,
      details: { before: { status: 1, triageOutcome: 1, triageNotes: 1 }, after: { status: 1, triageOutcome: 1, triageNotes: 1 } } });
    const fresh = (await repo.findConcern(tx, id))!;
    const pupilsBy = await repo.pupilsOfConcerns(tx, [id]);
    return presentConcern(actor, fresh, pupilsBy.get(id) ?? []);
  });
}

/** LAW-11: the pupil's child-protection chronology, for the DSL of the pupil's site; concerns of the reader's sites. */
export async function chronology(deps: Deps, actor: Actor, ctx: AuditContext, pupilId: string) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const pupil = (await repo.findPupils(tx, [pupilId]))[0];
    if (!pupil || !can(actor, 'safeguarding.read', pupil)) throw notFound('pupil');
    const rows = await repo.concernsOfPupil(tx, actor.trustId, pupilId, scope(actor, 'safeguarding.read').siteIds);
    const pupilsBy = await repo.pupilsOfConcerns(tx, rows.map((r) => r.concern.id));
    audit.record({ action: 'safeguarding.chronology.read', entityType: 'pupil', entityId: pupilId, siteId: pupil.siteId, sealed: true,
      details: { read: CONTENT_FIELDS } });
    return {
      pupil: { id: pupil.id, displayName: displayName(pupil), siteId: pupil.siteId },
      items: rows.map((r) => presentConcern(actor, r, pupilsBy.get(r.concern.id) ?? [])),
    };
  });
}
