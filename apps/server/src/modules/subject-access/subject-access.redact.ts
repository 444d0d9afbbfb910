/**
 * Redaction of a gathered record, pure (DAT-3). References to people (ids anywhere in the record) become names: the
 * pupil's own, "[another pupil]" for any other pupil — always — and a member of staff's name, or "[member of staff]"
 * when the request redacts staff. Free text is searched for other pupils' and staff names (subject-access.names.ts):
 * each is a flag for the reviewer, and is replaced the same way; so is the forename or surname alone of another pupil
 * (or, when staff are redacted, a member of staff) the record itself names. The reviewer's decision then applies: release as it
 * is, redact named fields ("[redacted]"), or withhold the record. What this returns is exactly what is released.
 */
import type { TSarDecisionAction, TSarField, TSarFlag } from '@haven/contracts';
import { findSingleNames, nameWords, replaceMatches, type NameKind, type NameMatcher } from './subject-access.names.ts';

export const ANOTHER_PUPIL = '[another pupil]';
export const MEMBER_OF_STAFF = '[member of staff]';
export const REDACTED = '[redacted]';

export interface Person { kind: 'subject' | 'pupil' | 'staff' | 'person'; name: string }
export interface GatheredRecord { kind: string; id: string; at: string | null; title: string; data: Record<string, unknown> }
export interface Decision { action: TSarDecisionAction; fields: readonly string[]; reason: string | null }
export interface RedactContext {
  people: ReadonlyMap<string, Person>;
  places: ReadonlyMap<string, string>;
  matcher: NameMatcher;
  redactStaff: boolean;
}
export interface RedactedRecord {
  key: string; kind: string; id: string; at: string | null; title: string;
  /** The record as released (names replaced, fields redacted); a withheld record (outcome) is left out of the release. */
  values: Record<string, unknown>;
  fields: TSarField[];
  flags: TSarFlag[];
  outcome: TSarDecisionAction;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HIDDEN = new Set(['trust_id', 'version', 'token_hash', 'storage_path', 'document_hash', 'sha256']);

export const labelOf = (key: string): string => {
  const words = key.replace(/_id$/, '').replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

function personLabel(p: Person, redactStaff: boolean): string {
  if (p.kind === 'pupil') return ANOTHER_PUPIL;
  if (p.kind === 'staff' && redactStaff) return MEMBER_OF_STAFF;
  return p.name;
}

const subjectWordsOf = new WeakMap<RedactContext, Set<string>>();
function subjectWords(ctx: RedactContext): Set<string> {
  let s = subjectWordsOf.get(ctx);
  if (!s) {
    s = new Set([...ctx.people.values()].filter((p) => p.kind === 'subject').flatMap((p) => nameWords(p.name)));
    subjectWordsOf.set(ctx, s);
  }
  return s;
}

/** The name words of the people this record names by id (other pupils; staff when redacted), not the pupil's own. */
function recordNameWords(v: unknown, ctx: RedactContext, out = new Map<string, NameKind>()): Map<string, NameKind> {
  if (typeof v === 'string') {
    if (!UUID.test(v)) return out;
    const p = ctx.people.get(v.toLowerCase());
    if (!p || !(p.kind === 'pupil' || (p.kind === 'staff' && ctx.redactStaff))) return out;
    const own = subjectWords(ctx);
    for (const w of nameWords(p.name)) if (!own.has(w) && out.get(w) !== 'pupil') out.set(w, p.kind);
  } else if (Array.isArray(v)) for (const x of v) recordNameWords(x, ctx, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v as Record<string, unknown>)) recordNameWords(x, ctx, out);
  return out;
}

const replacementFor = (ctx: RedactContext) => (m: { kind: NameKind }) => (m.kind === 'pupil' ? ANOTHER_PUPIL : ctx.redactStaff ? MEMBER_OF_STAFF : null);

/** One value with people named or replaced; flags collected under the top-level field. */
function transform(v: unknown, field: string, ctx: RedactContext, flags: TSarFlag[], local: ReadonlyMap<string, NameKind>): unknown {
  if (typeof v === 'string') {
    if (UUID.test(v)) {
      const p = ctx.people.get(v.toLowerCase());
      if (p) return personLabel(p, ctx.redactStaff);
      return ctx.places.get(v.toLowerCase()) ?? v;
    }
    const found = ctx.matcher.find(v);
    for (const m of found) flags.push({ field, label: labelOf(field), as: m.kind, text: m.text });
    const named = found.length ? replaceMatches(v, found, replacementFor(ctx)) : v;
    const singles = findSingleNames(named, local);
    for (const m of singles) flags.push({ field, label: labelOf(field), as: m.kind, text: m.text });
    return singles.length ? replaceMatches(named, singles, replacementFor(ctx)) : named;
  }
  if (Array.isArray(v)) return v.map((x) => transform(x, field, ctx, flags, local));
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, transform(x, field, ctx, flags, local)]));
  }
  return v;
}

const LONDON = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** A value as one line of text for the PDF and the CSV. */
export function displayValue(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (typeof v === 'string') {
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}`;
    if (/^\d{4}-\d{2}-\d{2}T\d\d:\d\d/.test(v) && !Number.isNaN(Date.parse(v))) return LONDON.format(new Date(v)).replace(',', '');
    return v;
  }
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.map(displayValue).filter(Boolean).join('; ');
  return Object.entries(v as Record<string, unknown>).map(([k, x]) => [labelOf(k), displayValue(x)] as const)
    .filter(([, x]) => x !== '').map(([k, x]) => `${k}: ${x}`).join(', ');
}

export function redactRecord(r: GatheredRecord, ctx: RedactContext, decision: Decision | null): RedactedRecord {
  const key = `${r.kind}:${r.id}`;
  const flags: TSarFlag[] = [];
  const values: Record<string, unknown> = {};
  const local = recordNameWords(r.data, ctx);
  for (const [k, v] of Object.entries(r.data)) {
    if (HIDDEN.has(k)) continue;
    values[k] = transform(v, k, ctx, flags, local);
  }
  const title = String(transform(r.title, 'title', ctx, flags, local));
  const outcome: TSarDecisionAction = decision?.action ?? 'release';
  if (outcome === 'redact') for (const f of decision?.fields ?? []) if (f in values) values[f] = REDACTED;
  const fields = Object.entries(values).map(([name, v]) => ({ name, label: labelOf(name), value: displayValue(v) })).filter((f) => f.value !== '');
  return { key, kind: r.kind, id: r.id, at: r.at, title, values, fields, flags, outcome };
}
