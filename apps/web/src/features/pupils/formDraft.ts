/**
 * A pupil or contact form being filled in, kept in this browser tab until the server has it (as the safeguarding
 * concern is: concernDraft.ts). A server error, a lost connection or a reload keeps what was typed. sessionStorage,
 * under the signed-in user's id, so it goes with the tab and another person signing in never sees it; signing out
 * removes every one.
 */
const PREFIX = 'haven.pupil-form-draft.';
const keyFor = (userId: string, form: string) => `${PREFIX}${userId}.${form}`;

export function readFormDraft<T extends object>(userId: string, form: string): Partial<T> | null {
  try {
    const raw = sessionStorage.getItem(keyFor(userId, form));
    if (!raw) return null;
    const d = JSON.parse(raw) as unknown;
    return d && typeof d === 'object' && !Array.isArray(d) ? (d as Partial<T>) : null;
  } catch {
    return null;
  }
}

export function writeFormDraft(userId: string, form: string, value: object): void {
  try { sessionStorage.setItem(keyFor(userId, form), JSON.stringify(value)); } catch { /* the form still holds it */ }
}

export function removeFormDraft(userId: string, form: string): void {
  try { sessionStorage.removeItem(keyFor(userId, form)); } catch { /* nothing kept */ }
}

/** Signing out: no half-typed pupil or contact stays in the tab for the next person. */
export function clearFormDrafts(): void {
  try {
    for (const k of Object.keys(sessionStorage)) if (k.startsWith(PREFIX)) sessionStorage.removeItem(k);
  } catch { /* nothing kept */ }
}
