/**
 * The copy of an incident form kept on this device (INC-2: nothing typed is lost). Written on every change, before
 * anything goes to the server; `dirty` says the server has not yet acknowledged it.
 */
import type { FormModel } from './formModel';

export interface LocalDraft {
  form: FormModel;
  incidentId: string | null;
  /** The server version the edits were made on (sent with the next PATCH). */
  baseVersion: number | null;
  /** When the user last changed something (ms since epoch). */
  localUpdatedAt: number;
  dirty: boolean;
}

const PREFIX = 'haven.incident-draft.';
export const draftKey = (incidentId: string | null | undefined, draftUuid: string | undefined): string =>
  `${PREFIX}${incidentId ?? `new-${draftUuid ?? 'unknown'}`}`;

export function readDraft(key: string): LocalDraft | null {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const d = JSON.parse(raw) as Partial<LocalDraft>;
    if (!d || typeof d !== 'object' || !d.form || typeof d.localUpdatedAt !== 'number') return null;
    return { form: d.form, incidentId: d.incidentId ?? null, baseVersion: d.baseVersion ?? null, localUpdatedAt: d.localUpdatedAt, dirty: !!d.dirty };
  } catch {
    return null;
  }
}

/** False when the browser refused (private mode, storage full): the caller tells the user. */
export function writeDraft(key: string, d: LocalDraft): boolean {
  try {
    localStorage.setItem(key, JSON.stringify(d));
    return true;
  } catch {
    return false;
  }
}

export function removeDraft(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    /* nothing to remove */
  }
}

function draftKeys(): string[] {
  try {
    return Object.keys(localStorage).filter((k) => k.startsWith(PREFIX));
  } catch {
    return [];
  }
}

/** Drafts on this device the server has not yet acknowledged (asked about before signing out). */
export function unsyncedDraftCount(): number {
  return draftKeys().filter((k) => readDraft(k)?.dirty).length;
}

/** Signing out removes every draft from this device: pupil details must not stay on a shared device. */
export function clearAllDrafts(): void {
  for (const k of draftKeys()) removeDraft(k);
}
