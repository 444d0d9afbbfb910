/** The form builder's working copy of custom fields, and the checks the server also makes (POL-2). */
import type { TFormField, TFormFieldType } from './policy.types';

export interface DraftField {
  uid: number;
  key: string;
  /** Once a key is typed (or came from a saved version) it no longer follows the label. */
  keyEdited: boolean;
  label: string;
  type: TFormFieldType;
  /** One option per line (choice fields). */
  optionsText: string;
  required: boolean;
  help: string;
}

const KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** A key from a label: "Was the calm space used?" → "was_the_calm_space_used". */
export function keyFromLabel(label: string): string {
  let k = label.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  if (k && !/^[a-z]/.test(k)) k = `f_${k}`;
  return k.slice(0, 40).replace(/_+$/, '');
}

export const optionLines = (text: string) => text.split('\n').map((o) => o.trim()).filter(Boolean);

export function draftsFrom(fields: readonly TFormField[], nextUid: () => number): DraftField[] {
  return fields.map((f) => ({
    uid: nextUid(), key: f.key, keyEdited: true, label: f.label, type: f.type, optionsText: (f.options ?? []).join('\n'), required: f.required, help: f.help ?? '',
  }));
}

/** The fields as the API takes them (and as it stores them: options only on choices, help only when given). */
export function toFields(drafts: readonly DraftField[]): TFormField[] {
  return drafts.map((d) => ({
    key: d.key, label: d.label.trim(), type: d.type, required: d.required,
    ...(d.type === 'choice' ? { options: optionLines(d.optionsText) } : {}),
    ...(d.help.trim() ? { help: d.help.trim() } : {}),
  }));
}

export const sameFields = (a: readonly TFormField[], b: readonly TFormField[]) => JSON.stringify(a) === JSON.stringify(b);

/** Problems by the API's field names (fields.2.key …), so client and server messages land in the same places. */
export function draftProblems(drafts: readonly DraftField[]): Record<string, string> {
  const e: Record<string, string> = {};
  const seen = new Map<string, number>();
  drafts.forEach((d, i) => {
    if (!d.label.trim()) e[`fields.${i}.label`] = 'Enter the question or label';
    if (!KEY.test(d.key)) e[`fields.${i}.key`] = 'Start with a lower-case letter; then up to 39 lower-case letters, digits or underscores';
    else if (seen.has(d.key)) e[`fields.${i}.key`] = `Already used by field ${seen.get(d.key)! + 1}`;
    else seen.set(d.key, i);
    if (d.type === 'choice') {
      const opts = optionLines(d.optionsText);
      if (opts.length < 2) e[`fields.${i}.options`] = 'A choice needs at least 2 options, one per line';
      else if (new Set(opts.map((o) => o.toLowerCase())).size !== opts.length) e[`fields.${i}.options`] = 'Each option must be different';
      else if (opts.some((o) => o.length > 100)) e[`fields.${i}.options`] = 'Keep each option to 100 characters';
    }
  });
  return e;
}
