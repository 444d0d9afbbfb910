/**
 * Training sessions (STF-1): upcoming and past sessions at a site, and (for those who run training) a form to plan
 * one — course, tutor, venue, dates, capacity (a physical-skills course takes at most 15 per instructor). A tutor
 * without a valid tutor certificate of the course's provider is shown, not refused. A member of staff sees the
 * upcoming sessions they can book (a reminder's refresher link lands here) and books a place.
 */
import { Badge, Button, Card, Group, NumberInput, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { AnchorLink } from '../../components/links';
import { useState } from 'react';
import type { TSession } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { UkDateInput } from '../../components/UkDateInput';
import { formatDate } from '../../lib/format';
import { allows, useCan, useMe } from '../../lib/usePolicy';
import { useCourses, useSessions, useStaffPicker, useTrainingMutations } from './training.api';
import { siteName, useTrainingSite } from './TrainingParts';

const TUTOR: Record<TSession['tutorStatus'], string> = {
  valid: 'Tutor certificate valid', in_grace: 'Tutor certificate in its grace period: may assist, not lead', expired: 'Tutor certificate expired', missing: 'No tutor certificate for this provider',
};

export function TrainingSessionsPage() {
  return <RequirePermission permission={['training.read', 'training.own']} what="training sessions"><Sessions /></RequirePermission>;
}

function courseFromUrl(): string | null {
  return typeof window === 'undefined' ? null : new URLSearchParams(window.location.search).get('course');
}

function Sessions() {
  const reader = useCan('training.read');
  const manager = useCan('training.manage');
  const { siteId, picker } = useTrainingSite(true);
  const [upcoming, setUpcoming] = useState(true);
  const [courseId] = useState<string | null>(courseFromUrl());
  const list = useSessions({ siteId: reader ? siteId : undefined, upcoming: upcoming || !reader ? 'true' : undefined, courseId: courseId ?? undefined });
  const [planning, setPlanning] = useState(false);
  return (
    <Page title="Training sessions" description={reader ? 'Plan sessions, book staff, take the register and issue certificates.' : 'Book a place on an upcoming session.'}
      actions={manager && !planning ? <Button onClick={() => setPlanning(true)}>Plan a session</Button> : null}>
      {planning ? <PlanSession onDone={() => setPlanning(false)} /> : null}
      <Group gap="sm" align="flex-end" wrap="wrap">
        {reader ? picker : null}
        {reader ? <Switch label="Upcoming only" checked={upcoming} onChange={(e) => setUpcoming(e.currentTarget.checked)} /> : null}
      </Group>
      {list.isPending ? <Loading label="Loading sessions…" /> : null}
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && !list.data.items.length ? <Text c="dimmed">No sessions.</Text> : null}
      <Stack component="ul" gap="xs" p={0} m={0} aria-label="Training sessions">
        {(list.data?.items ?? []).map((s) => <SessionCard key={s.id} s={s} />)}
      </Stack>
    </Page>
  );
}

function SessionCard({ s }: { s: TSession }) {
  const me = useMe();
  const { bookMe } = useTrainingMutations();
  return (
    <Card component="li" withBorder padding="sm" style={{ listStyle: 'none' }} data-testid="training-session">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <AnchorLink to="/training/sessions/$sessionId" params={{ sessionId: s.id }} fw={700}>{s.courseName}</AnchorLink>
        <Badge variant="light" color={s.status === 'completed' ? 'green' : s.status === 'cancelled' ? 'gray' : 'blue'} c={s.status === 'completed' ? '#1b5e20' : '#1a3d7c'}>
          {s.status === 'completed' ? 'Certificates issued' : s.status === 'cancelled' ? 'Cancelled' : 'Planned'}
        </Badge>
      </Group>
      <Text size="sm">{formatDate(s.startsOn)}{s.endsOn !== s.startsOn ? ` to ${formatDate(s.endsOn)}` : ''} · {s.venue} · {siteName(me.sites, s.siteId)}</Text>
      <Text size="sm">Tutor {s.tutorName} · {s.booked} of {s.capacity} places taken</Text>
      {s.tutorStatus !== 'valid' ? <Text size="sm" c="#8a4b00">{TUTOR[s.tutorStatus]}</Text> : null}
      {allows(s, 'book_self') && s.booked < s.capacity ? (
        <Group mt={4}><Button size="xs" loading={bookMe.isPending} onClick={() => bookMe.mutate(s.id)}>Book a place<span className="visually-hidden-inline"> on {s.courseName} on {formatDate(s.startsOn)}</span></Button></Group>
      ) : null}
      {bookMe.isError ? <ErrorAlert error={bookMe.error} /> : null}
    </Card>
  );
}

function PlanSession({ onDone }: { onDone: () => void }) {
  const me = useMe();
  const courses = useCourses();
  const { createSession } = useTrainingMutations();
  const [siteId, setSiteId] = useState<string | null>(me.sites[0]?.id ?? null);
  const staff = useStaffPicker(siteId ?? undefined);
  const [f, setF] = useState({ courseId: '', tutorStaffId: '', venue: '', startsOn: '', endsOn: '', capacity: 12, instructors: 1 });
  const set = (k: keyof typeof f, v: string | number) => setF((x) => ({ ...x, [k]: v }));
  const save = () => createSession.mutate({ ...f, siteId, endsOn: f.endsOn || f.startsOn }, { onSuccess: onDone });
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Text fw={700}>Plan a session</Text>
        <Select label="Course" required data={(courses.data?.items ?? []).filter((c) => c.active).map((c) => ({ value: c.id, label: `${c.name}${c.physicalSkills ? ' (physical skills)' : ''}` }))}
          value={f.courseId || null} onChange={(v) => set('courseId', v ?? '')} searchable />
        <Select label="Site" data={me.sites.map((s) => ({ value: s.id, label: s.name }))} value={siteId} onChange={setSiteId} allowDeselect={false} />
        <Select label="Tutor" required searchable data={(staff.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.displayName} (${s.jobTitle})` }))}
          value={f.tutorStaffId || null} onChange={(v) => set('tutorStaffId', v ?? '')} />
        <TextInput label="Venue" required value={f.venue} onChange={(e) => set('venue', e.currentTarget.value)} />
        <Group gap="sm" wrap="wrap">
          <UkDateInput label="First day" required value={f.startsOn} onChange={(iso) => set('startsOn', iso ?? '')} w={160} />
          <UkDateInput label="Last day" value={f.endsOn} onChange={(iso) => set('endsOn', iso ?? '')} w={160} description="If more than one day" />
        </Group>
        <Group gap="sm" wrap="wrap">
          <NumberInput label="Places" required min={1} max={200} value={f.capacity} onChange={(v) => set('capacity', Number(v) || 0)} w={140}
            description="Physical skills: at most 15 per instructor (12 recommended)" />
          <NumberInput label="Instructors" min={1} max={20} value={f.instructors} onChange={(v) => set('instructors', Number(v) || 1)} w={140} />
        </Group>
        {createSession.isError ? <ErrorAlert error={createSession.error} /> : null}
        <Group><Button onClick={save} loading={createSession.isPending}>Save the session</Button><Button variant="subtle" onClick={onDone}>Cancel</Button></Group>
      </Stack>
    </Card>
  );
}
