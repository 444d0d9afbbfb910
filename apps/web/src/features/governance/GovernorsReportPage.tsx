/**
 * Reports for governors and heads (ANA-7): the governors' termly report as a PDF for chosen sites and a half-term
 * (no pupil names; small counts as "fewer than 5"), and, for heads, senior leaders and the trust, the census
 * exclusions return of a site as CSV or XML.
 */
import { useState } from 'react';
import { Anchor, Button, Card, Group, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Page } from '../../components/Page';
import { useMe } from '../../lib/usePolicy';
import { UkDateInput } from '../sanctions/SanctionParts';
import { censusUrl, governorsReportUrl } from './governance.api';
import { GovernanceFilters } from './GovernanceFilters';
import { CommentarySection } from './CommentarySection';

export function GovernorsReportPage() {
  const me = useMe();
  const [siteIds, setSiteIds] = useState<string[]>([]);
  const [termId, setTermId] = useState<string | null>(null);
  const census = me.permissions.includes('census.export');
  return (
    <Page title="Reports" description="The governors' termly report, and the census exclusions return.">
      <Card withBorder padding="md" component="section" aria-labelledby="governors-report">
        <Stack gap="sm">
          <Title order={2} size="h4" id="governors-report">Governors' termly report</Title>
          <Text size="sm">A PDF of behaviour (with the dashboard's charts and the head's commentary), physical interventions, suspensions and exclusions, pupil groups and record quality for the term, beside the term before. No pupil is named; counts from 1 to 4 are shown as "fewer than 5" and rates built on them are withheld. A half-term still in progress is reported up to today, beside the same number of school days of the half-term before.</Text>
          <GovernanceFilters siteIds={siteIds} onSites={setSiteIds} termId={termId} onTerm={setTermId} termRequired />
          <Group>
            {termId
              ? <Button component="a" href={governorsReportUrl(termId, siteIds)} download>Download the governors' report (PDF)</Button>
              : <Text size="sm" c="dimmed">Choose a half-term to download the report.</Text>}
          </Group>
          {termId ? <CommentarySection report="governors" period={termId} siteIds={siteIds} /> : null}
        </Stack>
      </Card>
      {census ? <CensusCard /> : null}
    </Page>
  );
}

function CensusCard() {
  const me = useMe();
  const [siteId, setSiteId] = useState<string | null>(me.sites[0]?.id ?? null);
  const [from, setFrom] = useState<string | null>('');
  const [to, setTo] = useState<string | null>('');
  const ready = siteId && from && to && from <= to;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="census">
      <Stack gap="sm">
        <Title order={2} size="h4" id="census">Census exclusions return</Title>
        <Text size="sm">Every suspension and permanent exclusion starting in the census period: UPN, category (PERM, FIXD, LNCH), start date, sessions, up to three reasons, and the governing board's review of a permanent exclusion. Downloads are recorded in the audit log.</Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" maw={760}>
          <Select label="Site" data={me.sites.map((s) => ({ value: s.id, label: s.name }))} value={siteId} onChange={setSiteId} allowDeselect={false} />
          <UkDateInput label="Period from" value="" onChange={setFrom} error={from === null ? 'Not a date' : undefined} />
          <UkDateInput label="Period to" value="" onChange={setTo} error={to === null ? 'Not a date' : from && to && from > to ? 'The end is before the start' : undefined} />
        </SimpleGrid>
        {ready ? (
          <Group>
            <Anchor href={censusUrl(siteId, from, to, 'csv')} download>Download as CSV</Anchor>
            <Anchor href={censusUrl(siteId, from, to, 'xml')} download>Download as XML</Anchor>
          </Group>
        ) : <Text size="sm" c="dimmed">Choose a site and the period's first and last days.</Text>}
      </Stack>
    </Card>
  );
}
