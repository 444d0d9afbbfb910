/** Parts of a visit's page: the departure checklist, the people pickers, the risk assessment and a consent form. */
import { useState } from 'react';
import { Badge, Button, Card, Checkbox, Group, List, Select, Stack, Text, TextInput } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { useQuery } from '@tanstack/react-query';
import type { TVisit } from '@haven/contracts';
import { api, isApiError } from '../../lib/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import type { useVisitAction, TVisitSettings } from './visits.api';

type Action = ReturnType<typeof useVisitAction>;

export function Checklist({ visit }: { visit: TVisit }) {
  return (
    <Card withBorder padding="sm" component="section" aria-label="Before the visit leaves">
      <Text fw={700} mb={4}>Before the visit leaves</Text>
      <List spacing={4} listStyleType="none" p={0}>
        {visit.checklist.map((c) => (
          <List.Item key={c.code} data-code={c.code} data-done={c.done}>
            <Group gap={6} wrap="nowrap" align="flex-start">
              <Badge color={c.done ? 'green' : 'red'} variant="light" miw={88} style={{ flex: 'none' }}>{c.done ? 'Done' : 'Missing'}</Badge>
              <div><Text size="sm">{c.label}</Text>{c.detail ? <Text size="xs" c="dimmed" className="break-anywhere">{c.detail}</Text> : null}</div>
            </Group>
          </List.Item>
        ))}
      </List>
    </Card>
  );
}

interface Found { id: string; displayName: string }

/** Search the site's pupils or staff and add them; the list of those going, each removable. */
export function PeoplePicker({ label, kind, siteId, chosen, onChange }: { label: string; kind: 'pupils' | 'staff'; siteId: string; chosen: Found[]; onChange: (ids: string[]) => void }) {
  const [search, setSearch] = useState('');
  const found = useQuery({
    queryKey: ['visit-picker', kind, siteId, search],
    enabled: search.trim().length >= 2,
    queryFn: async ({ signal }) => {
      if (kind === 'pupils') return (await api.get<{ items: { id: string; displayName: string }[] }>('/pupils', { siteId, search, pageSize: 20 }, signal)).items;
      return (await api.get<{ items: Found[] }>('/staff', { siteId, search, pageSize: 20 }, signal)).items;
    },
  });
  const ids = chosen.map((c) => c.id);
  return (
    <Stack gap={4}>
      <TextInput label={`Add ${label.toLowerCase()}`} placeholder="Type two letters of a name" value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
      {(found.data ?? []).filter((f) => !ids.includes(f.id)).slice(0, 8).map((f) => (
        <Group key={f.id} justify="space-between" wrap="nowrap"><Text size="sm" className="break-anywhere">{f.displayName}</Text>
          <Button size="xs" variant="light" onClick={() => { onChange([...ids, f.id]); setSearch(''); }} aria-label={`Add ${f.displayName}`}>Add</Button></Group>
      ))}
      <Text size="sm" fw={600}>{label} going ({chosen.length})</Text>
      {chosen.map((c) => (
        <Group key={c.id} justify="space-between" wrap="nowrap"><Text size="sm" className="break-anywhere">{c.displayName}</Text>
          <Button size="xs" variant="subtle" color="red" onClick={() => onChange(ids.filter((i) => i !== c.id))} aria-label={`Remove ${c.displayName}`}>Remove</Button></Group>
      ))}
    </Stack>
  );
}

export function RiskEditor({ visit, settings, action }: { visit: TVisit; settings: TVisitSettings | undefined; action: Action }) {
  const adopted = visit.adoptedAssessments.map((a) => a.id);
  const [hazard, setHazard] = useState('');
  const [controls, setControls] = useState('');
  const save = (ids: string[], own: { id?: string; hazard: string; controls: string }[]) => action.mutate({ path: 'risk', method: 'put', body: { adoptedAssessmentIds: ids, ownHazards: own } });
  const err = (f: string) => (isApiError(action.error) ? action.error.fieldMessage(f) : undefined);
  return (
    <Stack gap="xs">
      <Text fw={600} size="sm">Generic assessments from the trust’s library</Text>
      {(settings?.library ?? []).map((l) => (
        <Checkbox key={l.id} label={`${l.title} (${l.hazards.length} hazards)`} checked={adopted.includes(l.id)}
          onChange={(e) => save(e.currentTarget.checked ? [...adopted, l.id] : adopted.filter((a) => a !== l.id), visit.ownHazards)} />
      ))}
      <Text fw={600} size="sm">This visit’s own hazards</Text>
      {visit.ownHazards.map((h) => (
        <Group key={h.id} justify="space-between" wrap="nowrap" align="flex-start">
          <Text size="sm" className="break-anywhere"><b>{h.hazard}</b>: {h.controls}</Text>
          <Button size="xs" variant="subtle" color="red" onClick={() => save(adopted, visit.ownHazards.filter((x) => x.id !== h.id))}>Remove</Button>
        </Group>
      ))}
      <TextInput label="Hazard" value={hazard} onChange={(e) => setHazard(e.currentTarget.value)} error={err('ownHazards')} />
      <Textarea label="Controls" value={controls} onChange={(e) => setControls(e.currentTarget.value)} autosize minRows={2} />
      <Group><Button size="xs" variant="light" disabled={!hazard.trim() || !controls.trim()}
        onClick={() => { save(adopted, [...visit.ownHazards, { hazard, controls }]); setHazard(''); setControls(''); }}>Add the hazard</Button></Group>
    </Stack>
  );
}

export function StaffConsentForm({ visit, action }: { visit: TVisit; action: Action }) {
  const [f, setF] = useState({ pupilId: '', decision: 'given', parentName: '', how: 'Paper slip', medicalInfo: '', emergencyName: '', emergencyPhone: '' });
  const set = (k: keyof typeof f) => (v: string | null) => setF((x) => ({ ...x, [k]: v ?? '' }));
  const err = (field: string) => (isApiError(action.error) ? action.error.fieldMessage(field) : undefined);
  return (
    <Card withBorder padding="sm" component="section" aria-label="Record consent given on paper or by telephone">
      <Stack gap="xs">
        <Text fw={700}>Record consent given on paper or by telephone</Text>
        <Select label="Pupil" data={visit.pupils.map((p) => ({ value: p.id, label: p.displayName }))} value={f.pupilId} onChange={set('pupilId')} error={err('pupilId')} />
        <Select label="Decision" data={[{ value: 'given', label: 'Consent given' }, { value: 'refused', label: 'Consent refused' }]} value={f.decision} onChange={set('decision')} allowDeselect={false} />
        <TextInput label="Parent or carer" value={f.parentName} onChange={(e) => set('parentName')(e.currentTarget.value)} error={err('parentName')} />
        <TextInput label="How it was given" value={f.how} onChange={(e) => set('how')(e.currentTarget.value)} error={err('how')} />
        <Textarea label="Medical information for the day" value={f.medicalInfo} onChange={(e) => set('medicalInfo')(e.currentTarget.value)} autosize />
        <TextInput label="Emergency contact on the day" value={f.emergencyName} onChange={(e) => set('emergencyName')(e.currentTarget.value)} error={err('emergencyName')} />
        <TextInput label="Their telephone number" value={f.emergencyPhone} onChange={(e) => set('emergencyPhone')(e.currentTarget.value)} error={err('emergencyPhone')} />
        {action.error && !(isApiError(action.error) && action.error.fields.length) ? <ErrorAlert error={action.error} /> : null}
        <Group><Button size="xs" onClick={() => action.mutate({ path: 'consents', body: f }, { onSuccess: () => setF((x) => ({ ...x, pupilId: '', parentName: '', medicalInfo: '', emergencyName: '', emergencyPhone: '' })) })}
          loading={action.isPending}>Record</Button></Group>
      </Stack>
    </Card>
  );
}
