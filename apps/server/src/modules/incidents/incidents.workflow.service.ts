/**
 * REV-1 workflow: submit, return for amendment (with the reviewer's comments), sign off, void; and the version
 * history with field-level diffs (INC-6). Each transition bumps the version, writes a snapshot and an audit entry.
 */
import type { TIncident } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import { can, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { conflict, forbidden, staleVersion } from '../../core/http/errors.ts';
import { AfterCommit, notify } from '../../core/notify/notify.ts';
import * as repo from './incidents.repo.ts';
import type { IncidentState } from './incidents.model.ts';
import { diffSnapshots, missingFields, transition, type Snapshot, type WorkflowAction } from './incidents.rules.ts';
import { accessFacts, isAuthor, presentIncident } from './incidents.presenter.ts';
import { auditHealthRead, invalid, saveVersion, visibleIncident } from './incidents.service.ts';
import { raiseIncidentReviews } from '../plans-use/plans-use.service.ts';
import { linkSubmittedIncident } from '../visits/visits.incidents.ts';

const STATUS_WORDS: Record<IncidentState['status'], string> = {
  draft: 'is still a draft', submitted: 'is awaiting review', returned: 'has been returned for amendment', signed_off: 'has been signed off',
};

function assertCan(actor: Actor, s: IncidentState, action: WorkflowAction | 'void'): void {
  const facts = accessFacts(s);
  if (action === 'submit' && !isAuthor(actor, facts)) throw forbidden('Only the member of staff who recorded this incident can submit it.');
  if ((action === 'return' || action === 'signOff') && !can(actor, 'incident.review', facts)) throw forbidden('You do not review incidents at this site.');
  if (action === 'signOff' && s.createdBy === actor.userId) {
    throw forbidden('You recorded this incident yourself, so another reviewer must sign it off.');
  }
  if (action === 'void' && !can(actor, 'incident.void', facts)) throw forbidden('You cannot void incidents at this site.');
}

async function move(deps: Deps, actor: Actor, ctx: AuditContext, id: string, action: WorkflowAction, version: number, comment?: string): Promise<TIncident> {
  const now = new Date();
  const after = new AfterCommit();
  const result = await inTransaction(deps.database, ctx, async (tx, audit) => {
    const prev = await visibleIncident(tx, actor, id, true);
    if (prev.voidedAt) throw conflict('This incident has been voided, so it can no longer move through review.');
    assertCan(actor, prev, action);
    const t = transition(prev.status, action);
    if (!t) throw conflict(`This incident ${STATUS_WORDS[prev.status]}, so it cannot be ${action === 'submit' ? 'submitted' : action === 'return' ? 'returned' : 'signed off'} now.`);
    if (version !== prev.version) throw staleVersion('incident');
    if (action !== 'return') {
      const missing = missingFields(prev, action === 'signOff' ? 'signOff' : 'submit', prev.customFields);
      if (missing.length) throw invalid(missing);
    }
    const at = now.toISOString();
    const next: IncidentState = { ...prev, status: t.to, version: prev.version + 1, updatedAt: at };
    if (action === 'submit') { next.submittedAt = at; next.firstSubmittedAt = prev.firstSubmittedAt ?? at; }
    if (action === 'signOff') { next.signedOffAt = at; next.signedOffBy = actor.userId; next.signedOffByName = actor.displayName; }
    if (action === 'return') next.returnComments = comment ?? null;
    await saveVersion(tx, audit, actor, prev, next, t.change, { comment: comment ?? null });
    // a physical intervention, or the pupil's Nth incident in M school days, asks for a review of their plan
    if (action === 'submit') await raiseIncidentReviews(tx, audit, after, next);
    // TRP-4: an incident on a visit's day about one of its pupils is linked to the visit
    if (action === 'submit') next.visit = await linkSubmittedIncident(tx, audit, next);
    if (action === 'return' && prev.createdBy !== actor.userId) {
      // the comments stay on the record: a notification (possibly emailed) only says where to look
      await notify(tx, after, [prev.createdBy], { trustId: prev.trustId, siteId: prev.siteId, kind: 'incident.returned',
        title: 'An incident you recorded was returned for amendment', body: `${actor.displayName} has asked for changes. Open the incident to see their comments.`,
        link: `/incidents/${prev.id}` });
    }
    return presentIncident(actor, next, now);
  });
  after.publish(deps.hub);
  return result;
}

export const submit = (deps: Deps, actor: Actor, ctx: AuditContext, id: string, b: { version: number }) => move(deps, actor, ctx, id, 'submit', b.version);
export const returnForAmendment = (deps: Deps, actor: Actor, ctx: AuditContext, id: string, b: { version: number; comments: string }) =>
  move(deps, actor, ctx, id, 'return', b.version, b.comments);
export const signOff = (deps: Deps, actor: Actor, ctx: AuditContext, id: string, b: { version: number }) => move(deps, actor, ctx, id, 'signOff', b.version);

/** INC-6: nothing is deleted; a voided incident keeps its status, versions and attachments, and leaves lists. */
export async function voidIncident(deps: Deps, actor: Actor, ctx: AuditContext, id: string, b: { version: number; reason: string }): Promise<TIncident> {
  const now = new Date();
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const prev = await visibleIncident(tx, actor, id, true);
    assertCan(actor, prev, 'void');
    if (prev.voidedAt) throw conflict('This incident has already been voided.');
    if (b.version !== prev.version) throw staleVersion('incident');
    const at = now.toISOString();
    const next: IncidentState = { ...prev, voidedAt: at, voidedBy: actor.userId, voidReason: b.reason, version: prev.version + 1, updatedAt: at };
    await saveVersion(tx, audit, actor, prev, next, 'void', { comment: b.reason });
    return presentIncident(actor, next, now);
  });
}

/** Every version, newest first, each with what changed from the one before. */
export async function history(deps: Deps, actor: Actor, ctx: AuditContext, id: string) {
  const db = deps.database.db;
  await auditHealthRead(deps, ctx, await visibleIncident(db, actor, id), 'incident.history.read');
  const versions = await repo.versionsOf(db, id);
  let before: Snapshot | null = null;
  const items = versions.map((v) => {
    const item = { version: v.version, change: v.change, changedBy: { id: v.changed_by, name: v.changed_by_name },
      changedAt: repo.iso(v.changed_at)!, comment: v.comment, diff: diffSnapshots(before, v.snapshot) };
    before = v.snapshot;
    return item;
  });
  return { items: items.reverse() };
}
