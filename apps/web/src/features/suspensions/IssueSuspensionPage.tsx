/**
 * The head's form to suspend or permanently exclude (LAW-1). The head enters the day the parents were told of the
 * decision (today unless earlier) and, where the pupil misses a public examination, its date: every deadline counts
 * from those. As the head types, the statutory check beside it shows the running total, the 35-day warning, the
 * 45-day refusal, the board's duty and deadline, the AP day, and any deadline already passed or needing next year's
 * calendar.
 */
import { useEffect, useMemo, useState } from 'react';
import { Button, Checkbox, MultiSelect, SimpleGrid, NumberInput, SegmentedControl, Stack, Text } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { useDebouncedValue } from '@mantine/hooks';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { TExclusionCategory } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { isApiError } from '../../lib/api';
import { londonTodayIso } from '../incidents/time';
import { PupilChooser, type ChosenPupil } from '../safeguarding/PupilChooser';
import { usePupil } from '../pupils/pupils.api';
import { StatutoryPanel } from './StatutoryPanel';
import { useIssue, usePreview, useReasons, useSuspension, type PreviewBody } from './suspensions.api';
import { UkDateInput } from '../../components/UkDateInput';

export function IssueSuspensionPage() {
  return (
    <RequirePermission permission="suspension.issue" what="issuing suspensions (the headteacher only)">
      <IssueForm />
    </RequirePermission>
  );
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function IssueForm() {
  const search = useSearch({ from: '/suspensions/new' });
  const previous = useSuspension(search.previous ?? '');
  const navigate = useNavigate();
  const [pupil, setPupil] = useState<ChosenPupil[]>([]);
  const [category, setCategory] = useState<TExclusionCategory>('suspension');
  const [startDate, setStartDate] = useState('');
  const [startSession, setStartSession] = useState<'am' | 'pm'>('am');
  const [sessions, setSessions] = useState<number | string>(2);
  const [exam, setExam] = useState(false);
  const [examDate, setExamDate] = useState('');
  const [decisionDate, setDecisionDate] = useState(() => londonTodayIso());
  const [codes, setCodes] = useState<string[]>([]);
  const [details, setDetails] = useState('');
  const issue = useIssue();

  const given = usePupil(search.pupilId ?? '', !!search.pupilId);
  useEffect(() => {
    const p = previous.data;
    if (p && !pupil.length) setPupil([{ id: p.pupil.id, siteId: p.siteId, displayName: p.pupil.displayName, detail: p.siteName }]);
  }, [previous.data, pupil.length]);
  useEffect(() => {
    const p = given.data;
    if (p && !pupil.length) setPupil([{ id: p.id, siteId: p.siteId, displayName: p.displayName, detail: p.siteName }]);
  }, [given.data, pupil.length]);

  const body: PreviewBody | null = useMemo(() => {
    const pupilId = pupil[0]?.id;
    if (!pupilId || !isoDate.test(startDate)) return null;
    const n = typeof sessions === 'number' ? sessions : Number(sessions);
    if (category !== 'permanent' && !(n >= 1)) return null;
    return {
      pupilId, category, startDate, startSession, sessions: category === 'permanent' ? null : n, missesPublicExam: exam,
      ...(isoDate.test(decisionDate) ? { decisionDate } : {}), publicExamDate: exam && isoDate.test(examDate) ? examDate : null,
    };
  }, [pupil, category, startDate, startSession, sessions, exam, examDate, decisionDate]);
  const [debounced] = useDebouncedValue(body, 300);
  const preview = usePreview(debounced);
  const reasons = useReasons(isoDate.test(startDate) ? startDate : undefined);
  const err = (f: string) => (isApiError(issue.error) ? issue.error.fieldMessage(f) : undefined);
  const previewError = isApiError(preview.error) ? preview.error : null;

  const submit = () => {
    if (!body) return;
    issue.mutate({ body: { ...body, reasonCodes: codes, details, incidentId: null }, previousId: search.previous }, {
      onSuccess: (r) => void navigate({ to: '/suspensions/$suspensionId', params: { suspensionId: r.id } }),
    });
  };

  return (
    <Page title={search.previous ? 'New linked exclusion' : 'Suspend or exclude a pupil'}
      description={search.previous ? 'A further decision about the same matter is a new record; the earlier one is not changed (a suspension cannot be extended or turned into a permanent exclusion).' : 'Only the headteacher may suspend or permanently exclude.'}>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <div>
          <Stack gap="md" component="form" onSubmit={(e) => { e.preventDefault(); submit(); }}>
            <PupilChooser chosen={pupil} onChange={setPupil} max={1} label="Pupil" error={err('pupilId')} />
            <div>
              <Text fw={600} size="sm" id="category-label" mb={4}>Category</Text>
              <SegmentedControl aria-labelledby="category-label" value={category} onChange={(v) => setCategory(v as TExclusionCategory)} fullWidth
                data={[{ value: 'suspension', label: 'Suspension' }, { value: 'lunchtime', label: 'Lunchtime' }, { value: 'permanent', label: 'Permanent' }]} />
            </div>
            <UkDateInput label="Start date" required value={startDate} onChange={(iso) => setStartDate(iso ?? '')}
              error={err('startDate') ?? previewError?.fieldMessage('startDate')} />
            {category === 'suspension' ? (
              <div>
                <Text fw={600} size="sm" id="session-label" mb={4}>Starting</Text>
                <SegmentedControl aria-labelledby="session-label" value={startSession} onChange={(v) => setStartSession(v as 'am' | 'pm')}
                  data={[{ value: 'am', label: 'Morning' }, { value: 'pm', label: 'Afternoon' }]} />
              </div>
            ) : null}
            {category !== 'permanent' ? (
              <NumberInput label={category === 'lunchtime' ? 'Number of lunchtimes' : 'Length in sessions'} min={1} max={90} required value={sessions} onChange={setSessions}
                description={category === 'lunchtime' ? 'Each lunchtime counts as half a school day' : 'A school day is 2 sessions (morning and afternoon)'}
                error={err('sessions') ?? previewError?.fieldMessage('sessions')} />
            ) : null}
            <UkDateInput label="Parents told of the decision on" required value={decisionDate}
              onChange={(iso) => setDecisionDate(iso ?? '')}
              description="Today, unless they were told earlier. Every deadline counts from this day, not the day this is typed."
              error={err('decisionDate') ?? previewError?.fieldMessage('decisionDate')} />
            <Checkbox label="This makes the pupil miss a public examination or national curriculum test" checked={exam} onChange={(e) => setExam(e.currentTarget.checked)} />
            {exam ? (
              <UkDateInput label="Date of the examination" required value={examDate} onChange={(iso) => setExamDate(iso ?? '')}
                description="The governing board should meet before it where possible"
                error={err('publicExamDate') ?? previewError?.fieldMessage('publicExamDate')} />
            ) : null}
            <MultiSelect label="Reasons (census codes)" description="One to three" required maxValues={3} searchable value={codes} onChange={setCodes}
              data={(reasons.data ?? []).map((r) => ({ value: r.code, label: `${r.label} (${r.code})` }))} error={err('reasonCodes')}
              placeholder={isoDate.test(startDate) ? 'Choose reasons' : 'Choose the start date first'} />
            <Textarea label="What happened" description="In words the parents will read in the letter" required autosize minRows={3} value={details}
              onChange={(e) => setDetails(e.currentTarget.value)} error={err('details')} />
            {issue.isError && !isApiError(issue.error) ? <ErrorAlert error={issue.error} /> : null}
            {isApiError(issue.error) && !issue.error.fields.length ? <ErrorAlert error={issue.error} /> : null}
            <Button type="submit" loading={issue.isPending} disabled={!body || !!preview.data?.refusal}>
              {category === 'permanent' ? 'Permanently exclude' : 'Issue the suspension'}
            </Button>
          </Stack>
        </div>
        <div>
          {preview.data && debounced ? <StatutoryPanel p={preview.data} permanent={category === 'permanent'} />
            : previewError && !previewError.fields.length ? <ErrorAlert error={previewError} />
              : <Text c="dimmed" size="sm">Choose the pupil, the start date and the length to see the statutory check.</Text>}
        </div>
      </SimpleGrid>
    </Page>
  );
}
