/**
 * The pupil chronology (SUP-6): every kind of record about a pupil in one timeline, newest first, filtered by what
 * the viewer may see. Behaviour readers see every point and incident at their sites, staff who only record see their
 * own; each other kind (detentions, suspensions, parent contacts… chronology.sources.ts) shows where the viewer holds
 * its permission. The DSL's sealed safeguarding chronology is separate and never included.
 * The read is audited (behaviour records are special-category data about a child). Printed as a PDF, with a
 * key-events filter (serious incidents and physical interventions) for a review or a transfer.
 */
import { CHRONOLOGY_KINDS, CHRONOLOGY_PDF_MAX, type TChronology, type TChronologyItem, type TChronologyKind, type TChronologyPdfQuery, type TChronologyQuery } from '@haven/contracts';
import type { Executor } from '../../core/db/client.ts';
import { renderChronologyPdf } from './chronology.pdf.ts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import { can, scope, type Actor } from '../../core/policy/policy.ts';
import { CHRONOLOGY_SOURCES } from './chronology.sources.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { fieldError, notFound } from '../../core/http/errors.ts';
import { visibilityOf } from '../behaviour/behaviour.service.ts';
import * as repo from './chronology.repo.ts';
import { presentEventItem, presentIncidentItem } from './chronology.presenter.ts';

type Pupil = NonNullable<Awaited<ReturnType<typeof repo.findPupil>>>;
interface Loaded { pupil: Pupil; items: TChronologyItem[]; total: number; visibility: 'all' | 'own'; mayIncludeVoided: boolean; kinds: string[]; kindsAvailable: TChronologyKind[] }

/** The sources this viewer may see for this pupil: the sites where they hold each source's permission. */
function sourcesFor(actor: Actor, pupil: Pupil) {
  return CHRONOLOGY_SOURCES.map((source) => ({ source, siteIds: scope(actor, source.permission).siteIds }))
    .filter((s) => s.siteIds.length > 0 && can(actor, s.source.permission, pupil));
}

/** One page of the chronology as the caller may see it (404 for a pupil outside their sites). */
async function load(tx: Executor, actor: Actor, pupilId: string, q: TChronologyPdfQuery, page: number, pageSize: number): Promise<Loaded> {
  if (q.from && q.to && q.from > q.to) throw fieldError('to', 'The end date is before the start date.');
  const pupil = await repo.findPupil(tx, pupilId);
  if (!pupil || !(can(actor, 'behaviour.read', pupil) || can(actor, 'behaviour.record', pupil))) throw notFound('pupil');
  const available = sourcesFor(actor, pupil);
  const kindsAvailable = CHRONOLOGY_KINDS.filter((k) => k === 'event' || k === 'incident' || available.some((s) => s.source.kind === k));
  const kinds = new Set(q.kinds ? q.kinds.split(',').map((k) => k.trim()) : kindsAvailable);
  const mayIncludeVoided = can(actor, 'incident.void', pupil);
  const v = visibilityOf(actor, q.includeVoided ?? false);
  const filter = { pupilId, from: q.from, to: q.to, events: kinds.has('event') && !q.keyEvents, incidents: kinds.has('incident'), keyEvents: q.keyEvents };
  const sources = available.filter((s) => kinds.has(s.source.kind));
  const { rows, total } = await repo.chronologyPage(tx, v, filter, sources, page, pageSize);

  const idsOf = (kind: string) => rows.filter((r) => r.kind === kind).map((r) => r.id);
  const eventRows = await repo.eventDetails(tx, idsOf('event'));
  const events = new Map(eventRows.map((e) => [e.event.id, e]));
  const labels = await repo.optionLabels(tx, actor.trustId, [...new Set(eventRows.map((e) => e.event.siteId))]);
  const incidentRows = await repo.incidentDetails(tx, pupilId, idsOf('incident'));
  const incidents = new Map(incidentRows.map((i) => [i.id, i]));
  const names = await repo.categoryNames(tx, actor.trustId, [...new Set(incidentRows.map((i) => i.siteId))]);
  const others = new Map<string, TChronologyItem>();
  for (const { source } of sources) {
    const ids = idsOf(source.kind);
    if (ids.length) for (const r of await source.details(tx, ids)) others.set(`${r.kind}:${r.id}`, r);
  }

  const items = rows.flatMap((r): TChronologyItem[] => {
    if (r.kind === 'event') { const e = events.get(r.id); return e ? [presentEventItem(actor, e, labels)] : []; }
    if (r.kind === 'incident') { const i = incidents.get(r.id); return i ? [presentIncidentItem(actor, i, names)] : []; }
    const o = others.get(`${r.kind}:${r.id}`);
    return o ? [o] : [];
  });
  const visibility = can(actor, 'behaviour.read', pupil) ? 'all' as const : 'own' as const;
  return { pupil, items, total, visibility, mayIncludeVoided, kinds: [...kinds].sort(), kindsAvailable };
}

export async function pupilChronology(deps: Deps, actor: Actor, ctx: AuditContext, pupilId: string, q: TChronologyQuery): Promise<TChronology> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const c = await load(tx, actor, pupilId, q, q.page, q.pageSize);
    audit.record({ action: 'pupil.chronology.read', entityType: 'pupil', entityId: pupilId, siteId: c.pupil.siteId,
      details: { visibility: c.visibility, kinds: c.kinds, from: q.from ?? null, to: q.to ?? null, keyEvents: q.keyEvents ?? false, page: q.page, returned: c.items.length } });
    return { items: c.items, total: c.total, page: q.page, pageSize: q.pageSize, visibility: c.visibility, mayIncludeVoided: c.mayIncludeVoided, kindsAvailable: c.kindsAvailable };
  });
}

/** The whole chronology (as filtered) as a PDF to print: audited like reading it, with the number of records printed. */
export async function chronologyPdf(deps: Deps, actor: Actor, ctx: AuditContext, pupilId: string, q: TChronologyPdfQuery): Promise<{ pdf: Buffer; filename: string }> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const c = await load(tx, actor, pupilId, q, 1, CHRONOLOGY_PDF_MAX);
    if (c.total > CHRONOLOGY_PDF_MAX) throw fieldError('from', `More than ${CHRONOLOGY_PDF_MAX.toLocaleString('en-GB')} records: choose a shorter period to print.`);
    const pdf = await renderChronologyPdf({ pupil: c.pupil, items: c.items, filters: q, visibility: c.visibility, printedBy: actor.displayName });
    audit.record({ action: 'pupil.chronology.print', entityType: 'pupil', entityId: pupilId, siteId: c.pupil.siteId,
      details: { visibility: c.visibility, kinds: c.kinds, from: q.from ?? null, to: q.to ?? null, keyEvents: q.keyEvents ?? false, rows: c.items.length } });
    const safe = c.pupil.name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '');
    return { pdf, filename: `chronology-${safe}-${new Date().toISOString().slice(0, 10)}.pdf` };
  });
}
