/**
 * Certificates (STF-1) of a site: listed with their status, recorded by hand, revoked when recorded in error, and
 * imported from a CSV or XLSX file (preview with every problem by row and column, then import all or nothing).
 */
import { Button, Card, FileInput, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { UkDateInput } from '../../components/UkDateInput';
import { formatDate } from '../../lib/format';
import { uploadWithProgress } from '../../lib/upload';
import { allows, useCan } from '../../lib/usePolicy';
import { useCertificates, useCourses, useStaffPicker, useTrainingMutations, type ImportResult } from './training.api';
import { StatusBadge, useTrainingSite } from './TrainingParts';

export function CertificatesPage() {
  return <RequirePermission permission="training.read" what="certificates"><Certificates /></RequirePermission>;
}

function Certificates() {
  const { siteId, picker } = useTrainingSite(false);
  const manager = useCan('training.manage');
  const list = useCertificates(siteId ? { siteId } : null);
  const { revoke } = useTrainingMutations();
  return (
    <Page title="Certificates" description="Every certificate held by the staff of a site.">
      {picker}
      {manager ? <RecordCertificate siteId={siteId} /> : null}
      {manager ? <ImportCertificates /> : null}
      {list.isPending ? <Loading label="Loading certificates…" /> : null}
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {revoke.isError ? <ErrorAlert error={revoke.error} /> : null}
      <Stack component="ul" gap="xs" p={0} m={0} aria-label="Certificates">
        {(list.data?.items ?? []).slice(0, 300).map((c) => (
          <Card key={c.id} component="li" withBorder padding="xs" style={{ listStyle: 'none' }}>
            <Group justify="space-between" wrap="wrap" gap="xs"><Text fw={600}>{c.staffName}</Text><StatusBadge status={c.status} /></Group>
            <Text size="sm" className="break-anywhere">{c.courseName} · {formatDate(c.issuedOn)} to {formatDate(c.expiresOn)}{c.certificateNumber ? ` · ${c.certificateNumber}` : ''}</Text>
            {allows(c, 'revoke') ? <Group><Button size="compact-xs" variant="subtle" color="red" onClick={() => { if (window.confirm(`Revoke ${c.staffName}'s ${c.courseName} certificate?`)) revoke.mutate(c.id); }}>Revoke<span className="visually-hidden-inline"> {c.staffName}'s {c.courseName} certificate</span></Button></Group> : null}
          </Card>
        ))}
      </Stack>
    </Page>
  );
}

function RecordCertificate({ siteId }: { siteId: string | undefined }) {
  const courses = useCourses();
  const staff = useStaffPicker(siteId);
  const { recordCertificate } = useTrainingMutations();
  const [f, setF] = useState({ staffId: '', courseId: '', issuedOn: '', certificateNumber: '' });
  const [open, setOpen] = useState(false);
  if (!open) return <Group><Button variant="default" onClick={() => setOpen(true)}>Record a certificate</Button></Group>;
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <Select label="Member of staff" required searchable data={(staff.data?.items ?? []).map((s) => ({ value: s.id, label: s.displayName }))} value={f.staffId || null} onChange={(v) => setF({ ...f, staffId: v ?? '' })} />
        <Select label="Course" required data={(courses.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))} value={f.courseId || null} onChange={(v) => setF({ ...f, courseId: v ?? '' })} />
        <UkDateInput label="Issued on" required value={f.issuedOn} onChange={(iso) => setF({ ...f, issuedOn: iso ?? '' })} w={160} />
        <TextInput label="Certificate number (optional)" value={f.certificateNumber} onChange={(e) => setF({ ...f, certificateNumber: e.currentTarget.value })} maw={260} />
        {recordCertificate.isError ? <ErrorAlert error={recordCertificate.error} /> : null}
        <Group>
          <Button loading={recordCertificate.isPending} onClick={() => recordCertificate.mutate({ ...f, certificateNumber: f.certificateNumber.trim() || null }, { onSuccess: () => setOpen(false) })}>Save</Button>
          <Button variant="subtle" onClick={() => setOpen(false)}>Cancel</Button>
        </Group>
      </Stack>
    </Card>
  );
}

function ImportCertificates() {
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const send = async (fileHash?: string) => {
    if (!file) return;
    setBusy(true); setError(null);
    try { setResult(await uploadWithProgress<ImportResult>('/training/certificates/import', fileHash ? { fileHash } : {}, file, 200, () => undefined)); } catch (e) { setError(e); }
    setBusy(false);
  };
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <Text fw={700}>Import certificates</Text>
        <Text size="sm">A CSV or XLSX file with the columns Staff code (or Email), Course code, Issued on (dd/mm/yyyy), and optionally Certificate number and Techniques (codes separated by ;).</Text>
        <FileInput label="File" accept=".csv,.xlsx,text/csv" value={file} onChange={(f) => { setFile(f); setResult(null); }} maw={360} clearable />
        <Group>
          <Button variant="default" disabled={!file} loading={busy && !result} onClick={() => void send()}>Preview</Button>
          {result && !result.committed && !result.problems.length && result.valid ? <Button loading={busy} onClick={() => void send(result.fileHash)}>Import {result.valid} certificates</Button> : null}
        </Group>
        {error ? <ErrorAlert error={error} /> : null}
        {result?.committed ? <Text role="status">{result.valid} certificates imported.</Text> : null}
        {result && result.problems.length ? (
          <Table.ScrollContainer minWidth={320}>
            <Table aria-label="Problems in the file"><Table.Thead><Table.Tr><Table.Th>Row</Table.Th><Table.Th>Column</Table.Th><Table.Th>Problem</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>{result.problems.map((p, i) => <Table.Tr key={i}><Table.Td>{p.row ?? ''}</Table.Td><Table.Td>{p.column ?? ''}</Table.Td><Table.Td>{p.message}</Table.Td></Table.Tr>)}</Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
        {result && !result.committed && !result.problems.length ? result.sample.map((s) => <Text key={s.row} size="sm">Row {s.row}: {s.staff}, {s.course}, {formatDate(s.issuedOn)} to {formatDate(s.expiresOn)}</Text>) : null}
      </Stack>
    </Card>
  );
}
