/**
 * Full incidents (INC-2, INC-3, INC-6): create a draft, save as the user types (optimistic concurrency, one version per
 * save), read one. Each use case is one transaction; every save writes a version snapshot and an audit entry.
 */
import { uuidv7 } from 'uuidv7';
import type { TIncident } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext, AuditQueue } from '../../core/audit/audit.ts';
import type { Executor, Tx } from '../../core/db/client.ts';
import { can, scope, type Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { AppError, conflict, fieldError, forbidden, notFound, staleVersion, type FieldError } from '../../core/http/errors.ts';
import * as repo from './incidents.repo.ts';
import * as writes from './incidents.write.repo.ts';
import { loadLookups, type Lookups } from './incidents.lookups.repo.ts';
import { applyInput, lookupNeeds, type IncidentInput } from './incidents.apply.ts';
import { toSnapshot, type IncidentState } from './incidents.model.ts';
import { auditDetails, diffSnapshots, editableBy, type VersionChange } from './incidents.rules.ts';
import { accessFacts, canView, isAuthor, presentIncident } from './incidents.presenter.ts';
import { syncFormContacts } from './incidents.extras.service.ts';
import { recomputeFlags } from '../staff-reviews/certificate-check.service.ts';
import { clearFlags } from '../staff-reviews/certificate-check.repo.ts';
import { checkIncidentHolds } from '../plans-use/plans-use.service.ts';

export const invalid = (fields: FieldError[]) =>
  new AppError(400, 'invalid_request', fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields);

const NO_LOOKUPS: Lookups = { siteName: null, options: new Map(), categories: new Set(), form: null, pupils: new Map(), staff: new Map(), dfeReasons: new Set() };

/** The incident if the caller may see it; 404 otherwise (out of scope looks the same as missing). */
export async function visibleIncident(db: Executor, actor: Actor, id: string, forUpdate = false): Promise<IncidentState> {
  const s = await repo.loadIncident(db, actor.trustId, id, forUpdate);
  if (!s || !canView(actor, accessFacts(s))) throw notFound('incident');
  return s;
}

/** Writes a changed incident with its version snapshot and audit entry; 409 if someone saved first. */
export async function saveVersion(tx: Tx, audit: AuditQueue, actor: Actor, prev: IncidentState, next: IncidentState,
  change: VersionChange, opts: { changed?: { pupils: boolean; staff: boolean; pis: boolean }; comment?: string | null; action?: string } = {}): Promise<void> {
  const before = toSnapshot(prev); const after = toSnapshot(next);
  const ok = await writes.updateIncident(tx, next, prev.version, opts.changed ?? { pupils: false, staff: false, pis: false },
    { id: uuidv7(), version: next.version, change, snapshot: after, changedBy: actor.userId, changedAt: next.updatedAt, comment: opts.comment ?? null });
  if (!ok) throw staleVersion('incident');
  audit.record({ action: opts.action ?? `incident.${change}`, entityType: 'incident', entityId: next.id, siteId: next.siteId,
    details: { version: next.version, ...auditDetails(before, after) } });
}

function siteFor(actor: Actor, siteId: string | undefined): string {
  const sites = scope(actor, 'behaviour.record').siteIds;
  if (siteId) {
    if (!can(actor, 'behaviour.record', { trustId: actor.trustId, siteId })) throw forbidden('You cannot record incidents at that site.');
    return siteId;
  }
  if (sites.length === 1) return sites[0]!;
  throw fieldError('siteId', 'Choose the site where it happened');
}

function blankIncident(actor: Actor, siteId: string, now: string): IncidentState {
  return {
    id: uuidv7(), trustId: actor.trustId, siteId, siteName: '', status: 'draft', voidedAt: null, voidedBy: null, voidReason: null,
    occurredAt: null, locationCode: null, periodCode: null, severity: null, categoryCodes: [], pupils: [], staff: [], antecedent: null,
    behaviour: null, consequence: null, motivationCode: null, actionCodes: [], dfeReasonCode: null, formVersionId: null, formVersion: null,
    customFields: [], customValues: {}, physicalIntervention: false, physicalInterventions: [], serious: false, createdBy: actor.userId,
    createdByName: actor.displayName, createdAt: now, updatedAt: now, firstSubmittedAt: null, submittedAt: null, signedOffAt: null,
    signedOffBy: null, signedOffByName: null, returnComments: null, version: 1, certificateFlags: [], visit: null,
  };
}

export async function createIncident(deps: Deps, actor: Actor, ctx: AuditContext, body: IncidentInput): Promise<TIncident> {
  const siteId = siteFor(actor, body.siteId);
  const now = new Date();
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const blank = blankIncident(actor, siteId, now.toISOString());
    const lk = await loadLookups(tx, { trustId: actor.trustId, siteId, currentForm: true, ...lookupNeeds(blank, body, now) });
    if (!lk.siteName) throw fieldError('siteId', 'No such site');
    // POL-2: the record keeps the form version current when it was started, whatever later versions add
    Object.assign(blank, { siteName: lk.siteName, formVersionId: lk.form?.id ?? null, formVersion: lk.form?.version ?? null, customFields: lk.form?.fields ?? [] });
    const { next, errors } = applyInput(blank, body, lk, { now, newId: uuidv7 });
    if (errors.length) throw invalid(errors);
    const snapshot = toSnapshot(next);
    await writes.insertIncident(tx, next, { id: uuidv7(), version: 1, change: 'create', snapshot, changedBy: actor.userId, changedAt: next.createdAt, comment: null });
    audit.record({ action: 'incident.create', entityType: 'incident', entityId: next.id, siteId, details: { version: 1, ...auditDetails(null, snapshot) } });
    if (next.physicalIntervention && next.physicalInterventions.length) next.certificateFlags = await recomputeFlags(tx, next, now);
    if (next.physicalInterventions.some((p) => p.parentInformedAt)) await syncFormContacts(tx, audit, actor, null, next);
    if (next.physicalIntervention) await checkIncidentHolds(tx, next);
    return presentIncident(actor, next, now);
  });
}

function refuseEdit(actor: Actor, s: IncidentState): void {
  if (s.voidedAt) throw conflict('This incident has been voided, so it can no longer be changed.');
  if (s.status === 'signed_off') throw conflict('This incident has been signed off, so it can no longer be changed.');
  const facts = accessFacts(s);
  if (editableBy(s.status, { isAuthor: isAuthor(actor, facts), isReviewer: can(actor, 'incident.review', facts) })) return;
  if (s.status === 'submitted') throw forbidden('This incident is awaiting review, so only a reviewer can change it. Ask them to return it to you if it needs amending.');
  throw forbidden('Only the member of staff who recorded this incident can change it while it is a draft or returned for amendment.');
}

/** Autosave: partial bodies welcome; the version sent must be the one edited. A save that changes nothing writes nothing. */
export async function updateIncident(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: IncidentInput & { version: number }): Promise<TIncident> {
  const { version, ...input } = body;
  const now = new Date();
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const prev = await visibleIncident(tx, actor, id, true);
    refuseEdit(actor, prev);
    if (version !== prev.version) throw staleVersion('incident');
    const needs = lookupNeeds(prev, input, now);
    const lk = needs.optionKinds.length || needs.categoryCodes.length || needs.pupilIds.length || needs.staffIds.length || needs.dfeReason
      ? await loadLookups(tx, { trustId: prev.trustId, siteId: prev.siteId, currentForm: false, ...needs }) : NO_LOOKUPS;
    const { next, errors, changed } = applyInput(prev, input, lk, { now, newId: uuidv7 });
    if (errors.length) throw invalid(errors);
    if (diffSnapshots(toSnapshot(prev), toSnapshot(next)).length === 0) return presentIncident(actor, prev, now);
    next.version = prev.version + 1;
    next.updatedAt = now.toISOString();
    // the certificate flags point at the physical-intervention rows the save replaces: cleared first, recomputed below
    if (changed.pis || prev.physicalIntervention !== next.physicalIntervention) await clearFlags(tx, id);
    await saveVersion(tx, audit, actor, prev, next, 'edit', { changed });
    if (changed.pis || prev.physicalIntervention !== next.physicalIntervention) await syncFormContacts(tx, audit, actor, prev, next);
    // STF-2: the flags follow the section, its dates and whether force was used
    if (changed.pis || prev.physicalIntervention !== next.physicalIntervention || prev.occurredAt !== next.occurredAt) next.certificateFlags = await recomputeFlags(tx, next, now);
    // the holds used, judged against each held pupil's plan in force when it happened (stored, never refusing the save)
    if (changed.pis || prev.physicalIntervention !== next.physicalIntervention || prev.occurredAt !== next.occurredAt) await checkIncidentHolds(tx, next);
    return presentIncident(actor, next, now);
  });
}

/**
 * Injuries and medical attention are health data (special category): reading an incident with a physical
 * intervention is audited (PLT-3), naming the record only.
 */
export async function auditHealthRead(deps: Deps, ctx: AuditContext, s: IncidentState, what: string): Promise<void> {
  if (!s.physicalIntervention) return;
  await inTransaction(deps.database, ctx, async (_tx, audit) => {
    audit.record({ action: what, entityType: 'incident', entityId: s.id, siteId: s.siteId, details: { specialCategory: true, physicalIntervention: true } });
  });
}

export async function getIncident(deps: Deps, actor: Actor, ctx: AuditContext, id: string): Promise<TIncident> {
  const s = await visibleIncident(deps.database.db, actor, id);
  await auditHealthRead(deps, ctx, s, 'incident.read');
  return presentIncident(actor, s);
}
