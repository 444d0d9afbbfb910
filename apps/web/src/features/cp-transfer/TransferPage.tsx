/**
 * One child-protection file transfer (DSL only): its deadline and state, building the encrypted pack (records to
 * include, all by default; a passphrase Haven makes and shows once, or the receiving DSL's public key), releasing it
 * (a download, or a one-time link shown once) and recording the receipt.
 */
import { useState, type FormEvent } from 'react';
import { Alert, Button, Card, Checkbox, Code, CopyButton, Group, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { useParams } from '@tanstack/react-router';
import { CP_TRANSFER_STATUS_LABELS, SAFEGUARDING_CATEGORY_LABELS, type TCpTransfer, type TSafeguardingCategory } from '@haven/contracts';
import { ErrorAlert, errorMessage } from '../../components/ErrorAlert';
import { Facts } from '../../components/Facts';
import { AnchorLink } from '../../components/links';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { UkDateInput } from '../../components/UkDateInput';
import { isApiError } from '../../lib/api';
import { formatDate, formatDateTime } from '../../lib/format';
import { SealedBanner } from '../safeguarding/SealedBanner';
import { downloadPack, useLink, usePack, useRecordReceipt, useTransfer, useTransfersOfPupil } from './cpTransfer.api';

export function TransferPage() {
  const { transferId } = useParams({ from: '/cp-transfers/$transferId' });
  const q = useTransfer(transferId);
  const [passphrase, setPassphrase] = useState<string | null>(null);
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  if (q.isPending) return <Loading label="Loading the transfer…" />;
  if (q.isError) {
    const refused = isApiError(q.error) && [403, 404].includes(q.error.status);
    return <Page title="Transfer not available">{refused ? <Text>Only a designated safeguarding lead of the pupil's school can see this transfer.</Text> : <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />}</Page>;
  }
  const t = q.data;
  return (
    <Page title={`Child-protection file: ${t.pupil.displayName}`} documentTitle="Child-protection file transfer">
      <SealedBanner />
      <Facts items={[
        ['State', t.overdue ? 'Overdue: not sent yet' : CP_TRANSFER_STATUS_LABELS[t.status]],
        ['Leaving date', `${formatDate(t.leavingDate)}${t.leavingDateSource === 'pupil_record' ? ' (pupil record)' : ''}`],
        ['Due by', t.dueOn ? formatDate(t.dueOn) : "When next year's calendar is added"],
        ['To', `${t.receivingSchool}: ${t.receivingDslName} (${t.receivingDslEmail})`],
        ...(t.pack ? [['Pack', `${t.pack.concerns} record${t.pack.concerns === 1 ? '' : 's'}, ${t.pack.attachments} document${t.pack.attachments === 1 ? '' : 's'}, encrypted ${t.pack.encryption === 'passphrase' ? 'with a passphrase' : `to key ${t.pack.keyFingerprint ?? ''}`} on ${formatDateTime(t.pack.packedAt)}`]] : []),
        ...(t.sent ? [['Sent', `${formatDateTime(t.sent.at)} by ${t.sent.by} (${t.sent.via === 'link' ? 'one-time link' : 'download'})`]] : []),
        ...(t.link ? [['Link', t.link.downloadedAt ? `Downloaded ${formatDateTime(t.link.downloadedAt)}` : `Not downloaded yet; works until ${formatDateTime(t.link.expiresAt)}`]] : []),
        ...(t.receipt ? [['Receipt confirmed', `${formatDate(t.receipt.receivedOn)} by ${t.receipt.receivedByName}${t.receipt.via === 'link' ? ' (on the link page)' : ''}`]] : []),
      ] as Array<[string, string]>} />
      {passphrase && (
        <Alert color="yellow" title="The passphrase: write it down now" role="status">
          <Stack gap="xs">
            <Text>Haven does not keep it and will not show it again. Give it to {t.receivingDslName} by a different route from the file, such as a phone call.</Text>
            <Group><Code fz="lg" data-testid="passphrase">{passphrase}</Code><CopyButton value={passphrase}>{({ copied, copy }) => <Button size="xs" variant="light" onClick={copy}>{copied ? 'Copied' : 'Copy'}</Button>}</CopyButton></Group>
          </Stack>
        </Alert>
      )}
      {t.allowed.includes('pack') && <PackForm t={t} onPacked={setPassphrase} />}
      {t.allowed.includes('download') && <Release t={t} link={link} onLink={setLink} />}
      {t.allowed.includes('receipt') && <ReceiptForm t={t} />}
      <Text><AnchorLink to="/safeguarding/pupils/$pupilId/transfer" params={{ pupilId: t.pupil.id }}>All transfers for {t.pupil.displayName}</AnchorLink></Text>
    </Page>
  );
}

function PackForm({ t, onPacked }: { t: TCpTransfer; onPacked: (p: string | null) => void }) {
  const sources = useTransfersOfPupil(t.pupil.id);
  const pack = usePack(t.id);
  const [excluded, setExcluded] = useState<Set<string>>(new Set());
  const [chronology, setChronology] = useState(true);
  const [method, setMethod] = useState<'passphrase' | 'public_key'>('passphrase');
  const [publicKey, setPublicKey] = useState('');
  const err = isApiError(pack.error) ? pack.error : null;
  if (sources.isPending) return <Loading label="Loading the records…" />;
  if (sources.isError) return <ErrorAlert error={sources.error} />;
  const { concerns, attachments } = sources.data.sources;
  const toggle = (id: string) => setExcluded((s) => { const n = new Set(s); if (n.has(id)) n.delete(id); else n.add(id); return n; });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const concernIds = concerns.map((c) => c.id).filter((id) => !excluded.has(id));
    pack.mutate({
      concernIds, attachmentIds: attachments.filter((a) => concernIds.includes(a.concernId) && !excluded.has(a.id)).map((a) => a.id),
      includeChronology: chronology, method, ...(method === 'public_key' ? { publicKey } : {}),
    }, { onSuccess: (r) => onPacked(r.passphrase) });
  };
  return (
    <Card withBorder component="form" onSubmit={submit} aria-label="Build the pack" padding="md">
      <Stack gap="sm">
        <Title order={2} fz="lg">{t.pack ? 'Build the pack again' : 'Build the pack'}</Title>
        <Text size="sm">Everything is included unless you untick it. The pack is a PDF of the records with their documents, zipped and encrypted; only the encrypted file is kept.</Text>
        <Checkbox label="The chronology" checked={chronology} onChange={(e) => setChronology(e.currentTarget.checked)} />
        {concerns.length === 0 && <Text size="sm">No safeguarding concerns are recorded for this pupil at your school.</Text>}
        {concerns.map((c) => (
          <Checkbox key={c.id} checked={!excluded.has(c.id)} onChange={() => toggle(c.id)}
            label={`${SAFEGUARDING_CATEGORY_LABELS[c.category as TSafeguardingCategory] ?? c.category}, raised ${formatDateTime(c.raisedAt)}`} />
        ))}
        {attachments.map((a) => (
          <Checkbox key={a.id} ml="lg" checked={!excluded.has(a.id) && !excluded.has(a.concernId)} disabled={excluded.has(a.concernId)} onChange={() => toggle(a.id)} label={`Document: ${a.filename}`} />
        ))}
        <Radio.Group label="Encrypt it" value={method} onChange={(v) => setMethod(v as 'passphrase')} error={err?.fieldMessage('method')}>
          <Stack gap={6} mt={4}>
            <Radio value="passphrase" label="With a passphrase Haven makes (shown once)" />
            <Radio value="public_key" label="To the receiving DSL's OpenPGP public key" />
          </Stack>
        </Radio.Group>
        {method === 'public_key' && (
          <Textarea label="Their public key" description="Paste the whole armoured key, from -----BEGIN PGP PUBLIC KEY BLOCK----- to the end" autosize minRows={4} maxRows={10}
            value={publicKey} onChange={(e) => setPublicKey(e.currentTarget.value)} error={err?.fieldMessage('publicKey')} styles={{ input: { fontFamily: 'monospace' } }} />
        )}
        {pack.error && !err?.fields.length && <Alert color="red" role="alert">{errorMessage(pack.error)}</Alert>}
        <Group><Button type="submit" loading={pack.isPending}>Build and encrypt the pack</Button></Group>
      </Stack>
    </Card>
  );
}

function Release({ t, link, onLink }: { t: TCpTransfer; link: { url: string; expiresAt: string } | null; onLink: (l: { url: string; expiresAt: string }) => void }) {
  const makeLink = useLink(t.id);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Card withBorder padding="md" component="section" aria-label="Send the file">
      <Stack gap="sm">
        <Title order={2} fz="lg">Send the file</Title>
        <Text size="sm">Make a one-time link for {t.receivingDslName} (it works once, for 14 days, with no sign-in), or download the encrypted file and send it yourself.</Text>
        {link && (
          <Alert color="blue" title="The one-time link: copy it now" role="status">
            <Stack gap="xs">
              <Text size="sm">Haven does not keep it and will not show it again. Making another link stops this one working.</Text>
              <TextInput readOnly value={link.url} aria-label="One-time link" data-testid="one-time-link" />
              <CopyButton value={link.url}>{({ copied, copy }) => <Button size="xs" variant="light" onClick={copy}>{copied ? 'Copied' : 'Copy the link'}</Button>}</CopyButton>
            </Stack>
          </Alert>
        )}
        {makeLink.error && <Alert color="red" role="alert">{errorMessage(makeLink.error)}</Alert>}
        {problem && <Alert color="red" role="alert">{problem}</Alert>}
        <Group>
          <Button loading={makeLink.isPending} onClick={() => makeLink.mutate({}, { onSuccess: (r) => onLink({ url: r.url, expiresAt: r.expiresAt }) })}>
            {t.link ? 'Make a new one-time link' : 'Make a one-time link'}
          </Button>
          <Button variant="default" onClick={() => { setProblem(null); downloadPack(t.id).catch((e: unknown) => setProblem(errorMessage(e))); }}>Download the encrypted file</Button>
        </Group>
      </Stack>
    </Card>
  );
}

function ReceiptForm({ t }: { t: TCpTransfer }) {
  const record = useRecordReceipt(t.id);
  const [on, setOn] = useState('');
  const [by, setBy] = useState('');
  const err = isApiError(record.error) ? record.error : null;
  return (
    <Card withBorder padding="md" component="form" aria-label="Record the receipt" onSubmit={(e: FormEvent) => { e.preventDefault(); record.mutate({ receivedOn: on, receivedByName: by }); }}>
      <Stack gap="sm">
        <Title order={2} fz="lg">Record the receipt</Title>
        <Text size="sm">When the receiving school confirms by phone or email instead of on the link's page.</Text>
        <UkDateInput label="Received on" value={on} onChange={(iso) => setOn(iso ?? '')} error={err?.fieldMessage('receivedOn')} required />
        <TextInput label="Confirmed by" value={by} onChange={(e) => setBy(e.currentTarget.value)} error={err?.fieldMessage('receivedByName')} required />
        {record.error && !err?.fields.length && <Alert color="red" role="alert">{errorMessage(record.error)}</Alert>}
        <Group><Button type="submit" variant="default" loading={record.isPending}>Record the receipt</Button></Group>
      </Stack>
    </Card>
  );
}
