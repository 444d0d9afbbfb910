/**
 * The chronology's other kinds of record (SUP-6), each a source: the permission that shows it (held at the record's
 * site), its (kind, id, at) rows for one pupil within the filters, whether a row is a key event, and its details as
 * one ZChronologyRecord. Adding a kind is adding a source here and its name to CHRONOLOGY_KINDS. Quick points and
 * incidents have their own queries in chronology.repo.ts. Sealed safeguarding records are never a source.
 */
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import {
  EXCLUSION_CATEGORY_LABELS, PLACEMENT_KIND_LABELS, PLACEMENT_OUTCOME_LABELS, type TChronologyRecord, type TExclusionCategory,
} from '@haven/contracts';
import type { PgSelect } from 'drizzle-orm/pg-core';
import type { Executor } from '../../core/db/client.ts';
import type { Permission } from '../../core/policy/permissions.ts';
import { pgTimestampToIso } from '../../core/time.ts';
import { communications } from '../../db/schema/comms.ts';
import { exclusions } from '../../db/schema/exclusions.ts';
import { parentContacts } from '../../db/schema/recording.ts';
import { detentionAssignments, detentionSessions, detentionTypes, isolationPupils, isolationSessions, placements } from '../../db/schema/sanctions.ts';
import { users } from '../../db/schema/users.ts';

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

export const CHRONOLOGY_SOURCES: readonly ChronologySource[] = [detention, isolation, suspension, placement, contact, letter];

