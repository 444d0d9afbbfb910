/**
 * What a save must check against, in one round trip: the site's effective policy lists (trust rows overridden by the
 * site's rows with the same code; active only), the current custom-field form version (the site's highest, else the
 * trust's), and the pupils and staff named. Queried here directly so recording does not wait on the policy module.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../core/db/client.ts';
import { parseFields, type CustomField } from './incidents.rules.ts';
import { executePrepared, pgArray } from '../../core/db/prepared.ts';
import { PUPIL_NAME } from './incidents.repo.ts';

export type OptionKind = 'location' | 'period' | 'action' | 'motivation' | 'technique' | 'setting';

export interface LookupRequest {
  trustId: string;
  siteId: string;
  optionKinds: readonly OptionKind[];
  categories: boolean;
  currentForm: boolean;
  pupilIds: readonly string[];
  staffIds: readonly string[];
}

export interface Lookups {
  siteName: string | null;
  /** kind → active codes at the site */
  options: Map<string, Map<string, { label: string; details: unknown }>>;
  categories: Set<string>;
  form: { id: string; version: number; fields: CustomField[] } | null;
  pupils: Map<string, { siteId: string; displayName: string; yearGroup: number }>;
  staff: Map<string, { name: string }>;
}

const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) as T : v as T);
/** `= any($n::uuid[])`: an index lookup by primary key, one statement text whatever the number of ids. */
const anyId = (ids: readonly string[]) => sql`any(${pgArray([...new Set(ids)])}::uuid[])`;
const nothing = sql`null`;

export async function loadLookups(db: Executor, q: LookupRequest): Promise<Lookups> {
  const { trustId: t, siteId: s } = q;
  const options: SQL = q.optionKinds.length ? sql`(select coalesce(json_agg(json_build_object('kind', o.kind, 'code', o.code, 'label', o.label, 'details', o.details)), '[]'::json)
      from (select distinct on (kind, code) kind, code, label, details, active from policy_options
            where trust_id = ${t} and (site_id is null or site_id = ${s}) and kind = any(${pgArray(q.optionKinds)}::text[])
            order by kind, code, site_id nulls last) o where o.active)` : nothing;
  const categories: SQL = q.categories ? sql`(select coalesce(json_agg(c.code), '[]'::json)
      from (select distinct on (code) code, active from behaviour_categories where trust_id = ${t} and (site_id is null or site_id = ${s})
            order by code, site_id nulls last) c where c.active)` : nothing;
  const form: SQL = q.currentForm ? sql`(select json_build_object('id', f.id, 'version', f.version, 'fields', f.fields) from incident_form_versions f
      where f.trust_id = ${t} and (f.site_id = ${s} or f.site_id is null) order by (f.site_id is null), f.version desc limit 1)` : nothing;
  const pupils: SQL = q.pupilIds.length ? sql`(select coalesce(json_agg(json_build_object('id', p.id, 'siteId', p.site_id, 'displayName', ${PUPIL_NAME}, 'yearGroup', p.year_group)), '[]'::json)
      from pupils p where p.trust_id = ${t} and p.id = ${anyId(q.pupilIds)})` : nothing;
  const staff: SQL = q.staffIds.length ? sql`(select coalesce(json_agg(json_build_object('id', sm.id, 'name', sm.forename || ' ' || sm.surname)), '[]'::json)
      from staff_members sm where sm.trust_id = ${t} and sm.id = ${anyId(q.staffIds)})` : nothing;
  const row = (await executePrepared(db, sql`select (select name from sites where id = ${s} and trust_id = ${t}) as site_name,
    ${options} as options, ${categories} as categories, ${form} as form, ${pupils} as pupils, ${staff} as staff`))[0] ?? {};
  const out: Lookups = { siteName: (row.site_name as string | null) ?? null, options: new Map(), categories: new Set(parse<string[] | null>(row.categories) ?? []),
    form: null, pupils: new Map(), staff: new Map() };
  for (const o of parse<{ kind: string; code: string; label: string; details: unknown }[] | null>(row.options) ?? []) {
    if (!out.options.has(o.kind)) out.options.set(o.kind, new Map());
    out.options.get(o.kind)!.set(o.code, { label: o.label, details: o.details });
  }
  const f = parse<{ id: string; version: number; fields: unknown } | null>(row.form);
  if (f) out.form = { id: f.id, version: f.version, fields: parseFields(f.fields) };
  for (const p of parse<{ id: string; siteId: string; displayName: string; yearGroup: number }[] | null>(row.pupils) ?? []) out.pupils.set(p.id, p);
  for (const m of parse<{ id: string; name: string }[] | null>(row.staff) ?? []) out.staff.set(m.id, { name: m.name });
  return out;
}
