/**
 * /api/v1/setup: the first-run page's API. Public (nobody can sign in yet) but closed twice over: every route answers
 * 404 once the database holds a trust, or when this server made no one-time code; and the code printed to the
 * server's log must be given (wrong, expired or spent: 401, saying which).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZSetupCode, ZSetupInput, ZSetupProposal, ZSetupResult, ZSetupStatus } from '@haven/contracts';
import { AppError } from '../../core/http/errors.ts';
import { auditContext } from '../../core/http/context.ts';
import { schoolToday } from '../../core/time.ts';
import type { CodeCheck, SetupGate } from './setup.gate.ts';
import { needsSetup, runSetup } from './setup.service.ts';
import { setupCalendar } from './setup.rules.ts';

const tags = ['First run'];
const CODE_REFUSALS: Record<Exclude<CodeCheck, 'ok'>, AppError> = {
  wrong: new AppError(401, 'setup_code_wrong', 'That is not the one-time code. Copy it from the server’s log (the line "First-run setup code").'),
  expired: new AppError(401, 'setup_code_expired', 'The one-time code has expired. Restart the Haven server: it prints a new code to its log.'),
  used: new AppError(401, 'setup_code_used', 'That one-time code can no longer be used. Restart the Haven server: it prints a new code to its log.'),
};
const notFound = () => new AppError(404, 'not_found', 'No such endpoint.');

export async function setupRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limit = { max: app.deps.config.login.ratePerMinute, timeWindow: '1 minute' };
  /** The gate, while setup is still possible; 404 otherwise. */
  const open = async (): Promise<SetupGate> => {
    const gate = app.deps.setupGate;
    if (!gate || !(await needsSetup(app.deps.database))) throw notFound();
    return gate;
  };
  const refuse = (c: CodeCheck) => { if (c !== 'ok') throw CODE_REFUSALS[c]; };

  r.get('/api/v1/setup', {
    config: { access: { auth: 'public' } },
    schema: { tags, summary: 'Whether this server is waiting to be set up (404 once a trust exists)', response: { 200: ZSetupStatus } },
  }, async () => ({ needed: true as const, codeExpiresAt: (await open()).expires.toISOString() }));

  r.post('/api/v1/setup/check', {
    config: { access: { auth: 'public' }, rateLimit: limit },
    schema: { tags, summary: "Check the one-time code; answers this academic year's calendar from England's usual dates, to adjust", body: ZSetupCode, response: { 200: ZSetupProposal } },
  }, async (req) => {
    refuse((await open()).check(req.body.code));
    return setupCalendar(schoolToday(app.deps));
  });

  r.post('/api/v1/setup', {
    config: { access: { auth: 'public' }, rateLimit: limit },
    schema: { tags, summary: 'Set Haven up: the trust, its sites, the calendar and the first trust administrator (two-factor at first sign-in)', body: ZSetupInput, response: { 201: ZSetupResult } },
  }, async (req, reply) => {
    const gate = await open();
    refuse(gate.claim(req.body.code));
    try {
      const { ip, requestId } = auditContext(req, null);
      const result = await runSetup(app.deps.database, req.body, { today: schoolToday(app.deps), audit: { actorLabel: 'first-run page (one-time code)', ip, requestId } });
      gate.spend();
      return reply.status(201).send(result);
    } catch (e) {
      gate.release();
      throw e;
    }
  });
}
