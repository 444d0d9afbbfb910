/** Schedule a detention session: type, school day, start time, room, supervisor and capacity. */
import { useState, type FormEvent } from 'react';
import { Button, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { TDetentionSession, TDetentionType } from '@haven/contracts';
import { fieldMessage, SaveError } from '../policy/PolicyParts';
import { useScheduleDetention, useSiteStaffUsers } from './sanctions.api';
import { UkDateInput } from './SanctionParts';
import { plural } from '../../lib/format';

export function ScheduleDetentionForm({ siteId, types, onDone }: { siteId: string; types: TDetentionType[]; onDone: (s: TDetentionSession) => void }) {
  const active = types.filter((t) => t.active);
  const [typeId, setTypeId] = useState<string | null>(active[0]?.id ?? null);
  const [date, setDate] = useState<string | null>('');
  const [startTime, setStartTime] = useState('15:30');
  const [room, setRoom] = useState('');
  const [supervisor, setSupervisor] = useState<string | null>(null);
  const [capacity, setCapacity] = useState<number | string>(10);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const staff = useSiteStaffUsers(siteId);
  const schedule = useScheduleDetention();
  const fe = (f: string) => fieldMessage(errors, schedule.error, f);
  const type = active.find((t) => t.id === typeId);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!typeId) problems.typeId = 'Choose the type of detention';
    if (!date) problems.date = date === null ? 'Not a date: use day/month/year' : 'Enter the date';
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(startTime)) problems.startTime = 'Use a 24-hour time such as 15:30';
    if (!supervisor) problems.supervisorUserId = 'Choose who supervises';
    setErrors(problems);
    if (Object.keys(problems).length) return;
    schedule.mutate({ siteId, typeId, date, startTime, room: room.trim() || undefined, supervisorUserId: supervisor, capacity: Number(capacity) }, { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SaveError error={schedule.error} what="detention" />
        <Select label="Type" required data={active.map((t) => ({ value: t.id, label: `${t.name} (${plural(t.durationMinutes, 'minute')})` }))} value={typeId} onChange={setTypeId} error={fe('typeId')} allowDeselect={false} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <UkDateInput label="Date" required value="" onChange={(iso) => setDate(iso)} error={fe('date')} description="A school day, like 24/11/2026" />
          <TextInput label="Start time" required value={startTime} onChange={(e) => setStartTime(e.currentTarget.value)} error={fe('startTime')} description="24-hour, like 15:30" maxLength={5} />
        </SimpleGrid>
        <TextInput label="Room" value={room} onChange={(e) => setRoom(e.currentTarget.value)} error={fe('room')} maxLength={120}
          description={type?.defaultLocation ? `Leave empty for ${type.defaultLocation}` : undefined} />
        <Select label="Supervised by" required searchable data={staff.data ?? []} value={supervisor} onChange={setSupervisor} error={fe('supervisorUserId')}
          placeholder={staff.isPending ? 'Loading staff…' : 'Choose a member of staff'} nothingFoundMessage="No one by that name" />
        <NumberInput label="Places" required min={1} max={200} value={capacity} onChange={setCapacity} error={fe('capacity')} />
        <Button type="submit" loading={schedule.isPending}>Schedule detention</Button>
      </Stack>
    </form>
  );
}
