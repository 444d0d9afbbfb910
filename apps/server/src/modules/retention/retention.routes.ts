/**
 * /api/v1/retention: the retention schedule (CMP-1), the review list of records past their date with a drill-down,
 * legal holds, purge runs (a dry run first, then confirmed) and the tombstones they leave. Trust administrators
 * work with every kind but sealed safeguarding records; DSLs with those, at their sites (the service checks which).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ZRetentionDue, ZRetentionDueQuery, ZRetentionHold, ZRetentionHoldCreate, ZRetentionHoldRelease, ZRetentionHolds, ZRetentionHoldsQuery, ZRetentionIdParams,
  ZRetentionKindParams, ZRetentionRecords, ZRetentionRecordsQuery, ZRetentionRuleUpdate, ZRetentionRules, ZRetentionRun, ZRetentionRunCreate, ZRetentionRuns,
  ZRetentionTombstones, ZRetentionTombstonesQuery,
} from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as service from './retention.service.ts';

const tags = ['Retention'];
const read = { access: { auth: 'permission', permission: ['retention.records', 'retention.sealed', 'retention.schedule.manage'] } } as const;
const work = { access: { auth: 'permission', permission: ['retention.records', 'retention.sealed'] } } as const;
const schedule = { access: { auth: 'permission', permission: 'retention.schedule.manage' } } as const;

export async function retentionRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/retention/rules', {
    config: read, schema: { tags, summary: "The trust's retention schedule: for each kind of record, the date it counts from, the years, and the basis", response: { 200: ZRetentionRules } },
  }, async (req) => service.getRules(app.deps, requireActor(req)));

  r.put('/api/v1/retention/rules/:kind', {
    config: schedule, schema: { tags, summary: 'Change the rule for one kind of record (audited with before and after)', params: ZRetentionKindParams, body: ZRetentionRuleUpdate, response: { 200: ZRetentionRules } },
  }, async (req) => service.updateRule(app.deps, requireActor(req), auditContext(req), req.params.kind, req.body));

  r.get('/api/v1/retention/due', {
    config: work, schema: { tags, summary: 'How many records of each kind at each site are past their retention date, and how many of those are on hold', querystring: ZRetentionDueQuery, response: { 200: ZRetentionDue } },
  }, async (req) => service.due(app.deps, requireActor(req), req.query.asOf));

  r.get('/api/v1/retention/due/records', {
    config: work, schema: { tags, summary: 'The records of one kind at one site past their date: ids, pupils, dates and holds, never content (sealed kinds: audited)', querystring: ZRetentionRecordsQuery, response: { 200: ZRetentionRecords } },
  }, async (req) => service.records(app.deps, requireActor(req), auditContext(req), req.query));

  r.get('/api/v1/retention/holds', {
    config: work, schema: { tags, summary: 'Legal holds (?active=true: only those in force)', querystring: ZRetentionHoldsQuery, response: { 200: ZRetentionHolds } },
  }, async (req) => service.listHolds(app.deps, requireActor(req), req.query.active === 'true'));

  r.post('/api/v1/retention/holds', {
    config: work, schema: { tags, summary: 'Place a legal hold on all of a pupil\'s records or on one record, with the reason (audited)', body: ZRetentionHoldCreate, response: { 201: ZRetentionHold } },
  }, async (req, reply) => reply.status(201).send(await service.placeHold(app.deps, requireActor(req), auditContext(req), req.body)));

  r.post('/api/v1/retention/holds/:id/release', {
    config: work, schema: { tags, summary: 'Release a legal hold, with the reason (audited; the hold is kept as history)', params: ZRetentionIdParams, body: ZRetentionHoldRelease, response: { 200: ZRetentionHold } },
  }, async (req) => service.releaseHold(app.deps, requireActor(req), auditContext(req), req.params.id, req.body.reason));

  r.get('/api/v1/retention/runs', {
    config: work, schema: { tags, summary: 'Confirmed purge runs, newest first', response: { 200: ZRetentionRuns } },
  }, async (req) => service.listRuns(app.deps, requireActor(req)));

  r.post('/api/v1/retention/runs', {
    config: work,
    schema: { tags, summary: 'A dry run (what would be removed; writes nothing) or a confirmed purge run (with the dry run\'s total as expectedTotal)', body: ZRetentionRunCreate, response: { 200: ZRetentionRun } },
  }, async (req) => service.run(app.deps, requireActor(req), auditContext(req), req.body));

  r.get('/api/v1/retention/tombstones', {
    config: work, schema: { tags, summary: 'What purges removed: kind, record id, pupil ids, dates, the rule and the rows removed per table', querystring: ZRetentionTombstonesQuery, response: { 200: ZRetentionTombstones } },
  }, async (req) => service.listTombstones(app.deps, requireActor(req), req.query));
}
