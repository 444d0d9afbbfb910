import { useCan, useMe } from '../../lib/usePolicy';
import { useAdminSites } from './admin.api';

/** Sites to choose from in admin forms and filters: every trust site when the user manages sites, else their own. */
export function useSiteOptions(): { options: Array<{ value: string; label: string }>; nameOf: (id: string | null) => string } {
  const me = useMe();
  const canManage = useCan('site.manage');
  const sites = useAdminSites(canManage);
  const list = canManage && sites.data ? sites.data.items.map((s) => ({ id: s.id, name: s.name })) : me.sites;
  const options = list.map((s) => ({ value: s.id, label: s.name }));
  const nameOf = (id: string | null) => (id === null ? 'Whole trust' : (list.find((s) => s.id === id)?.name ?? 'Unknown site'));
  return { options, nameOf };
}
