/** The agency professional's page: the records shared with them that are still open, each readable until its last day. */
import { useState } from 'react';
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Facts } from '../../components/Facts';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { formatDate, formatInstantDate } from '../../lib/format';
import { apiUrl } from '../../lib/api';
import type { TAgencyShare } from '../../lib/types';
import { useMyShares, useSharedIncident } from './agency.api';

export function SharedWithMePage() {
  return (
    <RequirePermission permission="agency.shares.read" what="records shared with an agency">
      <SharedWithMe />
    </RequirePermission>
  );
}

function SharedWithMe() {
  const shares = useMyShares();
  return (
    <Page title="Shared with me" description="Records a school has shared with you. Each share ends on its last day, or sooner if the school withdraws it.">
      {shares.isPending ? <Loading /> : null}
      {shares.isError ? <ErrorAlert error={shares.error} onRetry={() => void shares.refetch()} /> : null}
      {shares.data && shares.data.items.length === 0 ? <Text>Nothing is shared with you at the moment.</Text> : null}
      {shares.data?.items.map((s) => <ShareCard key={s.id} share={s} />)}
    </Page>
  );
}

function ShareCard({ share }: { share: TAgencyShare }) {
  const [open, setOpen] = useState<string | null>(null);
  const incident = useSharedIncident(share.id, open);
  // documents (the pupil summary, the agency report, professional reports) download; incidents open here
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={`share-${share.id}`}>
      <Title order={2} size="h4" id={`share-${share.id}`} className="break-anywhere">{share.pupilName}</Title>
      <Text size="sm" mb="sm">Shared until {formatInstantDate(share.expiresAt)}</Text>
      <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
        {share.records.map((r) => (
          <li key={r.id}>
            <Group gap="sm" wrap="wrap">
              <Text size="sm">{r.label}</Text>
              {r.type === 'incident' ? (
                <Button size="xs" variant="default" onClick={() => setOpen(open === r.id ? null : r.id)} aria-expanded={open === r.id}>
                  {open === r.id ? 'Hide' : 'Read'}<span className="visually-hidden-inline"> {r.label}</span>
                </Button>
              ) : (
                <Button component="a" size="xs" variant="default" href={apiUrl(`/agency/my-shares/${encodeURIComponent(share.id)}/documents/${r.type}/${encodeURIComponent(r.id)}`)} download>
                  Download<span className="visually-hidden-inline"> {r.label}</span>
                </Button>
              )}
            </Group>
            {open === r.id ? (
              incident.isPending ? <Loading /> : incident.isError ? <ErrorAlert error={incident.error} /> : incident.data ? (
                <Facts items={[
                  ['Date', formatDate(incident.data.occurredOn)],
                  ['Categories', incident.data.categories.join(', ')],
                  ['Severity', incident.data.severity === null ? null : String(incident.data.severity)],
                  ['Before', incident.data.antecedent],
                  ['What happened', incident.data.behaviour],
                  ['Afterwards', incident.data.consequence],
                  ['Physical intervention', incident.data.physicalIntervention ? 'Yes' : 'No'],
                ]} />
              ) : null
            ) : null}
          </li>
        ))}
      </Stack>
    </Card>
  );
}
