/** The escalation timer of a call for help: one job per call and level, queued when the call is raised (or escalates). */
import { registerJob } from '../../core/jobs/registry.ts';
import { ESCALATE_KIND, escalate } from './oncall-escalation.service.ts';

registerJob(ESCALATE_KIND, { maxAttempts: 5, handler: escalate });
