/** Who is in a group: take pupils off it, or find pupils on roll at the school and put them in it. */
import { useState, type ReactNode } from 'react';
import { Alert, Badge, Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import type { TGroupMember } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { yearGroupLabel } from '../../lib/format';
import { useGroup, useGroupCandidates, useGroupMutations } from './people.api';

function PupilLine({ p, action }: { p: TGroupMember; action: ReactNode }) {
  return (
    <Card component="li" withBorder padding="xs" style={{ listStyle: 'none' }}>
      <Group justify="space-between" wrap="nowrap" align="center">
        <div style={{ minWidth: 0 }}>
          <Text fw={600} className="break-anywhere">{p.displayName}</Text>
          <Text size="sm" c="dimmed">{yearGroupLabel(p.yearGroup)}{p.formName ? ` · form ${p.formName}` : ''} · UPN {p.upn}</Text>
          {!p.onRoll ? <Badge mt={2} variant="light" color="gray">Left the school</Badge> : null}
        </div>
        {action}
      </Group>
    </Card>
  );
}

export function GroupMembers({ groupId }: { groupId: string }) {
  const group = useGroup(groupId);
  const [search, setSearch] = useState('');
  const candidates = useGroupCandidates(groupId, search);
  const { addMembers, removeMember } = useGroupMutations();
  const [said, setSaid] = useState<string | null>(null);
  const g = group.data;
  if (group.isPending) return <Loading label="Loading the group…" />;
  if (group.isError || !g) return <ErrorAlert error={group.error} onRetry={() => void group.refetch()} />;
  const isForm = g.kind === 'form';

  const add = (p: TGroupMember) => addMembers.mutate({ id: g.id, pupilIds: [p.pupilId] }, {
    onSuccess: () => { setSaid(`${p.displayName} is now in ${g.name}${isForm && p.formName && p.formName !== g.name ? ` (moved from form ${p.formName})` : ''}.`); void group.refetch(); void candidates.refetch(); },
  });
  const remove = (p: TGroupMember) => removeMember.mutate({ id: g.id, pupilId: p.pupilId }, {
    onSuccess: () => { setSaid(`${p.displayName} taken off ${g.name}.`); void group.refetch(); },
  });

  return (
    <Stack gap="md">
      {said ? <Alert color="blue" variant="light" role="status">{said}</Alert> : null}
      <ErrorAlert error={addMembers.error ?? removeMember.error} title="Not saved" />
      {g.archivedAt ? <Alert color="gray" variant="light">This group is archived: bring it back into use to put pupils in it.</Alert> : (
        <Stack gap="xs">
          <TextInput label="Find a pupil to add" description={`Pupils on roll at this school. ${isForm ? 'A form becomes their form, and they leave their old one.' : ''}`}
            placeholder="Name or UPN" value={search} onChange={(e) => setSearch(e.currentTarget.value)} />
          {search.trim().length >= 2 && candidates.data ? (
            candidates.data.items.length === 0 ? <Text size="sm">No pupil on roll here matches, or they are in the group already.</Text> : (
              <Stack component="ul" gap="xs" p={0} m={0} aria-label="Pupils to add">
                {candidates.data.items.map((p) => (
                  <PupilLine key={p.pupilId} p={p} action={
                    <Button size="xs" variant="light" loading={addMembers.isPending && addMembers.variables?.pupilIds[0] === p.pupilId} onClick={() => add(p)}>
                      Add<span className="visually-hidden-inline"> {p.displayName}</span>
                    </Button>} />
                ))}
              </Stack>
            )
          ) : null}
        </Stack>
      )}
      <Text fw={600}>{g.members.length === 0 ? 'Nobody is in this group yet.' : `${g.memberCount} on roll in ${g.name}`}</Text>
      {g.members.length ? (
        <Stack component="ul" gap="xs" p={0} m={0} aria-label={`Members of ${g.name}`}>
          {g.members.map((p) => (
            <PupilLine key={p.pupilId} p={p} action={
              <Button size="xs" variant="default" onClick={() => remove(p)} loading={removeMember.isPending && removeMember.variables?.pupilId === p.pupilId}>
                Remove<span className="visually-hidden-inline"> {p.displayName}</span>
              </Button>} />
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}
