/**
 * Consent for a visit (TRP-3), one decision per row (the latest per pupil counts): recorded by staff at the visit's
 * site (visit.consent.record: who recorded it and how it was given), or given by a parent in the portal for their
 * own child only (parent.visits.consent; a child not theirs is refused, 403). Consent carries the day's medical
 * information and an emergency contact. Parents see their children's visits once submitted and until they leave.
 */
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { TVisit, TVisitStatus, ZParentConsent, ZStaffConsent } from '@haven/contracts';
import type { AuditContext, AuditQueue } from '../../core/audit/audit.ts';
import type { Tx } from '../../core/db/client.ts';
import { inTransaction } from '../../core/db/tx.ts';
import type { Deps } from '../../core/http/context.ts';
import { conflict, fieldError, forbidden, notFound } from '../../core/http/errors.ts';
import { can, type Actor } from '../../core/policy/policy.ts';
import { pgTimestampToIso, schoolToday } from '../../core/time.ts';
import { displayName } from '../pupils/pupils.presenter.ts';
import * as repo from './visits.repo.ts';
import { latestConsents } from './visits.presenter.ts';
import { BEFORE_DEPARTURE, OPEN_FOR_CONSENT } from './visits.rules.ts';
import { present, readable } from './visits.service.ts';

type Day = { decision: 'given' | 'refused'; medicalInfo: string; emergencyName: string; emergencyPhone: string };

function checkDay(d: Day): void {
  if (d.decision !== 'given') return;
  if (!d.emergencyName) throw fieldError('emergencyName', 'Name someone to call on the day');
  if (!/^[0-9+() -]{6,40}$/.test(d.emergencyPhone)) throw fieldError('emergencyPhone', 'A telephone number to call on the day');
}

async function onVisit(tx: Tx, row: repo.VisitRow, pupilId: string): Promise<void> {
  if (!(await repo.pupilsOf(tx, row.id)).some((p) => p.id === pupilId)) throw fieldError('pupilId', 'That pupil is not on this visit');
}

function audited(audit: AuditQueue, row: repo.VisitRow, pupilId: string, via: string, decision: string): void {
  audit.record({ action: 'visit.consent.record', entityType: 'visit', entityId: row.id, siteId: row.siteId, details: { pupilId, via, decision, specialCategory: true } });
}

export async function recordByStaff(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.output<typeof ZStaffConsent>): Promise<TVisit> {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const row = await readable(tx, actor, id, true);
    if (!can(actor, 'visit.consent.record', { trustId: row.trustId, siteId: row.siteId })) throw forbidden('You do not record consent at that site.');
    if (!BEFORE_DEPARTURE.includes(row.status as TVisitStatus)) throw conflict('Consent is recorded before the visit leaves.');
    await onVisit(tx, row, body.pupilId);
    checkDay(body);
    await repo.insertConsent(tx, { id: uuidv7(), trustId: row.trustId, visitId: id, pupilId: body.pupilId, decision: body.decision, via: 'staff', how: body.how, parentName: body.parentName,
      medicalInfo: body.medicalInfo, emergencyName: body.emergencyName, emergencyPhone: body.emergencyPhone, recordedBy: actor.userId });
    audited(audit, row, body.pupilId, 'staff', body.decision);
    return present(tx, actor, row);
  });
}

/** The visits a parent's children go on that wait for (or have) their consent. */
export async function parentVisits(deps: Deps, actor: Actor) {
  const db = deps.database.db;
  const links = await repo.parentLinks(db, actor.userId);
  const mine = new Set(links.map((l) => l.pupilId));
  const rows = (await repo.visitsOfPupils(db, [...mine], OPEN_FOR_CONSENT, schoolToday(deps))).filter((r) => r.v.trustId === actor.trustId);
  const byVisit = new Map<string, typeof rows>();
  for (const r of rows) byVisit.set(r.v.id, [...(byVisit.get(r.v.id) ?? []), r]);
  const items = [];
  for (const [visitId, rs] of byVisit) {
    const v = rs[0]!.v;
    const pupils = new Map((await repo.pupilsOf(db, visitId)).map((p) => [p.id, p]));
    const consents = latestConsents(await repo.consentsOf(db, visitId));
    items.push({
      id: v.id, purpose: v.purpose, venue: v.venue, startDate: v.startDate, departTime: v.departTime, endDate: v.endDate, returnTime: v.returnTime,
      transport: v.transport, itinerary: v.itinerary, siteName: rs[0]!.siteName,
      children: rs.map((r) => {
        const c = consents.get(r.pupilId);
        const p = pupils.get(r.pupilId)!;
        return { pupilId: r.pupilId, displayName: displayName(p), consent: c ? { decision: c.c.decision as 'given' | 'refused', at: pgTimestampToIso(c.c.recordedAt), by: c.c.via === 'portal' ? c.c.parentName : `${c.recordedByName} (school)` } : null };
      }),
    });
  }
  return { items };
}

export async function recordByParent(deps: Deps, actor: Actor, ctx: AuditContext, id: string, body: z.output<typeof ZParentConsent>) {
  return inTransaction(deps.database, ctx, async (tx, audit) => {
    const link = (await repo.parentLinks(tx, actor.userId)).find((l) => l.pupilId === body.pupilId);
    if (!link) throw forbidden('You give consent for your own children only.');
    const row = await repo.find(tx, actor.trustId, id, true);
    if (!row || !OPEN_FOR_CONSENT.includes(row.status as TVisitStatus) || !can(actor, 'parent.visits.consent', { trustId: row.trustId, siteId: row.siteId })) throw notFound('visit');
    if (!(await repo.pupilsOf(tx, row.id)).some((p) => p.id === body.pupilId)) throw notFound('visit');
    checkDay(body);
    await repo.insertConsent(tx, { id: uuidv7(), trustId: row.trustId, visitId: id, pupilId: body.pupilId, decision: body.decision, via: 'portal', how: 'Parent portal',
      contactId: link.contactId, parentName: `${link.forename} ${link.surname}`, medicalInfo: body.medicalInfo, emergencyName: body.emergencyName,
      emergencyPhone: body.emergencyPhone, recordedBy: actor.userId });
    audited(audit, row, body.pupilId, 'portal', body.decision);
    return { ok: true as const };
  });
}
