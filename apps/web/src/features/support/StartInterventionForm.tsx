/** Starting a support intervention: from the catalogue, for one pupil or a group, with targets and a weekly schedule. */
import { useEffect, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { Button, Checkbox, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { SUPPORT_KIND_LABELS } from '@haven/contracts';
import { useMe } from '../../lib/usePolicy';
import { fieldMessage, SaveError } from '../policy/PolicyParts';
import { PupilPicker } from '../sanctions/PupilPicker';
import { UkDateInput } from '../sanctions/SanctionParts';
import { useSiteStaffUsers } from '../sanctions/sanctions.api';
import { useCatalogue, useStartIntervention } from './support.api';
import { londonTodayIso } from '../../lib/format';

const WEEKDAYS = [['1', 'Mon'], ['2', 'Tue'], ['3', 'Wed'], ['4', 'Thu'], ['5', 'Fri']] as const;

interface Member { pupilId: string; targets: string }

export function StartInterventionForm({ siteId, pupilId, onDone }: { siteId: string; pupilId?: string | null; onDone: (id: string) => void }) {
  const me = useMe();
  const catalogue = useCatalogue();
  const staff = useSiteStaffUsers(siteId);
  const start = useStartIntervention();
  const [typeId, setTypeId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [leadUserId, setLead] = useState<string | null>(me.user.id);
  const [startDate, setStart] = useState<string>(londonTodayIso());
  const [plannedEndDate, setEnd] = useState<string>('');
  const [members, setMembers] = useState<Member[]>(pupilId ? [{ pupilId, targets: '' }] : []);
  const [picked, setPicked] = useState<string | null>(null);
  const [names, setNames] = useState<Record<string, string>>({});
  const [weekdays, setWeekdays] = useState<string[]>([]);
  // the pupil whose page the lead came from: their name for the list below
  const from = useQuery({ queryKey: ['pupils', 'one', pupilId ?? ''], enabled: !!pupilId, queryFn: ({ signal }) => api.get<{ displayName: string }>(`/pupils/${encodeURIComponent(pupilId!)}`, undefined, signal) });
  useEffect(() => { if (pupilId && from.data) setNames((n) => ({ ...n, [pupilId]: from.data.displayName })); }, [pupilId, from.data]);
  const types = (catalogue.data?.items ?? []).filter((t) => t.active);
  const type = types.find((t) => t.id === typeId);
  const fe = (f: string) => fieldMessage({}, start.error, f);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start.mutate({
      typeId: typeId ?? '', siteId, title: title.trim() || null, leadUserId: leadUserId ?? '', startDate: startDate || 'not a date', plannedEndDate: plannedEndDate || null,
      pupils: members.map((m) => ({ pupilId: m.pupilId, targets: m.targets.split('\n').map((x) => x.trim()).filter(Boolean) })),
      sessionWeekdays: weekdays.map(Number),
    }, { onSuccess: (iv) => onDone(iv.id) });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SaveError error={start.error} what="intervention" />
        <Select label="Intervention" required data={types.map((t) => ({ value: t.id, label: `${t.name} (${SUPPORT_KIND_LABELS[t.kind]})` }))} value={typeId} onChange={setTypeId} error={fe('typeId')}
          description={type ? `${type.description ?? ''} Usually ${type.defaultWeeks} weeks.` : undefined} />
        <TextInput label="Title (optional)" description="Leave blank to use the intervention's name" value={title} onChange={(e) => setTitle(e.currentTarget.value)} maxLength={120} error={fe('title')} />
        <Select label="Led by" required searchable data={staff.data ?? []} value={leadUserId} onChange={setLead} error={fe('leadUserId')} />
        <Group grow wrap="wrap" align="flex-start">
          <UkDateInput label="Starts" required value={startDate} onChange={(v) => setStart(v ?? '')} error={fe('startDate')} />
          <UkDateInput label="Planned end" description={type ? `Blank: ${type.defaultWeeks} weeks` : undefined} value={plannedEndDate} onChange={(v) => setEnd(v ?? '')} error={fe('plannedEndDate')} />
        </Group>
        <Checkbox.Group label="Sessions every week on" description="Only school days: holidays and INSET days are skipped" value={weekdays} onChange={setWeekdays} error={fe('sessionWeekdays')}>
          <Group gap="sm" mt={4}>{WEEKDAYS.map(([v, l]) => <Checkbox key={v} value={v} label={l} />)}</Group>
        </Checkbox.Group>
        <Stack gap="xs">
          <Text fw={600} size="sm">Pupils and their targets</Text>
          {fe('pupils') ? <Text c="red" size="sm" role="alert">{fe('pupils')}</Text> : null}
          {members.map((m, n) => (
            <Stack key={m.pupilId} gap={4}>
              <Group justify="space-between"><Text size="sm">{names[m.pupilId] ?? 'Pupil'}</Text>
                <Button size="compact-sm" variant="subtle" color="red" onClick={() => setMembers(members.filter((x) => x.pupilId !== m.pupilId))}>Remove<span className="visually-hidden-inline"> {names[m.pupilId] ?? 'pupil'}</span></Button></Group>
              <Textarea label={`Targets for ${names[m.pupilId] ?? 'this pupil'} (one a line)`} autosize minRows={2} value={m.targets} error={fe(`pupils.${n}.pupilId`) ?? fe(`pupils.${n}.targets.0`)}
                onChange={(e) => { const v = e.currentTarget.value; setMembers(members.map((x) => (x.pupilId === m.pupilId ? { ...x, targets: v } : x))); }} />
            </Stack>
          ))}
          <Group align="flex-end" gap="sm" wrap="wrap">
            <div style={{ minWidth: 240, flex: 1 }}><PupilPicker siteId={siteId} value={picked} onChange={setPicked} label="Add a pupil" onLabel={(id, label) => setNames((n) => ({ ...n, [id]: label }))} /></div>
            <Button variant="default" disabled={!picked} onClick={() => { if (picked && !members.some((m) => m.pupilId === picked)) setMembers([...members, { pupilId: picked, targets: '' }]); setPicked(null); }}>Add pupil</Button>
          </Group>
        </Stack>
        <Button type="submit" loading={start.isPending}>Start the intervention</Button>
      </Stack>
    </form>
  );
}
