/**
 * The site's effective behaviour policy (GET /api/v1/policy?siteId, contract ZEffectivePolicy) in the shape the
 * incident pages use: lists of code + label, the current custom form, severity wording and the serious threshold.
 */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { TEffectivePolicy } from '@haven/contracts';
import { api } from '../../lib/api';
import { DEFAULT_SEVERITY_LABELS } from './labels';
import type { TCustomField } from './types';

export interface PolicyOption { code: string; label: string; start?: string; end?: string; group?: string; validFrom?: string; validTo?: string | null }
export interface IncidentPolicy {
  categories: PolicyOption[];
  locations: PolicyOption[];
  periods: PolicyOption[];
  actions: PolicyOption[];
  motivations: PolicyOption[];
  techniques: PolicyOption[];
  /** The trust's census reason codes with their validity (SPEC §6): the form offers those valid on the incident's date. */
  dfeReasons: PolicyOption[];
  /** The current custom form: what a new incident gets (an existing one keeps its own version). */
  formFields: Array<TCustomField & { help?: string }>;
  severityLabels: string[];
  /** Severity at or above which an incident is serious (REV-1). */
  seriousSeverity: number;
  /** Action codes that lead to a suspension or exclusion, so the DfE reason applies. */
  exclusionActionCodes: string[];
}

type Opt = TEffectivePolicy['locations'][number];
/** "Single elbow" at level "2" → "Single elbow (level 2)"; a worded level is shown as configured. */
const levelled = (label: string, level: string | undefined) => (!level ? label : /^\d+$/.test(level) ? `${label} (level ${level})` : `${label} (${level})`);
const opt = (o: Opt): PolicyOption => ({ code: o.code, label: o.label, start: o.details.start, end: o.details.end });

export function toIncidentPolicy(p: TEffectivePolicy | null): IncidentPolicy {
  const actions = (p?.actions ?? []).map(opt);
  return {
    categories: (p?.categories ?? []).map((c) => ({ code: c.code, label: c.name, group: c.polarity })),
    locations: (p?.locations ?? []).map(opt),
    periods: (p?.periods ?? []).map(opt),
    actions,
    motivations: (p?.motivations ?? []).map(opt),
    techniques: (p?.techniques ?? []).map((t) => ({ code: t.code, label: levelled(t.label, t.details.level) })),
    dfeReasons: (p?.dfeReasons ?? []).map((r) => ({ code: r.code, label: r.label, validFrom: r.validFrom, validTo: r.validTo })),
    formFields: (p?.form?.fields ?? []).map((f) => ({ key: f.key, label: f.label, type: f.type, options: f.options, required: f.required, help: f.help })),
    severityLabels: DEFAULT_SEVERITY_LABELS,
    seriousSeverity: p?.settings.serious_severity ?? 4,
    // The policy has no flag for it, so actions whose code or name speaks of a suspension or exclusion count.
    exclusionActionCodes: actions.filter((a) => /suspen|exclu/i.test(`${a.code} ${a.label}`)).map((a) => a.code),
  };
}

export const EMPTY_POLICY = toIncidentPolicy(null);

export function useIncidentPolicy(siteId: string | undefined) {
  return useQuery({ ...incidentPolicyQuery(siteId), enabled: !!siteId });
}

/** A site's policy in the form's shape: the form's query, and what the new-incident route's loader starts. */
export function incidentPolicyQuery(siteId: string | undefined) {
  return queryOptions({
    queryKey: ['policy', siteId],
    queryFn: async ({ signal }) => toIncidentPolicy(await api.get<TEffectivePolicy>('/policy', { siteId }, signal)),
    staleTime: 5 * 60_000,
    // another site's lists stay until this one's arrive (the form is not taken away while it loads)
    placeholderData: keepPreviousData,
  });
}

/** The label of a code in a list, or the code itself when the policy no longer has it (old records keep codes). */
export function labelOf(list: PolicyOption[], code: string | null | undefined): string {
  if (!code) return '';
  return list.find((o) => o.code === code)?.label ?? code;
}

/** The census reasons valid on a date (ISO), or all of them when the date is not known yet. */
export function reasonsValidOn(list: PolicyOption[], isoDate: string | null): PolicyOption[] {
  if (!isoDate) return list;
  return list.filter((r) => (!r.validFrom || r.validFrom <= isoDate) && (!r.validTo || r.validTo >= isoDate));
}

/** The period whose times contain a typed time (periods carry start and end), to fill the period for the user. */
export function periodAt(periods: PolicyOption[], time: string): string | undefined {
  if (!/^\d{2}:\d{2}$/.test(time)) return undefined;
  return periods.find((p) => p.start && p.end && p.start.slice(0, 5) <= time && time < p.end.slice(0, 5))?.code;
}
