/**
 * Import from the MIS (DAT-1) or a common transfer file (DAT-2), for trust administrators and a school's office:
 * choose what the file holds and the school, upload (with progress), check the column mapping (chosen from the
 * headers, editable; a CTF has none), read every problem by row and column (in a CTF, by pupil and element), then
 * import everything at once. Below: the imports made before.
 */
import { useState } from 'react';
import { Alert, Badge, Button, Card, FileInput, Group, Progress, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import {
  CTF_MAX_BYTES, IMPORT_FIELDS, IMPORT_KINDS, IMPORT_KIND_LABELS, IMPORT_MAX_BYTES, IMPORT_PRESET_LABELS, type ImportField, type TImport, type TImportKind,
  type TImportPreview, type TImportProblem,
} from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { useWide } from '../../components/useWide';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useSiteOptions } from '../admin/useSiteOptions';
import { commitImport, remapImport, uploadImport, useImportHistory } from './imports.api';
import { PhotoImportCard } from '../photos/PhotoImportCard';

export function ImportPage() {
  return (
    <RequirePermission permission="people.manage" what="importing pupils, contacts, groups and staff">
      <Importer />
    </RequirePermission>
  );
}

const Counts = ({ c, ctf = false }: { c: TImport['counts']; ctf?: boolean }) => (
  <Group gap="xs">
    <Badge variant="light">{formatNumber(c.rows)} {ctf ? 'pupils' : 'rows'}</Badge>
    <Badge color="green" variant="light">{formatNumber(c.added)} added</Badge>
    <Badge color="blue" variant="light">{formatNumber(c.changed)} changed</Badge>
    <Badge color="gray" variant="light">{formatNumber(c.unchanged)} unchanged</Badge>
    <Badge color="orange" variant="light">{formatNumber(c.left)} {ctf ? 'contacts ' : ''}not in the file (kept)</Badge>
  </Group>
);

function Importer() {
  const { options } = useSiteOptions();
  const [kind, setKind] = useState<TImportKind>('pupils');
  const [siteId, setSiteId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [preview, setPreview] = useState<TImportPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, number>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<TImport | null>(null);
  const queryClient = useQueryClient();
  const site = siteId ?? options[0]?.value ?? null;

  const run = async (what: string, fn: () => Promise<void>) => {
    setBusy(what); setError(null);
    try { await fn(); } catch (e) { setError(e); } finally { setBusy(null); setProgress(null); }
  };
  const show = (p: TImportPreview) => { setPreview(p); setMapping(p.mapping); };
  const upload = () => run('Checking the file…', async () => {
    if (!file || !site) return;
    setDone(null); setPreview(null); setProgress(0);
    show(await uploadImport(file, kind, site, setProgress));
    await queryClient.invalidateQueries({ queryKey: ['imports'] });
  });
  const recheck = () => run('Checking again…', async () => { if (preview) show(await remapImport(preview.id, mapping)); });
  const commit = () => run('Importing…', async () => {
    if (!preview) return;
    setDone(await commitImport(preview.id, preview.fileHash));
    setPreview(null); setFile(null);
    await queryClient.invalidateQueries({ queryKey: ['imports'] });
  });
  const mappingChanged = preview && JSON.stringify(mapping) !== JSON.stringify(preview.mapping);

  return (
    <Page title="Import from the MIS">
      <Stack>
        <Text size="sm">Export pupils, parents and carers, forms and classes, or staff from SIMS, Arbor or Bromcom as CSV or XLSX and import them here, or import a common transfer file (CTF) that another school sent for new pupils. Nothing is saved until you have checked the preview and chosen Import; then everything is saved at once, or nothing.</Text>
        <Card withBorder>
          <Stack>
            <Select label="What the file holds" data={IMPORT_KINDS.map((k) => ({ value: k, label: IMPORT_KIND_LABELS[k] }))} value={kind}
              onChange={(v) => { if (v) { setKind(v as TImportKind); setPreview(null); } }} allowDeselect={false} />
            <Select label="School" data={options} value={site} onChange={(v) => { setSiteId(v); setPreview(null); }} allowDeselect={false} />
            <FileInput label={`File (CSV or XLSX, at most ${IMPORT_MAX_BYTES / 1048576} MB; a CTF as XML, at most ${CTF_MAX_BYTES / 1048576} MB)`} placeholder="Choose a file"
              accept=".csv,.txt,.xlsx,.xml,text/csv,application/xml,text/xml,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              value={file} onChange={(f) => { setFile(f); setPreview(null); setDone(null); if (f && /\.xml$/i.test(f.name)) setKind('ctf'); }} clearable clearButtonProps={{ 'aria-label': 'Remove the file' }} />
            <Group><Button onClick={upload} disabled={!file || !site || busy !== null} loading={busy === 'Checking the file…'}>Upload and check</Button></Group>
            {busy ? (
              <Stack gap={4} aria-live="polite">
                <Text size="sm">{progress !== null && progress < 1 ? `Uploading… ${Math.round(progress * 100)}%` : busy}</Text>
                <Progress value={progress !== null && progress < 1 ? progress * 100 : 100} animated={progress === null || progress >= 1} aria-label={busy} />
              </Stack>
            ) : null}
          </Stack>
        </Card>
        <ErrorAlert error={error} title="That did not work" />
        {done ? (
          <Alert color="green" title="Imported" role="status">
            <Stack gap="xs"><Text size="sm">{IMPORT_KIND_LABELS[done.kind]} for {done.siteName}.</Text><Counts c={done.counts} ctf={done.kind === 'ctf'} /></Stack>
          </Alert>
        ) : null}
        {preview ? <PreviewCard preview={preview} mapping={mapping} setMapping={setMapping} onRecheck={recheck} onCommit={commit} busy={busy} mappingChanged={!!mappingChanged} /> : null}
        <PhotoImportCard sites={options} />
        <History />
      </Stack>
    </Page>
  );
}

/** The row (or, in a CTF, the pupil by position and UPN) a problem is about. */
function whereRow(p: TImportProblem, label = false): string {
  if (p.row === null) return 'Whole file';
  if (p.upn !== undefined) return `${label ? 'Pupil ' : ''}${p.row}${p.upn ? ` (UPN ${p.upn})` : ''}`;
  return label ? `Row ${p.row}` : String(p.row);
}

function PreviewCard({ preview, mapping, setMapping, onRecheck, onCommit, busy, mappingChanged }: {
  preview: TImportPreview; mapping: Record<string, number>; setMapping: (m: Record<string, number>) => void;
  onRecheck: () => void; onCommit: () => void; busy: string | null; mappingChanged: boolean;
}) {
  const wide = useWide();
  const ctf = preview.kind === 'ctf';
  const fields: readonly ImportField[] = IMPORT_FIELDS[preview.kind];
  const columns = [{ value: '', label: '— not in the file —' }, ...preview.headers.map((h, i) => ({ value: String(i), label: h || `Column ${i + 1}` }))];
  const setField = (key: string, v: string | null) => {
    const next = { ...mapping };
    if (v === null || v === '') delete next[key]; else next[key] = Number(v);
    setMapping(next);
  };
  return (
    <Card withBorder>
      <Stack>
        <Title order={2} size="h3">Preview: {preview.filename ?? 'file'}</Title>
        {preview.ctf ? (
          <Text size="sm" className="break-anywhere">
            CTF {preview.ctf.version} from {preview.ctf.sourceSchool.name ?? 'a school that did not name itself'}
            {preview.ctf.sourceSchool.lea ? ` (${preview.ctf.sourceSchool.lea}/${preview.ctf.sourceSchool.estab ?? ''})` : ''}
            {preview.ctf.generatedAt ? `, made ${formatDateTime(preview.ctf.generatedAt)}` : ''}; sent to {preview.ctf.destSchool.lea ?? '?'}/{preview.ctf.destSchool.estab ?? '?'}. If this file were imported now:
          </Text>
        ) : (
          <Text size="sm">{preview.format.toUpperCase()}{preview.encoding ? `, ${preview.encoding}` : ''}; columns read as {IMPORT_PRESET_LABELS[preview.preset]}. If this file were imported now:</Text>
        )}
        <Counts c={preview.counts} ctf={ctf} />
        {ctf ? null : (
          <>
            <Title order={3} size="h4">Columns</Title>
            <Stack gap="xs">
              {fields.map((f) => (
                <Select key={f.key} label={`${f.label}${f.required ? ' (needed)' : ''}`} data={columns} value={mapping[f.key] === undefined ? '' : String(mapping[f.key])}
                  onChange={(v) => setField(f.key, v)} allowDeselect={false} size="sm" />
              ))}
            </Stack>
          </>
        )}
        {mappingChanged ? <Group><Button variant="default" onClick={onRecheck} loading={busy === 'Checking again…'}>Check again with these columns</Button></Group> : null}
        {preview.problems.length ? (
          <>
            <Alert color="red" title={`${formatNumber(preview.errorCount)} problem${preview.errorCount === 1 ? '' : 's'} to put right`} role="alert">
              <Text size="sm">Correct them in the MIS or the file and upload it again (or change the columns above). Nothing is imported while any remain.</Text>
            </Alert>
            {wide ? (
              <Table striped>
                <Table.Thead><Table.Tr><Table.Th>{ctf ? 'Pupil' : 'Row'}</Table.Th><Table.Th>{ctf ? 'Element' : 'Column'}</Table.Th><Table.Th>Problem</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>{preview.problems.map((p, i) => (
                  <Table.Tr key={i}><Table.Td>{whereRow(p)}</Table.Td><Table.Td className="break-anywhere">{p.column ?? '—'}</Table.Td><Table.Td>{p.message}</Table.Td></Table.Tr>
                ))}</Table.Tbody>
              </Table>
            ) : (
              <Stack gap="xs">{preview.problems.map((p, i) => (
                <Card key={i} withBorder padding="xs"><Text size="sm" fw={600} className="break-anywhere">{whereRow(p, true)}{p.column ? ` · ${p.column}` : ''}</Text><Text size="sm" className="break-anywhere">{p.message}</Text></Card>
              ))}</Stack>
            )}
          </>
        ) : <Alert color="green" title="No problems found" role="status"><Text size="sm">Every row can be imported.</Text></Alert>}
        {preview.leftOut.length ? (
          <details><summary>{formatNumber(preview.counts.left)} in Haven but not in this file (they are kept; this is for checking)</summary>
            <Text size="sm" className="break-anywhere">{preview.leftOut.join('; ')}{preview.counts.left > preview.leftOut.length ? '; …' : ''}</Text></details>
        ) : null}
        <Group><Button onClick={onCommit} disabled={preview.problems.length > 0 || mappingChanged || busy !== null} loading={busy === 'Importing…'}>Import {formatNumber(preview.counts.rows)} {ctf ? 'pupils' : 'rows'}</Button></Group>
      </Stack>
    </Card>
  );
}

function History() {
  const history = useImportHistory();
  const items = history.data?.items ?? [];
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={2} size="h3">Earlier imports</Title>
        <ErrorAlert error={history.error} />
        {items.length === 0 && !history.isLoading ? <Text size="sm">No imports yet.</Text> : null}
        {items.map((i) => (
          <Stack key={i.id} gap={2} py={4} style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
            <Text size="sm" fw={600} className="break-anywhere">{IMPORT_KIND_LABELS[i.kind]} · {i.siteName} · {i.status === 'committed' ? 'imported' : 'previewed, not imported'}</Text>
            <Text size="xs" c="dimmed" className="break-anywhere">{i.filename ?? 'file'} · {formatDateTime(i.committedAt ?? i.createdAt)} · {i.committedBy ?? i.createdBy} · SHA-256 {i.fileHash.slice(0, 12)}…</Text>
            {i.status === 'committed' ? <Counts c={i.counts} ctf={i.kind === 'ctf'} /> : null}
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}
