/** Rewards (SAN-5): positive-to-negative ratios for a pupil, group, member of staff or site; top points; milestones. */
import { useState } from 'react';
import { Badge, Button, Card, Group, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { AnchorLink } from '../../components/links';
import { formatDate, formatNumber, plural, yearGroupLabel } from '../../lib/format';
import { allows, useMe } from '../../lib/usePolicy';
import { fieldMessage } from '../policy/PolicyParts';
import { useLeaderboard, useMilestones, useRatio, useRewardGroups, useSaveMilestone, useSiteStaffUsers } from './sanctions.api';
import { UkDateInput, useSiteChoice } from './SanctionParts';
import { PupilPicker } from './PupilPicker';

type Subject = 'pupil' | 'group' | 'staff' | 'site';

export function RewardsPage() {
  const me = useMe();
  const { siteId, picker } = useSiteChoice();
  const manage = me.permissions.includes('rewards.manage');
  return (
    <Page title="Rewards" description="Points, milestones and the balance of positive to negative behaviour.">
      {picker}
      {siteId && me.permissions.includes('rewards.read') ? <RatioCard siteId={siteId} /> : null}
      {siteId && me.permissions.includes('rewards.read') ? <Leaderboard siteId={siteId} /> : null}
      {siteId && manage ? <Milestones siteId={siteId} /> : null}
    </Page>
  );
}

function RatioCard({ siteId }: { siteId: string }) {
  const me = useMe();
  const leader = me.permissions.includes('behaviour.read');
  const [subject, setSubject] = useState<Subject>('site');
  const [pupilId, setPupilId] = useState<string | null>(null);
  const [groupId, setGroupId] = useState<string | null>(null);
  const [staffId, setStaffId] = useState<string | null>(me.user.id);
  const [from, setFrom] = useState<string | null>('');
  const [to, setTo] = useState<string | null>('');
  const groups = useRewardGroups(siteId);
  const staff = useSiteStaffUsers(leader ? siteId : undefined);
  const id = subject === 'site' ? siteId : subject === 'pupil' ? pupilId : subject === 'group' ? groupId : staffId;
  const ratio = useRatio({ subject, id, from: from ?? '', to: to ?? '' });
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="ratio">
      <Title order={2} size="h4" id="ratio" mb="sm">Positive to negative</Title>
      <Stack gap="sm">
        <SegmentedControl value={subject} onChange={(v) => setSubject(v as Subject)} fullWidth maw={520} aria-label="Ratio for"
          data={[{ value: 'site', label: 'Site' }, { value: 'group', label: 'Group' }, { value: 'pupil', label: 'Pupil' }, { value: 'staff', label: 'Staff' }]} />
        {subject === 'pupil' ? <PupilPicker siteId={siteId} value={pupilId} onChange={setPupilId} /> : null}
        {subject === 'group' ? <Select label="Form or class" searchable data={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))} value={groupId} onChange={setGroupId} maw={360} /> : null}
        {subject === 'staff' ? (leader
          ? <Select label="Member of staff (who recorded)" searchable data={staff.data ?? []} value={staffId} onChange={setStaffId} maw={420} />
          : <Text size="sm">Your own recording.</Text>) : null}
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" maw={520}>
          <UkDateInput label="From" value="" onChange={setFrom} description="Empty: the start of the academic year" error={from === null ? 'Not a date' : fieldMessage({}, ratio.error, 'from')} />
          <UkDateInput label="To" value="" onChange={setTo} description="Empty: today" error={to === null ? 'Not a date' : fieldMessage({}, ratio.error, 'to')} />
        </SimpleGrid>
        {ratio.isError && !fieldMessage({}, ratio.error, 'from') && !fieldMessage({}, ratio.error, 'to') ? <ErrorAlert error={ratio.error} /> : null}
        {ratio.data ? (
          <Group gap="lg" wrap="wrap" aria-live="polite">
            <Stack gap={0}><Text size="xs" c="dimmed">{ratio.data.label}, {formatDate(ratio.data.from)} to {formatDate(ratio.data.to)}</Text><Text fz={28} fw={700}>{ratio.data.ratioText}</Text></Stack>
            <Badge size="lg" variant="light" color="green" c="#1b5e20">{formatNumber(ratio.data.positive)} positive</Badge>
            <Badge size="lg" variant="light" color="red" c="#a11">{formatNumber(ratio.data.negative)} negative</Badge>
            <Badge size="lg" variant="light" color="blue">{plural(ratio.data.positivePoints, 'point')}</Badge>
          </Group>
        ) : null}
        <Text size="xs" c="dimmed">Positive quick events ÷ negative quick events plus incidents in which a pupil was involved or the instigator. Drafts and voided records never count; “n/a” when there is nothing negative.</Text>
      </Stack>
    </Card>
  );
}

function Leaderboard({ siteId }: { siteId: string }) {
  const [groupId, setGroupId] = useState<string | null>(null);
  const groups = useRewardGroups(siteId);
  const board = useLeaderboard(siteId, groupId);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="leaderboard">
      <Title order={2} size="h4" id="leaderboard" mb="sm">Most points this year{board.data ? ` (${board.data.academicYear})` : ''}</Title>
      <Select label="Form or class" clearable placeholder="The whole site" data={(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))} value={groupId} onChange={setGroupId} maw={360} mb="sm" />
      {board.isPending ? <Loading /> : null}
      {board.data?.items.length === 0 ? <Text size="sm">No points yet.</Text> : null}
      {board.data?.items.length ? (
        <Table striped captionSide="top">
          <Table.Caption style={{ textAlign: 'left' }}>Top {plural(board.data.items.length, 'pupil')} by points</Table.Caption>
          <Table.Thead><Table.Tr><Table.Th scope="col">Pupil</Table.Th><Table.Th scope="col">Points</Table.Th><Table.Th scope="col">Milestone</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {board.data.items.map((p) => (
              <Table.Tr key={p.pupilId}>
                <Table.Td><AnchorLink to="/pupils/$pupilId" params={{ pupilId: p.pupilId }}>{p.displayName}</AnchorLink> <Text span size="xs" c="dimmed">{yearGroupLabel(p.yearGroup)}</Text></Table.Td>
                <Table.Td>{formatNumber(p.points)}</Table.Td>
                <Table.Td>{p.milestone ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
    </Card>
  );
}

function Milestones({ siteId }: { siteId: string }) {
  const list = useMilestones(siteId, true);
  const save = useSaveMilestone();
  const [name, setName] = useState('');
  const [points, setPoints] = useState<number | string>('');
  const fe = (f: string) => fieldMessage({}, save.error, f);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="milestones">
      <Title order={2} size="h4" id="milestones" mb="sm">Milestones</Title>
      <Text size="sm" mb="sm">Reached when a pupil&apos;s points this academic year get to the milestone; the behaviour lead and the pupil&apos;s parents are told once.</Text>
      {list.isError ? <ErrorAlert error={list.error} /> : null}
      <Stack component="ul" gap={6} p={0} m={0} aria-label="Milestones">
        {(list.data?.items ?? []).map((m) => (
          <Group key={m.id} component="li" gap="sm" style={{ listStyle: 'none' }} wrap="wrap">
            <Text fw={600}>{m.name}</Text><Text size="sm">{plural(m.points, 'point')}</Text>
            <Badge variant="light" color={m.siteId ? 'blue' : 'gray'}>{m.siteId ? 'This site' : 'Trust-wide'}</Badge>
            {allows(m, 'edit') ? <Switch label="In use" checked={m.active} onChange={(e) => save.mutate({ id: m.id, body: { active: e.currentTarget.checked, version: m.version } })} /> : <Text size="sm" c="dimmed">{m.active ? 'In use' : 'Not in use'}</Text>}
          </Group>
        ))}
      </Stack>
      {allows(list.data, 'create') ? (
        <Group align="flex-start" mt="md" gap="sm" wrap="wrap">
          <TextInput label="Milestone name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={fe('name')} maxLength={60} placeholder="e.g. Gold" />
          <NumberInput label="Points" value={points} onChange={setPoints} min={1} error={fe('points')} w={140} />
          <Button mt={24} loading={save.isPending} onClick={() => save.mutate({ body: { siteId, name: name.trim(), points: Number(points) || 0 } }, { onSuccess: () => { setName(''); setPoints(''); } })}>Add milestone</Button>
        </Group>
      ) : null}
    </Card>
  );
}
