/**
 * What the new-incident route's loader starts (router.tsx) before the form's code has loaded: the recorder's site's
 * staff (the recorder is added as staff involved) and its policy (the form's lists), asked for as soon as /me says
 * which site that is. A form opened from a pupil (its site is the pupil's) or from a draft on this device loads its
 * own. Started by the loader, the requests no longer lengthen the form's first commit, the longest task of its load.
 */
import type { QueryClient } from '@tanstack/react-query';
import { meQuery } from '../auth/auth.api';
import { staffListQuery } from './incidents.api';
import type { NewIncidentSearch } from './incidentSearch';
import { incidentPolicyQuery } from './policy';

export async function prefetchNewIncident(qc: QueryClient, search: NewIncidentSearch): Promise<void> {
  if (search.draft || search.id || search.pupilId) return;
  const me = await qc.fetchQuery(meQuery);
  const siteId = me?.sites[0]?.id;
  if (!siteId) return;
  await Promise.all([qc.prefetchQuery(staffListQuery(siteId)), qc.prefetchQuery(incidentPolicyQuery(siteId))]);
}
