/** A parent's visits (TRP-3 in the portal): their children's visits that ask for consent, and the consent form. Only their own children appear. */
import { useState } from 'react';
import { Button, Card, Group, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import type { z } from 'zod';
import type { ZParentVisit } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { isApiError } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/format';
import { useParentConsent, useParentVisits } from './visits.api';

type TParentVisit = z.infer<typeof ZParentVisit>;

export function ParentVisitsPage() {
  return <RequirePermission permission="parent.visits.consent" what="your children's school visits"><Visits /></RequirePermission>;
}

function Visits() {
  const visits = useParentVisits();
  if (visits.isPending) return <Loading label="Loading visits…" />;
  if (visits.isError) return <ErrorAlert error={visits.error} onRetry={() => void visits.refetch()} />;
  return (
    <Page title="School visits" description="Visits your children are going on, and your consent for each.">
      {!visits.data.items.length ? <Text>No visits need your consent at the moment.</Text> : null}
      {visits.data.items.map((v) => <VisitCard key={v.id} visit={v} />)}
    </Page>
  );
}

function VisitCard({ visit: v }: { visit: TParentVisit }) {
  return (
    <Card withBorder padding="md" component="section" aria-label={v.purpose}>
      <Title order={2} size="h4" className="break-anywhere">{v.purpose}</Title>
      <Text size="sm">{v.venue} · {v.siteName}</Text>
      <Text size="sm">Leaves {formatDate(v.startDate)} at {v.departTime}, back {formatDate(v.endDate)} at {v.returnTime}{v.transport ? ` · ${v.transport}` : ''}</Text>
      {v.itinerary.length ? <Stack gap={0} mt={4}>{v.itinerary.map((s, n) => <Text key={n} size="xs">{s.time} {s.place}</Text>)}</Stack> : null}
      {v.children.map((c) => <ChildConsent key={c.pupilId} visitId={v.id} child={c} />)}
    </Card>
  );
}

function ChildConsent({ visitId, child }: { visitId: string; child: TParentVisit['children'][number] }) {
  const consent = useParentConsent();
  const [editing, setEditing] = useState(!child.consent);
  const [f, setF] = useState({ decision: 'given', medicalInfo: '', emergencyName: '', emergencyPhone: '' });
  const err = (field: string) => (isApiError(consent.error) ? consent.error.fieldMessage(field) : undefined);
  return (
    <Stack gap="xs" mt="sm" aria-label={`Consent for ${child.displayName}`} component="section">
      <Text fw={700}>{child.displayName}</Text>
      {child.consent ? <Text size="sm">{child.consent.decision === 'given' ? 'You gave consent' : 'You refused consent'} ({child.consent.by}, {formatDateTime(child.consent.at)}).</Text> : <Text size="sm">Waiting for your consent.</Text>}
      {!editing ? <Group><Button size="xs" variant="default" onClick={() => setEditing(true)}>Change my answer</Button></Group> : (
        <>
          <Radio.Group label={`May ${child.displayName} go on this visit?`} value={f.decision} onChange={(d) => setF({ ...f, decision: d })}>
            <Stack gap={4} mt={4}><Radio value="given" label="Yes, I give consent" /><Radio value="refused" label="No, I do not give consent" /></Stack>
          </Radio.Group>
          {f.decision === 'given' ? (
            <>
              <Textarea label="Medical information for the day (medicines, allergies)" value={f.medicalInfo} onChange={(e) => setF({ ...f, medicalInfo: e.currentTarget.value })} autosize error={err('medicalInfo')} />
              <TextInput label="Who to call on the day" value={f.emergencyName} onChange={(e) => setF({ ...f, emergencyName: e.currentTarget.value })} error={err('emergencyName')} />
              <TextInput label="Their telephone number" type="tel" value={f.emergencyPhone} onChange={(e) => setF({ ...f, emergencyPhone: e.currentTarget.value })} error={err('emergencyPhone')} />
            </>
          ) : null}
          {consent.error && !(isApiError(consent.error) && consent.error.fields.length) ? <ErrorAlert error={consent.error} /> : null}
          <Group><Button loading={consent.isPending} onClick={() => consent.mutate({ visitId, body: { pupilId: child.pupilId, ...f } }, { onSuccess: () => setEditing(false) })}>Send my answer</Button></Group>
        </>
      )}
    </Stack>
  );
}
