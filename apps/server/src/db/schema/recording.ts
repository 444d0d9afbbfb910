/**
 * What staff record (INC-1 … INC-6, REV-1 … REV-3): quick behaviour events, full incidents with pupils and staff,
 * physical interventions, versions, review actions, post-incident reviews and attachments.
 */
import { sql } from 'drizzle-orm';
import { boolean, customType, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sites, trusts } from './platform.ts';
import { users } from './users.ts';
import { pupils, staffMembers } from './pupils.ts';
import { visits } from './visits.ts';

/** Binary content (files kept in the database). */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** A quick point (INC-1): one row per pupil; a multi-pupil log shares a batch id. Undo voids, never deletes. */
export const behaviourEvents = pgTable('behaviour_events', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  pupilId: uuid('pupil_id').notNull().references(() => pupils.id),
  batchId: uuid('batch_id').notNull(),
  categoryId: uuid('category_id').notNull(),
  categoryCode: text('category_code').notNull(),
  polarity: text('polarity').notNull(),
  severity: integer('severity').notNull(),
  points: integer('points').notNull(),
  occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  /** The school day (Europe/London) the event belongs to. */
  occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
  periodCode: text('period_code'),
  locationCode: text('location_code'),
  note: text('note'),
  recordedBy: uuid('recorded_by').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  voidedAt: timestamp('voided_at', { withTimezone: true }),
  voidedBy: uuid('voided_by').references(() => users.id),
  voidReason: text('void_reason'),
}, (t) => [
  index('behaviour_events_pupil_idx').on(t.pupilId, t.occurredAt),
  index('behaviour_events_site_day_idx').on(t.siteId, t.occurredOn),
  index('behaviour_events_batch_idx').on(t.batchId),
]);

/** A full incident (INC-2). status: draft | submitted | returned | signed_off; voiding is separate and keeps status. */
export const incidents = pgTable('incidents', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  status: text('status').notNull().default('draft'),
  occurredAt: timestamp('occurred_at', { withTimezone: true }),
  occurredOn: date('occurred_on', { mode: 'string' }),
  locationCode: text('location_code'),
  periodCode: text('period_code'),
  severity: integer('severity'),
  categoryCodes: jsonb('category_codes').notNull().default([]),
  antecedent: text('antecedent'),
  behaviour: text('behaviour'),
  consequence: text('consequence'),
  motivationCode: text('motivation_code'),
  actionCodes: jsonb('action_codes').notNull().default([]),
  dfeReasonCode: text('dfe_reason_code'),
  formVersionId: uuid('form_version_id'),
  customValues: jsonb('custom_values').notNull().default({}),
  /** Force, restraint or seclusion was used: the physical intervention section is required (INC-3, LAW-10). */
  physicalIntervention: boolean('physical_intervention').notNull().default(false),
  /** Serious (severity at or above the site's threshold, or any physical intervention): hidden from parents until signed off. */
  serious: boolean('serious').notNull().default(false),
  /** The off-site visit the incident happened on (TRP-4), when it did. */
  visitId: uuid('visit_id').references(() => visits.id),
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  firstSubmittedAt: timestamp('first_submitted_at', { withTimezone: true }),
  submittedAt: timestamp('submitted_at', { withTimezone: true }),
  signedOffAt: timestamp('signed_off_at', { withTimezone: true }),
  signedOffBy: uuid('signed_off_by').references(() => users.id),
  voidedAt: timestamp('voided_at', { withTimezone: true }),
  voidedBy: uuid('voided_by').references(() => users.id),
  voidReason: text('void_reason'),
}, (t) => [
  index('incidents_site_status_idx').on(t.siteId, t.status, t.submittedAt),
  index('incidents_site_day_idx').on(t.siteId, t.occurredOn),
  index('incidents_author_idx').on(t.createdBy),
]);

/** role: involved | instigator | affected | witness */
export const incidentPupils = pgTable('incident_pupils', {
  incidentId: uuid('incident_id').notNull().references(() => incidents.id),
  pupilId: uuid('pupil_id').notNull().references(() => pupils.id),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  role: text('role').notNull(),
}, (t) => [primaryKey({ columns: [t.incidentId, t.pupilId] }), index('incident_pupils_pupil_idx').on(t.pupilId)]);

/** role: involved | witness */
export const incidentStaff = pgTable('incident_staff', {
  incidentId: uuid('incident_id').notNull().references(() => incidents.id),
  staffId: uuid('staff_id').notNull().references(() => staffMembers.id),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  role: text('role').notNull(),
}, (t) => [primaryKey({ columns: [t.incidentId, t.staffId] })]);

/** The physical intervention section of an incident (INC-3, LAW-10), one per pupil restrained. */
export const physicalInterventions = pgTable('physical_interventions', {
  id: uuid('id').primaryKey(),
  incidentId: uuid('incident_id').notNull().references(() => incidents.id),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  pupilId: uuid('pupil_id').references(() => pupils.id),
  /** LAW-10: force_with_contact | restraint_without_contact | seclusion | immobilisation */
  kind: text('kind'),
  /** LAW-10: the pupil's SEN status (none | sen_support | ehcp) taken when the pupil was recorded on it, kept as it was. */
  pupilSenStatus: text('pupil_sen_status'),
  startedAt: timestamp('started_at', { withTimezone: true }),
  endedAt: timestamp('ended_at', { withTimezone: true }),
  durationMinutes: integer('duration_minutes'),
  /** [{ staffId, techniqueCodes: string[] }] */
  staffTechniques: jsonb('staff_techniques').notNull().default([]),
  reason: text('reason'),
  deescalationTried: text('deescalation_tried'),
  pupilInjured: boolean('pupil_injured').notNull().default(false),
  staffInjured: boolean('staff_injured').notNull().default(false),
  injuryNotes: text('injury_notes'),
  /** [{ person: pupil|staff, side: front|back, x: 0..1, y: 0..1, note }] */
  bodyMap: jsonb('body_map').notNull().default([]),
  medicalAttention: text('medical_attention'),
  /** LAW-10: the support offered afterwards. */
  supportOffered: text('support_offered'),
  pupilDebriefAt: timestamp('pupil_debrief_at', { withTimezone: true }),
  pupilDebriefBy: uuid('pupil_debrief_by').references(() => staffMembers.id),
  staffDebriefAt: timestamp('staff_debrief_at', { withTimezone: true }),
  staffDebriefBy: uuid('staff_debrief_by').references(() => staffMembers.id),
  parentInformedAt: timestamp('parent_informed_at', { withTimezone: true }),
  parentInformedHow: text('parent_informed_how'),
  parentInformedBy: uuid('parent_informed_by').references(() => staffMembers.id),
}, (t) => [index('physical_interventions_incident_idx').on(t.incidentId), index('physical_interventions_site_idx').on(t.siteId, t.startedAt)]);

/** Every saved change of an incident, as a full snapshot, so the app can show who changed what and when (INC-6). */
export const incidentVersions = pgTable('incident_versions', {
  id: uuid('id').primaryKey(),
  incidentId: uuid('incident_id').notNull().references(() => incidents.id),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  version: integer('version').notNull(),
  /** create | edit | submit | return | resubmit | sign_off | void */
  change: text('change').notNull(),
  snapshot: jsonb('snapshot').notNull(),
  changedBy: uuid('changed_by').notNull().references(() => users.id),
  changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  comment: text('comment'),
}, (t) => [index('incident_versions_incident_idx').on(t.incidentId, t.version)]);

/** Post-incident review (REV-3) for significant incidents. */
export const postIncidentReviews = pgTable('post_incident_reviews', {
  id: uuid('id').primaryKey(),
  incidentId: uuid('incident_id').notNull().references(() => incidents.id),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  whatHappened: text('what_happened'),
  learning: text('learning'),
  planChanges: text('plan_changes'),
  riskAssessmentChanges: text('risk_assessment_changes'),
  staffSupport: text('staff_support'),
  /** open | completed */
  status: text('status').notNull().default('open'),
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  completedBy: uuid('completed_by').references(() => users.id),
  completedAt: timestamp('completed_at', { withTimezone: true }),
});

/** Parent contact log entries on any record (INC-6). */
export const parentContacts = pgTable('parent_contacts', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  pupilId: uuid('pupil_id').notNull().references(() => pupils.id),
  recordType: text('record_type').notNull(),
  recordId: uuid('record_id').notNull(),
  contactedAt: timestamp('contacted_at', { withTimezone: true }).notNull(),
  method: text('method').notNull(),
  contactName: text('contact_name'),
  summary: text('summary').notNull(),
  recordedBy: uuid('recorded_by').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('parent_contacts_record_idx').on(t.recordType, t.recordId), index('parent_contacts_pupil_idx').on(t.pupilId, t.contactedAt)]);

/**
 * LAW-12: each decision about a parent's copy of the record of a physical intervention, per pupil of an incident:
 * 'sent' (the copy queued to the contacts with parental responsibility, `communicationIds` in the communications
 * log) or 'withheld' (with the reason and an explanation). The latest decision per pupil stands; none are deleted.
 */
export const parentCopies = pgTable('pi_parent_copies', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  incidentId: uuid('incident_id').notNull().references(() => incidents.id),
  pupilId: uuid('pupil_id').notNull().references(() => pupils.id),
  /** sent | withheld */
  action: text('action').notNull(),
  /** risk_of_significant_harm | pupil_aged_20_or_over (withheld only) */
  withholdReason: text('withhold_reason'),
  explanation: text('explanation'),
  communicationIds: jsonb('communication_ids').notNull().default([]),
  decidedBy: uuid('decided_by').notNull().references(() => users.id),
  decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('pi_parent_copies_incident_idx').on(t.incidentId, t.pupilId, t.decidedAt)]);

/**
 * Files attached to a record: on disk (embedded database) or in the database / a configured directory (core/files/store.ts).
 * Owners: 'incident' (an incident's attachments), 'pupil_photo' and 'staff_photo' (the owner is the pupil or staff record),
 * 'photo_thumbnail' (the owner is the photo's own row). A replaced or removed photo is voided, never deleted.
 */
export const attachments = pgTable('attachments', {
  id: uuid('id').primaryKey(),
  trustId: uuid('trust_id').notNull().references(() => trusts.id),
  siteId: uuid('site_id').notNull().references(() => sites.id),
  ownerType: text('owner_type').notNull(),
  ownerId: uuid('owner_id').notNull(),
  filename: text('filename').notNull(),
  contentType: text('content_type').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  sha256: text('sha256').notNull(),
  /** disk | database */
  storage: text('storage').notNull(),
  storagePath: text('storage_path'),
  data: bytea('data'),
  uploadedBy: uuid('uploaded_by').notNull().references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  voidedAt: timestamp('voided_at', { withTimezone: true }),
}, (t) => [
  index('attachments_owner_idx').on(t.ownerType, t.ownerId),
  // a pupil or member of staff has at most one current photo (and a photo one current thumbnail): modules/photos
  uniqueIndex('attachments_current_photo_uq').on(t.ownerType, t.ownerId)
    .where(sql`voided_at is null and owner_type in ('pupil_photo', 'staff_photo', 'photo_thumbnail')`),
]);
