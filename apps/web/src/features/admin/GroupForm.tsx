/** Add a form, class or teaching group, or rename one, change its kind or year, archive it or bring it back. */
import { useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { TGroupKind, TPeopleGroup } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isApiError } from '../../lib/api';
import { YEAR_GROUPS, yearGroupLabel } from '../../lib/format';
import { useGroupMutations } from './people.api';

export const GROUP_KIND_LABELS: Record<TGroupKind, string> = { form: 'Form (registration group)', class: 'Class', teaching_group: 'Teaching group or set' };
const KIND_OPTIONS = Object.entries(GROUP_KIND_LABELS).map(([value, label]) => ({ value, label }));
const YEAR_OPTIONS = [{ value: '', label: 'Mixed or none' }, ...YEAR_GROUPS.map((y) => ({ value: String(y), label: yearGroupLabel(y) }))];

export function GroupForm({ siteId, group, onDone }: { siteId: string; group?: TPeopleGroup; onDone: (message: string) => void }) {
  const [name, setName] = useState(group?.name ?? '');
  const [kind, setKind] = useState<TGroupKind>(group?.kind ?? 'form');
  const [year, setYear] = useState(group?.yearGroup === null || group?.yearGroup === undefined ? '' : String(group.yearGroup));
  const [nameError, setNameError] = useState<string | undefined>();
  const { create, update } = useGroupMutations();
  const mutation = group ? update : create;
  const err = mutation.error;
  const fieldError = (f: string) => (isApiError(err) ? err.fieldMessage(f) : undefined);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) { setNameError('Enter the name of the group, for example 7R or Maple class'); return; }
    const yearGroup = year === '' ? null : Number(year);
    if (group) update.mutate({ id: group.id, body: { name: name.trim(), kind, yearGroup } }, { onSuccess: (g) => onDone(`${g.name} saved.`) });
    else create.mutate({ siteId, name: name.trim(), kind, yearGroup }, { onSuccess: (g) => onDone(`${g.name} added. Choose Members to put pupils in it.`) });
  };
  const setArchived = (archived: boolean) => {
    if (!group) return;
    update.mutate({ id: group.id, body: { archived } }, { onSuccess: (g) => onDone(archived ? `${g.name} archived: it keeps its members and no longer appears in lists to choose from.` : `${g.name} is back in use.`) });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        {err ? <ErrorAlert error={err} title="The group was not saved" /> : null}
        <TextInput label="Name" required value={name} maxLength={60} error={nameError ?? fieldError('name')}
          onChange={(e) => { setName(e.currentTarget.value); setNameError(undefined); }} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <NativeSelect label="Kind" data={KIND_OPTIONS} value={kind} error={fieldError('kind')} onChange={(e) => setKind(e.currentTarget.value as TGroupKind)} />
          <NativeSelect label="Year group" data={YEAR_OPTIONS} value={year} error={fieldError('yearGroup')} onChange={(e) => setYear(e.currentTarget.value)} />
        </SimpleGrid>
        <Group justify="space-between">
          {group ? (
            <Button variant="default" color={group.archivedAt ? undefined : 'red'} loading={update.isPending} onClick={() => setArchived(!group.archivedAt)}>
              {group.archivedAt ? 'Bring back into use' : 'Archive group'}
            </Button>
          ) : <span />}
          <Button type="submit" loading={mutation.isPending}>{group ? 'Save changes' : 'Add group'}</Button>
        </Group>
      </Stack>
    </form>
  );
}
