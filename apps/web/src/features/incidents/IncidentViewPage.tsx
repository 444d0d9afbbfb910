/**
 * One incident, read-only (REV-1 … REV-3): status, every section, the physical intervention with its body map,
 * review actions the caller is allowed, post-incident review, attachments, parent contacts and version history.
 */
import { useState } from 'react';
import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink, ButtonLink } from '../../components/links';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { apiUrl, isApiError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { CanSeeIncidents } from './access';
import { AttachmentsCard } from './AttachmentsCard';
import { takeFlash } from './flash';
import { HistoryCard } from './HistoryCard';
import { fieldLabel } from './labels';
import { IncidentDetails } from './IncidentDetails';
import { useIncident, useStaffList } from './incidents.api';
import './incident-styles';
import { ParentContactsCard } from './ParentContactsCard';
import { ParentCopyCard } from './ParentCopyCard';
import { PiSummary } from './PiSummary';
import { EMPTY_POLICY, useIncidentPolicy } from './policy';
import { PostIncidentReviewCard } from './PostIncidentReviewCard';
import { ReviewActions } from './ReviewActions';
import { useGoToNextInQueue } from './reviewSession';
import { StatusBadges } from './StatusBadge';
import type { TIncident } from './types';
import { DetentionFromIncident } from '../sanctions/DetentionFromIncident';
import { DARK_ALERT_TITLE } from './formParts';
import { IncidentPlanCheckCard } from '../plans-use/IncidentPlanCheckCard';


export function IncidentViewPage() {
  return <CanSeeIncidents><IncidentView /></CanSeeIncidents>;
}

function IncidentView() {
  const { incidentId } = useParams({ from: '/incidents/$incidentId' });
  const incident = useIncident(incidentId);
  if (incident.isPending) return <Loading label="Loading the incident…" />;
  if (incident.isError) {
    const notFound = isApiError(incident.error) && (incident.error.status === 404 || incident.error.status === 400);
    return (
      <Page title={notFound ? 'Incident not found' : 'Could not load the incident'}>
        {notFound ? <Text>This incident does not exist or is not at a site you work at.</Text>
          : <ErrorAlert error={incident.error} onRetry={() => void incident.refetch()} />}
        <Text><AnchorLink to="/incidents">Back to incidents</AnchorLink></Text>
      </Page>
    );
  }
  return <View key={incidentId} inc={incident.data} />;
}

function View({ inc }: { inc: TIncident }) {
  const [notice, setNotice] = useState(() => takeFlash());
  const goNext = useGoToNextInQueue();
  const policy = useIncidentPolicy(inc.siteId).data ?? EMPTY_POLICY;
  const staff = useStaffList(inc.siteId);
  const staffName = (id: string | null) =>
    (id && (staff.data?.find((s) => s.id === id)?.name ?? inc.staff.find((s) => s.staffId === id)?.name)) || 'A member of staff';
  const pupils = inc.pupils.map((p) => p.displayName).join(', ');
  const customLabels = Object.fromEntries(inc.customFields.map((f) => [f.key, f.label]));
  const title = `Incident${inc.occurredAt ? ` on ${formatDateTime(inc.occurredAt).slice(0, 10)}` : ''}`;
  const editLabel = inc.status === 'returned' ? 'Amend incident' : inc.status === 'draft' ? 'Continue the draft' : 'Edit incident';

  return (
    <Page title={title} description={pupils || 'No pupils recorded yet'}
      actions={inc.allowed.includes('edit') ? <ButtonLink to="/incidents/$incidentId/edit" params={{ incidentId: inc.id }}>{editLabel}</ButtonLink> : undefined}>
      <Stack gap="xs">
        <StatusBadges status={inc.status} voided={inc.voided} physicalIntervention={inc.physicalIntervention} serious={inc.serious} />
        <Text size="sm" c="dimmed">
          {inc.firstSubmittedAt ? `First submitted ${formatDateTime(inc.firstSubmittedAt)}. ` : ''}
          {inc.signedOffAt ? `Signed off ${formatDateTime(inc.signedOffAt)}${inc.signedOffBy ? ` by ${inc.signedOffBy.name}` : ''}. ` : ''}
          Version {inc.version}, last changed {formatDateTime(inc.updatedAt)}.
        </Text>
        {inc.visit ? (
          <Text size="sm">On the off-site visit: <AnchorLink to="/visits/$visitId" params={{ visitId: inc.visit.id }}>{inc.visit.purpose}</AnchorLink></Text>
        ) : null}
      </Stack>
      {notice ? (
        <Alert color="blue" variant="light" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setNotice(null)}>{notice}</Alert>
      ) : null}
      {inc.voided ? <Alert color="red" styles={DARK_ALERT_TITLE} variant="light" title="Voided">{inc.voidReason ?? 'No reason recorded.'} Voided records are kept but do not count.</Alert> : null}
      {inc.status === 'returned' && inc.returnComments ? (
        <Alert color="orange" styles={DARK_ALERT_TITLE} variant="light" title="Returned for amendment" role="region" aria-label="Reviewer's comments">
          <Text size="sm" className="incident-text">{inc.returnComments}</Text>
        </Alert>
      ) : null}
      {inc.status === 'submitted' && inc.allowed.includes('signOff') && inc.missing.length ? (
        <Alert color="orange" styles={DARK_ALERT_TITLE} variant="light" title="Still needed before sign-off" role="region" aria-label="Still needed before sign-off">
          <List size="sm">{inc.missing.map((m) => <List.Item key={m.field + m.message}>{fieldLabel(m.field, customLabels)}: {m.message}</List.Item>)}</List>
        </Alert>
      ) : null}
      <Group>
        <Button component="a" variant="default" href={apiUrl(`/incidents/${encodeURIComponent(inc.id)}/pdf`)} target="_blank" rel="noopener">Print (PDF)</Button>
      </Group>
      <Group><ReviewActions inc={inc} onDone={(m, decided) => {
        if (!decided) { setNotice(m); return; }
        void goNext(inc.id, m).then((moved) => { if (!moved) setNotice(m); });
      }} /></Group>
      <IncidentDetails inc={inc} policy={policy} />
      <PiSummary inc={inc} policy={policy} staffName={staffName} />
      <IncidentPlanCheckCard inc={inc} />
      <ParentCopyCard inc={inc} />
      <PostIncidentReviewCard inc={inc} />
      <AttachmentsCard inc={inc} />
      <ParentContactsCard inc={inc} />
      <DetentionFromIncident inc={inc} />
      <HistoryCard inc={inc} ctx={{ inc, policy, staffName }} />
      <Text size="sm"><AnchorLink to="/incidents">Back to incidents</AnchorLink></Text>
    </Page>
  );
}
