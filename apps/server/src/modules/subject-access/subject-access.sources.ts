/**
 * Every kind of record Haven holds about a pupil, for a subject access request (DAT-3): one query a kind, each row
 * (id, at, data) with the whole row as JSON (to_jsonb, so a column added later is released without a change here) and
 * what makes it readable joined in. `tables` names the tables with a pupil_id column that a kind covers: the
 * completeness test (test/api/subject-access.completeness.test.ts) fails when a table with a pupil_id column is in
 * no kind and not in SAR_EXCLUDED_TABLES. Sealed kinds are the DSL's alone and are withheld until the DSL decides.
 * This is wider than the chronology's sources (modules/chronology/chronology.sources.ts): every row, every column.
 */
import { sql, type SQL } from 'drizzle-orm';

export interface SarSource {
  kind: string;
  label: string;
  /** Tables with a pupil_id column this kind covers (others it reads are joined through them). */
  tables: readonly string[];
  sealed?: boolean;
  /** Rows (id text, at text, data jsonb) about the pupil. */
  query(pupilId: string): SQL;
}

/** Tables with a pupil_id column that a subject access request does not read, and why. */
export const SAR_EXCLUDED_TABLES: Readonly<Record<string, string>> = {
  analytics_pupil_rollup: 'Counts rebuilt from the points and incidents, which are released in full; it holds nothing they do not.',
  subject_access_requests: 'The requests themselves: how the school handles a request, shown on the request, not part of the pupil\'s record.',
  cp_transfers: 'The DSL\'s record of sending the child-protection file to the next school (dates, receiving school, a hash of the encrypted pack); the sealed concerns it carried are the DSL\'s to release under their own kind.',
  retention_holds: 'Legal holds: the school\'s own records-management instruction to keep records (often on legal advice, which may be privileged); the records they keep are released under their own kinds.',
};

const T = (table: string, alias = 't') => sql.raw(`${table} ${alias}`);
const own = (p: string, col = 't.pupil_id') => sql`${sql.raw(col)} = ${p}::uuid`;

/** A plain kind: the table's rows about the pupil, the whole row. */
function plain(kind: string, label: string, table: string, at: string, extra: SQL = sql`'{}'::jsonb`): SarSource {
  return {
    kind, label, tables: [table],
    query: (p) => sql`select t.id::text as id, (${sql.raw(at)})::text as at, to_jsonb(t) || ${extra} as data from ${T(table)} where ${own(p)}`,
  };
}

const incidentsOf = (p: string) => sql`(select incident_id from incident_pupils where pupil_id = ${p}::uuid)`;

export const SAR_SOURCES: readonly SarSource[] = [
  {
    kind: 'pupil', label: "The pupil's record", tables: [],
    query: (p) => sql`select t.id::text as id, t.created_at::text as at,
      (to_jsonb(t) - 'child_in_need' - 'child_protection_plan' - 'form_group_id') || jsonb_build_object('form', g.name) as data
      from pupils t left join pupil_groups g on g.id = t.form_group_id where t.id = ${p}::uuid`,
  },
  {
    kind: 'contact', label: 'Parents, carers and contacts', tables: ['pupil_contacts'],
    query: (p) => sql`select c.id::text as id, c.created_at::text as at,
      (to_jsonb(t) - 'pupil_id' - 'contact_id') || (to_jsonb(c) - 'id' - 'trust_id' - 'user_id' - 'external_id') as data
      from pupil_contacts t join contacts c on c.id = t.contact_id where ${own(p)}`,
  },
  {
    kind: 'group', label: 'Forms, classes and groups', tables: ['pupil_group_members'],
    query: (p) => sql`select g.id::text as id, null::text as at, to_jsonb(g) - 'trust_id' as data
      from pupil_group_members t join pupil_groups g on g.id = t.group_id where ${own(p)}`,
  },
  {
    kind: 'photo', label: 'Photos (details of each file)', tables: [],
    query: (p) => sql`select a.id::text as id, a.created_at::text as at,
      jsonb_build_object('filename', a.filename, 'content_type', a.content_type, 'size_bytes', a.size_bytes, 'uploaded_by', a.uploaded_by, 'uploaded_at', a.created_at, 'removed_at', a.voided_at) as data
      from attachments a where a.owner_type = 'pupil_photo' and a.owner_id = ${p}::uuid`,
  },
  plain('event', 'Points (quick events)', 'behaviour_events', 't.occurred_at',
    sql`jsonb_build_object('category', (select c.name from behaviour_categories c where c.id = t.category_id))`),
  {
    kind: 'incident', label: 'Incidents', tables: ['incident_pupils'],
    query: (p) => sql`select i.id::text as id, coalesce(i.occurred_at, i.created_at)::text as at,
      to_jsonb(i) || jsonb_build_object('pupil_role', t.role,
        'other_pupils', (select coalesce(jsonb_agg(o.pupil_id), '[]') from incident_pupils o where o.incident_id = i.id and o.pupil_id <> ${p}::uuid),
        'staff_involved', (select coalesce(jsonb_agg(jsonb_build_object('staff', s.staff_id, 'role', s.role)), '[]') from incident_staff s where s.incident_id = i.id),
        'attachments', (select coalesce(jsonb_agg(jsonb_build_object('filename', a.filename, 'content_type', a.content_type, 'size_bytes', a.size_bytes)), '[]')
          from attachments a where a.owner_type = 'incident' and a.owner_id = i.id)) as data
      from incident_pupils t join incidents i on i.id = t.incident_id where ${own(p)}`,
  },
  {
    kind: 'physical_intervention', label: 'Physical interventions (with body map marks)', tables: ['physical_interventions'],
    query: (p) => sql`select t.id::text as id, coalesce(t.started_at, i.occurred_at)::text as at, to_jsonb(t) as data
      from physical_interventions t join incidents i on i.id = t.incident_id
      where t.pupil_id = ${p}::uuid or (t.pupil_id is null and t.incident_id in ${incidentsOf(p)})`,
  },
  plain('parent_copy', "Parents' copies of physical intervention records", 'pi_parent_copies', 't.decided_at'),
  {
    kind: 'plan_check', label: 'Physical interventions checked against the plan', tables: ['incident_plan_checks'],
    query: (p) => sql`select t.incident_id::text as id, null::text as at, to_jsonb(t) as data from incident_plan_checks t where ${own(p)}`,
  },
  {
    kind: 'post_incident_review', label: 'Post-incident reviews', tables: [],
    query: (p) => sql`select t.id::text as id, t.created_at::text as at,
      to_jsonb(t) || jsonb_build_object('links', (select coalesce(jsonb_agg(to_jsonb(l) - 'trust_id'), '[]') from post_incident_review_links l where l.review_id = t.id)) as data
      from post_incident_reviews t where t.incident_id in ${incidentsOf(p)}`,
  },
  plain('parent_contact', 'Contact with parents', 'parent_contacts', 't.contacted_at'),
  plain('letter', 'Letters and emails', 'communications', 't.created_at'),
  {
    kind: 'detention', label: 'Detentions', tables: ['detention_assignments'],
    query: (p) => sql`select t.id::text as id, s.date::text as at,
      to_jsonb(t) || jsonb_build_object('session', to_jsonb(s) - 'trust_id' - 'id', 'detention_type', (select d.name from detention_types d where d.id = s.type_id)) as data
      from detention_assignments t join detention_sessions s on s.id = t.session_id where ${own(p)}`,
  },
  {
    kind: 'isolation', label: 'Isolations', tables: ['isolation_pupils'],
    query: (p) => sql`select t.id::text as id, s.date::text as at, to_jsonb(t) || jsonb_build_object('session', to_jsonb(s) - 'trust_id' - 'id') as data
      from isolation_pupils t join isolation_sessions s on s.id = t.session_id where ${own(p)}`,
  },
  plain('suspension', 'Suspensions and exclusions', 'exclusions', 't.start_date',
    sql`jsonb_build_object('notifications', (select coalesce(jsonb_agg(to_jsonb(n) - 'trust_id' - 'exclusion_id'), '[]') from exclusion_notifications n where n.exclusion_id = t.id))`),
  plain('placement', 'Managed moves and alternative provision', 'placements', 't.start_date',
    sql`jsonb_build_object('reviews', (select coalesce(jsonb_agg(to_jsonb(r) - 'trust_id' - 'placement_id'), '[]') from placement_reviews r where r.placement_id = t.id))`),
  plain('reward', 'Reward milestones reached', 'reward_milestone_awards', 't.reached_at',
    sql`jsonb_build_object('milestone', (select m.name from reward_milestones m where m.id = t.milestone_id))`),
  plain('plan', 'Behaviour support plans', 'behaviour_support_plans', 'coalesce(t.activated_at, t.created_at)',
    sql`jsonb_build_object('acknowledgements', (select coalesce(jsonb_agg(to_jsonb(a) - 'trust_id' - 'plan_id'), '[]') from behaviour_support_plan_acknowledgements a where a.plan_id = t.id))`),
  plain('plan_version', 'Behaviour support plan versions', 'behaviour_support_plan_versions', 't.saved_at'),
  {
    kind: 'plan_change', label: 'Behaviour support plan changes', tables: [],
    query: (p) => sql`select t.id::text as id, t.changed_at::text as at, to_jsonb(t) as data from behaviour_support_plan_changes t
      where t.plan_id in (select id from behaviour_support_plans where pupil_id = ${p}::uuid)`,
  },
  plain('plan_review_trigger', 'Plan reviews prompted by incidents', 'plan_review_triggers', 't.created_at'),
  plain('risk_assessment', 'Risk assessments', 'risk_assessments', 'coalesce(t.activated_at, t.created_at)'),
  {
    kind: 'risk_assessment_version', label: 'Risk assessment versions', tables: [],
    query: (p) => sql`select t.id::text as id, t.saved_at::text as at, to_jsonb(t) as data from risk_assessment_versions t
      where t.assessment_id in (select id from risk_assessments where pupil_id = ${p}::uuid)`,
  },
  {
    kind: 'intervention', label: 'Support interventions', tables: ['support_intervention_pupils'],
    query: (p) => sql`select i.id::text as id, i.start_date::text as at,
      to_jsonb(i) || jsonb_build_object('type', (select ty.name from support_intervention_types ty where ty.id = i.type_id), 'membership', to_jsonb(t) - 'trust_id' - 'pupil_id' - 'intervention_id') as data
      from support_intervention_pupils t join support_interventions i on i.id = t.intervention_id where ${own(p)}`,
  },
  {
    kind: 'intervention_session', label: 'Support intervention sessions attended', tables: ['support_attendance'],
    query: (p) => sql`select t.session_id::text as id, s.session_date::text as at, to_jsonb(t) || jsonb_build_object('session', to_jsonb(s) - 'trust_id' - 'id') as data
      from support_attendance t join support_sessions s on s.id = t.session_id where ${own(p)}`,
  },
  {
    kind: 'daily_points', label: 'Support intervention daily points', tables: ['support_daily_points'],
    query: (p) => sql`select t.intervention_id::text || ':' || t.day::text as id, t.day::text as at, to_jsonb(t) as data from support_daily_points t where ${own(p)}`,
  },
  plain('measure', 'Support intervention measures', 'support_measures', 't.recorded_on'),
  plain('meeting', 'Meetings', 'meetings', 't.date',
    sql`jsonb_build_object('actions', (select coalesce(jsonb_agg(to_jsonb(a) - 'trust_id' - 'meeting_id'), '[]') from meeting_actions a where a.meeting_id = t.id))`),
  plain('referral', 'Referrals to agencies', 'referrals', 'coalesce(t.made_on::timestamptz, t.created_at)',
    sql`jsonb_build_object('agency', (select a.name from agencies a where a.id = t.agency_id))`),
  plain('professional_report', 'Professional reports', 'professional_reports', 't.report_date'),
  plain('task', 'Tasks about the pupil', 'tasks', 't.created_at'),
  plain('on_call', 'Calls for on-call help', 'on_call_requests', 't.requested_at'),
  plain('rota_pattern', 'Support staff deployed with the pupil', 'rota_patterns', 't.valid_from'),
  plain('rota_exception', 'Changes to the support rota', 'rota_exceptions', 't.date'),
  plain('agency_share', 'Records shared with agencies', 'agency_shares', 't.created_at',
    sql`jsonb_build_object('records', (select coalesce(jsonb_agg(to_jsonb(r) - 'trust_id' - 'share_id'), '[]') from agency_share_records r where r.share_id = t.id))`),
  plain('transfer_record', 'Records from previous schools', 'pupil_transfer_records', 't.received_at'),
  plain('trend_alert', 'Trend alerts', 'analytics_alerts', 't.created_at'),
  {
    kind: 'visit', label: 'Off-site visits', tables: ['visit_pupils'],
    query: (p) => sql`select v.id::text as id, v.start_date::text as at,
      (to_jsonb(v) - 'trust_id' - 'adopted_assessment_ids' - 'own_hazards' - 'standing_approval_id') as data
      from visit_pupils t join visits v on v.id = t.visit_id where ${own(p)}`,
  },
  plain('visit_consent', 'Consents for off-site visits', 'visit_consents', 't.recorded_at',
    sql`jsonb_build_object('visit', (select v.purpose from visits v where v.id = t.visit_id))`),
  plain('portal_acknowledgement', 'Acknowledgements through the parent portal', 'parent_portal_acknowledgements', 't.acknowledged_at'),
  {
    kind: 'safeguarding_concern', label: 'Safeguarding concerns', tables: ['safeguarding_concern_pupils'], sealed: true,
    query: (p) => sql`select c.id::text as id, c.raised_at::text as at,
      to_jsonb(c) || jsonb_build_object('other_pupils', (select coalesce(jsonb_agg(o.pupil_id), '[]') from safeguarding_concern_pupils o where o.concern_id = c.id and o.pupil_id <> ${p}::uuid)) as data
      from safeguarding_concern_pupils t join safeguarding_concerns c on c.id = t.concern_id where ${own(p)}`,
  },
  {
    kind: 'sealed_facts', label: 'Sealed safeguarding facts', tables: [], sealed: true,
    query: (p) => sql`select t.id::text as id, t.updated_at::text as at,
      jsonb_build_object('child_in_need', t.child_in_need, 'child_protection_plan', t.child_protection_plan) as data from pupils t where t.id = ${p}::uuid`,
  },
];

export const SAR_COVERED_TABLES: readonly string[] = [...new Set(SAR_SOURCES.flatMap((s) => s.tables))];
