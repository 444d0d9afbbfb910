/**
 * Raise a safeguarding concern (INC-4): any member of staff, alone or from a pupil's page. Until the server has it,
 * what is typed is kept in this tab (concernDraft.ts: sessionStorage, under the user's id), so a server error, a lost
 * connection or a reload loses nothing; a failure says in plain words that the concern has not reached the DSL.
 * Once sent it is gone from this page and from the tab: the author sees only that it was submitted, and when.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Card, NativeSelect, Stack, Text } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { SAFEGUARDING_CATEGORIES, SAFEGUARDING_CATEGORY_LABELS, type TSafeguardingCategory } from '@haven/contracts';
import { BodyMap } from '../../components/BodyMap';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { isApiError } from '../../lib/api';
import { isEmptyDraft, readConcernDraft, removeConcernDraft, writeConcernDraft, type ConcernDraft } from './concernDraft';
import { formatDateTime } from '../../lib/format';
import { useMe } from '../../lib/usePolicy';
import { PupilChooser } from './PupilChooser';
import { useRaiseConcern, useStartPupil } from './safeguarding.api';

const CATEGORY_OPTIONS = [{ value: '', label: 'Choose a category' }, ...SAFEGUARDING_CATEGORIES.map((c) => ({ value: c, label: SAFEGUARDING_CATEGORY_LABELS[c] }))];

type Draft = ConcernDraft;
const EMPTY: Draft = { pupils: [], category: '', concern: '', childWords: '', actionTaken: '', marks: [], showMap: false };

function Urgent() {
  return (
    <Alert color="red" variant="light" title="If a child is in immediate danger">
      Call 999 first, then find the designated safeguarding lead (DSL) in person. This form does not replace telling them now.
    </Alert>
  );
}

export function RaiseConcernPage() {
  const me = useMe();
  if (!me.permissions.includes('safeguarding.raise')) {
    return <Page title="Raise a safeguarding concern"><Text>Your role does not include raising concerns in Haven. Tell your school's DSL in person.</Text></Page>;
  }
  return <RaiseConcern />;
}

function RaiseConcern() {
  const search = useSearch({ from: '/safeguarding/raise' });
  const navigate = useNavigate();
  const start = useStartPupil(search.pupilId);
  const raise = useRaiseConcern();
  const userId = useMe().user.id;
  const [restored] = useState(() => readConcernDraft(userId));
  const [d, setD] = useState<Draft>(restored ?? EMPTY);
  const [keptInTab, setKeptInTab] = useState(true);
  // every change is kept in this tab until the DSL has it
  useEffect(() => { setKeptInTab(writeConcernDraft(userId, d)); }, [userId, d]);
  const [submittedAt, setSubmittedAt] = useState<string | null>(null);
  const submitButton = useRef<HTMLButtonElement>(null);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setD((prev) => ({ ...prev, [k]: v }));
    // a field's "missing" message goes as soon as it is filled in
    const field = k === 'pupils' ? 'pupilIds' : k;
    setMissing((m) => { if (!(field in m)) return m; const next = { ...m }; delete next[field]; return next; });
  };

  // "Raise a concern" from a pupil's page: start with that pupil, once (not again after the concern is sent, while
  // the address still names the pupil, which would leave a draft behind)
  const startApplied = useRef(false);
  useEffect(() => {
    const p = start.data;
    if (p && search.pupilId && !startApplied.current && d.pupils.length === 0) {
      startApplied.current = true;
      setD((prev) => ({ ...prev, pupils: [{ id: p.id, siteId: p.siteId, displayName: p.displayName, detail: p.siteName }] }));
    }
  }, [start.data, search.pupilId, d.pupils.length]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!d.pupils.length) problems.pupilIds = 'Choose at least one pupil';
    if (!d.category) problems.category = 'Choose the category closest to the concern';
    if (!d.concern.trim()) problems.concern = 'Describe what you saw or heard';
    setMissing(problems);
    if (Object.keys(problems).length) return;
    raise.mutate({
      pupilIds: d.pupils.map((p) => p.id), category: d.category as TSafeguardingCategory, concern: d.concern,
      childWords: d.childWords.trim() || null, actionTaken: d.actionTaken.trim() || null,
      ...(d.marks.length ? { bodyMap: d.marks.map(({ side, x, y, note }) => ({ side, x, y, note })) } : {}),
    }, {
      onSuccess: (receipt) => {
        // forget everything typed: the author keeps only the receipt
        removeConcernDraft(userId);
        startApplied.current = true;
        setD(EMPTY);
        setSubmittedAt(receipt.submittedAt);
        raise.reset();
        if (search.pupilId) void navigate({ to: '/safeguarding/raise', search: {}, replace: true });
      },
    });
  };

  if (submittedAt) {
    return (
      <Page title="Concern submitted">
        <Card withBorder padding="lg" role="status">
          <Text fw={700} size="lg">Submitted to the DSL at {formatDateTime(submittedAt)}</Text>
          <Text mt="xs">The designated safeguarding lead has been told. For the child's privacy you will not be able to open this concern again.</Text>
        </Card>
        <Urgent />
        <Button variant="default" onClick={() => setSubmittedAt(null)} style={{ alignSelf: 'flex-start' }}>Raise another concern</Button>
      </Page>
    );
  }

  const err = (field: string) => missing[field] ?? (isApiError(raise.error) ? raise.error.fieldMessage(field) : undefined);
  const fieldErrors = isApiError(raise.error) && raise.error.fields.length > 0;
  return (
    <Page title="Raise a safeguarding concern" description="Only the DSL of the pupil's school can read what you write here. You will see only that it was submitted.">
      <Urgent />
      {restored && !isEmptyDraft(restored) && !raise.isSuccess ? (
        <Alert color="orange" variant="light" title="Your unsent concern is back" role="status">
          This concern was written here earlier but has not reached the DSL. Check it and submit it.
        </Alert>
      ) : null}
      <form onSubmit={submit} noValidate>
        <Stack gap="md" maw={720}>
          <PupilChooser chosen={d.pupils} onChange={(v) => set('pupils', v)} error={err('pupilIds')} />
          <NativeSelect label="Category" required data={CATEGORY_OPTIONS} value={d.category} error={err('category')}
            onChange={(e) => set('category', e.currentTarget.value)} />
          <Textarea label="What you saw, heard or were told" required withAsterisk={false} autosize minRows={5} maxLength={20000} value={d.concern}
            description="Facts: who, what, when and where. Write what happened, not your opinion of it." error={err('concern')}
            onChange={(e) => set('concern', e.currentTarget.value)} />
          <Textarea label="What the child said, in their own words (optional)" autosize minRows={2} maxLength={10000} value={d.childWords}
            description="Exactly as they said it, if they said anything. Do not ask leading questions." error={err('childWords')}
            onChange={(e) => set('childWords', e.currentTarget.value)} />
          <Textarea label="What you did (optional)" autosize minRows={2} maxLength={10000} value={d.actionTaken} error={err('actionTaken')}
            onChange={(e) => set('actionTaken', e.currentTarget.value)} />
          {d.showMap ? (
            <BodyMap label="Marks or injuries you saw" marks={d.marks} onChange={(m) => set('marks', m.map((x) => ({ ...x, person: 'pupil' as const })))} />
          ) : (
            <Button variant="default" onClick={() => set('showMap', true)} style={{ alignSelf: 'flex-start' }}>Add a body map (optional)</Button>
          )}
          {raise.isError && !fieldErrors ? (
            <ErrorAlert error={raise.error} title="The concern has not reached the DSL yet"
              onRetry={isApiError(raise.error) && raise.error.serverFault ? () => submitButton.current?.click() : undefined}>
              {keptInTab ? 'What you wrote is kept on this page and in this browser tab until it is sent.' : null}
              {' '}If a child is at risk now, tell the DSL in person: do not wait for Haven.
            </ErrorAlert>
          ) : null}
          {fieldErrors ? <Text c="red.9" role="alert" size="sm">Check the fields marked above: the concern was not sent.</Text> : null}
          <Button ref={submitButton} type="submit" color="red" size="md" loading={raise.isPending} style={{ alignSelf: 'flex-start' }}>Submit to the DSL</Button>
        </Stack>
      </form>
    </Page>
  );
}
