/** The parent portal's search: which child is shown (?child=<pupil id>). */
export const parsePortalSearch = (s: Record<string, unknown>): { child?: string } => (typeof s.child === 'string' ? { child: s.child } : {});
