/**
 * The rules of letter templates, as pure functions: merge fields ({{pupil.firstName}}) found, checked against the
 * kind's list and filled in; the template in force (site override, else the trust's, else Haven's default) with its
 * locked statutory parts always taken from the default; what a save may not change; the salutation; and how a
 * part's text becomes paragraphs and bullet lists. Merge fields are filled as plain text into a PDF or an email:
 * there is no logic, no HTML and no escape to code, so text a trust writes cannot do anything but be printed.
 */
import type { TLetterBlock } from '@haven/contracts';
import type { LetterParts } from '../../db/schema/letters.ts';

const FIELD = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The merge fields a text names, in order of first use. */
export function fieldsIn(text: string): string[] {
  return [...new Set([...text.matchAll(FIELD)].map((m) => m[1]!))];
}

/** The fields a text names that the kind of letter does not offer. */
export function unknownFields(text: string, allowed: Readonly<Record<string, string>>): string[] {
  return fieldsIn(text).filter((f) => !Object.hasOwn(allowed, f));
}

/** The text with each field replaced by its value (a field without a value becomes empty). */
export function fill(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(FIELD, (_, name: string) => (Object.hasOwn(values, name) ? values[name]! : ''));
}

/** A paragraph of text, or a bulleted list (every line starting "- "). */
export type Paragraph = { kind: 'text'; text: string } | { kind: 'list'; items: string[] };

/** Paragraphs are separated by a blank line; lines of a paragraph that all start with "- " make a list. */
export function paragraphs(text: string): Paragraph[] {
  return text.replace(/\r\n?/g, '\n').split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean).map((p): Paragraph => {
    const lines = p.split('\n').map((l) => l.trim());
    return lines.every((l) => l.startsWith('- '))
      ? { kind: 'list', items: lines.map((l) => l.slice(2).trim()) }
      : { kind: 'text', text: lines.join(' ') };
  });
}

export interface DefaultBlock { key: string; heading: string | null; text: string; locked: boolean }
export interface DefaultTemplate { subject: string; blocks: DefaultBlock[] }
export interface SavedTemplate { subject: string; parts: LetterParts }

/** The template in force: the override's editable parts over the trust's over the default; locked parts always the default's. */
export function effectiveTemplate(def: DefaultTemplate, ...saved: (SavedTemplate | null | undefined)[]): { subject: string; blocks: TLetterBlock[] } {
  const layer = saved.find((s) => s) ?? null;
  return {
    subject: layer?.subject ?? def.subject,
    blocks: def.blocks.map((b) => {
      const part = !b.locked ? layer?.parts[b.key] : undefined;
      return { key: b.key, heading: part ? part.heading : b.heading, text: part ? part.text : b.text, locked: b.locked };
    }),
  };
}

export interface TemplateProblem { field: string; message: string }
export interface BlockInput { key: string; heading: string | null; text: string }

/**
 * What is wrong with a template as submitted: the parts must be the kind's parts in order; a locked part must be
 * exactly as it is; every merge field must be one the kind offers. Empty when it may be saved.
 */
export function templateProblems(def: DefaultTemplate, fields: Readonly<Record<string, string>>, subject: string, blocks: readonly BlockInput[]): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const unknownIn = (field: string, text: string) => {
    const bad = unknownFields(text, fields);
    if (bad.length) problems.push({ field, message: `Unknown merge field${bad.length > 1 ? 's' : ''}: ${bad.map((f) => `{{${f}}}`).join(', ')}` });
  };
  unknownIn('subject', subject);
  const expected = def.blocks.map((b) => b.key).join(',');
  if (blocks.map((b) => b.key).join(',') !== expected) {
    problems.push({ field: 'blocks', message: `The letter's parts must be, in order: ${def.blocks.map((b) => b.key).join(', ')}` });
    return problems;
  }
  blocks.forEach((b, n) => {
    const d = def.blocks[n]!;
    if (d.locked) {
      if (b.text !== d.text) problems.push({ field: `blocks.${n}.text`, message: 'This part is required by law and cannot be changed' });
      if ((b.heading ?? null) !== d.heading) problems.push({ field: `blocks.${n}.heading`, message: 'This part is required by law and cannot be changed' });
      return;
    }
    unknownIn(`blocks.${n}.text`, b.text);
    if (b.heading) unknownIn(`blocks.${n}.heading`, b.heading);
  });
  return problems;
}

/** The editable parts of a submitted template, as stored. */
export function editableParts(def: DefaultTemplate, blocks: readonly BlockInput[]): LetterParts {
  const parts: LetterParts = {};
  blocks.forEach((b, n) => { if (!def.blocks[n]!.locked) parts[b.key] = { heading: b.heading || null, text: b.text }; });
  return parts;
}

export interface Addressee { title: string | null; forename: string; surname: string }

/** "Dear Mr Smith", "Dear Mr Smith and Ms Jones", "Dear Jane Smith" (no title), or "Dear Parent or Carer" with no one. */
export function salutation(people: readonly Addressee[]): string {
  const short = people.map((p) => (p.title?.trim() ? `${p.title.trim()} ${p.surname}` : `${p.forename} ${p.surname}`).trim()).filter(Boolean);
  // two people called the same ("Ms Smith and Ms Smith") are told apart by their first names
  const names = new Set(short).size === short.length ? short
    : people.map((p) => [p.title?.trim(), p.forename, p.surname].filter(Boolean).join(' ')).filter(Boolean);
  if (!names.length) return 'Dear Parent or Carer';
  return `Dear ${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`}`;
}

/** The name line of an address block: "Mr J Smith". */
export function addressName(p: Addressee): string {
  return [p.title?.trim(), p.forename ? `${p.forename[0]}` : null, p.surname].filter(Boolean).join(' ');
}
