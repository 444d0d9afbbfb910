/** Referrals to agencies at your schools (SUP-5), newest first, overdue ones marked; one referral to update. */
import { Badge, Button, Card, Checkbox, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import type { TReferral, TReferralStatus } from '@haven/contracts';
import { AnchorLink } from '../../components/links';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Facts } from '../../components/Facts';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { UkDateInput } from '../../components/UkDateInput';
import { isApiError } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useReferralMutations, useReferrals } from './casework.api';
import { REFERRAL_STATUS_LABELS } from './labels';

export function ReferralsPage() {
  return <RequirePermission permission="casework.read" what="referrals"><Referrals /></RequirePermission>;
}

export function ReferralRow({ r }: { r: TReferral }) {
  return (
    <Card component="li" withBorder padding="sm">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <AnchorLink to="/referrals/$id" params={{ id: r.id }} fw={600} className="break-anywhere">{r.pupilName} to {r.agency.name}</AnchorLink>
        <Group gap={4}>
          {r.overdue ? <Badge color="red" variant="light" c="red.9">Overdue</Badge> : null}
          <Badge variant="light" c="dark.7">{REFERRAL_STATUS_LABELS[r.status]}</Badge>
        </Group>
      </Group>
      <Text size="sm">Made {formatDate(r.madeOn)}; response expected {formatDate(r.expectedResponseOn)}{r.respondedOn ? `; responded ${formatDate(r.respondedOn)}` : ''}</Text>
    </Card>
  );
}

function Referrals() {
  const [status, setStatus] = useState('');
  const [overdue, setOverdue] = useState(false);
  const list = useReferrals({ status: status || undefined, overdue: overdue ? 'true' : undefined });
  return (
    <Page title="Referrals" description="Make a referral from the pupil's page. A referral is overdue when its expected response day passes with no response.">
      <Group gap="sm" wrap="wrap" align="flex-end">
        <NativeSelect label="Status" value={status} onChange={(e) => setStatus(e.currentTarget.value)}
          data={[{ value: '', label: 'Any status' }, ...Object.entries(REFERRAL_STATUS_LABELS).map(([value, label]) => ({ value, label }))]} />
        <Checkbox label="Overdue only" checked={overdue} onChange={(e) => setOverdue(e.currentTarget.checked)} />
      </Group>
      {list.isPending ? <Loading /> : null}
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && list.data.length === 0 ? <Text>No referrals match.</Text> : null}
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>{list.data?.map((r) => <ReferralRow key={r.id} r={r} />)}</Stack>
    </Page>
  );
}

const NEXT: Record<TReferralStatus, TReferralStatus[]> = {
  draft: ['sent', 'closed'], sent: ['accepted', 'declined', 'waiting', 'closed'], waiting: ['accepted', 'declined', 'closed'], accepted: ['closed'], declined: ['closed'], closed: [],
};

export function ReferralPage() {
  return <RequirePermission permission="casework.read" what="referrals"><OneReferral /></RequirePermission>;
}

function OneReferral() {
  const { id } = useParams({ strict: false }) as { id: string };
  const list = useReferrals({});
  const r = list.data?.find((x) => x.id === id);
  const update = useReferralMutations().update;
  const [status, setStatus] = useState('');
  const [expected, setExpected] = useState<string | null>(null);
  const [outcome, setOutcome] = useState('');
  const err = isApiError(update.error) ? update.error : undefined;
  if (list.isPending) return <Loading />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  if (!r) return <Page title="Referral"><Text>That referral was not found.</Text></Page>;
  return (
    <Page title={`Referral of ${r.pupilName}`} description={`To ${r.agency.name}`}>
      {r.overdue ? <Text c="red.9" fw={600}>Overdue: a response was expected by {formatDate(r.expectedResponseOn)}</Text> : null}
      <Facts items={[['Status', REFERRAL_STATUS_LABELS[r.status]], ['Reason', r.reason], ['Made', formatDate(r.madeOn)], ['Response expected', formatDate(r.expectedResponseOn)],
        ['Responded', r.respondedOn ? formatDate(r.respondedOn) : null], ['Outcome', r.outcome], ['Contact', r.contact?.name ?? null], ['Referred by', r.referrer.name]]} />
      {r.allowed.includes('update') ? (
        <Stack gap="xs" maw={480}>
          {update.error && !err?.fields.length ? <ErrorAlert error={update.error} title="Not saved" /> : null}
          <NativeSelect label="Change status" value={status} onChange={(e) => setStatus(e.currentTarget.value)} error={err?.fieldMessage('status')}
            data={[{ value: '', label: 'Keep as it is' }, ...NEXT[r.status].map((s) => ({ value: s, label: REFERRAL_STATUS_LABELS[s] }))]} />
          <UkDateInput label="Response expected by" value={r.expectedResponseOn ?? ''} onChange={setExpected} error={err?.fieldMessage('expectedResponseOn')} />
          <Textarea label="Outcome" autosize minRows={2} value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)} error={err?.fieldMessage('outcome')} />
          <Group><Button size="xs" loading={update.isPending} onClick={() => update.mutate({ id: r.id, body: { version: r.version, ...(status ? { status } : {}),
            ...(expected ? { expectedResponseOn: expected } : {}), ...(outcome ? { outcome } : {}) } })}>Save</Button></Group>
        </Stack>
      ) : null}
    </Page>
  );
}
