/**
 * The redaction review (DAT-3): everything gathered about the pupil, kind by kind, as it would be released — other
 * pupils' names already replaced — with the names found in free text flagged. For each record: release as shown,
 * redact fields, or withhold with a reason. Safeguarding records (the DSL only) are withheld until the DSL decides.
 */
import { Alert, Badge, Button, Card, Checkbox, Group, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { useState } from 'react';
import type { TSarRecord, TSarSection, TSarSummary } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { isApiError } from '../../lib/api';
import { formatDate, formatDateTime, plural } from '../../lib/format';
import { useSubjectAccessMutations, useSubjectAccessRecords } from './subjectAccess.api';

const SHOWN = 100;
const OUTCOME: Record<TSarRecord['outcome'], string> = { release: 'To be released', redact: 'Released with redactions', withhold: 'Withheld' };
const when = (at: string | null) => (at === null ? '' : /^\d{4}-\d{2}-\d{2}$/.test(at) ? formatDate(at) : formatDateTime(at));

export function RecordsReview({ request }: { request: TSarSummary }) {
  const q = useSubjectAccessRecords(request.id, true);
  const m = useSubjectAccessMutations(request.id);
  const [show, setShow] = useState('review');
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />;
  const { counts, sections } = q.data;
  const deciding = request.status === 'redaction';
  const pick = (s: TSarSection) => (show === 'all' ? s.records : s.records.filter((r) => r.flags.length > 0 || r.decision || s.sealed));
  return (
    <Stack gap="sm">
      <Title order={2} size="h3">Everything held about {request.pupil.displayName}</Title>
      <Text>{plural(counts.records, 'record')} of {plural(sections.filter((s) => s.records.length).length, 'kind')}; {counts.flagged} with names in the text; {counts.withheld} withheld.
        {' '}Other pupils' names are replaced by “[another pupil]”.</Text>
      {counts.needsReview ? <Alert color="yellow" title="Needs review">{plural(counts.needsReview, 'record')} with names in the text need{counts.needsReview === 1 ? 's' : ''} a decision before release.</Alert> : null}
      {!deciding ? <Text c="dimmed">Begin the redaction review to decide on records and release.</Text> : null}
      {deciding ? (
        <Group>
          {m.release.error ? <ErrorAlert error={m.release.error} title="Not released" /> : null}
          <Button disabled={counts.needsReview > 0} loading={m.release.isPending} onClick={() => m.release.mutate(request.version)}>Release the PDF and the archive</Button>
        </Group>
      ) : null}
      <NativeSelect label="Show" value={show} onChange={(e) => setShow(e.currentTarget.value)} maw={320}
        data={[{ value: 'review', label: 'Records to review (flagged, decided, safeguarding)' }, { value: 'all', label: 'Every record' }]} />
      {sections.map((s) => {
        const records = pick(s);
        return (
          <section key={s.kind} aria-label={s.label}>
            <Title order={3} size="h5" mt="xs">{s.label} ({s.records.length}){s.sealed ? ' — safeguarding: the DSL decides' : ''}</Title>
            {s.sealed ? <Text size="sm" c="red.9">Withheld unless you decide to disclose a record: a response may withhold safeguarding information where disclosure would risk serious harm.</Text> : null}
            <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
              {records.slice(0, SHOWN).map((r) => <RecordCard key={r.key} r={r} deciding={deciding} requestId={request.id} />)}
            </Stack>
            {records.length > SHOWN ? <Text size="sm" c="dimmed">And {records.length - SHOWN} more (all are in the release).</Text> : null}
          </section>
        );
      })}
    </Stack>
  );
}

function RecordCard({ r, deciding, requestId }: { r: TSarRecord; deciding: boolean; requestId: string }) {
  const decide = useSubjectAccessMutations(requestId).decide;
  const [mode, setMode] = useState<'' | 'redact' | 'withhold'>('');
  const [fields, setFields] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const err = isApiError(decide.error) ? decide.error : undefined;
  return (
    <Card component="li" withBorder padding="sm" aria-label={`${r.title} ${when(r.at)}`}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text fw={600}>{r.title}{r.at ? ` — ${when(r.at)}` : ''}</Text>
        <Group gap={4}>
          {r.needsReview ? <Badge color="yellow" variant="light" c="#7a4500">Needs review</Badge> : null}
          <Badge variant="light" c={r.outcome === 'withhold' ? 'red.9' : 'dark.7'}>{OUTCOME[r.outcome]}</Badge>
        </Group>
      </Group>
      {r.flags.length ? (
        <Text size="sm" c="#7a4500">Names found in the text: {r.flags.map((f) => `${f.text} (${f.as === 'pupil' ? 'another pupil' : 'member of staff'}, in ${f.label.toLowerCase()})`).join('; ')}</Text>
      ) : null}
      {r.decision?.reason ? <Text size="sm">Reason: {r.decision.reason}</Text> : null}
      <div className="sar-fields">
        {r.fields.map((f) => (
          <Text key={f.name} size="sm" className="break-anywhere"><Text span fw={600}>{f.label}:</Text> {f.value}</Text>
        ))}
      </div>
      {deciding ? (
        <Stack gap={4} mt="xs">
          {decide.error && !err?.fields.length ? <ErrorAlert error={decide.error} title="Not saved" /> : null}
          <Group gap="xs" wrap="wrap">
            <Button size="xs" variant="default" loading={decide.isPending && mode === ''} onClick={() => { setMode(''); decide.mutate({ recordKey: r.key, action: 'release' }); }}>Release as shown</Button>
            <Button size="xs" variant="default" onClick={() => setMode('redact')}>Redact fields…</Button>
            <Button size="xs" variant="default" color="red" onClick={() => setMode('withhold')}>Withhold…</Button>
          </Group>
          {mode === 'redact' ? (
            <Stack gap={4}>
              <Checkbox.Group label="Fields to replace by “[redacted]”" value={fields} onChange={setFields} error={err?.fieldMessage('fields')}>
                <Group gap="xs" mt={4} wrap="wrap">{r.fields.map((f) => <Checkbox key={f.name} value={f.name} label={f.label} />)}</Group>
              </Checkbox.Group>
              <Group><Button size="xs" loading={decide.isPending} onClick={() => decide.mutate({ recordKey: r.key, action: 'redact', fields }, { onSuccess: () => setMode('') })}>Redact</Button></Group>
            </Stack>
          ) : null}
          {mode === 'withhold' ? (
            <Group align="flex-end" wrap="wrap">
              <Textarea label="Why it is withheld (the exemption)" value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={1} w={320} error={err?.fieldMessage('reason')} />
              <Button size="xs" color="red" loading={decide.isPending} onClick={() => decide.mutate({ recordKey: r.key, action: 'withhold', reason }, { onSuccess: () => setMode('') })}>Withhold</Button>
            </Group>
          ) : null}
        </Stack>
      ) : null}
    </Card>
  );
}
