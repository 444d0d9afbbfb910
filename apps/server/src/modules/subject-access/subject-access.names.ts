/**
 * Finding other people's names in free text (DAT-3 redaction), pure. The people are the trust's other pupils (legal and
 * preferred names) and its staff; a name is found when its whole words appear in order, any case, with no other word
 * between (so "Ava Hughes" is found in "ava hughes pushed him", not in "Avalon Hughes"). Single forenames are not
 * matched across the trust: too many are ordinary words. Within one record, though, the forename or surname alone of
 * a person the record names (another pupil on the incident, say) is found where it is written with a capital letter
 * (findSingleNames): "Jo pushed him" in an incident with Jo Bloggs on it.
 */
export type NameKind = 'pupil' | 'staff';
export interface NamedPerson { kind: NameKind; names: readonly string[] }
export interface NameMatch { start: number; end: number; text: string; kind: NameKind }

const WORD = /[\p{L}\p{M}'’-]+/gu;
const norm = (w: string) => w.toLocaleLowerCase('en-GB').replace(/’/g, "'");

export class NameMatcher {
  private readonly names = new Map<string, NameKind>();
  private longest = 2;

  constructor(people: readonly NamedPerson[], except: readonly string[] = []) {
    const skip = new Set(except.map((n) => words(n).join(' ')).filter(Boolean));
    for (const p of people) {
      for (const n of p.names) {
        const w = words(n);
        if (w.length < 2) continue;
        const key = w.join(' ');
        if (skip.has(key)) continue;
        // a pupil's name wins over a member of staff's of the same spelling: it is always replaced
        if (this.names.get(key) !== 'pupil') this.names.set(key, p.kind);
        this.longest = Math.max(this.longest, w.length);
      }
    }
  }

  get size(): number { return this.names.size; }

  /** Every name in the text, earliest first, longest at a place, not overlapping. */
  find(text: string): NameMatch[] {
    if (!text || this.names.size === 0) return [];
    const tokens = [...text.matchAll(WORD)].map((m) => ({ w: norm(m[0]), start: m.index, end: m.index + m[0].length }));
    const out: NameMatch[] = [];
    for (let i = 0; i < tokens.length - 1; i++) {
      for (let n = Math.min(this.longest, tokens.length - i); n >= 2; n--) {
        const key = tokens.slice(i, i + n).map((t) => t.w).join(' ');
        const kind = this.names.get(key);
        if (!kind) continue;
        const start = tokens[i]!.start;
        const end = tokens[i + n - 1]!.end;
        out.push({ start, end, text: text.slice(start, end), kind });
        i += n - 1;
        break;
      }
    }
    return out;
  }
}

/** The words of a name that can stand alone for it (two letters or more), normalised for findSingleNames. */
export function nameWords(name: string): string[] {
  return words(name).filter((w) => w.length >= 2);
}

/** Single name words (nameWords) in the text, only where written with a capital first letter. */
export function findSingleNames(text: string, known: ReadonlyMap<string, NameKind>): NameMatch[] {
  if (!text || known.size === 0) return [];
  const out: NameMatch[] = [];
  for (const m of text.matchAll(WORD)) {
    const first = m[0].charAt(0);
    if (first === first.toLocaleLowerCase('en-GB')) continue;
    const kind = known.get(norm(m[0]));
    if (kind) out.push({ start: m.index, end: m.index + m[0].length, text: m[0], kind });
  }
  return out;
}

function words(name: string): string[] {
  return [...name.matchAll(WORD)].map((m) => norm(m[0]));
}

/** The text with each match replaced as `replacement` says (null: left as it is). */
export function replaceMatches(text: string, matches: readonly NameMatch[], replacement: (m: NameMatch) => string | null): string {
  let out = text;
  for (const m of [...matches].sort((a, b) => b.start - a.start)) {
    const r = replacement(m);
    if (r !== null) out = out.slice(0, m.start) + r + out.slice(m.end);
  }
  return out;
}

/** The ways a pupil may be written: legal and preferred forenames with legal and preferred surnames. */
export function pupilNames(p: { legalForename: string; legalSurname: string; preferredForename: string | null; preferredSurname: string | null }): string[] {
  const fore = [p.legalForename, p.preferredForename].filter((x): x is string => !!x);
  const sur = [p.legalSurname, p.preferredSurname].filter((x): x is string => !!x);
  return [...new Set(fore.flatMap((f) => sur.map((s) => `${f} ${s}`)))];
}
