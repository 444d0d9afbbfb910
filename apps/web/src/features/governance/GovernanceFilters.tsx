/** Site and half-term choice shared by the exclusions page and the governors' report page. */
import { MultiSelect, Select, SimpleGrid } from '@mantine/core';
import { useMe } from '../../lib/usePolicy';
import { formatDate } from '../../lib/format';
import { useReportTerms } from './governance.api';

export function GovernanceFilters({ siteIds, onSites, termId, onTerm, termRequired }: {
  siteIds: string[]; onSites: (ids: string[]) => void; termId: string | null; onTerm: (id: string | null) => void; termRequired?: boolean;
}) {
  const me = useMe();
  const terms = useReportTerms();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" maw={760}>
      <MultiSelect label="Sites" description="None chosen: every site you may see" data={me.sites.map((s) => ({ value: s.id, label: s.name }))}
        value={siteIds} onChange={onSites} clearable />
      <Select label="Half-term" required={termRequired} description={termRequired ? 'The term the report covers' : 'None chosen: this academic year to date'}
        data={(terms.data ?? []).map((t) => ({ value: t.id, label: `${t.name} (${formatDate(t.startDate)} to ${formatDate(t.endDate)})` }))}
        value={termId} onChange={onTerm} clearable={!termRequired} searchable />
    </SimpleGrid>
  );
}
