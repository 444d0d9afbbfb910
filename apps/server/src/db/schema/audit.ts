/** The tamper-evident audit log (CMP-2): one hash chain; each entry hashes its predecessor. */
import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const auditEntries = pgTable('audit_entries', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  id: uuid('id').notNull(),
  trustId: uuid('trust_id'),
  at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
  actorUserId: uuid('actor_user_id'),
  actorLabel: text('actor_label').notNull(),
  ip: text('ip'),
  requestId: text('request_id'),
  action: text('action').notNull(),
  entityType: text('entity_type').notNull(),
  entityId: text('entity_id'),
  siteId: uuid('site_id'),
  details: jsonb('details').notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
}, (t) => [
  index('audit_entries_trust_at_idx').on(t.trustId, t.at),
  index('audit_entries_entity_idx').on(t.entityType, t.entityId),
]);
