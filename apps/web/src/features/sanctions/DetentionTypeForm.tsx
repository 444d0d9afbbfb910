/** Add or change a detention type: duration, default room, and what a missed one leads to. */
import { useState, type FormEvent } from 'react';
import { Button, NumberInput, Select, Stack, Switch, TextInput } from '@mantine/core';
import { MISSED_TASK_ROLES, ROLE_LABELS, type TDetentionType } from '@haven/contracts';
import { fieldMessage, SaveError } from '../policy/PolicyParts';
import { useSaveDetentionType } from './sanctions.api';
import { plural } from '../../lib/format';

export function DetentionTypeForm({ siteId, type, types, onDone }: { siteId: string; type?: TDetentionType; types: TDetentionType[]; onDone: (t: TDetentionType) => void }) {
  const [name, setName] = useState(type?.name ?? '');
  const [duration, setDuration] = useState<number | string>(type?.durationMinutes ?? 30);
  const [room, setRoom] = useState(type?.defaultLocation ?? '');
  const [role, setRole] = useState<string | null>(type?.missedTaskRole ?? 'behaviour_lead');
  const [reassign, setReassign] = useState<string | null>(type?.missedReassignTypeId ?? null);
  const [active, setActive] = useState(type?.active ?? true);
  const save = useSaveDetentionType();
  const fe = (f: string) => fieldMessage({}, save.error, f);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = { name: name.trim(), durationMinutes: Number(duration), defaultLocation: room.trim() || null, missedTaskRole: role, missedReassignTypeId: reassign, active };
    save.mutate(type ? { id: type.id, body: { ...body, version: type.version } } : { body: { ...body, siteId } }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SaveError error={save.error} what="detention type" />
        <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fe('name')} maxLength={120} />
        <NumberInput label="Length in minutes" required min={5} max={480} value={duration} onChange={setDuration} error={fe('durationMinutes')} />
        <TextInput label="Usual room" value={room} onChange={(e) => setRoom(e.currentTarget.value)} error={fe('defaultLocation')} maxLength={120} />
        <Select label="When a pupil misses one, give a task to" clearable placeholder="No task" value={role} onChange={setRole} error={fe('missedTaskRole')}
          data={MISSED_TASK_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
        <Select label="…and put them in the next session of" clearable placeholder="No follow-up detention" value={reassign} onChange={setReassign} error={fe('missedReassignTypeId')}
          data={types.filter((t) => t.id !== type?.id && t.active).map((t) => ({ value: t.id, label: `${t.name} (${plural(t.durationMinutes, 'minute')})` }))} />
        <Switch label="In use" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
        <Button type="submit" loading={save.isPending}>Save type</Button>
      </Stack>
    </form>
  );
}
