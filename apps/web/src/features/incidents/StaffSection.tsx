/**
 * Staff involved and staff witnesses: filter the site's staff list, add, choose the role, remove. The recorder is on a
 * new incident already, as involved (removable), so the section starts folded with a line saying who is on it.
 */
import { useState } from 'react';
import { Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldId, type Fold, FormSection, type SectionProps } from './formParts';
import type { FormModel } from './formModel';
import { useStaffList, type StaffOption } from './incidents.api';
import { STAFF_ROLE_LABELS, STAFF_ROLE_OPTIONS, type SectionKey } from './labels';
import type { TStaffRole } from './types';

/** The site's staff plus anyone already on the record (so a name never disappears from a select). */
export function staffChoices(list: StaffOption[] | null | undefined, form: FormModel): Array<{ value: string; label: string }> {
  const out = new Map<string, string>();
  for (const s of list ?? []) out.set(s.id, s.jobTitle ? `${s.name} (${s.jobTitle})` : s.name);
  for (const s of form.staff) if (!out.has(s.staffId)) out.set(s.staffId, s.name);
  return [...out].map(([value, label]) => ({ value, label }));
}

export function StaffSection({ form, update, err, fold }: SectionProps & { fold: (key: SectionKey, summary: string) => Fold }) {
  const [text, setText] = useState('');
  const staff = useStaffList(form.siteId || undefined);
  const chosen = new Set(form.staff.map((s) => s.staffId));
  const q = text.trim().toLowerCase();
  const matches = q.length >= 2 ? (staff.data ?? []).filter((s) => !chosen.has(s.id) && s.name.toLowerCase().includes(q)).slice(0, 10) : [];

  const setRole = (staffId: string, role: TStaffRole) =>
    update((f) => ({ ...f, staff: f.staff.map((s) => (s.staffId === staffId ? { ...s, role } : s)) }));
  const remove = (staffId: string) => update((f) => ({ ...f, staff: f.staff.filter((s) => s.staffId !== staffId) }));

  return (
    <FormSection title="Staff involved and witnesses" id="incident-staff" fold={fold('staff', form.staff.length
      ? form.staff.map((s) => `${s.name} (${STAFF_ROLE_LABELS[s.role].toLowerCase()})`).join(', ') : 'No staff added yet')}>
      {form.staff.length ? (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Staff in this incident">
          {form.staff.map((s) => (
            <Group component="li" key={s.staffId} gap="sm" align="flex-end" wrap="wrap">
              <Text fw={600} className="break-anywhere" style={{ flex: '1 1 10rem' }}>{s.name}</Text>
              <NativeSelect label={`Role of ${s.name}`} value={s.role} data={STAFF_ROLE_OPTIONS}
                onChange={(e) => setRole(s.staffId, e.currentTarget.value as TStaffRole)} style={{ flex: '1 1 9rem' }} />
              <Button variant="subtle" color="red" onClick={() => remove(s.staffId)}>
                Remove<span className="visually-hidden-inline"> {s.name}</span>
              </Button>
            </Group>
          ))}
        </Stack>
      ) : <Text size="sm">No staff added yet.</Text>}
      {staff.data === null ? (
        <Text size="sm" c="dimmed">The staff list is not available yet, so staff cannot be added here.</Text>
      ) : (
        <TextInput label="Find a member of staff" description="Type at least 2 letters of their name" type="search" autoComplete="off"
          id={fieldId('staff')} value={text} onChange={(e) => setText(e.currentTarget.value)} error={err('staff')} />
      )}
      {staff.isError ? <ErrorAlert error={staff.error} title="Could not load the staff list" /> : null}
      {q.length >= 2 && staff.data ? (
        matches.length ? (
          <Stack component="ul" gap={4} p={0} m={0} style={{ listStyle: 'none' }} aria-label="Matching staff" aria-live="polite">
            {matches.map((s) => (
              <li key={s.id}>
                <Button variant="light" fullWidth justify="space-between" styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
                  onClick={() => { update((f) => ({ ...f, staff: [...f.staff, { staffId: s.id, name: s.name, role: 'involved' }] })); setText(''); }}>
                  Add {s.name}{s.jobTitle ? ` (${s.jobTitle})` : ''}
                </Button>
              </li>
            ))}
          </Stack>
        ) : <Text size="sm" role="status">No staff match “{text.trim()}”.</Text>
      ) : null}
    </FormSection>
  );
}
