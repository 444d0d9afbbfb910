/** Display labels, straight from the shared contracts so the API and the web app never disagree. */
import {
  PHASES, PRIMARY_NEED_LABELS, ROLE_LABELS, ROLES, SEN_STATUS_LABELS, SITE_KIND_LABELS, SITE_KINDS,
} from '@haven/contracts';
import type { TPhase, TPrimaryNeed, TRole, TSenStatus, TSiteKind } from './types';

export const roleLabel = (r: TRole): string => ROLE_LABELS[r] ?? r;
export const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export const siteKindLabel = (k: TSiteKind): string => SITE_KIND_LABELS[k] ?? k;
export const SITE_KIND_OPTIONS = SITE_KINDS.map((k) => ({ value: k, label: SITE_KIND_LABELS[k] }));

const PHASE_LABELS: Record<TPhase, string> = {
  primary: 'Primary', secondary: 'Secondary', all_through: 'All-through', post_16: 'Post-16',
};
export const phaseLabel = (p: TPhase): string => PHASE_LABELS[p] ?? p;
export const PHASE_OPTIONS = PHASES.map((p) => ({ value: p, label: PHASE_LABELS[p] }));

export const senStatusLabel = (s: TSenStatus): string => SEN_STATUS_LABELS[s] ?? s;
export const primaryNeedLabel = (n: TPrimaryNeed): string => PRIMARY_NEED_LABELS[n] ?? n;

export const CONTACT_PREFERENCE_LABELS: Record<'email' | 'phone' | 'letter', string> = {
  email: 'Email', phone: 'Phone', letter: 'Letter by post',
};
