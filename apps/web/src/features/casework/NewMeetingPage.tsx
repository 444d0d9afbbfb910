/** Arrange a meeting about a pupil (SUP-4), from their page, an incident or a suspension: kind, day, time, place, who attends. */
import { Button, Checkbox, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { UkDateInput } from '../../components/UkDateInput';
import { isApiError } from '../../lib/api';
import { useAttendeeOptions, useMeetingMutations } from './casework.api';
import { MEETING_TYPE_LABELS, SOURCE_LABELS } from './labels';
import type { NewMeetingSearch } from './meetingSearch';

export function NewMeetingPage() {
  return <RequirePermission permission="casework.manage" what="meetings"><NewMeeting /></RequirePermission>;
}

function NewMeeting() {
  const search = useSearch({ strict: false }) as NewMeetingSearch;
  const navigate = useNavigate();
  const options = useAttendeeOptions(search.pupilId);
  const m = useMeetingMutations().create;
  const [type, setType] = useState(search.sourceType === 'exclusion' ? 'reintegration' : search.sourceType === 'incident' ? 'restorative' : 'multi_agency');
  const [date, setDate] = useState<string | null>(null);
  const [time, setTime] = useState('');
  const [place, setPlace] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const err = isApiError(m.error) ? m.error : undefined;
  if (!search.pupilId) return <Page title="Arrange a meeting"><Text>Open the pupil's page and choose Arrange a meeting.</Text></Page>;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const attendees = chosen.map((v) => { const [kind, refId] = v.split(':'); return { kind, refId }; });
    m.mutate({ pupilId: search.pupilId, type, date: date ?? '', startTime: time || null, place: place || null, attendees,
      source: search.sourceType && search.sourceId ? { type: search.sourceType, id: search.sourceId } : null },
    { onSuccess: (created) => void navigate({ to: '/meetings/$id', params: { id: created.id } }) });
  };
  const o = options.data;
  const types = Object.entries(MEETING_TYPE_LABELS).filter(([k]) => k !== 'reintegration' || search.sourceType === 'exclusion');
  return (
    <Page title={o ? `Arrange a meeting about ${o.pupil.name}` : 'Arrange a meeting'} description={search.sourceType ? `From ${SOURCE_LABELS[search.sourceType] ?? 'a record'}.` : undefined}>
      {options.isPending ? <Loading /> : null}
      {options.isError ? <ErrorAlert error={options.error} /> : null}
      {o ? (
        <form onSubmit={submit} noValidate aria-label="Arrange a meeting">
          <Stack gap="sm" maw={560}>
            {m.error && !err?.fields.length ? <ErrorAlert error={m.error} title="The meeting was not arranged" /> : null}
            <NativeSelect label="Kind of meeting" value={type} onChange={(e) => setType(e.currentTarget.value)} data={types.map(([value, label]) => ({ value, label }))} error={err?.fieldMessage('type')} />
            <UkDateInput label="Day" required value="" onChange={setDate} error={err?.fieldMessage('date')} />
            <Group grow wrap="wrap">
              <TextInput label="Time" placeholder="14:30" value={time} onChange={(e) => setTime(e.currentTarget.value)} error={err?.fieldMessage('startTime')} />
              <TextInput label="Place" value={place} onChange={(e) => setPlace(e.currentTarget.value)} error={err?.fieldMessage('place')} />
            </Group>
            <Checkbox.Group label="Who attends" value={chosen} onChange={setChosen}>
              <Stack gap={4} mt={4}>
                <Checkbox value={`pupil:${o.pupil.id}`} label={`${o.pupil.name} (pupil)`} />
                {o.contacts.map((c) => <Checkbox key={c.id} value={`contact:${c.id}`} label={`${c.name}${c.role ? ` (${c.role})` : ''}`} />)}
                {o.agencyContacts.map((c) => <Checkbox key={c.id} value={`agency_contact:${c.id}`} label={`${c.name}, ${c.role ?? 'contact'}, ${c.agencyName}`} />)}
                {o.staff.map((s) => <Checkbox key={s.id} value={`staff:${s.id}`} label={`${s.name} (staff)`} />)}
              </Stack>
            </Checkbox.Group>
            <Group><Button type="submit" loading={m.isPending}>Arrange the meeting</Button></Group>
          </Stack>
        </form>
      ) : null}
    </Page>
  );
}
