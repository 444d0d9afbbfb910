/**
 * What a save must check against, in one round trip: the site's effective policy entries named by the input (trust
 * rows overridden by the site's rows with the same code; active only), the categories it names, the current
 * custom-field form version (the site's highest, else the trust's), and the pupils and staff named. Only what the
 * input names is read: a code missing from the answer is one the site does not have (or not active), which is all
 * a save checks. One fixed statement text (parts not needed get empty lists), so it is a prepared statement built
 * once. Queried here directly so recording does not wait on the policy module.
 */
import type { Executor } from '../../core/db/client.ts';
import { parseFields, type CustomField } from './incidents.rules.ts';
import { pgArray, runStatement, statement } from '../../core/db/prepared.ts';
import { PUPIL_NAME_TEXT } from './incidents.repo.ts';

export type OptionKind = 'location' | 'period' | 'action' | 'motivation' | 'technique' | 'setting';

export interface LookupRequest {
  trustId: string;
  siteId: string;
  /** Policy entries to look up: their kinds, and their codes (an entry is returned if its kind and code are both listed). */
  optionKinds: readonly OptionKind[];
  optionCodes: readonly string[];
  categoryCodes: readonly string[];
  currentForm: boolean;
  pupilIds: readonly string[];
  staffIds: readonly string[];
  /** A DfE census reason to check against the trust's codes table on the incident's date (SPEC §6), or none. */
  dfeReason?: { code: string; date: string } | null | undefined;
}

export interface Lookups {
  siteName: string | null;
  /** kind → active codes at the site, of those asked for */
  options: Map<string, Map<string, { label: string; details: unknown }>>;
  categories: Set<string>;
  form: { id: string; version: number; fields: CustomField[] } | null;
  pupils: Map<string, { siteId: string; displayName: string; yearGroup: number; senStatus: string }>;
  staff: Map<string, { name: string }>;
  /** The census reason asked about, if the trust's codes table holds it valid on the date asked. */
  dfeReasons: Set<string>;
}

const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) as T : v as T);

/** $1 site, $2 trust, $3 option kinds, $4 option codes, $5 category codes, $6 whether to read the form, $7 pupil ids, $8 staff ids, $9 census reason, $10 its date. */
const LOOKUPS = statement(`select (select name from sites where id = $1 and trust_id = $2) as site_name,
  (select coalesce(json_agg(json_build_object('kind', o.kind, 'code', o.code, 'label', o.label, 'details', o.details)), '[]'::json)
    from (select distinct on (kind, code) kind, code, label, details, active from policy_options
          where trust_id = $2 and (site_id is null or site_id = $1) and kind = any($3::text[]) and code = any($4::text[])
          order by kind, code, site_id nulls last) o where o.active) as options,
  (select coalesce(json_agg(c.code), '[]'::json)
    from (select distinct on (code) code, active from behaviour_categories where trust_id = $2 and (site_id is null or site_id = $1) and code = any($5::text[])
          order by code, site_id nulls last) c where c.active) as categories,
  (select json_build_object('id', f.id, 'version', f.version, 'fields', f.fields) from incident_form_versions f
    where $6::boolean and f.trust_id = $2 and (f.site_id = $1 or f.site_id is null) order by (f.site_id is null), f.version desc limit 1) as form,
  (select coalesce(json_agg(json_build_object('id', p.id, 'siteId', p.site_id, 'displayName', ${PUPIL_NAME_TEXT}, 'yearGroup', p.year_group, 'senStatus', p.sen_status)), '[]'::json)
    from pupils p where p.trust_id = $2 and p.id = any($7::uuid[])) as pupils,
  (select coalesce(json_agg(json_build_object('id', sm.id, 'name', sm.forename || ' ' || sm.surname)), '[]'::json)
    from staff_members sm where sm.trust_id = $2 and sm.id = any($8::uuid[])) as staff,
  (select coalesce(json_agg(r.code), '[]'::json) from exclusion_reasons r
    where r.trust_id = $2 and r.code = $9::text and r.valid_from <= $10::date and (r.valid_to is null or r.valid_to >= $10::date)) as dfe_reasons`);

export async function loadLookups(db: Executor, q: LookupRequest): Promise<Lookups> {
  const row = (await runStatement(db, LOOKUPS, [q.siteId, q.trustId, pgArray(q.optionKinds), pgArray([...new Set(q.optionCodes)]), pgArray([...new Set(q.categoryCodes)]),
    q.currentForm, pgArray([...new Set(q.pupilIds)]), pgArray([...new Set(q.staffIds)]), q.dfeReason?.code ?? null, q.dfeReason?.date ?? null]))[0] ?? {};
  const out: Lookups = { siteName: (row.site_name as string | null) ?? null, options: new Map(), categories: new Set(parse<string[] | null>(row.categories) ?? []),
    form: null, pupils: new Map(), staff: new Map(), dfeReasons: new Set(parse<string[] | null>(row.dfe_reasons) ?? []) };
  for (const o of parse<{ kind: string; code: string; label: string; details: unknown }[] | null>(row.options) ?? []) {
    if (!out.options.has(o.kind)) out.options.set(o.kind, new Map());
    out.options.get(o.kind)!.set(o.code, { label: o.label, details: o.details });
  }
  const f = parse<{ id: string; version: number; fields: unknown } | null>(row.form);
  if (f) out.form = { id: f.id, version: f.version, fields: parseFields(f.fields) };
  for (const p of parse<{ id: string; siteId: string; displayName: string; yearGroup: number; senStatus: string }[] | null>(row.pupils) ?? []) out.pupils.set(p.id, p);
  for (const m of parse<{ id: string; name: string }[] | null>(row.staff) ?? []) out.staff.set(m.id, { name: m.name });
  return out;
}
