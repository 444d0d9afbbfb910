/** buildApp(): the whole HTTP application, importable by tests (app.inject) and by the server. */
import { analyticsRoutes } from './modules/analytics/analytics.routes.ts';
import { trendAlertRoutes } from './modules/trend-alerts/trend-alerts.routes.ts';
import { exclusionAnalyticsRoutes } from './modules/exclusion-analytics/exclusion-analytics.routes.ts';
import { interventionAnalyticsRoutes } from './modules/intervention-analytics/intervention-analytics.routes.ts';
import { recordQualityRoutes } from './modules/record-quality/record-quality.routes.ts';
import { plansUseRoutes } from './modules/plans-use/plans-use.routes.ts';
import { governanceReportRoutes } from './modules/census/census.routes.ts';
import Fastify, { type FastifyInstance } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import type { z } from 'zod';
import { storable } from '@haven/contracts';
import type { Config } from './config.ts';
import type { Database } from './core/db/client.ts';
import { installErrorHandler } from './core/http/error-handler.ts';
import { openApiTransform, openApiTransformObject } from './core/http/openapi.ts';
import { SafeLogController } from './core/http/log-controller.ts';
import { safeError } from './core/http/safe-error.ts';
import { installSecurityHeaders } from './core/http/security-headers.ts';
import { serveWebApp } from './core/http/web-app.ts';
import { LiveHub } from './core/notify/hub.ts';
import { installAuthentication } from './modules/auth/authenticate.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { pupilRoutes } from './modules/pupils/pupils.routes.ts';
import { adminRoutes } from './modules/admin/admin.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { systemRoutes } from './modules/system/system.routes.ts';
import { behaviourRoutes } from './modules/behaviour/behaviour.routes.ts';
import { chronologyRoutes } from './modules/chronology/chronology.routes.ts';
import { notificationRoutes } from './modules/notifications/notifications.routes.ts';
import { policyRoutes } from './modules/policy/policy.routes.ts';
import { safeguardingRoutes } from './modules/safeguarding/safeguarding.routes.ts';
import { onCallRoutes } from './modules/oncall/oncall.routes.ts';
import { incidentRoutes } from './modules/incidents/incidents.routes.ts';
import { detentionRoutes } from './modules/detentions/detentions.routes.ts';
import { isolationRoutes } from './modules/isolations/isolations.routes.ts';
import { rewardRoutes } from './modules/rewards/rewards.routes.ts';
import { placementRoutes } from './modules/placements/placements.routes.ts';
import { supportInterventionRoutes } from './modules/support-interventions/support-interventions.routes.ts';
import { rotaRoutes } from './modules/rota/rota.routes.ts';
import { calendarRoutes } from './modules/calendar/calendar.routes.ts';
import { staffRoutes } from './modules/staff/staff.routes.ts';
import { groupRoutes } from './modules/groups/groups.routes.ts';
import { exclusionContactsRoutes } from './modules/exclusion-contacts/exclusion-contacts.routes.ts';
import { commsRoutes } from './core/comms/comms.routes.ts';
import { planRoutes } from './modules/plans/plans.routes.ts';
import { letterRoutes } from './modules/letters/letters.routes.ts';
import { trainingRoutes } from './modules/training/training.routes.ts';
import { staffReviewRoutes } from './modules/staff-reviews/staff-reviews.routes.ts';
import { riskAssessmentRoutes } from './modules/risk-assessments/risk-assessments.routes.ts';
import { subjectAccessRoutes } from './modules/subject-access/subject-access.routes.ts';
import { retentionRoutes } from './modules/retention/retention.routes.ts';
import { suspensionRoutes } from './modules/suspensions/suspensions.routes.ts';
import { reportRoutes } from './modules/reports/reports.routes.ts';
import { installLoadShedding } from './core/http/load-shed.ts';
import { importRoutes } from './modules/imports/imports.routes.ts';
import { pupilRecordRoutes } from './modules/people/pupil-records.routes.ts';
import { invitationRoutes } from './modules/invitations/invitations.routes.ts';
import { agencyShareRoutes } from './modules/agency-shares/agency-shares.routes.ts';
import { ctfRoutes } from './modules/ctf/ctf.routes.ts';
import { setupRoutes } from './modules/setup/setup.routes.ts';
import type { SetupGate } from './modules/setup/setup.gate.ts';
import { photoRoutes } from './modules/photos/photos.routes.ts';
import { myDayRoutes } from './modules/my-day/my-day.routes.ts';
import { meetingRoutes } from './modules/meetings/meetings.routes.ts';
import { agencyRoutes } from './modules/agencies/agencies.routes.ts';
import { referralRoutes } from './modules/referrals/referrals.routes.ts';
import { parentPortalRoutes } from './modules/parent-portal/parent-portal.routes.ts';
import { visitRoutes } from './modules/visits/visits.routes.ts';
import { cpTransferRoutes } from './modules/cp-transfer/cp-transfer.routes.ts';

export interface BuildOptions {
  config: Config; database: Database; logger?: boolean;
  /** Where log lines go instead of stdout (tests capture them to prove no sealed content is ever logged). */
  logStream?: DestinationStream;
  /** The first-run page's one-time code (serve.ts makes one when the database holds no trust). */
  setupGate?: SetupGate;
}

/** Each feature module registers its routes here; routes must declare their access (see authenticate.ts). */
export const MODULES = [systemRoutes, authRoutes, pupilRoutes, adminRoutes, auditRoutes, behaviourRoutes, chronologyRoutes, notificationRoutes, policyRoutes, safeguardingRoutes, onCallRoutes, incidentRoutes, staffRoutes, commsRoutes, suspensionRoutes, calendarRoutes, detentionRoutes, isolationRoutes, rewardRoutes, placementRoutes, reportRoutes, analyticsRoutes, trendAlertRoutes, exclusionAnalyticsRoutes, interventionAnalyticsRoutes, recordQualityRoutes, governanceReportRoutes, importRoutes, pupilRecordRoutes, invitationRoutes, agencyShareRoutes, ctfRoutes, setupRoutes, photoRoutes, groupRoutes, exclusionContactsRoutes, myDayRoutes, letterRoutes, planRoutes, trainingRoutes, staffReviewRoutes, supportInterventionRoutes, meetingRoutes, agencyRoutes, referralRoutes, riskAssessmentRoutes, plansUseRoutes, rotaRoutes, parentPortalRoutes, visitRoutes, subjectAccessRoutes, retentionRoutes, cpTransferRoutes];

export async function buildApp({ config, database, logger = true, logStream, setupGate }: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? {
      level: config.logLevel,
      // no pupil data in logs: only method, path (no query string), status and timings; an error as its kind, code and
      // call frames, never its message (a database error's message quotes the statement and its values)
      serializers: {
        req: (r: { method: string; url: string; id: string }) => ({ method: r.method, path: r.url.split('?')[0], id: r.id }),
        err: safeError, error: safeError,
      },
      redact: ['req.headers.cookie', 'req.headers.authorization'],
      ...(logStream ? { stream: logStream } : {}),
    } : false,
    logController: new SafeLogController(),
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.decorate('deps', { database, config, hub: new LiveHub(), ...(setupGate ? { setupGate } : {}) });
  // Every route's input is first checked for what PostgreSQL cannot store (NUL, lone surrogates, integers beyond its
  // range): 400 naming the field, from the one shared check in the contracts, never a database error.
  app.setValidatorCompiler(({ schema, ...route }) => validatorCompiler({ ...route, schema: storable(schema as z.ZodType) }));
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);

  installSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"], workerSrc: ["'self'"], manifestSrc: ["'self'"], fontSrc: ["'self'", 'data:'], objectSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'self'"], formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: config.session.cookieSecure,
  });
  // The API's JSON (and CSV, text) answers go out compressed when the browser accepts it (issue 13: a phone on a slow
  // network): Brotli at quality 4 or gzip, from 1 KB. The web app's files are already compressed by the build
  // (web-app.ts sets their encoding, which this leaves alone); the live-event stream is never compressed.
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Haven API', version: '1', license: { name: 'AGPL-3.0-only', identifier: 'AGPL-3.0-only' },
        description: 'Behaviour, safeguarding and pastoral-support records. Authenticate with the session cookie (and X-CSRF-Token for writes) or an API token (Authorization: Bearer hvn_…).',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'haven_session' }, bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: openApiTransform,
    transformObject: openApiTransformObject([{ url: config.publicUrl, description: 'This Haven server' }]),
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { url: '/api/v1/openapi.json' } as Record<string, unknown> });
  // before sign-in is checked: a request that must wait for a turn costs the database nothing while it waits
  installLoadShedding(app, config.load);
  installAuthentication(app);
  for (const m of MODULES) await app.register(m);

  await serveWebApp(app, config.webDist);
  return app;
}
