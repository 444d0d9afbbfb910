/**
 * /api/v1/analytics/alert-settings and /api/v1/analytics/alerts (ANA-5). Settings and "evaluate now" need
 * analytics.manage (trust-wide settings a trust-wide role); the alerts list names pupils, so it needs behaviour.read.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZAlertSettingsList, ZAlertSettingsReset, ZAlertSettingsScope, ZAlertSettingsUpdate, ZTrendAlertEvaluate, ZTrendAlertEvaluation,
  ZTrendAlertList, ZTrendAlertQuery,
} from '@haven/contracts';
import { auditContext, requireActor } from '../../core/http/context.ts';
import * as service from './trend-alerts.service.ts';
import { exportAlerts } from './trend-alerts.export.ts';

const tags = ['Analytics'];
const manage = { auth: 'permission', permission: 'analytics.manage' } as const;
const records = { auth: 'permission', permission: 'behaviour.read' } as const;

export async function trendAlertRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/v1/analytics/alert-settings', {
    config: { access: manage },
    schema: { tags, summary: 'Trend-alert settings: the trust-wide ones and those in force at each site whose alerts you configure (ANA-5)', response: { 200: ZAlertSettingsList } },
  }, async (req) => service.getSettings(app.deps, requireActor(req)));

  r.put('/api/v1/analytics/alert-settings', {
    config: { access: manage },
    schema: { tags, summary: "Save the trust-wide settings (siteId null: a trust-wide role only) or a site's own; send the version you read", body: ZAlertSettingsUpdate, response: { 200: ZAlertSettingsScope } },
  }, async (req) => service.saveSettings(app.deps, requireActor(req), auditContext(req), req.body));

  r.delete('/api/v1/analytics/alert-settings/sites/:siteId', {
    config: { access: manage },
    schema: { tags, summary: "Remove a site's own settings, so the trust-wide ones apply there again", params: z.object({ siteId: z.uuid() }), querystring: ZAlertSettingsReset, response: { 200: ZAlertSettingsScope } },
  }, async (req) => service.resetSiteSettings(app.deps, requireActor(req), auditContext(req), req.params.siteId.toLowerCase(), req.query.version));

  r.get('/api/v1/analytics/alerts', {
    config: { access: records },
    schema: { tags, summary: 'Trend alerts raised at your sites, newest first: the site or pupil, the measure, both periods with their counts and rates. ?format=csv|xlsx downloads every page', querystring: ZTrendAlertQuery, response: { 200: ZTrendAlertList } },
  }, async (req, reply) => (req.query.format
    ? exportAlerts(app.deps, req, reply, requireActor(req), req.query, req.query.format)
    : service.listAlerts(app.deps, requireActor(req), req.query)));

  r.post('/api/v1/analytics/alerts/evaluate', {
    config: { access: manage },
    schema: { tags, summary: 'Evaluate trend alerts now for your sites (as the daily job does after school); raises only alerts not raised before', body: ZTrendAlertEvaluate, response: { 200: ZTrendAlertEvaluation } },
  }, async (req) => service.evaluateNow(app.deps, requireActor(req), auditContext(req), req.body, req.log));
}
