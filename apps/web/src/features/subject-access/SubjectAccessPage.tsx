/**
 * One subject access request (DAT-3): its deadline and state, moving it on, the redaction review of everything
 * gathered (names found in the text flagged; release, redact fields or withhold each record), the release and the
 * downloads of the released PDF and archive.
 */
import { Alert, Button, Checkbox, Group, Stack, Text, Title } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { SAR_REQUESTER_KIND_LABELS, SAR_STATUS_LABELS, type TSarStatus, type TSarSummary } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Facts } from '../../components/Facts';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { formatDate, formatDateTime } from '../../lib/format';
import { Deadline } from './SubjectAccessListPage';
import { RecordsReview } from './RecordsReview';
import { downloadUrl, useSubjectAccess, useSubjectAccessMutations } from './subjectAccess.api';

export function SubjectAccessPage() {
  return <RequirePermission permission="subject_access.manage" what="subject access requests"><OneRequest /></RequirePermission>;
}

const MOVE_LABELS: Partial<Record<TSarStatus, string>> = { gathering: 'Start gathering the records', redaction: 'Begin the redaction review', withdrawn: 'Withdraw the request' };

function OneRequest() {
  const { id } = useParams({ strict: false }) as { id: string };
  const q = useSubjectAccess(id);
  if (q.isPending) return <Loading />;
  if (q.isError) return <ErrorAlert error={q.error} />;
  const r = q.data;
  return (
    <Page title={`Subject access request: ${r.pupil.displayName}`} description={`Asked for by ${r.requesterName} (${SAR_REQUESTER_KIND_LABELS[r.requesterKind].toLowerCase()})`}>
      <Facts items={[['Status', SAR_STATUS_LABELS[r.status]], ['Received', formatDate(r.receivedOn)], ['Staff names', r.redactStaff ? 'Replaced by “[member of staff]”' : 'Shown'],
        ['Logged by', r.createdBy], ['Notes', r.notes], ['Withdrawn because', r.withdrawnReason]]} />
      <Deadline r={r} />
      <Actions r={r} />
      {r.release ? <Released r={r} /> : null}
      {r.status === 'gathering' || r.status === 'redaction' ? <RecordsReview request={r} /> : null}
    </Page>
  );
}

function Actions({ r }: { r: TSarSummary }) {
  const m = useSubjectAccessMutations(r.id);
  const [reason, setReason] = useState('');
  const [withdrawing, setWithdrawing] = useState(false);
  const error = m.move.error ?? m.update.error;
  return (
    <Stack gap="xs">
      {error ? <ErrorAlert error={error} title="Not saved" /> : null}
      <Group gap="xs" wrap="wrap">
        {r.next.filter((s) => s !== 'withdrawn').map((s) => (
          <Button key={s} size="xs" loading={m.move.isPending} onClick={() => m.move.mutate({ version: r.version, status: s })}>
            {s === 'gathering' && r.status === 'redaction' ? 'Back to gathering' : MOVE_LABELS[s]}
          </Button>
        ))}
        {r.next.includes('withdrawn') ? <Button size="xs" variant="default" onClick={() => setWithdrawing(true)}>Withdraw…</Button> : null}
        {r.allowed.includes('edit') ? (
          <Checkbox label="Replace staff names" checked={r.redactStaff} onChange={(e) => m.update.mutate({ version: r.version, redactStaff: e.currentTarget.checked })} />
        ) : null}
      </Group>
      {withdrawing ? (
        <Group align="flex-end" wrap="wrap">
          <Textarea label="Why it was withdrawn" value={reason} onChange={(e) => setReason(e.currentTarget.value)} autosize minRows={1} w={320} />
          <Button size="xs" color="red" onClick={() => m.move.mutate({ version: r.version, status: 'withdrawn', reason })}>Withdraw</Button>
        </Group>
      ) : null}
    </Stack>
  );
}

function Released({ r }: { r: TSarSummary }) {
  const rel = r.release!;
  return (
    <Alert color="green" title="Released">
      <Stack gap={4}>
        <Text size="sm">Released {formatDateTime(rel.releasedAt)} by {rel.releasedBy}: {rel.recordCount} records{rel.withheldCount ? `, ${rel.withheldCount} withheld` : ''}. Each download is recorded in the audit log.</Text>
        <Group gap="xs">
          <Button component="a" size="xs" href={downloadUrl(r.id, 'pdf')} download>Download the PDF</Button>
          <Button component="a" size="xs" variant="default" href={downloadUrl(r.id, 'archive')} download>Download the archive (JSON and CSV)</Button>
        </Group>
        <Text size="xs" className="break-anywhere">PDF SHA-256 {rel.pdfSha256}</Text>
        <Text size="xs" className="break-anywhere">Archive SHA-256 {rel.archiveSha256}</Text>
      </Stack>
    </Alert>
  );
}

export function SectionTitle({ children }: { children: string }) {
  return <Title order={2} size="h4" mt="sm">{children}</Title>;
}
