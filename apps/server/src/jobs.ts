/**
 * Every background job kind and schedule, registered by importing the file that declares it (like MODULES for
 * routes). The runner (core/jobs/runner.ts) only runs kinds registered here.
 */
import './core/jobs/builtin.ts';
import './core/jobs/idempotency.jobs.ts';
import './core/mail/retry.jobs.ts';
import './modules/incidents/incidents.reminders.ts';
import './modules/risk-assessments/risk-assessments.reminders.ts';
import './modules/oncall/oncall.jobs.ts';
import './modules/plans/plans.reminders.ts';
import './modules/reports/reports.jobs.ts';
import './modules/trend-alerts/trend-alerts.jobs.ts';
import './modules/training/training.reminders.ts';
import './modules/meetings/meetings.jobs.ts';
import './modules/referrals/referrals.jobs.ts';
import './modules/parent-portal/parent-portal.notify.ts';
import './modules/retention/retention.jobs.ts';
import './modules/cp-transfer/cp-transfer.jobs.ts';
