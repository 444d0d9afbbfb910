/**
 * On a pupil's profile, for the DSL or a lead (agency.share.manage): the pupil's agency shares, revoking one, and sharing
 * chosen reports (the pupil summary, the agency report, professional reports) and incidents with an agency professional until a last day (they are invited by email if they have no account).
 */
import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Card, Checkbox, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { api, isApiError } from '../../lib/api';
import { formatDate, formatInstantDate } from '../../lib/format';
import type { TAgencyRecordType } from '@haven/contracts';
import { useProfessionalReports } from '../casework/casework.api';
import { useCan } from '../../lib/usePolicy';
import type { TIncidentListItem } from '../incidents/types';
import { UkDateInput } from '../sanctions/SanctionParts';
import { usePupilShares, useShareMutations } from './agency.api';

/** A checkbox value `kind:id` as a record to share. */
function recordOf(value: string): { type: TAgencyRecordType; id: string } {
  const [type, id] = value.split(':') as [TAgencyRecordType, string];
  return { type, id };
}

function usePupilIncidents(pupilId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['incidents', { pupilId, forShare: true }],
    queryFn: ({ signal }) => api.get<{ items: TIncidentListItem[] }>('/incidents', { pupilId, page: 1, pageSize: 100 }, signal),
    enabled,
  });
}

export function AgencySharesCard({ pupilId }: { pupilId: string }) {
  const canShare = useCan('agency.share.manage');
  const canReadIncidents = useCan('behaviour.read');
  const shares = usePupilShares(pupilId, canShare);
  const m = useShareMutations(pupilId);
  const [adding, setAdding] = useState(false);
  if (!canShare || shares.isError) return null;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="agency-shares">
      <Title order={2} size="h4" id="agency-shares" mb="sm">Shared with agencies</Title>
      <div aria-live="polite">
        {m.create.isSuccess ? <Alert color="blue" variant="light" role="status" mb="sm">Shared with {m.create.data.agencyName} until {formatInstantDate(m.create.data.expiresAt)}.</Alert> : null}
        {m.revoke.isSuccess ? <Alert color="blue" variant="light" role="status" mb="sm">Share revoked: it can no longer be read.</Alert> : null}
      </div>
      {m.revoke.error ? <ErrorAlert error={m.revoke.error} title="The share was not revoked" /> : null}
      {shares.data && shares.data.items.length === 0 ? <Text size="sm">Nothing about this pupil is shared with an agency.</Text> : null}
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {shares.data?.items.map((s) => (
          <li key={s.id}>
            <Group gap="xs" wrap="wrap">
              <Text fw={600} className="break-anywhere">{s.agencyName}</Text>
              <Badge miw="max-content" variant="light" color={s.active ? 'blue' : 'gray'}>{s.active ? `Until ${formatInstantDate(s.expiresAt)}` : s.revokedAt ? 'Revoked' : 'Ended'}</Badge>
            </Group>
            <Text size="sm">{s.records.map((r) => r.label).join('; ')}</Text>
            {s.allowed.includes('revoke') ? (
              <Button size="xs" variant="default" color="red" mt={4} loading={m.revoke.isPending && m.revoke.variables === s.id} onClick={() => m.revoke.mutate(s.id)}>
                Revoke<span className="visually-hidden-inline"> the share with {s.agencyName}</span>
              </Button>
            ) : null}
          </li>
        ))}
      </Stack>
      {adding ? <ShareForm pupilId={pupilId} canReadIncidents={canReadIncidents} onClose={() => setAdding(false)} mutation={m.create} />
        : <Group mt="sm"><Button size="xs" variant="default" onClick={() => { m.create.reset(); setAdding(true); }}>Share records and reports with an agency</Button></Group>}
    </Card>
  );
}

function ShareForm({ pupilId, canReadIncidents, onClose, mutation }: {
  pupilId: string; canReadIncidents: boolean; onClose: () => void; mutation: ReturnType<typeof useShareMutations>['create'];
}) {
  const incidents = usePupilIncidents(pupilId, canReadIncidents);
  const canCasework = useCan('casework.read');
  const reports = useProfessionalReports({ pupilId }, canCasework);
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [expiresOn, setExpiresOn] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const err = isApiError(mutation.error) ? mutation.error : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate({ pupilId, email: email.trim(), displayName: name.trim(), expiresOn: expiresOn ?? '', records: chosen.map(recordOf) },
      { onSuccess: onClose });
  };
  const shareable = (incidents.data?.items ?? []).filter((i) => i.status !== 'draft' && !i.voided);
  return (
    <form onSubmit={submit} noValidate aria-label="Share records with an agency">
      <Stack gap="sm" mt="md">
        {mutation.error && !err?.fields.length ? <ErrorAlert error={mutation.error} title="Nothing was shared" /> : null}
        <TextInput label="Their name and role" description="For example Ama Owusu, social worker" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={err?.fieldMessage('displayName')} />
        <TextInput label="Their work email address" type="email" required value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={err?.fieldMessage('email')} autoComplete="off" />
        <UkDateInput label="Last day they can read it" required value="" onChange={(iso) => setExpiresOn(iso)} error={err?.fieldMessage('expiresOn')} />
        <Checkbox.Group label="Records to share" value={chosen} onChange={setChosen} error={err?.fieldMessage('records')}>
          <Stack gap={4} mt={4}>
            {!canReadIncidents ? <Text size="sm">You need a role that reads behaviour records to choose them.</Text> : null}
            {canReadIncidents && incidents.data && shareable.length === 0 ? <Text size="sm">This pupil has no submitted incidents to share.</Text> : null}
            {canReadIncidents ? <Checkbox value={`pupil_summary:${pupilId}`} label="Pupil summary (the last 12 months, as a PDF)" /> : null}
            {canReadIncidents && canCasework ? <Checkbox value={`agency_report:${pupilId}`} label="Agency report: summary, referrals, meetings and reports (PDF)" /> : null}
            {(reports.data ?? []).filter((r) => r.file).map((r) => (
              <Checkbox key={r.id} value={`professional_report:${r.id}`} label={`Professional report: ${r.title} (${r.author}, ${formatDate(r.reportDate)})`} />
            ))}
            {shareable.map((i) => (
              <Checkbox key={i.id} value={`incident:${i.id}`} label={`Incident on ${formatInstantDate(i.occurredAt)}${i.physicalIntervention ? ' (physical intervention)' : ''}`} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Group gap="xs" wrap="wrap">
          <Button type="submit" size="xs" loading={mutation.isPending}>Share and invite</Button>
          <Button size="xs" variant="default" onClick={onClose}>Cancel</Button>
        </Group>
      </Stack>
    </form>
  );
}
