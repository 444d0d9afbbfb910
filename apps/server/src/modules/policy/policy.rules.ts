/**
 * Pure rules of the behaviour policy (POL-1, POL-2): how trust and site entries combine into a site's effective
 * policy, and what a valid category, option or custom form is. No I/O: tested exhaustively beside this file.
 */
import { DEFAULT_MOTIVATIONS, FORM_FIELD_KEY_PATTERN, POLICY_SETTINGS, type TFormFieldType, type TOptionKind, type TPolarity } from '@haven/contracts';
import type { FieldError } from '../../core/http/errors.ts';

export interface ScopedEntry { siteId: string | null; code: string; active: boolean; sortOrder: number }

const collator = new Intl.Collator('en-GB', { sensitivity: 'base', numeric: true });

/**
 * The entries in force at one site: trust entries (siteId null) merged with that site's entries by code, a site
 * entry replacing the trust entry with the same code; then active ones only, sorted by sortOrder, then name.
 * Because the merge comes before the active filter, a site hides a trust-wide entry by overriding it with an
 * inactive one. Entries of other sites never appear.
 */
export function effectiveEntries<T extends ScopedEntry>(rows: readonly T[], siteId: string, nameOf: (r: T) => string): T[] {
  const byCode = new Map<string, T>();
  for (const r of rows) {
    if (r.siteId !== null && r.siteId !== siteId) continue;
    const prev = byCode.get(r.code);
    if (!prev) { byCode.set(r.code, r); continue; }
    const rank = (x: T) => (x.siteId !== null ? 2 : 0) + (x.active ? 1 : 0);
    // a site entry beats a trust entry; within one scope (duplicates should not exist) an active one wins
    if (rank(r) > rank(prev)) byCode.set(r.code, r);
  }
  return [...byCode.values()].filter((r) => r.active).sort((a, b) => compareEntries(a, b, nameOf));
}

export function compareEntries<T extends { sortOrder: number; code: string }>(a: T, b: T, nameOf: (r: T) => string): number {
  return a.sortOrder - b.sortOrder || collator.compare(nameOf(a), nameOf(b)) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** Codes of trust entries replaced by an entry of the given site (shown as "overridden" in management lists). */
export function overriddenCodes(rows: readonly ScopedEntry[], siteId: string): Set<string> {
  return new Set(rows.filter((r) => r.siteId === siteId).map((r) => r.code));
}

/** Perceived motivations: the configured ones, or SPEC's six when none is in force. */
export function motivationsOrDefault<T>(configured: readonly T[], toDefault: (m: { code: string; label: string }) => T): T[] {
  return configured.length > 0 ? [...configured] : DEFAULT_MOTIVATIONS.map(toDefault);
}

export type SettingValue = number | string | boolean;

/**
 * Effective settings by lower-case code; known settings fall back to their default when missing or out of range.
 * Codes are compared without case (seeded data may say serious_severity, a site SERIOUS_SEVERITY): a site's value wins.
 */
export function effectiveSettings(rows: readonly { code: string; details: unknown; siteId?: string | null }[]): Record<string, SettingValue> & { serious_severity: number } {
  const out: Record<string, SettingValue> = {};
  const trustFirst = [...rows].sort((a, b) => Number((a.siteId ?? null) !== null) - Number((b.siteId ?? null) !== null));
  for (const r of trustFirst) {
    const v = (r.details as { value?: unknown } | null)?.value;
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') out[r.code.toLowerCase()] = v;
  }
  for (const [code, s] of Object.entries(POLICY_SETTINGS)) {
    const raw = out[code];
    const n = typeof raw === 'string' ? Number(raw) : raw;
    out[code] = typeof n === 'number' && Number.isInteger(n) && n >= s.min && n <= s.max ? n : s.default;
  }
  return out as Record<string, SettingValue> & { serious_severity: number };
}

/** Category rules beyond the schema: points must agree with the polarity. Returns the problems, naming the field. */
export function categoryProblems(c: { polarity: TPolarity; points: number }): FieldError[] {
  if (c.polarity === 'positive' && c.points < 0) return [{ field: 'points', message: 'A positive category cannot take points away: use 0 or more' }];
  if (c.polarity === 'negative' && c.points > 0) return [{ field: 'points', message: 'A negative category cannot give points: use 0 or less' }];
  if (c.polarity === 'neutral' && c.points !== 0) return [{ field: 'points', message: 'A neutral observation carries no points: use 0' }];
  return [];
}

export interface OptionDetails { start?: string | undefined; end?: string | undefined; level?: string | undefined; value?: SettingValue | undefined }

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * What each kind of option needs in `details`: periods a start before their end; settings a value (known settings
 * in range); other kinds keep only the details that mean something to them. Returns the cleaned details, or problems.
 */
export function checkOptionDetails(kind: TOptionKind, code: string, d: OptionDetails): { details: OptionDetails; problems: FieldError[] } {
  const problems: FieldError[] = [];
  if (kind === 'period') {
    if (!d.start) problems.push({ field: 'details.start', message: 'Enter the time the period starts' });
    if (!d.end) problems.push({ field: 'details.end', message: 'Enter the time the period ends' });
    if (d.start && d.end && minutes(d.start) >= minutes(d.end)) problems.push({ field: 'details.end', message: 'The end must be after the start' });
    return { details: { start: d.start, end: d.end }, problems };
  }
  if (kind === 'technique') return { details: d.level ? { level: d.level } : {}, problems };
  if (kind === 'setting') {
    const known = (POLICY_SETTINGS as Record<string, { min: number; max: number; label: string } | undefined>)[code.toLowerCase()];
    if (d.value === undefined) problems.push({ field: 'details.value', message: 'Enter a value for the setting' });
    else if (known && !(typeof d.value === 'number' && Number.isInteger(d.value) && d.value >= known.min && d.value <= known.max)) {
      problems.push({ field: 'details.value', message: `${known.label} is a whole number from ${known.min} to ${known.max}` });
    }
    return { details: d.value === undefined ? {} : { value: d.value }, problems };
  }
  return { details: {}, problems };
}

export interface FormFieldInput { key: string; label: string; type: TFormFieldType; options?: string[] | undefined; required: boolean; help?: string | undefined }

/** A custom form's fields: keys unique and well formed, choice fields with two or more distinct options, no options on others. */
export function formProblems(fields: readonly FormFieldInput[]): FieldError[] {
  const problems: FieldError[] = [];
  const seen = new Map<string, number>();
  fields.forEach((f, i) => {
    if (!FORM_FIELD_KEY_PATTERN.test(f.key)) problems.push({ field: `fields.${i}.key`, message: 'Start with a lower-case letter; then up to 39 lower-case letters, digits or underscores' });
    const first = seen.get(f.key);
    if (first !== undefined) problems.push({ field: `fields.${i}.key`, message: `The key "${f.key}" is already used by field ${first + 1}` });
    else seen.set(f.key, i);
    if (f.type === 'choice') {
      const opts = f.options ?? [];
      if (opts.length < 2) problems.push({ field: `fields.${i}.options`, message: 'A choice needs at least 2 options' });
      const lower = opts.map((o) => o.trim().toLowerCase());
      if (new Set(lower).size !== lower.length) problems.push({ field: `fields.${i}.options`, message: 'Each option must be different' });
    } else if (f.options !== undefined && f.options.length > 0) {
      problems.push({ field: `fields.${i}.options`, message: 'Only a choice field has options' });
    }
  });
  return problems;
}

/** The stored shape of a form's fields (options only on choices, help only when given). */
export function normaliseFields(fields: readonly FormFieldInput[]): FormFieldInput[] {
  return fields.map((f) => ({
    key: f.key, label: f.label.trim(), type: f.type, required: f.required,
    ...(f.type === 'choice' ? { options: (f.options ?? []).map((o) => o.trim()) } : {}),
    ...(f.help && f.help.trim() ? { help: f.help.trim() } : {}),
  }));
}
