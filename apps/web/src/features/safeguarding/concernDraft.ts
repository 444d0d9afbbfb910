/**
 * The safeguarding concern being written, kept in this browser tab until the server acknowledges it (INC-4; issue 11:
 * what was typed survives a server error or a lost connection, and a reload of the page). It is kept in
 * sessionStorage, not localStorage: it goes when the tab is closed, is never shared with another tab, and is under
 * the signed-in user's id so another person signing in on this tab never sees it; signing out removes it. Once the
 * DSL has it (the receipt), it is deleted at once: the author keeps nothing.
 */
import type { TBodyMapMark } from '@haven/contracts';
import type { ChosenPupil } from './PupilChooser';

export interface ConcernDraft { pupils: ChosenPupil[]; category: string; concern: string; childWords: string; actionTaken: string; marks: TBodyMapMark[]; showMap: boolean }

const PREFIX = 'haven.concern-draft.';
const keyFor = (userId: string) => `${PREFIX}${userId}`;

export const isEmptyDraft = (d: ConcernDraft): boolean =>
  !d.pupils.length && !d.category && !d.concern.trim() && !d.childWords.trim() && !d.actionTaken.trim() && !d.marks.length;

export function readConcernDraft(userId: string): ConcernDraft | null {
  try {
    const raw = sessionStorage.getItem(keyFor(userId));
    if (!raw) return null;
    const d = JSON.parse(raw) as Partial<ConcernDraft>;
    if (!d || typeof d !== 'object' || typeof d.concern !== 'string') return null;
    return {
      pupils: Array.isArray(d.pupils) ? d.pupils : [], category: d.category ?? '', concern: d.concern,
      childWords: d.childWords ?? '', actionTaken: d.actionTaken ?? '', marks: Array.isArray(d.marks) ? d.marks : [], showMap: !!d.showMap,
    };
  } catch {
    return null;
  }
}

/** False when the browser refused to keep it (private mode, storage full). */
export function writeConcernDraft(userId: string, d: ConcernDraft): boolean {
  try {
    if (isEmptyDraft(d)) sessionStorage.removeItem(keyFor(userId));
    else sessionStorage.setItem(keyFor(userId), JSON.stringify(d));
    return true;
  } catch {
    return false;
  }
}

export function removeConcernDraft(userId: string): void {
  try { sessionStorage.removeItem(keyFor(userId)); } catch { /* nothing kept */ }
}

/** Signing out: no unsent concern stays in the tab for the next person. */
export function clearConcernDrafts(): void {
  try {
    for (const k of Object.keys(sessionStorage)) if (k.startsWith(PREFIX)) sessionStorage.removeItem(k);
  } catch { /* nothing kept */ }
}
