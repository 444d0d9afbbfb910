/** Census reason codes with validity dates: a trust administrator adds a new code set or expires old codes. */
import { useState } from 'react';
import { Button, Card, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { isApiError } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { useReasonAdmin, useReasons } from './suspensions.api';
import { UkDateInput } from '../../components/UkDateInput';

export function ExclusionReasonsPage() {
  return (
    <RequirePermission permission="exclusion-reasons.read" what="exclusion reason codes">
      <Reasons />
    </RequirePermission>
  );
}

function Reasons() {
  const q = useReasons();
  const admin = useReasonAdmin();
  const [form, setForm] = useState({ code: '', label: '', validFrom: '', source: '' });
  const [expiry, setExpiry] = useState<Record<string, string>>({});
  const err = (f: string) => (isApiError(admin.add.error) ? admin.add.error.fieldMessage(f) : undefined);
  const canManage = (q.data ?? []).some((r) => r.allowed.includes('expire'));
  return (
    <Page title="Exclusion reason codes" description="The census codes for suspensions and permanent exclusions. Each record gives one to three codes valid on its start date.">
      {q.isPending ? <Loading /> : q.isError ? <ErrorAlert error={q.error} /> : (
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
          {q.data.map((r) => (
            <Card key={r.id} withBorder padding="sm" component="li">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Text fw={600}>{r.code}: {r.label}</Text>
                <Text size="sm" c="dimmed">Valid from {formatDate(r.validFrom)}{r.validTo ? ` to ${formatDate(r.validTo)}` : ''}</Text>
              </Group>
              <Text size="xs" c="dimmed">{r.source}</Text>
              {r.allowed.includes('expire') && !r.validTo ? (
                <Group gap="xs" mt={4} align="flex-end">
                  <UkDateInput size="xs" label={`Last valid day for ${r.code}`} value={expiry[r.id] ?? ''} onChange={(iso) => setExpiry({ ...expiry, [r.id]: iso ?? '' })} />
                  <Button size="xs" variant="light" disabled={!expiry[r.id]} onClick={() => admin.expire.mutate({ id: r.id, validTo: expiry[r.id]! })}>Expire<span className="visually-hidden-inline"> {r.code}</span></Button>
                </Group>
              ) : null}
            </Card>
          ))}
        </Stack>
      )}
      {admin.expire.isError ? <ErrorAlert error={admin.expire.error} /> : null}
      {canManage ? (
        <Card withBorder padding="md" component="section" aria-labelledby="add-code">
          <Title order={2} size="h4" id="add-code" mb="sm">Add a code</Title>
          <Stack gap="sm" component="form" onSubmit={(e) => { e.preventDefault(); admin.add.mutate(form, { onSuccess: () => setForm({ code: '', label: '', validFrom: '', source: '' }) }); }}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label="Code" required value={form.code} onChange={(e) => setForm({ ...form, code: e.currentTarget.value })} error={err('code')} />
              <UkDateInput label="Valid from" required value={form.validFrom} onChange={(iso) => setForm({ ...form, validFrom: iso ?? '' })} error={err('validFrom')} />
            </SimpleGrid>
            <TextInput label="Reason" required value={form.label} onChange={(e) => setForm({ ...form, label: e.currentTarget.value })} error={err('label')} />
            <TextInput label="Source" required description="e.g. the DfE census guide and year" value={form.source} onChange={(e) => setForm({ ...form, source: e.currentTarget.value })} error={err('source')} />
            {admin.add.isError && !(isApiError(admin.add.error) && admin.add.error.fields.length) ? <ErrorAlert error={admin.add.error} /> : null}
            <Button type="submit" loading={admin.add.isPending}>Add the code</Button>
          </Stack>
        </Card>
      ) : null}
    </Page>
  );
}
