/**
 * The Import page's photo section: a zip of photos named by UPN (pupils) or staff code (staff) for one school. "Check"
 * reads every photo and says what importing would do, saving nothing; "Import photos" saves them all, or nothing if any
 * photo cannot be used (each such file is named). Files named after no one at the school are left out and listed.
 */
import { useState } from 'react';
import { Alert, Badge, Button, Card, FileInput, Group, Progress, Select, Stack, Text, Title } from '@mantine/core';
import { PHOTO_ZIP_MAX_BYTES, type TPhotoImportResult } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isApiError } from '../../lib/api';
import { formatNumber } from '../../lib/format';
import { importPhotos, type PhotoOwner } from './photos.api';

const KINDS = [{ value: 'pupils', label: 'Pupils (files named by UPN, e.g. B801200005001.jpg)' }, { value: 'staff', label: 'Staff (files named by staff code, e.g. JSM.jpg)' }];

export function PhotoImportCard({ sites }: { sites: { value: string; label: string }[] }) {
  const [kind, setKind] = useState<PhotoOwner>('pupils');
  const [siteId, setSiteId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [result, setResult] = useState<TPhotoImportResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const site = siteId ?? sites[0]?.value ?? null;
  const reset = () => { setResult(null); setError(null); };

  const run = async (dryRun: boolean) => {
    if (!file || !site) return;
    if (file.size > PHOTO_ZIP_MAX_BYTES) { setError(new Error('The zip is larger than 100 MB: split it into smaller zips (for example one per year group).')); return; }
    setBusy(dryRun ? 'check' : 'import'); reset(); setProgress(0);
    try {
      setResult(await importPhotos(file, { siteId: site, kind, dryRun }, setProgress));
      if (!dryRun) setFile(null);
    } catch (e) { setError(e); } finally { setBusy(null); setProgress(null); }
  };
  const problems = isApiError(error) ? error.fields : [];

  return (
    <Card withBorder component="section" aria-labelledby="photo-import">
      <Stack>
        <Title order={2} size="h3" id="photo-import">Photos</Title>
        <Text size="sm">A zip of JPEG, PNG or WebP photos, each named by the pupil&rsquo;s UPN or the member of staff&rsquo;s code, in any folders. Each photo replaces the person&rsquo;s current one. Photos are stored without their metadata (such as where they were taken).</Text>
        <Select label="Whose photos" data={KINDS} value={kind} onChange={(v) => { if (v) { setKind(v as PhotoOwner); reset(); } }} allowDeselect={false} />
        <Select label="School" data={sites} value={site} onChange={(v) => { setSiteId(v); reset(); }} allowDeselect={false} />
        <FileInput label="Zip of photos (at most 100 MB)" placeholder="Choose a zip" accept=".zip,application/zip" value={file}
          onChange={(f) => { setFile(f); reset(); }} clearable />
        <Group>
          <Button variant="default" onClick={() => void run(true)} disabled={!file || !site || busy !== null} loading={busy === 'check'}>Check the photos</Button>
          <Button onClick={() => void run(false)} disabled={!file || !site || busy !== null} loading={busy === 'import'}>Import photos</Button>
        </Group>
        {busy ? (
          <Stack gap={4} aria-live="polite">
            <Text size="sm">{progress !== null && progress < 1 ? `Uploading… ${Math.round(progress * 100)}%` : 'Reading the photos…'}</Text>
            <Progress value={progress !== null && progress < 1 ? progress * 100 : 100} animated={progress === null || progress >= 1} aria-label="Photo import progress" />
          </Stack>
        ) : null}
        <ErrorAlert error={error} title="Nothing was imported">
          {problems.length ? <Stack component="span" gap={2} mt={4}>{problems.map((p) => <Text key={p.field} span size="sm" className="break-anywhere" display="block"><strong>{p.field}</strong>: {p.message}</Text>)}</Stack> : null}
        </ErrorAlert>
        {result ? <PhotoImportSummary r={result} /> : null}
      </Stack>
    </Card>
  );
}

function PhotoImportSummary({ r }: { r: TPhotoImportResult }) {
  return (
    <Alert color={r.dryRun ? 'blue' : 'green'} title={r.dryRun ? 'Checked: nothing has been saved yet' : 'Photos imported'} role="status">
      <Stack gap="xs">
        <Group gap="xs">
          <Badge variant="light">{formatNumber(r.images)} photos in the zip</Badge>
          <Badge color="green" variant="light">{formatNumber(r.added)} {r.dryRun ? 'to add' : 'added'}</Badge>
          <Badge color="blue" variant="light">{formatNumber(r.replaced)} {r.dryRun ? 'to replace' : 'replaced'}</Badge>
          <Badge color="gray" variant="light">{formatNumber(r.unchanged)} unchanged</Badge>
        </Group>
        {r.unknown.length ? <Text size="sm" className="break-anywhere"><strong>Not matched to anyone at this school (left out):</strong> {r.unknown.join(', ')}</Text> : null}
        {r.ignored.length ? <Text size="sm" className="break-anywhere"><strong>Not photos (left out):</strong> {r.ignored.join(', ')}</Text> : null}
      </Stack>
    </Alert>
  );
}
