/**
 * The parent portal (PAR-1, LAW-12): what this module owns. A parent reads, for each child linked to them with
 * parental responsibility, the records the trust lets parents see (parent-portal.rules.ts), reads and acknowledges
 * shareable plans and the copies of restraint records sent to them, and opens the letters sent to them. A child not
 * linked to the caller is 404, exactly like a child that does not exist. Every read of a child's records, a plan or a
 * letter is a special-category read, audited in its own transaction; every acknowledgement is an audited write.
 */
import { uuidv7 } from 'uuidv7';
import { EXCLUSION_CATEGORY_LABELS, MEETING_TYPE_LABELS, type TPortalAckItem, type TPortalChild, type TPortalLetterRef, type TPortalPlan, type TPortalRecord } from '@haven/contracts';
import type { Deps } from '../../core/http/context.ts';
import type { AuditContext } from '../../core/audit/audit.ts';
import type { Executor } from '../../core/db/client.ts';
import type { Actor } from '../../core/policy/policy.ts';
import { inTransaction } from '../../core/db/tx.ts';
import { conflict, notFound, staleVersion } from '../../core/http/errors.ts';
import { clockNow, pgTimestampToIso, schoolToday } from '../../core/time.ts';
import { addDays } from '../../core/calendar/dates.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import { contentOf, insertAcknowledgement } from '../plans/plans.repo.ts';
import { defaultWording } from '../plans/plans.presenter.ts';
import * as repo from './parent-portal.repo.ts';
import { categoriesShown, communicationShown, descriptionShown, incidentShown, noteShown } from './parent-portal.rules.ts';

type Link = repo.ChildLink;
const iso = (d: Date | string | null) => (d === null ? null : pgTimestampToIso(d));

function presentChild(l: Link, toAcknowledge: number): TPortalChild {
  return { id: l.pupilId, displayName: displayName(l), firstName: l.preferredForename ?? l.legalForename, yearGroup: l.yearGroup,
    siteName: l.siteName, formName: l.formName ?? null, toAcknowledge };
}

/** The caller's children, each once, with all the caller's contact records linked to each. */
async function children(deps: Deps, actor: Actor) {
  const links = await repo.childLinks(deps.database.db, actor.userId, actor.trustId, schoolToday(deps));
  const byPupil = new Map<string, { link: Link; contactIds: string[] }>();
  for (const l of links) {
    const c = byPupil.get(l.pupilId);
    if (c) c.contactIds.push(l.contactId); else byPupil.set(l.pupilId, { link: l, contactIds: [l.contactId] });
  }
  return byPupil;
}

/** The caller's child, or 404 (the same answer for another family's child and for no child at all). */
async function myChild(deps: Deps, actor: Actor, pupilId: string) {
  const c = (await children(deps, actor)).get(pupilId);
  if (!c) throw notFound('child');
  return c;
}

async function lettersOf(db: Executor, pupilId: string, contactIds: string[]) {
  return (await repo.communicationsTo(db, pupilId, contactIds)).filter((r) => communicationShown(r.c.recordType));
}
const letterRef = (r: Awaited<ReturnType<typeof lettersOf>>[number]): TPortalLetterRef => ({
  id: r.c.id, subject: r.c.subject, recordType: r.c.recordType, channel: r.c.channel, status: r.c.status,
  sentAt: iso(r.c.sentAt), createdAt: iso(r.c.createdAt)!, hasFile: r.hasFile,
});

/** What waits for this parent's acknowledgement about one child: the shareable plans and the restraint copies. */
async function waiting(db: Executor, actor: Actor, link: Link, contactIds: string[]): Promise<TPortalAckItem[]> {
  const plans = await repo.shareablePlansOf(db, link.pupilId);
  const acks = await repo.planAcksBy(db, plans.map((p) => p.id), contactIds);
  const name = displayName(link);
  const out: TPortalAckItem[] = plans.filter((p) => !acks.some((a) => a.planId === p.id && a.planVersion === p.version)).map((p) => ({
    kind: 'plan', id: p.id, pupilId: link.pupilId, pupilName: name, title: 'Behaviour support plan', since: iso(p.sharedWithParentsAt ?? p.activatedAt),
  }));
  const copies = await restraintCopies(db, actor, link.pupilId, contactIds);
  for (const c of copies.filter((x) => !x.acknowledgedAt)) {
    out.push({ kind: 'restraint_copy', id: c.id, pupilId: link.pupilId, pupilName: name, title: 'Record of physical intervention', since: c.sentAt ?? c.createdAt });
  }
  return out;
}

async function restraintCopies(db: Executor, actor: Actor, pupilId: string, contactIds: string[]): Promise<TPortalRecord['restraintCopies']> {
  const byComm = await repo.restraintCopyCommunications(db, pupilId);
  const mine = (await lettersOf(db, pupilId, contactIds)).filter((r) => byComm.has(r.c.id));
  const days = await repo.incidentDay(db, [...new Set(mine.map((r) => byComm.get(r.c.id)!))]);
  const acks = await repo.portalAcksOf(db, actor.userId, 'restraint_copy');
  return mine.filter((r) => !days.get(byComm.get(r.c.id)!)?.voided).map((r) => ({
    id: r.c.id, incidentId: byComm.get(r.c.id)!, occurredOn: days.get(byComm.get(r.c.id)!)?.occurredOn ?? null,
    sentAt: iso(r.c.sentAt), createdAt: iso(r.c.createdAt)!, hasFile: r.hasFile,
    acknowledgedAt: iso(acks.find((a) => a.recordId === r.c.id)?.acknowledgedAt ?? null),
  }));
}

export async function home(deps: Deps, actor: Actor): Promise<{ children: TPortalChild[]; needsAcknowledgement: TPortalAckItem[] }> {
  const db = deps.database.db;
  const kids = [...(await children(deps, actor)).values()];
  const needs: TPortalAckItem[] = [];
  const out: TPortalChild[] = [];
  for (const k of kids) {
    const w = await waiting(db, actor, k.link, k.contactIds);
    needs.push(...w);
    out.push(presentChild(k.link, w.length));
  }
  return { children: out, needsAcknowledgement: needs };
}

/** Everything about one child the trust lets the parent see (an audited special-category read). */
export async function record(deps: Deps, actor: Actor, ctx: AuditContext, pupilId: string): Promise<TPortalRecord> {
  const db = deps.database.db;
  const { link, contactIds } = await myChild(deps, actor, pupilId);
  const settings = await repo.settingsOf(db, actor.trustId);
  const cats = await repo.categoriesAt(db, link.trustId, link.siteId);
  const catName = (c: string) => cats.get(c)?.name ?? c;
  const today = schoolToday(deps);
  const since = (await repo.academicYearStart(db, link.trustId, today)) ?? addDays(today, -365);

  const events = (await repo.eventsOf(db, pupilId, since)).filter((e) => categoriesShown([e.categoryCode], settings));
  const positive = events.filter((e) => e.points > 0).reduce((n, e) => n + e.points, 0);
  const negative = events.filter((e) => e.points < 0).reduce((n, e) => n + e.points, 0);

  const incRows = (await repo.incidentsOf(db, pupilId)).filter((r) => incidentShown({ status: r.i.status, voided: r.i.voidedAt !== null,
    linkedToConcern: r.linkedToConcern, categoryCodes: (r.i.categoryCodes as string[]) ?? [] }, settings));
  const staff = settings.hideStaffNames ? new Map<string, string[]>() : await repo.staffOnIncidents(db, incRows.map((r) => r.i.id));
  const locations = await repo.optionLabels(db, link.trustId, link.siteId, 'location');
  const actions = await repo.optionLabels(db, link.trustId, link.siteId, 'action');

  const letters = await lettersOf(db, pupilId, contactIds);
  const copies = await restraintCopies(db, actor, pupilId, contactIds);
  const plans = await repo.shareablePlansOf(db, pupilId);
  const acks = await repo.planAcksBy(db, plans.map((p) => p.id), contactIds);
  const w = await waiting(db, actor, link, contactIds);

  const out: TPortalRecord = {
    child: presentChild(link, w.length),
    staffNamesHidden: settings.hideStaffNames,
    points: { positive, negative, total: positive + negative, since },
    positiveNotes: events.filter((e) => e.polarity === 'positive').slice(0, 50).map((e) => ({
      id: e.id, occurredOn: e.occurredOn, category: catName(e.categoryCode), points: e.points,
      note: noteShown(e.batchSize) ? e.note : null, recordedBy: settings.hideStaffNames ? null : e.recordedBy,
    })),
    incidents: incRows.map((r) => {
      const shown = descriptionShown(r.pupilCount, settings);
      return {
        id: r.i.id, occurredOn: r.i.occurredOn, time: r.i.occurredAt ? r.i.occurredAt.toISOString() : null,
        location: r.i.locationCode ? locations.get(r.i.locationCode) ?? null : null,
        categories: ((r.i.categoryCodes as string[]) ?? []).map(catName), role: r.role,
        actions: ((r.i.actionCodes as string[]) ?? []).map((c) => actions.get(c) ?? c), physicalIntervention: r.i.physicalIntervention,
        description: shown ? r.i.behaviour : null, descriptionWithheld: !shown && !!r.i.behaviour,
        staff: settings.hideStaffNames ? null : staff.get(r.i.id) ?? [],
      };
    }),
    detentions: (await repo.detentionsOf(db, pupilId)).map((d) => ({
      id: d.a.id, date: d.date, startTime: d.start, endTime: d.end, type: d.type, room: d.room, reason: d.a.reason,
      status: d.cancelled ? 'cancelled' : d.a.status,
    })),
    isolations: (await repo.isolationsOf(db, pupilId)).map((i) => ({ id: i.p.id, date: i.date, session: i.session, room: i.room, reason: i.p.reason, status: i.p.status })),
    suspensions: (await repo.exclusionsOf(db, pupilId)).map((e) => ({
      id: e.id, category: EXCLUSION_CATEGORY_LABELS[e.category as keyof typeof EXCLUSION_CATEGORY_LABELS] ?? e.category, startDate: e.startDate,
      sessions: e.sessions, returnDate: e.returnDate, status: e.status,
      letters: letters.filter((l) => (l.c.recordType === 'exclusion' || l.c.recordType === 'suspension') && l.c.recordId === e.id).map(letterRef),
    })),
    meetings: (await repo.meetingsOf(db, pupilId, contactIds)).map((m) => ({
      id: m.id, type: MEETING_TYPE_LABELS[m.type as keyof typeof MEETING_TYPE_LABELS] ?? m.type, date: m.date, startTime: m.startTime, place: m.place, status: m.status,
    })),
    plans: plans.map((p) => ({ id: p.id, version: p.version, activatedAt: iso(p.activatedAt), reviewDate: p.reviewDate,
      acknowledgedAt: iso(acks.find((a) => a.planId === p.id && a.planVersion === p.version)?.acknowledgedAt ?? null) })),
    restraintCopies: copies,
    letters: letters.map(letterRef),
  };
  await inTransaction(deps.database, ctx, async (_tx, audit) => {
    audit.record({ action: 'parent.record.read', entityType: 'pupil', entityId: pupilId, siteId: link.siteId, details: {
      specialCategory: true, incidents: out.incidents.map((i) => i.id), restraintCopies: copies.map((c) => c.id), plans: plans.map((p) => p.id),
    } });
  });
  return out;
}

async function myPlan(deps: Deps, actor: Actor, pupilId: string, planId: string) {
  const child = await myChild(deps, actor, pupilId);
  const plan = (await repo.shareablePlansOf(deps.database.db, pupilId)).find((p) => p.id === planId);
  if (!plan) throw notFound('plan');
  return { ...child, plan };
}

/** A shareable plan as the parent reads it (no owner, no history; audited). */
export async function readPlan(deps: Deps, actor: Actor, ctx: AuditContext, pupilId: string, planId: string): Promise<TPortalPlan> {
  const db = deps.database.db;
  const { link, contactIds, plan } = await myPlan(deps, actor, pupilId, planId);
  const acks = await repo.planAcksBy(db, [plan.id], contactIds);
  const holds = await repo.optionLabels(db, link.trustId, plan.siteId, 'technique');
  const { ownerUserId: _owner, ...fields } = contentOf(plan);
  const ack = acks.find((a) => a.planVersion === plan.version);
  await inTransaction(deps.database, ctx, async (_tx, audit) => {
    audit.record({ action: 'parent.plan.read', entityType: 'behaviour_support_plan', entityId: plan.id, siteId: plan.siteId,
      details: { pupilId, version: plan.version, specialCategory: true } });
  });
  return {
    id: plan.id, pupilId, pupilName: displayName(link), version: plan.version, activatedAt: iso(plan.activatedAt), reviewDate: plan.reviewDate,
    fields, wording: { ...defaultWording(), ...plan.wording }, holdLabels: Object.fromEntries(plan.approvedHolds.map((c) => [c, holds.get(c) ?? c])),
    acknowledgedAt: iso(ack?.acknowledgedAt ?? null), allowed: ack ? [] : ['acknowledge'],
  };
}

/**
 * The parent acknowledges the plan as it stands, through the portal: a plan acknowledgement recorded via 'portal', by
 * the parent's own account, now (the staff see it on the plan, with who and when).
 */
export async function acknowledgePlan(deps: Deps, actor: Actor, ctx: AuditContext, pupilId: string, planId: string, version: number) {
  const { contactIds, plan } = await myPlan(deps, actor, pupilId, planId);
  if (plan.version !== version) throw staleVersion('plan');
  const now = clockNow(deps);
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const existing = await repo.planAcksBy(tx, [plan.id], contactIds);
    if (existing.some((a) => a.planVersion === plan.version)) throw conflict('You have already acknowledged this version of the plan.');
    const id = uuidv7();
    await insertAcknowledgement(tx, { id, planId: plan.id, trustId: plan.trustId, planVersion: plan.version, contactId: contactIds[0]!,
      method: 'portal', acknowledgedAt: now, recordedVia: 'portal', recordedBy: actor.userId, note: null });
    audit.record({ action: 'plan.acknowledge', entityType: 'behaviour_support_plan', entityId: plan.id, siteId: plan.siteId,
      details: { pupilId, version: plan.version, contactId: contactIds[0], method: 'portal', recordedVia: 'portal', acknowledgementId: id } });
    return { kind: 'plan' as const, id: plan.id, acknowledgedAt: now.toISOString() };
  });
}

/** A letter sent to the caller (its kept file), if it was sent to one of their contact records: audited. */
async function myLetter(deps: Deps, actor: Actor, id: string) {
  const db = deps.database.db;
  const c = await repo.communication(db, id);
  if (!c || c.trustId !== actor.trustId || !c.pupilId || !c.contactId || !communicationShown(c.recordType)) throw notFound('letter');
  const kids = await children(deps, actor);
  const child = kids.get(c.pupilId);
  if (!child || !child.contactIds.includes(c.contactId)) throw notFound('letter');
  return { c, child };
}

export async function letterFile(deps: Deps, actor: Actor, ctx: AuditContext, id: string) {
  const { c } = await myLetter(deps, actor, id);
  if (!c.attachmentId) throw notFound('file');
  const file = await repo.attachmentOf(deps.database.db, c.attachmentId);
  if (!file) throw notFound('file');
  await inTransaction(deps.database, ctx, async (_tx, audit) => {
    audit.record({ action: 'parent.letter.read', entityType: 'communication', entityId: c.id, siteId: c.siteId,
      details: { pupilId: c.pupilId, recordType: c.recordType, recordId: c.recordId, filename: file.filename, specialCategory: true } });
  });
  return { filename: file.filename, contentType: file.contentType, data: file.data };
}

/** The parent confirms they have received the copy of a restraint record sent to them (LAW-12). */
export async function acknowledgeCopy(deps: Deps, actor: Actor, ctx: AuditContext, id: string) {
  const { c, child } = await myLetter(deps, actor, id);
  const byComm = await repo.restraintCopyCommunications(deps.database.db, c.pupilId!);
  if (!byComm.has(c.id)) throw notFound('copy of a record of physical intervention');
  const now = clockNow(deps);
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    if ((await repo.portalAcksOf(tx, actor.userId, 'restraint_copy')).some((a) => a.recordId === c.id)) {
      throw conflict('You have already confirmed that you received this record.');
    }
    await repo.insertPortalAck(tx, { id: uuidv7(), trustId: c.trustId, siteId: c.siteId, pupilId: c.pupilId!, userId: actor.userId,
      contactId: c.contactId!, kind: 'restraint_copy', recordId: c.id, acknowledgedAt: now });
    audit.record({ action: 'incident.parent_copy.acknowledge', entityType: 'incident', entityId: byComm.get(c.id)!, siteId: c.siteId,
      details: { pupilId: c.pupilId, communicationId: c.id, contactId: c.contactId, via: 'portal', siteOfChild: child.link.siteId } });
    return { kind: 'restraint_copy' as const, id: c.id, acknowledgedAt: now.toISOString() };
  });
}
