/**
 * The chronology's other kinds of record (SUP-6), each a source: the permission that shows it (held at the record's
 * site), its (kind, id, at) rows for one pupil within the filters, whether a row is a key event, and its details as
 * one ZChronologyRecord. Adding a kind is adding a source here and its name to CHRONOLOGY_KINDS. Quick points and
 * incidents have their own queries in chronology.repo.ts. Sealed safeguarding records are never a source.
 */
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import {
  EXCLUSION_CATEGORY_LABELS, MEETING_TYPE_LABELS, PLACEMENT_KIND_LABELS, PLACEMENT_OUTCOME_LABELS, PLAN_STATUS_LABELS, REFERRAL_STATUS_LABELS,
  RISK_RATING_LABELS, VISIT_STATUS_LABELS, type TChronologyRecord, type TVisitStatus, type TExclusionCategory, type TMeetingType, type TPlanStatus, type TReferralStatus, type TRiskRating,
} from '@haven/contracts';
import type { PgSelect } from 'drizzle-orm/pg-core';
import type { Executor } from '../../core/db/client.ts';
import type { Permission } from '../../core/policy/permissions.ts';
import { pgTimestampToIso } from '../../core/time.ts';
import { communications } from '../../db/schema/comms.ts';
import { agencies, referrals } from '../../db/schema/casework.ts';
import { exclusions, meetings } from '../../db/schema/exclusions.ts';
import { behaviourSupportPlans } from '../../db/schema/plans.ts';
import { riskAssessments } from '../../db/schema/risk-assessments.ts';
import { supportInterventionPupils, supportInterventionTypes, supportInterventions } from '../../db/schema/support.ts';
import { parentContacts } from '../../db/schema/recording.ts';
import { detentionAssignments, detentionSessions, detentionTypes, isolationPupils, isolationSessions, placements } from '../../db/schema/sanctions.ts';
import { users } from '../../db/schema/users.ts';
import { visitPupils, visits } from '../../db/schema/visits.ts';

export type RecordKind = TChronologyRecord['kind'];
/** A select of (kind, id, at) rows, made dynamic so that any number of them can be put in one union. */
export type ChronologyRows = PgSelect<string, { kind: SQL.Aliased<string>; id: SQL.Aliased<string>; at: SQL.Aliased<string> }, 'partial'>;

export interface SourceFilter {
  pupilId: string;
  /** The sites where the viewer holds the source's permission (never empty when a source is asked). */
  siteIds: string[];
  from?: string | undefined;
  to?: string | undefined;
  keyEvents?: boolean | undefined;
}

export interface ChronologySource {
  kind: RecordKind;
  permission: Permission;
  /** A select of (kind, id, at) for the pupil's records of this kind within the filter (for a union). */
  rows(db: Executor, f: SourceFilter): ChronologyRows;
  details(db: Executor, ids: string[]): Promise<TChronologyRecord[]>;
}

/** A London timestamp from a date and an optional 'HH:MM' time (midday when there is none). */
const londonAt = (day: SQL | unknown, time?: SQL | unknown): SQL =>
  time === undefined
    ? sql`((${day})::date + time '12:00') at time zone 'Europe/London'`
    : sql`((${day})::date + coalesce(nullif(${time}, '')::time, time '12:00')) at time zone 'Europe/London'`;

const dayWithin = (day: SQL | unknown, f: SourceFilter): SQL[] =>
  [f.from ? sql`(${day})::date >= ${f.from}::date` : undefined, f.to ? sql`(${day})::date <= ${f.to}::date` : undefined]
    .filter((x): x is SQL => x !== undefined);

function rowsSelect(db: Executor, kind: RecordKind, id: SQL | unknown, at: SQL) {
  return db.select({ kind: sql<string>`${kind}::text`.as('kind'), id: sql<string>`${id}`.as('id'), at: sql<string>`${at}`.as('at') });
}

const ukDay = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
const recorder = (id: string | null, name: string | null) => (id && name ? { id, name } : null);
const STATUS_WORDS: Record<string, string> = {
  assigned: 'Assigned', attended: 'Attended', missed: 'Missed', excused: 'Excused', issued: 'Issued', cancelled: 'Cancelled',
  active: 'Active', ended: 'Ended', sent: 'Sent', pending: 'Sending', failed: 'Not sent', to_send_by_hand: 'To send by hand',
};
const status = (s: string | null) => (s === null ? null : STATUS_WORDS[s] ?? s.replace(/_/g, ' '));

const detention: ChronologySource = {
  kind: 'detention', permission: 'sanction.read',
  rows: (db, f) => rowsSelect(db, 'detention', detentionAssignments.id, londonAt(detentionSessions.date, detentionSessions.startTime))
    .from(detentionAssignments).innerJoin(detentionSessions, eq(detentionSessions.id, detentionAssignments.sessionId))
    .where(and(eq(detentionAssignments.pupilId, f.pupilId), inArray(detentionAssignments.siteId, f.siteIds), ...dayWithin(detentionSessions.date, f),
      f.keyEvents ? sql`false` : undefined)).$dynamic(),
  async details(db, ids) {
    const rows = await db.select({ a: detentionAssignments, at: sql<string>`${londonAt(detentionSessions.date, detentionSessions.startTime)}`, start: detentionSessions.startTime, end: detentionSessions.endTime,
      room: detentionSessions.room, sessionId: detentionSessions.id, type: detentionTypes.name, by: users.displayName })
      .from(detentionAssignments).innerJoin(detentionSessions, eq(detentionSessions.id, detentionAssignments.sessionId))
      .innerJoin(detentionTypes, eq(detentionTypes.id, detentionSessions.typeId)).leftJoin(users, eq(users.id, detentionAssignments.assignedBy))
      .where(inArray(detentionAssignments.id, ids));
    return rows.map((r) => ({
      kind: 'detention', id: r.a.id, siteId: r.a.siteId, occurredAt: pgTimestampToIso(r.at), title: `Detention: ${r.type}`,
      detail: [r.a.reason, `${r.start}–${r.end}, ${r.room}`, r.a.excuseReason ? `Excused: ${r.a.excuseReason}` : null].filter(Boolean).join('. '),
      status: status(r.a.status), key: false, link: `/detentions/${r.sessionId}`, recordedBy: recorder(r.a.assignedBy, r.by),
    }));
  },
};

const isolation: ChronologySource = {
  kind: 'isolation', permission: 'sanction.read',
  rows: (db, f) => rowsSelect(db, 'isolation', isolationPupils.id, londonAt(isolationSessions.date, isolationSessions.startTime))
    .from(isolationPupils).innerJoin(isolationSessions, eq(isolationSessions.id, isolationPupils.sessionId))
    .where(and(eq(isolationPupils.pupilId, f.pupilId), inArray(isolationPupils.siteId, f.siteIds), ...dayWithin(isolationSessions.date, f),
      f.keyEvents ? sql`false` : undefined)).$dynamic(),
  async details(db, ids) {
    const rows = await db.select({ p: isolationPupils, at: sql<string>`${londonAt(isolationSessions.date, isolationSessions.startTime)}`, session: isolationSessions.session,
      room: isolationSessions.room, by: users.displayName })
      .from(isolationPupils).innerJoin(isolationSessions, eq(isolationSessions.id, isolationPupils.sessionId))
      .leftJoin(users, eq(users.id, isolationPupils.assignedBy)).where(inArray(isolationPupils.id, ids));
    const SESSION: Record<string, string> = { am: 'morning', pm: 'afternoon', day: 'whole day', times: 'set times' };
    return rows.map((r) => ({
      kind: 'isolation', id: r.p.id, siteId: r.p.siteId, occurredAt: pgTimestampToIso(r.at), title: `Isolation (${SESSION[r.session] ?? r.session})`,
      detail: [r.p.reason, r.room, r.p.excuseReason ? `Excused: ${r.p.excuseReason}` : null].filter(Boolean).join('. ') || null,
      status: status(r.p.status), key: false, link: '/isolation', recordedBy: recorder(r.p.assignedBy, r.by),
    }));
  },
};

const suspension: ChronologySource = {
  kind: 'suspension', permission: 'suspension.read',
  rows: (db, f) => rowsSelect(db, 'suspension', exclusions.id, londonAt(exclusions.startDate))
    .from(exclusions).where(and(eq(exclusions.pupilId, f.pupilId), inArray(exclusions.siteId, f.siteIds), ...dayWithin(exclusions.startDate, f),
      f.keyEvents ? sql`${exclusions.status} <> 'cancelled'` : undefined)).$dynamic(),
  async details(db, ids) {
    const rows = await db.select({ e: exclusions, at: sql<string>`${londonAt(exclusions.startDate)}`, by: users.displayName }).from(exclusions).leftJoin(users, eq(users.id, exclusions.issuedBy))
      .where(inArray(exclusions.id, ids));
    return rows.map(({ e, at, by }) => {
      const label = EXCLUSION_CATEGORY_LABELS[e.category as TExclusionCategory] ?? e.category;
      const length = e.category === 'permanent' ? 'from ' + ukDay(e.startDate)
        : `${e.sessions ?? 0} ${e.category === 'lunchtime' ? 'lunchtime' : 'session'}${e.sessions === 1 ? '' : 's'} from ${ukDay(e.startDate)}`;
      return {
        kind: 'suspension', id: e.id, siteId: e.siteId, occurredAt: pgTimestampToIso(at), title: label,
        detail: [length, e.details, e.cancelReason ? `Cancelled: ${e.cancelReason}` : null].filter(Boolean).join('. '),
        status: status(e.status), key: e.status !== 'cancelled', link: `/suspensions/${e.id}`, recordedBy: recorder(e.issuedBy, by),
      } satisfies TChronologyRecord;
    });
  },
};

const placement: ChronologySource = {
  kind: 'placement', permission: 'sanction.read',
  rows: (db, f) => rowsSelect(db, 'placement', placements.id, londonAt(placements.startDate))
    .from(placements).where(and(eq(placements.pupilId, f.pupilId), inArray(placements.siteId, f.siteIds), ...dayWithin(placements.startDate, f))).$dynamic(),
  async details(db, ids) {
    const rows = await db.select({ p: placements, at: sql<string>`${londonAt(placements.startDate)}`, by: users.displayName }).from(placements).leftJoin(users, eq(users.id, placements.createdBy))
      .where(inArray(placements.id, ids));
    return rows.map(({ p, at, by }) => ({
      kind: 'placement', id: p.id, siteId: p.siteId, occurredAt: pgTimestampToIso(at),
      title: `${PLACEMENT_KIND_LABELS[p.kind as keyof typeof PLACEMENT_KIND_LABELS] ?? p.kind}: ${p.provider}`,
      detail: [`${p.sessionsPerWeek} sessions a week${p.endDate ? ` until ${ukDay(p.endDate)}` : ''}`, p.purpose,
        p.finalOutcome ? `Outcome: ${PLACEMENT_OUTCOME_LABELS[p.finalOutcome as keyof typeof PLACEMENT_OUTCOME_LABELS] ?? p.finalOutcome}` : null]
        .filter(Boolean).join('. '),
      status: status(p.status), key: true, link: null, recordedBy: recorder(p.createdBy, by),
    }));
  },
};

const METHOD: Record<string, string> = { phone: 'phone call', email: 'email', in_person: 'in person', meeting: 'meeting', letter: 'letter', text: 'text message' };
const contact: ChronologySource = {
  kind: 'contact', permission: 'behaviour.read',
  rows: (db, f) => rowsSelect(db, 'contact', parentContacts.id, sql`${parentContacts.contactedAt}`)
    .from(parentContacts).where(and(eq(parentContacts.pupilId, f.pupilId), inArray(parentContacts.siteId, f.siteIds),
      ...dayWithin(sql`(${parentContacts.contactedAt} at time zone 'Europe/London')`, f), f.keyEvents ? sql`false` : undefined)).$dynamic(),
  async details(db, ids) {
    const rows = await db.select({ c: parentContacts, by: users.displayName }).from(parentContacts).leftJoin(users, eq(users.id, parentContacts.recordedBy))
      .where(inArray(parentContacts.id, ids));
    return rows.map(({ c, by }) => ({
      kind: 'contact', id: c.id, siteId: c.siteId, occurredAt: pgTimestampToIso(c.contactedAt as unknown as string),
      title: `Parent contact by ${METHOD[c.method] ?? c.method.replace(/_/g, ' ')}${c.contactName ? ` with ${c.contactName}` : ''}`,
      detail: c.summary, status: null, key: false, link: recordLink(c.recordType, c.recordId), recordedBy: recorder(c.recordedBy, by),
    }));
  },
};

const letter: ChronologySource = {
  kind: 'letter', permission: 'communication.read',
  rows: (db, f) => rowsSelect(db, 'letter', communications.id, sql`${communications.createdAt}`)
    .from(communications).where(and(eq(communications.pupilId, f.pupilId), inArray(communications.siteId, f.siteIds),
      ...dayWithin(sql`(${communications.createdAt} at time zone 'Europe/London')`, f), f.keyEvents ? sql`false` : undefined)).$dynamic(),
  async details(db, ids) {
    const rows = await db.select({ c: communications, by: users.displayName }).from(communications).leftJoin(users, eq(users.id, communications.createdBy))
      .where(inArray(communications.id, ids));
    return rows.map(({ c, by }) => ({
      kind: 'letter', id: c.id, siteId: c.siteId, occurredAt: pgTimestampToIso(c.createdAt as unknown as string),
      title: `${c.channel === 'email' ? 'Email' : 'Letter'} to ${c.recipientName}: ${c.subject}`,
      detail: null, status: status(c.status), key: false, link: recordLink(c.recordType, c.recordId), recordedBy: recorder(c.createdBy, by),
    }));
  },
};

/** Where the record a contact or letter is about is read, when the web app has a page for it. */
function recordLink(type: string, id: string): string | null {
  if (type === 'incident') return `/incidents/${id}`;
  if (type === 'suspension' || type === 'exclusion') return `/suspensions/${id}`;
  return null;
}

const plan: ChronologySource = {
  kind: 'plan', permission: 'plan.read',
  rows: (db, f) => rowsSelect(db, 'plan', behaviourSupportPlans.id, sql`coalesce(${behaviourSupportPlans.activatedAt}, ${behaviourSupportPlans.createdAt})`)
    .from(behaviourSupportPlans).where(and(eq(behaviourSupportPlans.pupilId, f.pupilId), inArray(behaviourSupportPlans.siteId, f.siteIds),
      ...dayWithin(sql`(coalesce(${behaviourSupportPlans.activatedAt}, ${behaviourSupportPlans.createdAt}) at time zone 'Europe/London')`, f),
      f.keyEvents ? sql`${behaviourSupportPlans.activatedAt} is not null` : undefined)).$dynamic(),
  async details(db, ids) {
    const rows = await db.select({ p: behaviourSupportPlans, by: users.displayName }).from(behaviourSupportPlans)
      .leftJoin(users, eq(users.id, sql`coalesce(${behaviourSupportPlans.activatedBy}, ${behaviourSupportPlans.createdBy})`)).where(inArray(behaviourSupportPlans.id, ids));
    return rows.map(({ p, by }) => ({
      kind: 'plan', id: p.id, siteId: p.siteId, occurredAt: pgTimestampToIso((p.activatedAt ?? p.createdAt) as unknown as string),
      title: p.activatedAt ? 'Behaviour support plan made active' : 'Behaviour support plan started',
      detail: [`Version ${p.version}`, p.reviewDate ? `review by ${ukDay(p.reviewDate)}` : null].filter(Boolean).join(', '),
      status: PLAN_STATUS_LABELS[p.status as TPlanStatus] ?? p.status, key: p.activatedAt !== null, link: `/pupils/${p.pupilId}/plans/${p.id}`,
      recordedBy: recorder(p.activatedBy ?? p.createdBy, by),
    }));
  },
};

const riskAssessment: ChronologySource = {
  kind: 'risk_assessment', permission: 'risk_assessment.read',
  rows: (db, f) => rowsSelect(db, 'risk_assessment', riskAssessments.id, sql`coalesce(${riskAssessments.activatedAt}, ${riskAssessments.createdAt})`)
    .from(riskAssessments).where(and(eq(riskAssessments.pupilId, f.pupilId), inArray(riskAssessments.siteId, f.siteIds),
      ...dayWithin(sql`(coalesce(${riskAssessments.activatedAt}, ${riskAssessments.createdAt}) at time zone 'Europe/London')`, f),
      f.keyEvents ? sql`false` : undefined)).$dynamic(),
  async details(db, ids) {
    const rows = await db.select({ r: riskAssessments, by: users.displayName }).from(riskAssessments)
      .leftJoin(users, eq(users.id, riskAssessments.createdBy)).where(inArray(riskAssessments.id, ids));
    return rows.map(({ r, by }) => ({
      kind: 'risk_assessment', id: r.id, siteId: r.siteId, occurredAt: pgTimestampToIso((r.activatedAt ?? r.createdAt) as unknown as string),
      title: `Risk assessment: ${r.title}`,
      detail: [r.overallRating ? `Overall risk after controls: ${(RISK_RATING_LABELS[r.overallRating as TRiskRating] ?? r.overallRating).toLowerCase()}` : null,
        `review by ${ukDay(r.reviewDate)}`].filter(Boolean).join(', '),
      status: status(r.status), key: false, link: `/pupils/${r.pupilId}/risk-assessments`, recordedBy: recorder(r.createdBy, by),
    }));
  },
};

const intervention: ChronologySource = {
  kind: 'intervention', permission: 'intervention.read',
  rows: (db, f) => rowsSelect(db, 'intervention', supportInterventions.id, londonAt(supportInterventions.startDate))
    .from(supportInterventions)
    .innerJoin(supportInterventionPupils, and(eq(supportInterventionPupils.interventionId, supportInterventions.id), eq(supportInterventionPupils.pupilId, f.pupilId)))
    .where(and(inArray(supportInterventions.siteId, f.siteIds), ...dayWithin(supportInterventions.startDate, f), f.keyEvents ? sql`false` : undefined)).$dynamic(),
  async details(db, ids) {
    const rows = await db.select({ i: supportInterventions, type: supportInterventionTypes.name, at: sql<string>`${londonAt(supportInterventions.startDate)}`, by: users.displayName })
      .from(supportInterventions).innerJoin(supportInterventionTypes, eq(supportInterventionTypes.id, supportInterventions.typeId))
      .leftJoin(users, eq(users.id, supportInterventions.leadUserId)).where(inArray(supportInterventions.id, ids));
    return rows.map(({ i, type, at, by }) => ({
      kind: 'intervention', id: i.id, siteId: i.siteId, occurredAt: pgTimestampToIso(at), title: `Support intervention: ${i.title}`,
      detail: [type, i.endedOn ? `ended ${ukDay(i.endedOn)}` : `planned to end ${ukDay(i.plannedEndDate)}`, i.endNotes].filter(Boolean).join('. '),
      status: i.status === 'open' ? 'Running' : status(i.status), key: false, link: `/support-interventions/${i.id}`, recordedBy: recorder(i.leadUserId, by),
    }));
  },
};

const meeting: ChronologySource = {
  kind: 'meeting', permission: 'casework.read',
  rows: (db, f) => rowsSelect(db, 'meeting', meetings.id, londonAt(meetings.date, meetings.startTime))
    .from(meetings).where(and(eq(meetings.pupilId, f.pupilId), inArray(meetings.siteId, f.siteIds), ...dayWithin(meetings.date, f),
      f.keyEvents ? sql`false` : undefined)).$dynamic(),
  async details(db, ids) {
    const rows = await db.select({ m: meetings, at: sql<string>`${londonAt(meetings.date, meetings.startTime)}`, by: users.displayName })
      .from(meetings).leftJoin(users, eq(users.id, meetings.createdBy)).where(inArray(meetings.id, ids));
    return rows.map(({ m, at, by }) => ({
      kind: 'meeting', id: m.id, siteId: m.siteId, occurredAt: pgTimestampToIso(at),
      title: `${MEETING_TYPE_LABELS[m.type as TMeetingType] ?? m.type}${/meeting/i.test(MEETING_TYPE_LABELS[m.type as TMeetingType] ?? '') ? '' : ' meeting'}`,
      detail: m.place, status: status(m.status), key: false, link: `/meetings/${m.id}`, recordedBy: recorder(m.createdBy, by),
    }));
  },
};

const referral: ChronologySource = {
  kind: 'referral', permission: 'casework.read',
  rows: (db, f) => rowsSelect(db, 'referral', referrals.id, sql`coalesce(${londonAt(referrals.madeOn)}, ${referrals.createdAt})`)
    .from(referrals).where(and(eq(referrals.pupilId, f.pupilId), inArray(referrals.siteId, f.siteIds),
      ...dayWithin(sql`coalesce(${referrals.madeOn}, (${referrals.createdAt} at time zone 'Europe/London')::date)`, f),
      f.keyEvents ? sql`${referrals.status} <> 'draft'` : undefined)).$dynamic(),
  async details(db, ids) {
    const rows = await db.select({ r: referrals, agency: agencies.name, at: sql<string>`coalesce(${londonAt(referrals.madeOn)}, ${referrals.createdAt})`, by: users.displayName })
      .from(referrals).innerJoin(agencies, eq(agencies.id, referrals.agencyId)).leftJoin(users, eq(users.id, referrals.referrerId))
      .where(inArray(referrals.id, ids));
    return rows.map(({ r, agency, at, by }) => ({
      kind: 'referral', id: r.id, siteId: r.siteId, occurredAt: pgTimestampToIso(at), title: `Referral to ${agency}`,
      detail: [r.reason, r.expectedResponseOn && !r.respondedOn ? `response expected by ${ukDay(r.expectedResponseOn)}` : null,
        r.respondedOn ? `responded ${ukDay(r.respondedOn)}` : null, r.outcome].filter(Boolean).join('. '),
      status: REFERRAL_STATUS_LABELS[r.status as TReferralStatus] ?? status(r.status), key: r.status !== 'draft', link: `/referrals/${r.id}`,
      recordedBy: recorder(r.referrerId, by),
    }));
  },
};

const visit: ChronologySource = {
  kind: 'visit', permission: 'visit.read',
  rows: (db, f) => rowsSelect(db, 'visit', visits.id, londonAt(visits.startDate, visits.departTime))
    .from(visitPupils).innerJoin(visits, eq(visits.id, visitPupils.visitId))
    .where(and(eq(visitPupils.pupilId, f.pupilId), inArray(visits.siteId, f.siteIds), ...dayWithin(visits.startDate, f),
      f.keyEvents ? sql`false` : undefined)).$dynamic(),
  async details(db, ids) {
    const rows = await db.select({ v: visits, at: sql<string>`${londonAt(visits.startDate, visits.departTime)}`, by: users.displayName })
      .from(visits).leftJoin(users, eq(users.id, visits.createdBy)).where(inArray(visits.id, ids));
    return rows.map(({ v, at, by }) => ({
      kind: 'visit', id: v.id, siteId: v.siteId, occurredAt: pgTimestampToIso(at), title: `Off-site visit: ${v.purpose}`,
      detail: [v.venue, v.endDate !== v.startDate ? `until ${ukDay(v.endDate)}` : null].filter(Boolean).join(', '),
      status: VISIT_STATUS_LABELS[v.status as TVisitStatus] ?? status(v.status), key: false, link: `/visits/${v.id}`,
      recordedBy: recorder(v.createdBy, by),
    }));
  },
};

export const CHRONOLOGY_SOURCES: readonly ChronologySource[] = [detention, isolation, suspension, placement, contact, letter, plan, riskAssessment, intervention, meeting, referral, visit];

