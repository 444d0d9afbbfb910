/**
 * On a pupil's profile (SUP-4, SUP-5, ANA-7): their meetings, referrals and professional reports; arrange a meeting,
 * make a referral, file a report with its file, and download the agency report.
 */
import { Button, Card, FileInput, Group, NativeSelect, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { useState, type FormEvent } from 'react';
import { AnchorLink, ButtonLink } from '../../components/links';
import { ErrorAlert } from '../../components/ErrorAlert';
import { UkDateInput } from '../../components/UkDateInput';
import { isApiError } from '../../lib/api';
import { formatDate, londonNow } from '../../lib/format';
import { useCan } from '../../lib/usePolicy';
import { agencyReportUrl, reportFileUrl, useAgencies, useMeetings, useProfessionalReports, useReferralMutations, useReferrals, useReportMutations } from './casework.api';
import { MEETING_STATUS_LABELS, MEETING_TYPE_LABELS } from './labels';
import { ReferralRow } from './ReferralsPage';

const pad = (n: number) => String(n).padStart(2, '0');

export function PupilCaseworkCard({ pupilId }: { pupilId: string }) {
  const canRead = useCan('casework.read');
  const canManage = useCan('casework.manage');
  const meetings = useMeetings({ pupilId }, canRead);
  const referrals = useReferrals({ pupilId }, canRead);
  const reports = useProfessionalReports({ pupilId }, canRead);
  const [form, setForm] = useState<'none' | 'referral' | 'report'>('none');
  if (!canRead) return null;
  const now = londonNow();
  const today = `${now.year}-${pad(now.month)}-${pad(now.day)}`;
  const yearAgo = `${now.year - 1}-${pad(now.month)}-${pad(Math.min(now.day, 28))}`;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="casework-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="casework-heading">Meetings, referrals and reports</Title>
        <Group gap="xs" wrap="wrap">
          {canManage ? <ButtonLink size="xs" variant="default" to="/meetings/new" search={{ pupilId }}>Arrange a meeting</ButtonLink> : null}
          {canManage ? <Button size="xs" variant="default" onClick={() => setForm(form === 'referral' ? 'none' : 'referral')}>Make a referral</Button> : null}
          {canManage ? <Button size="xs" variant="default" onClick={() => setForm(form === 'report' ? 'none' : 'report')}>File a professional report</Button> : null}
          <Button component="a" size="xs" variant="default" href={agencyReportUrl(pupilId, yearAgo, today)} download>Agency report, last 12 months (PDF)</Button>
        </Group>
        {form === 'referral' ? <ReferralForm pupilId={pupilId} onDone={() => setForm('none')} /> : null}
        {form === 'report' ? <ReportForm pupilId={pupilId} onDone={() => setForm('none')} /> : null}
        <Title order={3} size="h5">Meetings</Title>
        {meetings.data?.length ? (
          <Stack component="ul" gap={2} p={0} m={0} style={{ listStyle: 'none' }}>
            {meetings.data.map((m) => <Text component="li" size="sm" key={m.id}><AnchorLink to="/meetings/$id" params={{ id: m.id }}>{MEETING_TYPE_LABELS[m.type as keyof typeof MEETING_TYPE_LABELS] ?? m.type}, {formatDate(m.date)}</AnchorLink> ({MEETING_STATUS_LABELS[m.status]})</Text>)}
          </Stack>
        ) : <Text size="sm">No meetings.</Text>}
        <Title order={3} size="h5">Referrals</Title>
        {referrals.data?.length ? <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>{referrals.data.map((r) => <ReferralRow key={r.id} r={r} />)}</Stack> : <Text size="sm">No referrals.</Text>}
        <Title order={3} size="h5">Professional reports</Title>
        {reports.data?.length ? (
          <Stack component="ul" gap={2} p={0} m={0} style={{ listStyle: 'none' }}>
            {reports.data.map((r) => (
              <Text component="li" size="sm" key={r.id} className="break-anywhere">
                {formatDate(r.reportDate)}: {r.title} ({r.direction === 'received' ? 'received from' : 'sent to'} {r.agency?.name ?? r.author}){' '}
                {r.file ? <a href={reportFileUrl(r.id)} download>Download {r.file.filename}</a> : 'no file yet'}
              </Text>
            ))}
          </Stack>
        ) : <Text size="sm">No professional reports.</Text>}
      </Stack>
    </Card>
  );
}

function ReferralForm({ pupilId, onDone }: { pupilId: string; onDone: () => void }) {
  const agencies = useAgencies();
  const create = useReferralMutations().create;
  const [agencyId, setAgencyId] = useState('');
  const [reason, setReason] = useState('');
  const [expected, setExpected] = useState<string | null>(null);
  const [status, setStatus] = useState('sent');
  const err = isApiError(create.error) ? create.error : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ pupilId, agencyId, reason, status, expectedResponseOn: expected }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Make a referral">
      <Stack gap="xs">
        {create.error && !err?.fields.length ? <ErrorAlert error={create.error} title="The referral was not saved" /> : null}
        <NativeSelect label="Agency" required value={agencyId} onChange={(e) => setAgencyId(e.currentTarget.value)} error={err?.fieldMessage('agencyId')}
          data={[{ value: '', label: 'Choose an agency' }, ...(agencies.data ?? []).filter((a) => a.active).map((a) => ({ value: a.id, label: a.name }))]} />
        <Textarea label="Reason" required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={err?.fieldMessage('reason')} />
        <UkDateInput label="Response expected by" value={expected ?? ''} onChange={setExpected} error={err?.fieldMessage('expectedResponseOn')} />
        <SegmentedControl value={status} onChange={setStatus} data={[{ value: 'sent', label: 'Sent today' }, { value: 'draft', label: 'Save as draft' }]} aria-label="Sent or draft" />
        <Group><Button type="submit" size="xs" loading={create.isPending}>Save the referral</Button></Group>
      </Stack>
    </form>
  );
}

function ReportForm({ pupilId, onDone }: { pupilId: string; onDone: () => void }) {
  const agencies = useAgencies();
  const m = useReportMutations();
  const [direction, setDirection] = useState('received');
  const [title, setTitle] = useState('');
  const [author, setAuthor] = useState('');
  const [agencyId, setAgencyId] = useState('');
  const [reportDate, setReportDate] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const err = isApiError(m.create.error) ? m.create.error : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    m.create.mutate({ pupilId, direction, title, author, reportDate: reportDate ?? '', agencyId: agencyId || null }, {
      onSuccess: (r) => { if (file) m.attach.mutate({ id: r.id, file }, { onSuccess: onDone }); else onDone(); },
    });
  };
  return (
    <form onSubmit={submit} noValidate aria-label="File a professional report">
      <Stack gap="xs">
        {m.create.error && !err?.fields.length ? <ErrorAlert error={m.create.error} title="The report was not saved" /> : null}
        {m.attach.error ? <ErrorAlert error={m.attach.error} title="The file was not attached" /> : null}
        <SegmentedControl value={direction} onChange={setDirection} data={[{ value: 'received', label: 'Received' }, { value: 'sent', label: 'Sent' }]} aria-label="Received or sent" />
        <TextInput label="Title" required value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={err?.fieldMessage('title')} />
        <TextInput label="Author" required value={author} onChange={(e) => setAuthor(e.currentTarget.value)} error={err?.fieldMessage('author')} />
        <NativeSelect label="Agency" value={agencyId} onChange={(e) => setAgencyId(e.currentTarget.value)}
          data={[{ value: '', label: 'None' }, ...(agencies.data ?? []).map((a) => ({ value: a.id, label: a.name }))]} />
        <UkDateInput label="Date of the report" required value="" onChange={setReportDate} error={err?.fieldMessage('reportDate')} />
        <FileInput label="The report (PDF, image or text, up to 10 MB)" value={file} onChange={setFile} accept="application/pdf,image/jpeg,image/png,text/plain" clearable />
        <Group><Button type="submit" size="xs" loading={m.create.isPending || m.attach.isPending}>Save the report</Button></Group>
      </Stack>
    </form>
  );
}
