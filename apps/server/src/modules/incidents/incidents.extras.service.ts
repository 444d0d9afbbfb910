/** Post-incident reviews (REV-3) for serious incidents, and the parent contact log on an incident (INC-6). */
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { ZParentContact, ZParentContactInput, ZPostIncidentReview, ZPostIncidentReviewInput } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext, AuditQueue } from '../../core/audit/audit.ts';
import type { Executor, Tx } from '../../core/db/client.ts';
import { can, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { conflict, fieldError, forbidden, notFound } from '../../core/http/errors.ts';
import * as extras from './incidents.extras.repo.ts';
import { iso } from './incidents.repo.ts';
import { canView, type AccessFacts } from './incidents.presenter.ts';
import type { IncidentState } from './incidents.model.ts';
import { planContacts, PI_CONTACT_RECORD, PI_CONTACT_SUMMARY, wantedContacts } from './pi-parent-contacts.rules.ts';
import { reviewLinks, saveReviewLinks } from '../plans-use/plans-use.reviews.service.ts';

const PIR_FIELDS = ['whatHappened', 'learning', 'planChanges', 'riskAssessmentChanges', 'staffSupport'] as const;

export async function visibleFacts(db: Executor, actor: Actor, id: string): Promise<AccessFacts & { id: string }> {
  const f = await extras.incidentFacts(db, actor.trustId, id);
  if (!f || !canView(actor, f)) throw notFound('incident');
  return f;
}

async function reviewable(db: Executor, actor: Actor, id: string) {
  const f = await visibleFacts(db, actor, id);
  if (!can(actor, 'incident.review', f)) throw forbidden('You do not review incidents at this site.');
  return f;
}

function presentPir(actor: Actor, f: AccessFacts, r: extras.PirRow, links: z.infer<typeof ZPostIncidentReview>['links']): z.infer<typeof ZPostIncidentReview> {
  return {
    links,
    id: r.id, incidentId: r.incidentId, whatHappened: r.whatHappened, learning: r.learning, planChanges: r.planChanges,
    riskAssessmentChanges: r.riskAssessmentChanges, staffSupport: r.staffSupport, status: r.status as 'open' | 'completed',
    completedAt: iso(r.completedAt), version: r.version,
    allowed: !f.voided && can(actor, 'incident.review', f) ? ['edit', r.status === 'completed' ? 'reopen' : 'complete'] : [],
  };
}

export async function getPir(deps: Deps, actor: Actor, id: string) {
  const db = deps.database.db;
  const f = await reviewable(db, actor, id);
  const r = f.serious ? await extras.findPir(db, id) : undefined;
  if (!r) throw notFound('post-incident review');
  return presentPir(actor, f, r, await reviewLinks(db, f.trustId, r.id, await extras.pupilIdsOf(db, id)));
}

/** Starts or updates the review: fields sent replace, absent stay; complete=true marks it completed (false reopens). */
export async function putPir(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZPostIncidentReviewInput>) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const f = await reviewable(tx, actor, id);
    if (f.voided) throw conflict('This incident has been voided.');
    if (!f.serious) throw conflict('A post-incident review is for serious incidents: a physical intervention, or a severity at the serious threshold or above.');
    if (f.status === 'draft') throw conflict('A post-incident review follows a submitted incident: this one is still a draft.');
    const fields = Object.fromEntries(PIR_FIELDS.filter((k) => body[k] !== undefined).map((k) => [k, body[k] === '' ? null : body[k]]));
    const now = new Date();
    const completion = body.complete === undefined ? {} : body.complete
      ? { status: 'completed', completedBy: actor.userId, completedAt: now } : { status: 'open', completedBy: null, completedAt: null };
    const existing = await extras.findPir(tx, id);
    const row = existing
      ? await extras.updatePir(tx, existing.id, { ...fields, ...completion, version: existing.version + 1 })
      : await extras.insertPir(tx, { id: uuidv7(), incidentId: id, trustId: f.trustId, siteId: f.siteId, createdBy: actor.userId, ...fields, ...completion });
    audit.record({ action: existing ? 'incident.pir.update' : 'incident.pir.create', entityType: 'post_incident_review', entityId: row.id, siteId: f.siteId,
      details: { incidentId: id, changed: Object.keys(fields), status: row.status } });
    const pupilIds = await extras.pupilIdsOf(tx, id);
    if (body.links !== undefined) await saveReviewLinks(tx, audit, actor, { id: row.id, siteId: f.siteId, incidentId: id }, pupilIds, body.links);
    return presentPir(actor, f, row, await reviewLinks(tx, f.trustId, row.id, pupilIds));
  });
}

/** Allowance for a phone's clock running a little ahead of the server's. */
const FUTURE_SKEW_MS = 5 * 60_000;

export async function addParentContact(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.infer<typeof ZParentContactInput>): Promise<z.infer<typeof ZParentContact>> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const f = await visibleFacts(tx, actor, id);
    if (f.voided) throw conflict('This incident has been voided.');
    if (!can(actor, 'behaviour.record', f)) throw forbidden('You cannot add to records at this site.');
    if (!(await extras.pupilIdsOf(tx, id)).includes(body.pupilId)) throw fieldError('pupilId', 'This pupil is not on the incident');
    if (Date.parse(body.contactedAt) > Date.now() + FUTURE_SKEW_MS) throw fieldError('contactedAt', 'This time is in the future');
    const row = { id: uuidv7(), trustId: f.trustId, siteId: f.siteId, pupilId: body.pupilId, recordType: 'incident', recordId: id,
      contactedAt: new Date(body.contactedAt), method: body.method, contactName: body.contactName || null, summary: body.summary,
      recordedBy: actor.userId, createdAt: new Date() };
    await extras.insertParentContact(tx, row);
    audit.record({ action: 'incident.parent_contact.create', entityType: 'parent_contact', entityId: row.id, siteId: f.siteId,
      details: { incidentId: id, pupilId: body.pupilId, method: body.method, contactedAt: row.contactedAt.toISOString() } });
    return { id: row.id, pupilId: row.pupilId, contactedAt: row.contactedAt.toISOString(), method: row.method, contactName: row.contactName,
      summary: row.summary, recordedByName: actor.displayName, createdAt: row.createdAt.toISOString(), source: 'log' };
  });
}

export async function listParentContacts(deps: Deps, actor: Actor, id: string) {
  const db = deps.database.db;
  await visibleFacts(db, actor, id);
  const rows = await extras.parentContactsOf(db, id);
  return { items: rows.map(({ recordType, ...r }) => ({ ...r, contactedAt: iso(r.contactedAt)!, createdAt: iso(r.createdAt)!,
    source: recordType === PI_CONTACT_RECORD ? 'incident_form' as const : 'log' as const })) };
}

/**
 * After a save of the incident form (in its transaction): the parent contact log follows each physical intervention's
 * "parent told", so it is entered once. Entries are added by the person saving, changed or removed with the form.
 */
export async function syncFormContacts(tx: Tx, audit: AuditQueue, actor: Actor, prev: IncidentState | null, next: IncidentState): Promise<void> {
  const piIds = [...new Set([...(prev?.physicalInterventions ?? []), ...next.physicalInterventions].map((p) => p.id))];
  const want = wantedContacts(next.physicalIntervention ? next.physicalInterventions : []);
  const have = prev?.physicalInterventions.some((p) => p.parentInformedAt) ? await extras.formContactsOf(tx, piIds) : [];
  const plan = planContacts(want, have);
  const details = (w: { recordId: string; pupilId: string; method: string; contactedAt: string }) =>
    ({ incidentId: next.id, physicalInterventionId: w.recordId, pupilId: w.pupilId, method: w.method, contactedAt: new Date(w.contactedAt).toISOString(), from: 'incident_form' });
  for (const w of plan.insert) {
    const id = uuidv7();
    await extras.insertParentContact(tx, { id, trustId: next.trustId, siteId: next.siteId, pupilId: w.pupilId, recordType: PI_CONTACT_RECORD, recordId: w.recordId,
      contactedAt: new Date(w.contactedAt), method: w.method, contactName: null, summary: PI_CONTACT_SUMMARY, recordedBy: actor.userId, createdAt: new Date() });
    audit.record({ action: 'incident.parent_contact.create', entityType: 'parent_contact', entityId: id, siteId: next.siteId, details: details(w) });
  }
  for (const w of plan.update) {
    await extras.updateParentContact(tx, w.id, { pupilId: w.pupilId, contactedAt: new Date(w.contactedAt), method: w.method });
    audit.record({ action: 'incident.parent_contact.update', entityType: 'parent_contact', entityId: w.id, siteId: next.siteId, details: details(w) });
  }
  await extras.deleteParentContacts(tx, plan.remove.map((c) => c.id));
  for (const c of plan.remove) {
    audit.record({ action: 'incident.parent_contact.delete', entityType: 'parent_contact', entityId: c.id, siteId: next.siteId, details: details(c) });
  }
}
