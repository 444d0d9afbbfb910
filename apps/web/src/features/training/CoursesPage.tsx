/**
 * The course catalogue (STF-1): provider, level, validity and grace, the techniques a certificate covers, physical
 * skills or not, tutor course or not. The cluster lead and trust administrators add courses.
 */
import { Button, Card, Checkbox, Group, MultiSelect, NumberInput, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { plural } from '../../lib/format';
import { useCan } from '../../lib/usePolicy';
import { useCourses, useTrainingMutations } from './training.api';

export function CoursesPage() {
  return <RequirePermission permission="training.read" what="training courses"><Courses /></RequirePermission>;
}

function Courses() {
  const courses = useCourses();
  const keeper = useCan('training.courses.manage');
  const [adding, setAdding] = useState(false);
  const labels = new Map((courses.data?.techniques ?? []).map((t) => [t.code, t.label]));
  return (
    <Page title="Training courses" description="The courses staff are trained on, how long each certificate lasts and what it covers."
      actions={keeper && !adding ? <Button onClick={() => setAdding(true)}>Add a course</Button> : null}>
      {adding ? <AddCourse onDone={() => setAdding(false)} /> : null}
      {courses.isPending ? <Loading label="Loading courses…" /> : null}
      {courses.isError ? <ErrorAlert error={courses.error} onRetry={() => void courses.refetch()} /> : null}
      <Stack component="ul" gap="xs" p={0} m={0} aria-label="Courses">
        {(courses.data?.items ?? []).map((c) => (
          <Card key={c.id} component="li" withBorder padding="sm" style={{ listStyle: 'none' }}>
            <Text fw={700} className="break-anywhere">{c.name}{c.active ? '' : ' (no longer offered)'}</Text>
            <Text size="sm">{c.provider}{c.level ? ` · ${c.level}` : ''} · lasts {plural(c.validityMonths, 'month')}{c.graceMonths ? ` + ${plural(c.graceMonths, 'month')} grace` : ''}{c.physicalSkills ? ' · physical skills' : ''}{c.tutorCourse ? ' · tutor' : ''}</Text>
            {c.graceNote ? <Text size="sm" c="dimmed">In grace: {c.graceNote}</Text> : null}
            {c.fullCourseEveryYears ? <Text size="sm" c="dimmed">Full course every {plural(c.fullCourseEveryYears, 'year')}</Text> : null}
            {c.techniqueCodes.length ? <Text size="xs" className="break-anywhere">Covers: {c.techniqueCodes.map((t) => labels.get(t) ?? t).join(', ')}</Text> : null}
          </Card>
        ))}
      </Stack>
    </Page>
  );
}

function AddCourse({ onDone }: { onDone: () => void }) {
  const courses = useCourses();
  const { createCourse } = useTrainingMutations();
  const [f, setF] = useState({ code: '', name: '', provider: '', level: '', validityMonths: 12, graceMonths: 0, techniqueCodes: [] as string[], physicalSkills: false, tutorCourse: false });
  return (
    <Card withBorder padding="md">
      <Stack gap="xs">
        <Group gap="sm" wrap="wrap">
          <TextInput label="Code" required value={f.code} onChange={(e) => setF({ ...f, code: e.currentTarget.value })} w={140} />
          <TextInput label="Provider" required value={f.provider} onChange={(e) => setF({ ...f, provider: e.currentTarget.value })} w={220} />
          <TextInput label="Level" value={f.level} onChange={(e) => setF({ ...f, level: e.currentTarget.value })} w={160} />
        </Group>
        <TextInput label="Name" required value={f.name} onChange={(e) => setF({ ...f, name: e.currentTarget.value })} />
        <Group gap="sm" wrap="wrap">
          <NumberInput label="Valid for (months)" required min={1} max={120} value={f.validityMonths} onChange={(v) => setF({ ...f, validityMonths: Number(v) || 0 })} w={170} />
          <NumberInput label="Grace (months)" min={0} max={24} value={f.graceMonths} onChange={(v) => setF({ ...f, graceMonths: Number(v) || 0 })} w={150} />
        </Group>
        <MultiSelect label="Techniques a certificate covers" data={(courses.data?.techniques ?? []).map((t) => ({ value: t.code, label: t.label }))} value={f.techniqueCodes} onChange={(v) => setF({ ...f, techniqueCodes: v })} />
        <Checkbox label="Physical skills (at most 15 participants per instructor)" checked={f.physicalSkills} onChange={(e) => setF({ ...f, physicalSkills: e.currentTarget.checked })} />
        <Checkbox label="A tutor's course (lets the holder tutor this provider's sessions)" checked={f.tutorCourse} onChange={(e) => setF({ ...f, tutorCourse: e.currentTarget.checked })} />
        {createCourse.isError ? <ErrorAlert error={createCourse.error} /> : null}
        <Group>
          <Button loading={createCourse.isPending} onClick={() => createCourse.mutate({ ...f, level: f.level.trim() || null }, { onSuccess: onDone })}>Save the course</Button>
          <Button variant="subtle" onClick={onDone}>Cancel</Button>
        </Group>
      </Stack>
    </Card>
  );
}
