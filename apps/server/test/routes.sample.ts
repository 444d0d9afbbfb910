/**
 * Requests for every route of the app's own route table, built from the route's declared zod schemas: path ids of
 * real rows (at site 1 where the table has a site), a body and query whose strings are the text the caller chooses,
 * and a session of a demo role that holds the route's permission. Suites that must cover every route (no sealed
 * data in logs; text the database cannot store is refused) walk these, so a route added later is covered too.
 */
import { z } from 'zod';
import { routePermissions, type RouteTableEntry } from '../src/core/http/context.ts';
import { PERMISSIONS } from '../src/core/policy/permissions.ts';
import { uuidv7 } from 'uuidv7';
import { demoEmail, sessionFor, type Session, type TestContext } from './harness.ts';
import { lastSchoolDay, schoolDayAhead } from './api/detentions.fixtures.ts';

type Json = { [k: string]: unknown };

/** The table a path parameter or body id names, where the name alone does not say it. */
const TABLE_OF: Record<string, string> = {
  'admin/sites': 'sites', 'admin/users': 'users', assignments: 'role_assignments', 'api-tokens': 'api_tokens',
  'policy/categories': 'behaviour_categories', 'policy/options': 'policy_options', 'policy/escalation-rules': 'escalation_rules',
  suspensions: 'exclusions', notificationId: 'exclusion_notifications', 'calendar/closures': 'closure_days',
  detentions: 'detention_sessions', 'detention-rules': 'escalation_rules', isolations: 'isolation_sessions',
  'rewards/milestones': 'reward_milestones', 'reports/subscriptions': 'report_subscriptions', siteId: 'sites',
  pupil: 'pupils', site: 'sites', user: 'users', staff: 'staff_members', type: 'detention_types', category: 'behaviour_categories', option: 'policy_options',
  detentionType: 'detention_types', detentionSession: 'detention_sessions', session: 'detention_sessions', isolation: 'isolation_sessions',
  academicYear: 'academic_years', term: 'terms', incident: 'incidents', exclusion: 'exclusions', suspension: 'exclusions',
  placement: 'placements', contact: 'contacts', escalationRule: 'escalation_rules', milestone: 'reward_milestones',
  'people/groups': 'pupil_groups', 'people/staff': 'staff_members', plans: 'behaviour_support_plans', copyFromPlan: 'behaviour_support_plans',
  'training/courses': 'training_courses', 'training/sessions': 'training_sessions', 'training/certificates': 'training_certificates',
  'training/line-management': 'line_management', course: 'training_courses', refresherCourse: 'training_courses',
  tutorStaff: 'staff_members', managerStaff: 'staff_members', attendee: 'training_attendees',
  'support-interventions': 'support_interventions', 'support-catalogue': 'support_intervention_types', 'support-sessions': 'support_sessions',
  'agency-contacts': 'agency_contacts', 'professional-reports': 'professional_reports', agency: 'agencies', ownerUser: 'users', report: 'professional_reports',
  'subject-access': 'subject_access_requests',
  'retention/holds': 'retention_holds',
  'rota/patterns': 'rota_patterns', 'rota/exceptions': 'rota_exceptions', 'rota/support-needs': 'pupils', pattern: 'rota_patterns', teacherStaff: 'staff_members',
};

/** Path parameters that are not ids: a value the route accepts (a letter template's kind). */
const PATH_VALUES: Record<string, string> = { kind: 'detention', type: 'pupil_summary', format: 'pdf' };

/**
 * Which row of a table to name, where the first one at site 1 would be refused before any write: a task or call still
 * open, a session still to come, a rule or type of the site itself (a site lead may not change the trust-wide ones).
 */
const PREFER: Record<string, string> = {
  subject_access_requests: `status = 'gathering'`,
  tasks: `status = 'open'`, meetings: `status = 'scheduled'`, referrals: `status <> 'closed'`, on_call_requests: `status = 'open'`, detention_sessions: `date > (now() at time zone 'Europe/London')::date`,
  isolation_sessions: `date > (now() at time zone 'Europe/London')::date`, detention_types: `active`, exclusion_reasons: `valid_to is null`, training_sessions: `status = 'planned'`,
};

/**
 * Per-route corrections to the generic body, where the schema alone cannot say what the service accepts (a role that
 * receives tasks, a choice field, a year that does not overlap the demo calendar). Keyed by `METHOD url`.
 */
let serial = 0;
const BODY_OVERRIDES: Record<string, (body: Json) => void> = {
  'POST /api/v1/policy/escalation-rules': (b) => { b.notifyRole = 'behaviour_lead'; },
  'PATCH /api/v1/policy/escalation-rules/:id': (b) => { if ('notifyRole' in b) b.notifyRole = 'behaviour_lead'; },
  'PUT /api/v1/policy/form': (b) => {
    for (const f of (b.fields ?? []) as Json[]) {
      const option = ((f.options ?? []) as string[])[0] ?? 'One';
      Object.assign(f, { type: 'choice', key: 'zlog_field', options: [option, 'Other'] });
    }
  },
  // a code of its own each time (a category or option code is unique)
  'POST /api/v1/policy/categories': (b) => { b.code = `ZLOG_${++serial}`; },
  'POST /api/v1/policy/options': (b) => { b.code = `ZLOG_${++serial}`; },
  'POST /api/v1/calendar/academic-years': (b) => { b.startDate = '2041-09-01'; b.endDate = '2042-07-31'; b.label = '2041/42'; },
  // a year or term changed in its name only: moving dates would overlap the demo calendar's terms
  'PATCH /api/v1/calendar/academic-years/:id': (b) => { delete b.startDate; delete b.endDate; },
  'PATCH /api/v1/calendar/terms/:id': (b) => { delete b.startDate; delete b.endDate; },
  'POST /api/v1/detention-types': (b) => { delete b.missedReassignTypeId; },
  'PATCH /api/v1/detention-types/:id': (b) => { delete b.missedReassignTypeId; },
  // a risk assessment names one of its own pupil's plans or none (a made-up plan id is refused, naming planId)
  'POST /api/v1/risk-assessments': (b) => { b.planId = null; },
  'PUT /api/v1/risk-assessments/:id': (b) => { b.planId = null; },
};

/**
 * Rows made through the app's own routes (with harmless words) before the walk, where the demo data has no row the
 * walk can act on: a draft incident recorded by the behaviour lead (the seeded ones are signed off), sessions still to
 * come, a call still open, a concern, rules and types of the site itself. Each becomes the row its table's path and
 * body ids name. In order: a later one may name an earlier one (a detention session names its type).
 */
const SEEDS: [route: string, table: string][] = [
  ['POST /api/v1/detention-types', 'detention_types'], ['POST /api/v1/incidents', 'incidents'],
  ['POST /api/v1/detentions', 'detention_sessions'], ['POST /api/v1/isolations', 'isolation_sessions'],
  ['POST /api/v1/detention-assignments', 'detention_assignments'], ['POST /api/v1/on-call-requests', 'on_call_requests'],
  ['POST /api/v1/policy/escalation-rules', 'escalation_rules'], ['POST /api/v1/policy/categories', 'behaviour_categories'],
  ['POST /api/v1/policy/options', 'policy_options'], ['POST /api/v1/safeguarding-concerns', 'safeguarding_concerns'],
  ['POST /api/v1/reports/subscriptions', 'report_subscriptions'], ['POST /api/v1/exclusion-reasons', 'exclusion_reasons'],
  ['POST /api/v1/rewards/milestones', 'reward_milestones'],
];

const snake = (s: string) => s.replace(/([a-z])([A-Z])/g, '$1_$2').replace(/-/g, '_').toLowerCase();

export interface RouteSampler {
  /** The URL with every path parameter filled with a real id. */
  url(route: RouteTableEntry): Promise<string>;
  /** A body and query for the route with `text` in every free-text string. */
  body(route: RouteTableEntry, text: string): unknown;
  query(route: RouteTableEntry, text: string): Record<string, string>;
  /** A session allowed past the route's access gate (undefined for public routes). */
  session(route: RouteTableEntry): Promise<Session | undefined>;
  /** The status each seed route answered with before the walk (a seed that failed leaves its routes on demo rows). */
  seeded: Record<string, number>;
  /** The JSON Schema of what the route accepts (input side), or undefined. */
  jsonSchema(route: RouteTableEntry, part: 'body' | 'querystring'): Json | undefined;
}

export async function routeSampler(t: TestContext, site1: string): Promise<RouteSampler> {
  const tables = new Set((await t.database.query<{ t: string }>(
    `select table_name as t from information_schema.tables where table_schema = 'public'`)).map((r) => r.t));
  const withSite = new Set((await t.database.query<{ t: string }>(
    `select table_name as t from information_schema.columns where table_schema = 'public' and column_name = 'site_id'`)).map((r) => r.t));
  const ids = new Map<string, string | null>();
  const idFrom = async (table: string | undefined): Promise<string | null> => {
    if (!table || !tables.has(table)) return null;
    if (!ids.has(table)) {
      const order = table !== 'sites' && withSite.has(table) ? `order by (site_id = '${site1}') desc nulls last` : '';
      const pick = (where: string) => t.database.query<{ id: string }>(`select id::text as id from ${table} ${where} ${order} limit 1`);
      const row = table === 'sites' ? (await pick(`where id = '${site1}'`))[0]
        : (PREFER[table] ? (await pick(`where ${PREFER[table]}`))[0] : undefined) ?? (await pick(''))[0];
      ids.set(table, row?.id ?? null);
    }
    return ids.get(table) ?? null;
  };
  const tableFor = (name: string): string | undefined => {
    if (TABLE_OF[name]) return TABLE_OF[name];
    const s = snake(name.replace(/Ids?$/, ''));
    return [s, `${s}s`, s.replace(/y$/, 'ies')].find((x) => tables.has(x));
  };
  // A user of its own for the account routes (deactivate, remove a role, sign out everywhere), so that walking them
  // does not take a demo role away from the routes walked after them.
  const trustId = (await t.database.query<{ id: string }>(`select trust_id as id from sites where id = $1`, [site1]))[0]!.id;
  const spareUser = uuidv7();
  const spareAssignment = uuidv7();
  await t.database.query(`insert into users (id, trust_id, email, display_name) values ($1, $2, $3, 'Sam Sample')`, [spareUser, trustId, `sample-${spareUser.slice(-8)}@example.org`]);
  await t.database.query(`insert into role_assignments (id, trust_id, user_id, role, site_id) values ($1, $2, $3, 'staff', $4)`, [spareAssignment, trustId, spareUser, site1]);
  ids.set('users', spareUser);
  ids.set('role_assignments', spareAssignment);
  // body ids are resolved before sampling (sampling is synchronous)
  const bodyIds = new Map<string, string>();
  const BODY_KEYS = ['pupil', 'site', 'user', 'staff', 'category', 'option', 'detentionType', 'session', 'detentionSession', 'isolation',
    'academicYear', 'term', 'incident', 'type', 'exclusion', 'suspension', 'placement', 'contact', 'escalationRule', 'milestone', 'pattern', 'teacherStaff'];
  const resolveBodyIds = async () => {
    for (const key of BODY_KEYS) {
      const id = await idFrom(tableFor(key));
      if (id) bodyIds.set(key, id);
    }
  };
  await resolveBodyIds();
  // policy codes (category, location, period, motivation …) as the demo policy defines them
  const codes = new Map<string, string>();
  for (const r of await t.database.query<{ kind: string; code: string }>(
    `select distinct on (kind) kind, code from policy_options where active and (site_id is null or site_id = $1) order by kind, site_id nulls first, sort_order`, [site1])) codes.set(r.kind, r.code);
  const category = (await t.database.query<{ code: string }>(
    `select code from behaviour_categories where quick_log and (site_id is null or site_id = $1) order by site_id nulls first, code limit 1`, [site1]))[0];
  if (category) codes.set('category', category.code);
  // census reason codes in force today (an incident's DfE reason, a suspension's reasons)
  const reason = (await t.database.query<{ code: string }>(
    `select code from exclusion_reasons where valid_from <= (now() at time zone 'Europe/London')::date and (valid_to is null or valid_to >= (now() at time zone 'Europe/London')::date) order by code limit 1`))[0];
  if (reason) { codes.set('dfeReason', reason.code); codes.set('reason', reason.code); }
  const codeForKey = (key: string): string | undefined => {
    const m = /^(.*)Codes?$/.exec(key);
    return m ? codes.get(m[1]!) ?? codes.get(snake(m[1]!)) : undefined;
  };
  const idForKey = (key: string): string => {
    const base = key.replace(/Ids?$/, '');
    const last = base.split(/(?=[A-Z])/).pop()!.toLowerCase();
    return bodyIds.get(base) ?? bodyIds.get(last) ?? (/By$/.test(base) ? bodyIds.get('staff') : undefined)
      ?? (/user|staff|by|assignee|owner/i.test(base) ? bodyIds.get('user') : undefined) ?? '0190a6c4-0000-7000-8000-000000000000';
  };

  const jsonCache = new Map<unknown, Json | undefined>();
  const jsonSchema = (route: RouteTableEntry, part: 'body' | 'querystring'): Json | undefined => {
    const s = route.schema?.[part];
    if (!(s instanceof z.ZodType)) return undefined;
    if (!jsonCache.has(s)) jsonCache.set(s, z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Json);
    return jsonCache.get(s);
  };

  // Dates on school days of the demo calendar: what is recorded as done, decided or told is in the past; what is
  // planned (a detention, an isolation, a meeting, a period) is ahead, and an end date after its start.
  const pastDay = lastSchoolDay();
  const dateFor = (key: string): string => /decision|decided|told|inform|notif|sent|held|occur|happen|record|given|outcome|birth|dob/i.test(key) ? pastDay
    : /end|until|to$/i.test(key) ? schoolDayAhead(8) : schoolDayAhead(3);
  const PATTERN_SAMPLES = ['09:05', 'physical', 'AB', 'PH', '2026/27', '123456', '123', '1234', 'code_1', 'sen_support', 'abc', 'ZLOG_SAMPLE'];
  const sample = (s: Json | undefined, key: string, text: string, depth = 0): unknown => {
    if (!s || depth > 8) return text;
    if ('const' in s) return s.const;
    if (Array.isArray(s.enum)) return s.enum.find((v) => v !== null) ?? s.enum[0];
    const variants = (s.anyOf ?? s.oneOf) as Json[] | undefined;
    if (variants) return sample(variants.find((v) => v.type !== 'null') ?? variants[0], key, text, depth + 1);
    if (Array.isArray(s.allOf)) return sample(s.allOf[0] as Json, key, text, depth + 1);
    const type = Array.isArray(s.type) ? (s.type as string[]).find((x) => x !== 'null') : s.type as string | undefined;
    switch (type) {
      case 'object': {
        const out: Json = {};
        for (const [k, v] of Object.entries((s.properties ?? {}) as Record<string, Json>)) out[k] = sample(v, k, text, depth + 1);
        return out;
      }
      case 'array': {
        const n = Math.max(1, Number(s.minItems ?? 1));
        return Array.from({ length: n }, () => sample(s.items as Json, key, text, depth + 1));
      }
      case 'integer': case 'number': {
        const min = typeof s.minimum === 'number' ? s.minimum : typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : 1;
        const max = typeof s.maximum === 'number' ? s.maximum : Number.MAX_SAFE_INTEGER;
        return Math.min(max, Math.max(min, 1));
      }
      case 'boolean': return false;
      case 'string': {
        if (s.format === 'uuid') return idForKey(key);
        if (s.format === 'date') return dateFor(key);
        if (s.format === 'date-time') return new Date(Date.now() - 3_600_000).toISOString();
        const code = codeForKey(key);
        if (code) return code;
        if (s.format === 'email') return `${text.replace(/[^a-z0-9]/gi, '').slice(0, 20) || 'x'}@example.org`;
        if (typeof s.pattern === 'string') {
          const re = new RegExp(s.pattern);
          const times = /end|until|finish/i.test(key) ? ['16:00'] : /start|from/i.test(key) ? ['15:00'] : [];
          return [text, ...times, ...PATTERN_SAMPLES].find((x) => re.test(x)) ?? text;
        }
        const min = Number(s.minLength ?? 0);
        const max = Number(s.maxLength ?? 10_000);
        return (text.length < min ? text.padEnd(min, '.') : text).slice(0, max);
      }
      default: return text;
    }
  };

  // a new session each time: a route may end the session it was called with (sign out)
  const sessionOf = (role: string) => sessionFor(t, demoEmail(role));
  const PREFERRED = ['behaviour_lead', 'head', 'dsl', 'slt', 'staff', 'cluster_lead', 'trust_admin'];

  const sessionForRoute = async (route: RouteTableEntry) => {
    const a = route.access;
    if (!a || a.auth === 'public') return undefined;
    if (a.auth === 'user' || a.auth === 'session') return sessionOf('staff');
    const roles = routePermissions(a).flatMap((p) => PERMISSIONS[p].roles as readonly string[]);
    return sessionOf(PREFERRED.find((r) => roles.includes(r)) ?? roles[0]!);
  };
  const bodyOf = (route: RouteTableEntry, text: string): unknown => {
    if (!route.schema?.body) return undefined;
    const body = sample(jsonSchema(route, 'body'), 'body', text);
    const fix = BODY_OVERRIDES[`${route.method} ${route.url}`];
    if (fix && body && typeof body === 'object' && !Array.isArray(body)) fix(body as Json);
    return body;
  };
  const seeded: Record<string, number> = {};
  for (const [name, table] of SEEDS) {
    const route = t.app.routeAccess.find((r) => `${r.method} ${r.url}` === name);
    if (!route || !tables.has(table)) continue;
    const res = await t.app.inject({ method: 'POST', url: route.url, headers: (await sessionForRoute(route))?.headers ?? {},
      payload: bodyOf(route, 'Pushed in the lunch queue') as object });
    seeded[name] = res.statusCode;
    const id = res.statusCode < 300 && res.body ? (JSON.parse(res.body) as { id?: string }).id : undefined;
    if (id) { ids.set(table, id); await resolveBodyIds(); }
  }

  return {
    async url(route) {
      let url = route.url;
      for (const m of route.url.matchAll(/:([A-Za-z]+)/g)) {
        const name = m[1]!;
        if (PATH_VALUES[name]) { url = url.replace(`:${name}`, PATH_VALUES[name]); continue; }
        const before = route.url.slice(0, m.index).replace(/^\/api\/v1\//, '').replace(/\/$/, '');
        const segs = before.split('/').filter((x) => x && !x.startsWith(':'));
        const candidates = [name !== 'id' ? name : '', segs.slice(-2).join('/'), segs[segs.length - 1] ?? ''].filter(Boolean);
        let id: string | null = null;
        for (const c of candidates) { id = await idFrom(TABLE_OF[c] ?? tableFor(c)); if (id) break; }
        url = url.replace(`:${name}`, id ?? '0190a6c4-0000-7000-8000-000000000000');
      }
      return url;
    },
    body: bodyOf,
    query(route, text) {
      const js = jsonSchema(route, 'querystring');
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries((js?.properties ?? {}) as Record<string, Json>)) {
        const x = sample(v, k, text);
        if (x !== undefined && x !== null && typeof x !== 'object') out[k] = String(x);
      }
      return out;
    },
    session: sessionForRoute,
    seeded,
    jsonSchema,
  };
}
