/** The plan page's search: which tab is open (?tab=plan|edit|history). */
export type PlanTab = 'plan' | 'edit' | 'history';
export const parsePlanSearch = (s: Record<string, unknown>): { tab?: PlanTab } =>
  (s.tab === 'edit' || s.tab === 'history' || s.tab === 'plan' ? { tab: s.tab } : {});
