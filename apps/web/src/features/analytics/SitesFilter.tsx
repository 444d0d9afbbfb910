/**
 * The dashboard's choice of sites, for staff who work at more than one (a trust or cluster lead): its own chunk, since
 * Mantine's MultiSelect (a combobox with its own scroll area) is most of a page's code for a filter one-site staff
 * never see. Until it has loaded, AnalyticsPage shows a box of the same size.
 */
import { MultiSelect } from '@mantine/core';

export function SitesFilter({ sites, value, onChange }: {
  sites: readonly { id: string; name: string }[]; value: string[]; onChange: (siteIds: string[]) => void;
}) {
  return (
    <MultiSelect label="Sites" placeholder={value.length ? undefined : 'All your sites'} data={sites.map((s) => ({ value: s.id, label: s.name }))}
      value={value} onChange={onChange} clearable />
  );
}

