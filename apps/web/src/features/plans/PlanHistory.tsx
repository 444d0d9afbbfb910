/** The plan's history: every saved version (what happened, who, when) and each field's change from what to what. */
import { Card, Stack, Text, Title } from '@mantine/core';
import type { TPlan } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { formatDateTime } from '../../lib/format';
import { usePlanHistory } from './plans.api';

const EVENTS: Record<string, string> = { created: 'Started', edited: 'Changed', signed: 'Signed by its author', activated: 'Activated', superseded: 'Superseded by a newer plan' };

function show(v: unknown, holds: Record<string, string>, field: string): string {
  if (v === null || v === undefined || v === '') return '(empty)';
  if (Array.isArray(v)) return v.length ? v.map((x) => (field === 'approvedHolds' ? holds[String(x)] ?? String(x) : String(x))).join('; ') : '(empty)';
  return String(v);
}

export function PlanHistory({ p }: { p: TPlan }) {
  const h = usePlanHistory(p.id, true);
  if (h.isPending) return <Loading label="Loading the history…" />;
  if (h.isError) return <ErrorAlert error={h.error} onRetry={() => void h.refetch()} />;
  return (
    <Stack gap="md">
      <section aria-labelledby="plan-versions">
        <Title order={2} size="h4" id="plan-versions" mb="xs">Versions</Title>
        <Stack component="ol" gap={4} p={0} m={0} style={{ listStyle: 'none' }}>
          {h.data.versions.map((v) => (
            <li key={v.version}><Text size="sm"><strong>Version {v.version}</strong>: {EVENTS[v.event] ?? v.event}, {v.savedByName}, {formatDateTime(v.savedAt)}</Text></li>
          ))}
        </Stack>
      </section>
      <section aria-labelledby="plan-changes">
        <Title order={2} size="h4" id="plan-changes" mb="xs">What changed</Title>
        {h.data.changes.length === 0 ? <Text size="sm" c="dimmed">Nothing has been changed since the plan was started.</Text> : (
          <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
            {h.data.changes.map((c, i) => (
              <Card key={i} component="li" withBorder padding="sm">
                <Text size="sm" fw={700}>{c.fieldLabel}</Text>
                <Text size="sm">From: {show(c.from, p.holdLabels, c.field)}</Text>
                <Text size="sm">To: {show(c.to, p.holdLabels, c.field)}</Text>
                <Text size="xs" c="dimmed">Version {c.version}, {c.changedByName}, {formatDateTime(c.changedAt)}</Text>
              </Card>
            ))}
          </Stack>
        )}
      </section>
    </Stack>
  );
}
