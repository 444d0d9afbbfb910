/**
 * One training session (STF-1): book staff onto it, take the register (attended or absent) and record competence per
 * technique, then issue certificates — only to those who attended, and only for the techniques they passed.
 */
import { Button, Card, Checkbox, Group, MultiSelect, SegmentedControl, Stack, Text } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import type { TSession } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { formatDate, plural } from '../../lib/format';
import { allows } from '../../lib/usePolicy';
import { useCourses, useSession, useStaffPicker, useTrainingMutations } from './training.api';

type Entry = { attendeeId: string; version: number; attendance: 'booked' | 'attended' | 'absent'; competence: Record<string, 'passed' | 'not_yet'> };

export function TrainingSessionPage() {
  return <RequirePermission permission={['training.read', 'training.own']} what="training sessions"><SessionView /></RequirePermission>;
}

function SessionView() {
  const { sessionId } = useParams({ strict: false }) as { sessionId: string };
  const s = useSession(sessionId);
  if (s.isPending) return <Loading label="Loading the session…" />;
  if (s.isError) return <ErrorAlert error={s.error} onRetry={() => void s.refetch()} />;
  const session = s.data;
  return (
    <Page title={session.courseName} description={`${formatDate(session.startsOn)}${session.endsOn !== session.startsOn ? ` to ${formatDate(session.endsOn)}` : ''} · ${session.venue} · tutor ${session.tutorName}`}>
      <Text size="sm">{session.booked} of {session.capacity} places taken{session.physicalSkills ? ` · physical skills, ${plural(session.instructors, 'instructor')}` : ''}</Text>
      {allows(session, 'book') ? <Booking s={session} /> : null}
      {session.attendees ? <Register s={session} /> : null}
    </Page>
  );
}

function Booking({ s }: { s: TSession }) {
  const staff = useStaffPicker(s.siteId ?? undefined);
  const { book } = useTrainingMutations();
  const [chosen, setChosen] = useState<string[]>([]);
  const taken = new Set((s.attendees ?? []).map((a) => a.staffId));
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <MultiSelect label="Book staff onto this session" searchable placeholder="Choose members of staff" value={chosen} onChange={setChosen}
          data={(staff.data?.items ?? []).filter((x) => !taken.has(x.id)).map((x) => ({ value: x.id, label: `${x.displayName} (${x.jobTitle})` }))} />
        {book.isError ? <ErrorAlert error={book.error} /> : null}
        <Group><Button size="sm" disabled={!chosen.length} loading={book.isPending} onClick={() => book.mutate({ id: s.id, staffIds: chosen }, { onSuccess: () => setChosen([]) })}>Book</Button></Group>
      </Stack>
    </Card>
  );
}

function Register({ s }: { s: TSession }) {
  const courses = useCourses();
  const labels = new Map((courses.data?.techniques ?? []).map((t) => [t.code, t.label]));
  const { register, issue } = useTrainingMutations();
  const [entries, setEntries] = useState<Entry[]>([]);
  useEffect(() => {
    setEntries((s.attendees ?? []).map((a) => ({ attendeeId: a.id, version: a.version, attendance: a.attendance, competence: a.competence })));
  }, [s]);
  const editable = allows(s, 'register');
  const change = (id: string, fn: (e: Entry) => Entry) => setEntries((all) => all.map((e) => (e.attendeeId === id ? fn(e) : e)));
  if (!s.attendees?.length) return <Text c="dimmed">Nobody is booked yet.</Text>;
  return (
    <Stack gap="xs">
      <Text fw={700}>Register</Text>
      <Stack component="ul" gap="xs" p={0} m={0} aria-label="Register">
        {s.attendees.map((a) => {
          const e = entries.find((x) => x.attendeeId === a.id);
          if (!e) return null;
          return (
            <Card key={a.id} component="li" withBorder padding="sm" style={{ listStyle: 'none' }} data-testid="register-entry">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Text fw={600}>{a.staffName}</Text>
                {a.certificateId ? <Text size="sm" c="#1b5e20">Certificate issued</Text> : null}
              </Group>
              <SegmentedControl size="xs" mt={4} disabled={!editable} aria-label={`Attendance of ${a.staffName}`} value={e.attendance}
                data={[{ value: 'booked', label: 'Booked' }, { value: 'attended', label: 'Attended' }, { value: 'absent', label: 'Absent' }]}
                onChange={(v) => change(a.id, (x) => ({ ...x, attendance: v as Entry['attendance'], competence: v === 'attended' ? x.competence : {} }))} />
              {e.attendance === 'attended' && s.techniqueCodes.length ? (
                <Group gap="sm" mt={6} wrap="wrap" role="group" aria-label={`Competence of ${a.staffName}`}>
                  {s.techniqueCodes.map((code) => (
                    <Checkbox key={code} disabled={!editable} label={labels.get(code) ?? code} checked={e.competence[code] === 'passed'}
                      aria-label={`${a.staffName}: ${labels.get(code) ?? code} passed`}
                      onChange={(ev) => { const passed = ev.currentTarget.checked; change(a.id, (x) => ({ ...x, competence: { ...x.competence, [code]: passed ? 'passed' : 'not_yet' } })); }} />
                  ))}
                </Group>
              ) : null}
            </Card>
          );
        })}
      </Stack>
      {register.isError ? <ErrorAlert error={register.error} /> : null}
      {issue.isError ? <ErrorAlert error={issue.error} /> : null}
      {issue.data ? <Text role="status">{plural(issue.data.issued, 'certificate')} issued.{issue.data.skipped.length ? ` Not issued: ${issue.data.skipped.map((x) => `${x.staffName} (${x.reason.toLowerCase()})`).join(', ')}.` : ''}</Text> : null}
      {editable ? (
        <Group>
          <Button loading={register.isPending} onClick={() => register.mutate({ id: s.id, entries })}>Save the register</Button>
          {allows(s, 'issue') ? <Button variant="light" loading={issue.isPending} onClick={() => issue.mutate(s.id)}>Issue certificates</Button> : null}
        </Group>
      ) : null}
    </Stack>
  );
}
