/**
 * The registry of job kinds: a module registers a handler once (at import), then enqueues jobs of that kind inside
 * its use case's transaction. Daily reminders ("deadlines and reminders") register with registerDailyReminder and
 * are run once each school-calendar day by the built-in `reminders.daily` schedule.
 */
import type { Database } from '../db/client.ts';
import type { Deps } from '../http/context.ts';
import type { AuditContext } from '../audit/audit.ts';
import type { Mailer } from '../mail/mailer.ts';

export interface JobLog { info(obj: object, msg: string): void; warn(obj: object, msg: string): void }

export interface JobContext {
  deps: Deps;
  database: Database;
  mailer: Mailer;
  job: { id: string; kind: string; trustId: string | null; attempts: number; maxAttempts: number };
  /** The time the runner is working to (the clock, or the test's). */
  now: Date;
  /** Audit context for writes made by this job: actor "system (job <kind>)". */
  audit: AuditContext;
  log: JobLog;
}

export type JobHandler = (ctx: JobContext, payload: Record<string, unknown>) => Promise<void>;

export interface JobDefinition { handler: JobHandler; maxAttempts?: number }

/** A recurring schedule declared in code (created or updated in the database when the runner starts). */
export interface BuiltinSchedule { name: string; kind: string; cron: string; timezone?: string; payload?: Record<string, unknown> }

const kinds = new Map<string, JobDefinition>();
const schedules = new Map<string, BuiltinSchedule>();
const dailyReminders = new Set<string>();

export const REMINDER_PREFIX = 'reminder:';

export function registerJob(kind: string, def: JobDefinition | JobHandler): void {
  if (!/^[a-z][a-z0-9_.:-]{1,80}$/.test(kind)) throw new Error(`Job kind "${kind}" must be lower-case letters, digits and . _ : -`);
  if (kinds.has(kind)) throw new Error(`Job kind "${kind}" is registered twice`);
  kinds.set(kind, typeof def === 'function' ? { handler: def } : def);
}

/** A job run every morning (the `reminders.daily` schedule), each on its own so that one failing does not stop the others. */
export function registerDailyReminder(name: string, handler: JobHandler): void {
  registerJob(`${REMINDER_PREFIX}${name}`, { handler, maxAttempts: 3 });
  dailyReminders.add(name);
}

export function registerSchedule(s: BuiltinSchedule): void {
  if (schedules.has(s.name)) throw new Error(`Schedule "${s.name}" is registered twice`);
  schedules.set(s.name, s);
}
export function builtinSchedules(): BuiltinSchedule[] { return [...schedules.values()]; }

export function jobDefinition(kind: string): JobDefinition | undefined { return kinds.get(kind); }
export function registeredKinds(): string[] { return [...kinds.keys()].sort(); }
export function dailyReminderNames(): string[] { return [...dailyReminders].sort(); }

export function jobAuditContext(kind: string, trustId: string | null): AuditContext {
  return { trustId, actorUserId: null, actorLabel: `system (job ${kind})`, ip: null, requestId: null };
}
