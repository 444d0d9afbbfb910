/**
 * The behaviour policy page's URL state: which scope (a site, or the trust) and which section. Parsed eagerly by the
 * router, so nothing here imports the contracts' runtime code (that would pull the schema library into the first bundle).
 */
import { uuid } from '../../lib/search';

export const POLICY_TABS = ['categories', 'locations', 'periods', 'actions', 'motivations', 'techniques', 'settings', 'form', 'rules'] as const;
export type PolicyTab = (typeof POLICY_TABS)[number];

export interface PolicySearch {
  /** A site id, or 'trust' for the trust-wide policy. */
  scope?: string;
  tab?: PolicyTab;
}

export function parsePolicySearch(s: Record<string, unknown>): PolicySearch {
  const scope = s.scope === 'trust' ? 'trust' : uuid(s.scope);
  const tab = typeof s.tab === 'string' && (POLICY_TABS as readonly string[]).includes(s.tab) ? (s.tab as PolicyTab) : undefined;
  return { scope, tab };
}
