/** How long: "45 s", "3 min 05 s", "1 h 02 min" — for response and resolution times and for a call still waiting. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '';
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** Seconds since an instant, for a live "waiting for" clock. */
export function secondsSince(iso: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
}

/** The user's sites where one of these roles applies (a trust-wide assignment covers every site). */
export function sitesWithRole<S extends { id: string }>(me: { sites: S[]; assignments: { role: string; siteId: string | null }[] }, roles: readonly string[]): S[] {
  const held = me.assignments.filter((a) => roles.includes(a.role));
  return held.some((a) => a.siteId === null) ? me.sites : me.sites.filter((s) => held.some((a) => a.siteId === s.id));
}

/** Who may call for help (data roles) and who manages a site's on-call list (policy managers), as on the server. */
export const CALLER_ROLES = ['staff', 'behaviour_lead', 'cluster_lead', 'dsl', 'senco', 'head', 'slt'] as const;
export const MANAGER_ROLES = ['behaviour_lead', 'cluster_lead', 'head', 'trust_admin'] as const;

/** Who is coming, for the caller: "Sam Patel is on the way", "Sam Patel and Jo Khan are on the way". */
export function comingText(coming: readonly { displayName: string }[]): string {
  const names = coming.map((p) => p.displayName || 'A responder');
  if (!names.length) return '';
  const list = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;
  return `${list} ${names.length === 1 ? 'is' : 'are'} on the way`;
}
