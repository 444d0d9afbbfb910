/** Who may open the incident pages (the server checks again for every record). */
import type { ReactNode } from 'react';
import { NoAccessPage } from '../../components/StatusPages';
import { useMe } from '../../lib/usePolicy';

export function useHas(): (permission: string) => boolean {
  const me = useMe();
  return (p) => me.permissions.includes(p);
}

export function CanRecord({ children }: { children: ReactNode }) {
  return useHas()('behaviour.record') ? <>{children}</> : <NoAccessPage what="recording incidents" />;
}

export function CanSeeIncidents({ children }: { children: ReactNode }) {
  const has = useHas();
  return has('behaviour.record') || has('behaviour.read') ? <>{children}</> : <NoAccessPage what="incidents" />;
}

export function CanReview({ children }: { children: ReactNode }) {
  return useHas()('incident.review') ? <>{children}</> : <NoAccessPage what="reviewing incidents" />;
}
