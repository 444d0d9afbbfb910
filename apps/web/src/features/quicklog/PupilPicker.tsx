/**
 * Choosing pupils for the quick log: a group (form, class or teaching group) or a search, then tap pupils to select
 * them. Each pupil is a large toggle button (aria-pressed), so selection works by touch, keyboard and screen reader.
 */
import { useState } from 'react';
import { Button, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { plural } from '../../lib/format';
import { usePickablePupils, usePupilGroups, type PickablePupil } from './quicklog.api';
import { PersonAvatar } from '../photos/PersonAvatar';

const KIND_LABELS: Record<string, string> = { form: 'Form', class: 'Class', teaching_group: 'Group' };

export function PupilPicker({ siteId, groupId, onGroup, selected, onToggle, onSelectAll }: {
  siteId: string;
  groupId: string | undefined;
  onGroup: (groupId: string | undefined) => void;
  selected: ReadonlyMap<string, PickablePupil>;
  onToggle: (p: PickablePupil) => void;
  onSelectAll: (ps: PickablePupil[], select: boolean) => void;
}) {
  const [mode, setMode] = useState<'group' | 'search'>('group');
  const [text, setText] = useState('');
  const [search] = useDebouncedValue(text.trim(), 250);
  const groups = usePupilGroups(siteId);
  const pupils = usePickablePupils(siteId, mode === 'group' ? groupId : undefined, mode === 'search' ? search : '');
  const shown = pupils.data ?? [];
  const allShownSelected = shown.length > 0 && shown.every((p) => selected.has(p.id));

  return (
    <Stack gap="sm">
      {/* two toggle buttons rather than a SegmentedControl, whose sliding indicator measured itself over and over
          as the page loaded (the largest single item of the quick log's first-load script time on a slow phone) */}
      <div role="group" aria-label="How to find pupils">
        <Button.Group w="100%">
          {(['group', 'search'] as const).map((m) => (
            <Button key={m} flex={1} variant={mode === m ? 'filled' : 'default'} aria-pressed={mode === m} onClick={() => setMode(m)}>
              {m === 'group' ? 'From a group' : 'Search'}
            </Button>
          ))}
        </Button.Group>
      </div>
      {mode === 'group' ? (
        <NativeSelect
          label="Form, class or group"
          value={groupId ?? ''}
          onChange={(e) => onGroup(e.currentTarget.value || undefined)}
          data={[
            { value: '', label: groups.isPending ? 'Loading groups…' : 'Choose a form, class or group' },
            ...(groups.data?.items ?? []).map((g) => ({ value: g.id, label: `${KIND_LABELS[g.kind] ?? 'Group'} ${g.name} (${g.pupilCount})` })),
          ]}
        />
      ) : (
        <TextInput label="Search pupils" type="search" value={text} onChange={(e) => setText(e.currentTarget.value)}
          autoComplete="off" description="Name, preferred name or UPN" />
      )}
      {groups.isError ? <ErrorAlert error={groups.error} title="Could not load groups" /> : null}
      {pupils.isError ? <ErrorAlert error={pupils.error} title="Could not load pupils" onRetry={() => void pupils.refetch()} /> : null}
      {pupils.isFetching && !pupils.data ? <Loading label="Loading pupils…" /> : null}
      {shown.length > 0 ? (
        <>
          <Group justify="space-between" gap="xs">
            <Text size="sm" c="dimmed">{plural(shown.length, 'pupil')}. Tap to select.</Text>
            <Button variant="default" size="compact-sm" onClick={() => onSelectAll(shown, !allShownSelected)}>
              {allShownSelected ? 'Unselect these' : 'Select all'}
            </Button>
          </Group>
          <ul className="ql-grid" aria-label="Pupils to choose from" aria-busy={pupils.isFetching}>
            {shown.map((p) => {
              const on = selected.has(p.id);
              return (
                <li key={p.id}>
                  <Button className="ql-tile" variant={on ? 'filled' : 'default'} aria-pressed={on} onClick={() => onToggle(p)}>
                    <span className="ql-tile-body">
                      <PersonAvatar name={p.displayName} photo={p.photo} size="md" />
                      <span className="ql-tile-text">
                        {p.displayName}
                        <span className="ql-tile-detail">{on ? 'Selected' : p.detail}</span>
                      </span>
                    </span>
                  </Button>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      {!pupils.isFetching && pupils.data && shown.length === 0 ? <Text size="sm" role="status">No pupils found.</Text> : null}
    </Stack>
  );
}
