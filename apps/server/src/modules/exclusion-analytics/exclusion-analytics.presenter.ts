/** Exclusion figures → the ANA-4 contract, suppressed for aggregate-only viewers (SPEC §9). */
import type { TExclusionStats } from '@haven/contracts';
import { derived, figure, isSmallCount, ratePer100 } from '../analytics/analytics.rules.ts';
import type { Resolved } from '../analytics/analytics.service.ts';
import type { ExclusionData } from './exclusion-analytics.service.ts';
import { daysLost, dfeRate } from './exclusion-analytics.rules.ts';

export function presentExclusions(r: Pick<Resolved, 'from' | 'requestedTo' | 'progress' | 'sites' | 'aggregateOnly'>, d: ExclusionData): TExclusionStats {
  const suppress = r.aggregateOnly;
  const s = d.summary;
  const headcount = [...d.headcount.values()].reduce((a, b) => a + b, 0);
  const f = (n: number) => figure(n, ratePer100(n, d.pupilDays), suppress);
  const plain = (n: number) => figure(n, null, suppress);
  const withheldDays = suppress && isSmallCount(s.suspensions);
  return {
    from: r.from, to: r.requestedTo, progress: r.progress, aggregateOnly: suppress, sites: r.sites, headcount, pupilDays: d.pupilDays,
    suspensions: f(s.suspensions), lunchtime: f(s.lunchtime), permanent: f(s.permanent),
    pupilsSuspended: plain(s.pupilsSuspended), repeatPupils: plain(s.repeatPupils),
    daysLost: withheldDays ? { value: null, note: 'withheld', sessions: null } : { value: daysLost(s.sessionsLost), note: null, sessions: s.sessionsLost },
    academicYear: d.year,
    pupilsAt35: plain(s.pupilsAt35),
    suspensionRate: derived(dfeRate(s.suspensions, headcount), suppress, [s.suspensions]),
    permanentRate: derived(dfeRate(s.permanent, headcount), suppress, [s.permanent]),
    national: d.national,
    reasons: [...s.reasons.entries()].sort((a, b) => (b[1].suspensions + b[1].permanent) - (a[1].suspensions + a[1].permanent) || a[0].localeCompare(b[0]))
      .map(([code, c]) => ({ code, label: d.reasonLabels.get(code) ?? code, suspensions: plain(c.suspensions), permanent: plain(c.permanent) })),
    bySite: r.sites.map((site) => {
      const t = s.bySite.get(site.id) ?? { suspensions: 0, lunchtime: 0, permanent: 0, sessionsLost: 0 };
      const hc = d.headcount.get(site.id) ?? 0;
      return {
        siteId: site.id, siteName: site.name, headcount: hc, suspensions: plain(t.suspensions), permanent: plain(t.permanent),
        daysLost: suppress && isSmallCount(t.suspensions) ? null : daysLost(t.sessionsLost),
        suspensionRate: derived(dfeRate(t.suspensions, hc), suppress, [t.suspensions]),
      };
    }),
    deadlinesDue: { board: plain(d.duties.board), provision: plain(d.duties.provision), notifications: plain(d.duties.notifications), overdue: plain(d.duties.overdue) },
  };
}
