/**
 * Letter templates (letter.template.manage): every letter Haven sends, for the trust or as one school's override.
 * The parts the law requires are shown read-only; the rest is edited with merge fields, previewed as the PDF a
 * parent would get (sample family), and saved (versioned). Below, the school's letterhead and crest.
 */
import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { LETTER_KIND_LABELS, type TLetterTemplate } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { formatInstantDate } from '../../lib/format';
import { allows, useMe } from '../../lib/usePolicy';
import { isApiError } from '../../lib/api';
import { openPreview, useTemplateMutations, useTemplates } from './letters.api';
import { LetterheadCard } from './LetterheadCard';

export function LetterTemplatesPage() {
  return (
    <RequirePermission permission="letter.template.manage" what="editing letters">
      <Templates />
    </RequirePermission>
  );
}

/** What each editable part is, where it has no heading of its own. */
const PART_LABELS: Record<string, string> = {
  reintegration: 'The reintegration meeting', work: 'Work in the first five school days', closing: 'A closing paragraph (optional)', body: 'The letter',
};

const SOURCE_LABELS: Record<TLetterTemplate['source'], string> = { default: "Haven's wording", trust: "The trust's wording", site: "This school's own wording" };

function Templates() {
  const me = useMe();
  const [level, setLevel] = useState<string>('trust');
  const siteId = level === 'trust' ? null : level;
  const templates = useTemplates(siteId);
  const [kind, setKind] = useState<string | null>(null);
  const current = templates.data?.items.find((t) => t.kind === kind) ?? null;
  return (
    <Page title="Letters" description="The letters Haven sends to parents and carers. Parts the law requires are locked; change the rest for your trust, or for one school.">
      <Select label="Whose letters" data={[{ value: 'trust', label: 'The whole trust' }, ...me.sites.map((s) => ({ value: s.id, label: `${s.name} only` }))]}
        value={level} onChange={(v) => { setLevel(v ?? 'trust'); setKind(null); }} allowDeselect={false} maw={360} />
      {templates.isPending ? <Loading label="Loading letters…" /> : null}
      {templates.isError ? <ErrorAlert error={templates.error} onRetry={() => void templates.refetch()} /> : null}
      {current ? (
        <Editor key={`${current.kind}-${siteId}`} template={current} siteId={siteId} previewSite={siteId ?? me.sites[0]?.id ?? null} onClose={() => setKind(null)} />
      ) : (
        <Stack component="ul" gap="xs" p={0} m={0} aria-label="Letters">
          {(templates.data?.items ?? []).map((t) => (
            <Card key={t.kind} component="li" withBorder padding="sm" style={{ listStyle: 'none' }}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <div style={{ minWidth: 0 }}>
                  <Text fw={700}>{LETTER_KIND_LABELS[t.kind]}</Text>
                  <Text size="sm" c="dimmed">{SOURCE_LABELS[t.source]}{t.updatedAt ? `, changed ${formatInstantDate(t.updatedAt)}${t.updatedBy ? ` by ${t.updatedBy}` : ''}` : ''}</Text>
                </div>
                <Button size="xs" variant="default" onClick={() => setKind(t.kind)}>Edit<span className="visually-hidden-inline"> the {LETTER_KIND_LABELS[t.kind].toLowerCase()} letter</span></Button>
              </Group>
            </Card>
          ))}
        </Stack>
      )}
      {siteId ? <LetterheadCard siteId={siteId} /> : <Text size="sm" c="dimmed">Choose a school above to change its letterhead (address and crest).</Text>}
    </Page>
  );
}

function Editor({ template, siteId, previewSite, onClose }: { template: TLetterTemplate; siteId: string | null; previewSite: string | null; onClose: () => void }) {
  const m = useTemplateMutations();
  const [subject, setSubject] = useState(template.subject);
  const [blocks, setBlocks] = useState(template.blocks.map((b) => ({ key: b.key, heading: b.heading, text: b.text })));
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const fieldError = (field: string) => (isApiError(error) ? error.fields.find((f) => f.field === field)?.message : undefined);
  const body = { siteId, subject, blocks, version: template.version };
  const editable = allows(template, 'edit');
  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h3">{LETTER_KIND_LABELS[template.kind]}</Title>
        <Button variant="subtle" size="xs" onClick={onClose}>Back to all letters</Button>
      </Group>
      <Text size="sm" c="dimmed">{SOURCE_LABELS[template.source]}{template.version ? `, version ${template.version}` : ''}.</Text>
      {saved ? <Alert color="green" variant="light" role="status">Saved. Letters made from now on use this wording.</Alert> : null}
      {error && !(isApiError(error) && error.fields.length) ? <ErrorAlert error={error} /> : null}
      <TextInput label="Email subject" value={subject} onChange={(e) => setSubject(e.currentTarget.value)} error={fieldError('subject')} disabled={!editable} />
      {template.blocks.map((b, n) => b.locked ? (
        <Paper key={b.key} withBorder p="sm" bg="gray.0" aria-label={`${b.heading ?? 'Part'} (required by law, cannot be changed)`}>
          <Group gap="xs" mb={4}><Badge color="gray" variant="light">Required by law: locked</Badge>{b.heading ? <Text fw={600} size="sm">{b.heading}</Text> : null}</Group>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} className="break-anywhere">{b.text}</Text>
        </Paper>
      ) : (
        <Textarea key={b.key} label={b.heading ?? PART_LABELS[b.key] ?? b.key} description={b.text ? undefined : 'Empty: this part is left out of the letter'}
          value={blocks[n]!.text} autosize minRows={2} disabled={!editable} error={fieldError(`blocks.${n}.text`)}
          onChange={(e) => { const text = e.currentTarget.value; setBlocks((bs) => bs.map((x, i) => (i === n ? { ...x, text } : x))); setSaved(false); }} />
      ))}
      <details>
        <summary>Merge fields you can use</summary>
        <Table.ScrollContainer minWidth={300}>
          <Table fz="sm">
            <Table.Tbody>
              {template.mergeFields.map((f) => <Table.Tr key={f.name}><Table.Td><code>{`{{${f.name}}}`}</code></Table.Td><Table.Td>{f.description}</Table.Td></Table.Tr>)}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </details>
      <Group gap="xs" wrap="wrap">
        {editable ? <Button loading={m.save.isPending} onClick={() => { setError(null); m.save.mutate({ kind: template.kind, body }, { onSuccess: () => setSaved(true), onError: setError }); }}>Save</Button> : null}
        {previewSite ? <Button variant="default" onClick={() => { setError(null); openPreview(template.kind, { siteId: previewSite, subject, blocks }).catch(setError); }}>Preview as a PDF</Button> : null}
        {allows(template, 'revert') ? (
          <Button variant="subtle" color="red" loading={m.revert.isPending} onClick={() => m.revert.mutate({ kind: template.kind, siteId }, { onSuccess: onClose, onError: setError })}>
            {siteId ? "Use the trust's wording again" : "Use Haven's wording again"}
          </Button>
        ) : null}
      </Group>
    </Stack>
  );
}
