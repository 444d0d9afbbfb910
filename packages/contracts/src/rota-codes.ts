/**
 * The codes and words of rota.ts (and its small rules) shared by the API and the web app. No zod here, so a page that
 * shows them does not load the schema library; rota.ts builds its schemas from these.
 */
import type { TRotaGap } from './rota.ts';

const ukDate = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

export const ROTA_MODES = ['one_to_one', 'small_group', 'behaviour_buddy', 'walkabout', 'cover'] as const;
export type TRotaMode = (typeof ROTA_MODES)[number];

export const ROTA_MODE_LABELS: Record<TRotaMode, string> = {
  one_to_one: 'One-to-one', small_group: 'Small group', behaviour_buddy: 'Behaviour buddy', walkabout: 'Walkabout', cover: 'Cover',
};

export const ROTA_EXCEPTION_KINDS = ['absence', 'training', 'cover'] as const;
export type TRotaExceptionKind = (typeof ROTA_EXCEPTION_KINDS)[number];

export const ROTA_EXCEPTION_LABELS: Record<TRotaExceptionKind, string> = { absence: 'Absent', training: 'Training', cover: 'Cover elsewhere' };

/** A gap in words, for the rota page and its PDF (periods and sites named by the caller). */
export function rotaGapText(g: TRotaGap, period: (code: string) => string, site: (id: string) => string): string {
  switch (g.kind) {
    case 'uncovered_absence': return `${ukDate(g.date)}, ${period(g.periodCode)}: ${g.staff.displayName} is away and nobody covers${g.pupil ? ` ${g.pupil.displayName}` : ''} at ${site(g.siteId)}`;
    case 'untrained_adult': return `${ukDate(g.date)}, ${period(g.periodCode)}: ${g.staff.displayName} is not trained for the holds in ${g.pupil.displayName}'s plan`;
    case 'no_trained_adult': return `${ukDate(g.date)}: no trained adult with ${g.pupil.displayName}, whose plan needs one`;
    case 'ehcp_hours': return `${g.pupil.displayName}: ${(g.coveredMinutes / 60).toFixed(1)} of ${(g.requiredMinutes / 60).toFixed(1)} EHCP support hours covered this week`;
  }
}
