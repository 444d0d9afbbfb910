/**
 * The parent portal's rules (PAR-1, PAR-2), pure: which records a parent sees as the trust's settings allow, when the
 * school's free text is shown (only when the record is about this child alone), what waits for acknowledgement, and
 * which new records a parent is emailed about now.
 */
import { PORTAL_KINDS, type TNotifyFrequency, type TPortalKind } from '@haven/contracts';

export interface VisibilitySettings { hiddenCategoryCodes: readonly string[]; hideStaffNames: boolean }
export const DEFAULT_SETTINGS: VisibilitySettings = { hiddenCategoryCodes: [], hideStaffNames: true };

/** Record types of the communications log that are never shown in the portal (sealed safeguarding records). */
const SEALED_RECORD_TYPE = /^safeguarding/;

/** A record in categories is shown when none of them is hidden (an incident with any hidden category is not shown at all). */
export function categoriesShown(codes: readonly string[], s: VisibilitySettings): boolean {
  return codes.every((c) => !s.hiddenCategoryCodes.includes(c));
}

export interface PortalIncidentFacts {
  status: string;
  voided: boolean;
  /** A safeguarding concern was raised from it: sealed, so the portal never shows the incident. */
  linkedToConcern: boolean;
  categoryCodes: readonly string[];
}

/** An incident reaches a parent once signed off, not voided, not linked to a sealed concern, in shown categories. */
export function incidentShown(i: PortalIncidentFacts, s: VisibilitySettings): boolean {
  return i.status === 'signed_off' && !i.voided && !i.linkedToConcern && categoriesShown(i.categoryCodes, s);
}

/**
 * The school's description of an incident is shown only when this child is the only pupil on it (it would otherwise
 * describe another pupil, and may name them) and the trust names staff (free text may name them).
 */
export function descriptionShown(pupilsOnRecord: number, s: VisibilitySettings): boolean {
  return pupilsOnRecord === 1 && !s.hideStaffNames;
}

/** A quick point's note is shown only when the point was given to this child alone (not a group log). */
export function noteShown(pupilsInBatch: number): boolean {
  return pupilsInBatch === 1;
}

export function communicationShown(recordType: string): boolean {
  return !SEALED_RECORD_TYPE.test(recordType);
}

/** Each kind's email choice when the parent has not made one. */
export const DEFAULT_FREQUENCY: Record<TPortalKind, TNotifyFrequency> = {
  incident: 'immediately', points: 'daily', sanction: 'immediately', suspension: 'immediately', meeting: 'immediately',
  plan: 'immediately', restraint_copy: 'immediately', letter: 'daily',
};

export function frequencies(chosen: ReadonlyMap<string, string>): Record<TPortalKind, TNotifyFrequency> {
  return Object.fromEntries(PORTAL_KINDS.map((k) => {
    const f = chosen.get(k);
    return [k, f === 'immediately' || f === 'daily' || f === 'off' ? f : DEFAULT_FREQUENCY[k]];
  })) as Record<TPortalKind, TNotifyFrequency>;
}

export interface Arrival { kind: TPortalKind; pupilId: string; at: Date }

/** The arrivals an email run covers: the kinds set to this frequency, after the parent's watermark and up to now. */
export function arrivalsToTell(arrivals: readonly Arrival[], prefs: Record<TPortalKind, TNotifyFrequency>, frequency: 'immediately' | 'daily',
  through: Date, now: Date): Arrival[] {
  return arrivals.filter((a) => prefs[a.kind] === frequency && a.at > through && a.at <= now);
}

/** The email's lines: one per child and kind, counts only — never what the records say. */
export function summaryLines(arrivals: readonly Arrival[], childNames: ReadonlyMap<string, string>, labels: Record<TPortalKind, string>): string[] {
  const counts = new Map<string, number>();
  for (const a of arrivals) counts.set(`${a.pupilId}|${a.kind}`, (counts.get(`${a.pupilId}|${a.kind}`) ?? 0) + 1);
  return [...counts].map(([key, n]) => {
    const [pupilId, kind] = key.split('|') as [string, TPortalKind];
    return `${childNames.get(pupilId) ?? 'Your child'}: ${labels[kind].toLowerCase()} (${n} new)`;
  }).sort();
}

/** The daily digest goes once a day, at or after 16:00 in London, when the last one was before today. */
export function digestDue(lastThrough: Date, now: Date, londonDay: (d: Date) => string, londonHour: number): boolean {
  return londonHour >= 16 && londonDay(lastThrough) < londonDay(now);
}
