/** Pupils in the incident, each with a role: search by name or UPN, add, choose the role, remove. */
import { useState } from 'react';
import { Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { yearGroupLabel } from '../../lib/format';
import { fieldId, FormSection, type SectionProps } from './formParts';
import { usePupilSearch } from './incidents.api';
import { PUPIL_ROLE_OPTIONS } from './labels';
import type { TPupilRole } from './types';

export function PupilsSection({ form, update, err }: SectionProps) {
  const [text, setText] = useState('');
  const [search] = useDebouncedValue(text.trim(), 250);
  const results = usePupilSearch(search, form.siteId || undefined);
  const chosen = new Set(form.pupils.map((p) => p.pupilId));
  const matches = (results.data?.items ?? []).filter((p) => !chosen.has(p.id));

  const setRole = (pupilId: string, role: TPupilRole) =>
    update((f) => ({ ...f, pupils: f.pupils.map((p) => (p.pupilId === pupilId ? { ...p, role } : p)) }));
  const remove = (pupilId: string) => update((f) => ({ ...f, pupils: f.pupils.filter((p) => p.pupilId !== pupilId) }));

  return (
    <FormSection title="Pupils" id="incident-pupils">
      {form.pupils.length ? (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Pupils in this incident">
          {form.pupils.map((p) => (
            <Group component="li" key={p.pupilId} gap="sm" align="flex-end" wrap="wrap">
              <Stack gap={0} style={{ flex: '1 1 10rem', minWidth: 0 }}>
                <Text fw={600} className="break-anywhere">{p.displayName}</Text>
                <Text size="sm" c="dimmed">{yearGroupLabel(p.yearGroup)}</Text>
              </Stack>
              <NativeSelect label={`Role of ${p.displayName}`} value={p.role} data={PUPIL_ROLE_OPTIONS}
                onChange={(e) => setRole(p.pupilId, e.currentTarget.value as TPupilRole)} style={{ flex: '1 1 9rem' }} />
              <Button variant="subtle" color="red" onClick={() => remove(p.pupilId)}>
                Remove<span className="visually-hidden-inline"> {p.displayName}</span>
              </Button>
            </Group>
          ))}
        </Stack>
      ) : <Text size="sm">No pupils added yet.</Text>}
      <TextInput label="Find a pupil" description="Type at least 2 letters of a name, or a UPN" type="search" autoComplete="off"
        id={fieldId('pupils')} value={text} onChange={(e) => setText(e.currentTarget.value)} error={err('pupils')} />
      {results.isError ? <ErrorAlert error={results.error} title="Could not search pupils" /> : null}
      {search.length >= 2 && results.data ? (
        matches.length ? (
          <Stack component="ul" gap={4} p={0} m={0} style={{ listStyle: 'none' }} aria-label="Matching pupils" aria-live="polite">
            {matches.map((p) => (
              <li key={p.id}>
                <Button variant="light" fullWidth justify="space-between" styles={{ label: { whiteSpace: 'normal', textAlign: 'left' } }}
                  onClick={() => {
                    update((f) => ({ ...f, pupils: [...f.pupils, { pupilId: p.id, displayName: p.displayName, yearGroup: p.yearGroup, role: 'involved' }] }));
                    setText('');
                  }}>
                  Add {p.displayName} ({yearGroupLabel(p.yearGroup)}{p.formName ? `, ${p.formName}` : ''})
                </Button>
              </li>
            ))}
          </Stack>
        ) : <Text size="sm" role="status">No pupils match “{search}”.</Text>
      ) : null}
    </FormSection>
  );
}
