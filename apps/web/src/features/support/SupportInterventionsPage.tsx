/** Support interventions (SUP-3) at a site: the list, and starting one for a pupil or a group. */
import { useState } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { Alert, Badge, Button, Group, SegmentedControl, Text } from '@mantine/core';
import { SUPPORT_KIND_LABELS, type TSupportInterventionSummary } from '@haven/contracts';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { AnchorLink } from '../../components/links';
import { formatDate } from '../../lib/format';
import { allows } from '../../lib/usePolicy';
import { ResponsiveTable } from '../policy/PolicyParts';
import { useSiteChoice } from '../sanctions/SanctionParts';
import { useInterventions } from './support.api';
import { StartInterventionForm } from './StartInterventionForm';

const STATUS_LABELS = { open: 'Running', ended: 'Ended', all: 'All' } as const;

export function SupportInterventionsPage() {
  const { siteId, picker } = useSiteChoice();
  const [status, setStatus] = useState<'open' | 'ended' | 'all'>('open');
  const startFor = new URLSearchParams(window.location.search).get('pupil');
  const [open, setOpen] = useState(!!startFor);
  const navigate = useNavigate();
  const list = useInterventions({ siteId, status }, !!siteId);
  const items = list.data?.items ?? [];
  return (
    <Page title="Support interventions" description="Check-in/check-out, mentoring, SEMH and social skills groups and other support: who is in them, sessions, and whether incidents fell after the start.">
      {picker}
      <Group justify="space-between" wrap="wrap">
        <SegmentedControl aria-label="Which interventions" value={status} onChange={(v) => setStatus(v as typeof status)}
          data={(['open', 'ended', 'all'] as const).map((s) => ({ value: s, label: STATUS_LABELS[s] }))} />
        {allows(list.data, 'create') ? <Button onClick={() => setOpen(true)}>Start an intervention</Button> : null}
      </Group>
      {list.isPending && siteId ? <Loading label="Loading support interventions…" /> : null}
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && items.length === 0 ? <Alert variant="light" color="gray">No support interventions here yet.</Alert> : null}
      {items.length ? (
        <ResponsiveTable<TSupportInterventionSummary> caption={`${STATUS_LABELS[status]} support interventions`} rows={items} rowKey={(r) => r.id}
          columns={[
            { header: 'Intervention', primary: true, cell: (r) => <AnchorLink to="/support-interventions/$interventionId" params={{ interventionId: r.id }}>{r.title}</AnchorLink> },
            { header: 'Kind', cell: (r) => <>{r.typeName} <Badge variant="light" size="sm">{SUPPORT_KIND_LABELS[r.kind]}</Badge></> },
            { header: 'Pupils', cell: (r) => <Text size="sm" className="break-anywhere">{r.pupils.map((p) => p.displayName).join(', ')}</Text> },
            { header: 'Led by', cell: (r) => r.leadName },
            { header: 'Dates', cell: (r) => `${formatDate(r.startDate)} to ${formatDate(r.plannedEndDate)}` },
          ]} />
      ) : null}
      <AppModal opened={open} onClose={() => setOpen(false)} title="Start a support intervention">
        {open && siteId ? <StartInterventionForm siteId={siteId} pupilId={startFor} onDone={(id) => { setOpen(false); void navigate({ to: '/support-interventions/$interventionId', params: { interventionId: id } }); }} /> : null}
      </AppModal>
    </Page>
  );
}
