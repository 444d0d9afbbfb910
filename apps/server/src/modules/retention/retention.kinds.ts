/**
 * Every kind of record the retention engine (CMP-1) can purge, as data: which rows are candidates (one row per
 * record and pupil: id, site_id, pupil_id, record_date, closure_date; $1 is the trust), and the statements that
 * remove a batch of records ($1 is the batch's record ids) from every table that holds part of the record. Each
 * statement returns one (rid, t) row per row it removed or unlinked — the record id and the table — so the
 * tombstone can say what went; a statement marked `silent` is not counted (it touches a sealed table on behalf of
 * an ordinary record, and even a count would tell a reader that a sealed record exists). Attachments return their
 * storage path too, so their files are removed once the batch has committed.
 *
 * The order matters: children before parents (foreign keys are not cascading), links from records of other kinds
 * cleared (set to null) rather than those records deleted. Adding a kind: its name in RETENTION_KINDS (contracts),
 * a default rule in retention.rules.ts, and an entry here.
 */
import type { TRetentionKind } from '@haven/contracts';
import { statement, type Statement } from '../../core/db/prepared.ts';

export interface PurgeStep { st: Statement; silent?: boolean }
export interface KindSpec { kind: TRetentionKind; candidates: string; steps: PurgeStep[] }

const ids = '$1::uuid[]';
const london = (ts: string) => `(${ts} at time zone 'Europe/London')::date`;
const del = (table: string, col: string, extra = '') =>
  `delete from ${table} where ${col} = any(${ids})${extra} returning ${col} as rid, '${table}' as t`;
/** Unlinks rows of another kind that point at these records (the other record stays). */
const unlink = (table: string, col: string) =>
  `with x as (select id, ${col} as rid from ${table} where ${col} = any(${ids}) for update)
   update ${table} y set ${col} = null from x where y.id = x.id returning x.rid, '${table} (link removed)' as t`;
const attachmentsOf = (ownerType: string) =>
  `delete from attachments where owner_type = '${ownerType}' and owner_id = any(${ids})
   returning owner_id as rid, 'attachments' as t, storage, storage_path`;
const contactsAbout = (...types: string[]) => del('parent_contacts', 'record_id', ` and record_type in (${types.map((t) => `'${t}'`).join(', ')})`);
const sharedRecords = (type: string) => del('agency_share_records', 'record_id', ` and record_type = '${type}'`);
/** Tasks raised about these records (their titles name the pupil); links to them from meeting actions and plan triggers cleared first. */
const TASKS = `with x as (select id, source_id from tasks where source_id = any(${ids})),
    m as (update meeting_actions set task_id = null where task_id in (select id from x)),
    p as (update plan_review_triggers set task_id = null where task_id in (select id from x))
  delete from tasks t using x where t.id = x.id returning x.source_id as rid, 'tasks' as t`;
const step = (text: string, silent = false): PurgeStep => ({ st: statement(text), ...(silent ? { silent } : {}) });

const SPECS: Record<TRetentionKind, KindSpec> = {
  quick_point: {
    kind: 'quick_point',
    candidates: `select id, site_id, pupil_id, occurred_on as record_date, occurred_on as closure_date from behaviour_events where trust_id = $1`,
    steps: [step(del('behaviour_events', 'id'))],
  },
  incident: {
    kind: 'incident',
    candidates: `select i.id, i.site_id, ip.pupil_id, coalesce(i.occurred_on, ${london('i.created_at')}) as record_date,
        ${london('coalesce(i.signed_off_at, i.voided_at)')} as closure_date
      from incidents i left join incident_pupils ip on ip.incident_id = i.id where i.trust_id = $1`,
    steps: [
      step(unlink('detention_assignments', 'incident_id')), step(unlink('isolation_pupils', 'incident_id')),
      step(unlink('plan_review_triggers', 'incident_id')), step(unlink('exclusions', 'incident_id')),
      step(unlink('safeguarding_concerns', 'incident_id'), true),
      step(del('incident_certificate_flags', 'incident_id')),
      step(`delete from post_incident_review_links l using post_incident_reviews r where l.review_id = r.id and r.incident_id = any(${ids})
            returning r.incident_id as rid, 'post_incident_review_links' as t`),
      step(del('post_incident_reviews', 'incident_id')), step(del('pi_parent_copies', 'incident_id')), step(del('incident_plan_checks', 'incident_id')),
      step(del('physical_interventions', 'incident_id')), step(del('incident_versions', 'incident_id')), step(del('incident_staff', 'incident_id')),
      step(del('incident_pupils', 'incident_id')), step(contactsAbout('incident')), step(sharedRecords('incident')), step(attachmentsOf('incident')),
      step(del('incidents', 'id')),
    ],
  },
  safeguarding_concern: {
    kind: 'safeguarding_concern',
    candidates: `select c.id, c.site_id, cp.pupil_id, ${london('c.raised_at')} as record_date,
        case when c.status = 'closed' then ${london('coalesce(c.triaged_at, c.raised_at)')} end as closure_date
      from safeguarding_concerns c left join safeguarding_concern_pupils cp on cp.concern_id = c.id where c.trust_id = $1`,
    steps: [step(del('safeguarding_concern_pupils', 'concern_id')), step(attachmentsOf('safeguarding_concern')), step(del('safeguarding_concerns', 'id'))],
  },
  detention: {
    kind: 'detention',
    candidates: `select a.id, a.site_id, a.pupil_id, s.date as record_date, s.date as closure_date
      from detention_assignments a join detention_sessions s on s.id = a.session_id where a.trust_id = $1`,
    steps: [step(unlink('detention_assignments', 'previous_assignment_id')), step(contactsAbout('detention')), step(del('detention_assignments', 'id'))],
  },
  isolation: {
    kind: 'isolation',
    candidates: `select p.id, p.site_id, p.pupil_id, s.date as record_date, s.date as closure_date
      from isolation_pupils p join isolation_sessions s on s.id = p.session_id where p.trust_id = $1`,
    steps: [step(contactsAbout('isolation')), step(del('isolation_pupils', 'id'))],
  },
  suspension: {
    kind: 'suspension',
    candidates: `select id, site_id, pupil_id, start_date as record_date,
        case when status = 'cancelled' then ${london('cancelled_at')} else coalesce(return_date, last_day, start_date) end as closure_date
      from exclusions where trust_id = $1`,
    steps: [step(unlink('exclusions', 'previous_exclusion_id')), step(del('exclusion_notifications', 'exclusion_id')),
      step(contactsAbout('suspension', 'exclusion')), step(sharedRecords('suspension')), step(del('exclusions', 'id'))],
  },
  placement: {
    kind: 'placement',
    candidates: `select id, site_id, pupil_id, start_date as record_date, case when status <> 'active' then coalesce(end_date, start_date) end as closure_date
      from placements where trust_id = $1`,
    steps: [step(del('placement_reviews', 'placement_id')), step(del('placements', 'id'))],
  },
  contact: {
    kind: 'contact',
    candidates: `select id, site_id, pupil_id, ${london('contacted_at')} as record_date, ${london('contacted_at')} as closure_date from parent_contacts where trust_id = $1`,
    steps: [step(del('parent_contacts', 'id'))],
  },
  letter: {
    kind: 'letter',
    candidates: `select id, site_id, pupil_id, ${london('created_at')} as record_date, ${london('coalesce(sent_at, created_at)')} as closure_date
      from communications where trust_id = $1`,
    steps: [step(`with d as (delete from communications where id = any(${ids}) returning id, attachment_id),
        a as (delete from communication_attachments ca using d where ca.id = d.attachment_id
               and not exists (select 1 from communications c where c.attachment_id = ca.id and c.id <> all(${ids})) returning d.id)
      select id as rid, 'communications' as t from d union all select id as rid, 'communication_attachments' as t from a`)],
  },
  plan: {
    kind: 'plan',
    candidates: `select id, site_id, pupil_id, ${london('coalesce(activated_at, created_at)')} as record_date, ${london('superseded_at')} as closure_date
      from behaviour_support_plans where trust_id = $1`,
    steps: [step(unlink('risk_assessments', 'plan_id')), step(del('plan_review_triggers', 'plan_id')), step(del('incident_plan_checks', 'plan_id')),
      step(del('behaviour_support_plan_acknowledgements', 'plan_id')), step(del('behaviour_support_plan_changes', 'plan_id')),
      step(del('behaviour_support_plan_versions', 'plan_id')), step(sharedRecords('plan')), step(del('behaviour_support_plans', 'id'))],
  },
  risk_assessment: {
    kind: 'risk_assessment',
    candidates: `select id, site_id, pupil_id, ${london('coalesce(activated_at, created_at)')} as record_date, ${london('superseded_at')} as closure_date
      from risk_assessments where trust_id = $1`,
    steps: [step(del('risk_assessment_versions', 'assessment_id')), step(sharedRecords('risk_assessment')), step(del('risk_assessments', 'id'))],
  },
  intervention: {
    kind: 'intervention',
    candidates: `select i.id, i.site_id, ip.pupil_id, i.start_date as record_date, i.ended_on as closure_date
      from support_interventions i left join support_intervention_pupils ip on ip.intervention_id = i.id where i.trust_id = $1`,
    steps: [
      step(`delete from support_attendance a using support_sessions s where a.session_id = s.id and s.intervention_id = any(${ids})
            returning s.intervention_id as rid, 'support_attendance' as t`),
      step(del('support_sessions', 'intervention_id')), step(del('support_daily_points', 'intervention_id')), step(del('support_measures', 'intervention_id')),
      step(del('support_intervention_pupils', 'intervention_id')), step(del('support_interventions', 'id')),
    ],
  },
  meeting: {
    kind: 'meeting',
    candidates: `select id, site_id, pupil_id, date as record_date, date as closure_date from meetings where trust_id = $1`,
    steps: [
      step(`with a as (delete from meeting_actions where meeting_id = any(${ids}) returning meeting_id, task_id),
          k as (delete from tasks t using a where t.id = a.task_id returning a.meeting_id)
        select meeting_id as rid, 'meeting_actions' as t from a union all select meeting_id as rid, 'tasks' as t from k`),
      step(del('tasks', 'source_id', ` and source_type = 'meeting'`)), step(del('meetings', 'id')),
    ],
  },
  referral: {
    kind: 'referral',
    candidates: `select id, site_id, pupil_id, coalesce(made_on, ${london('created_at')}) as record_date, responded_on as closure_date from referrals where trust_id = $1`,
    steps: [step(unlink('professional_reports', 'referral_id')), step(del('referrals', 'id'))],
  },
  professional_report: {
    kind: 'professional_report',
    candidates: `select id, site_id, pupil_id, report_date as record_date, report_date as closure_date from professional_reports where trust_id = $1`,
    steps: [step(attachmentsOf('professional_report')), step(sharedRecords('professional_report')), step(del('professional_reports', 'id'))],
  },
};

/** Every kind with its tasks step before the last (the record's own row). */
export const KIND_SPECS: Record<TRetentionKind, KindSpec> = Object.fromEntries(Object.entries(SPECS).map(([k, spec]) => [k, {
  ...spec, steps: [...spec.steps.slice(0, -1), step(TASKS), ...spec.steps.slice(-1)],
}])) as Record<TRetentionKind, KindSpec>;
