/** On a pupil's profile: download the pupil summary PDF (EHCP annual review, looked-after review) for a date range. */
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { londonNow } from '../../lib/format';
import { pupilSummaryUrl } from './reports.api';
import { UkDateInput } from '../../components/UkDateInput';

const pad = (n: number) => String(n).padStart(2, '0');

export function PupilSummaryCard({ pupilId }: { pupilId: string }) {
  const now = londonNow();
  const today = `${now.year}-${pad(now.month)}-${pad(now.day)}`;
  const yearStart = `${now.month >= 9 ? now.year : now.year - 1}-09-01`;
  const [from, setFrom] = useState(yearStart);
  const [to, setTo] = useState(today);
  const valid = /^\d{4}-\d\d-\d\d$/.test(from) && /^\d{4}-\d\d-\d\d$/.test(to) && from <= to;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="pupil-summary-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="pupil-summary-heading">Pupil summary for a review</Title>
        <Text size="sm" c="dimmed">A PDF for an EHCP annual review or a looked-after review: behaviour points, signed-off incidents, physical interventions and the trend by half-term. No safeguarding records.</Text>
        <Group gap="md" wrap="wrap" align="flex-end">
          <UkDateInput label="From" value={from} onChange={(iso) => setFrom(iso ?? '')} style={{ flex: '1 1 9rem' }} />
          <UkDateInput label="To" value={to} onChange={(iso) => setTo(iso ?? '')} style={{ flex: '1 1 9rem' }}
            error={valid || !from || !to ? undefined : 'The last day must not be before the first day.'} />
          <Button component="a" variant="default" href={valid ? pupilSummaryUrl(pupilId, from, to) : undefined} download data-disabled={!valid || undefined}
            aria-disabled={!valid} onClick={(e) => { if (!valid) e.preventDefault(); }}>Download summary (PDF)</Button>
        </Group>
      </Stack>
    </Card>
  );
}
