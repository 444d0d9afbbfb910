/** One of the policy's lists (locations, periods, actions, motivations, holds and techniques) for the chosen scope. */
import { useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { allows } from '../../lib/usePolicy';
import { KIND_NOUN, OptionForm } from './OptionForm';
import { useOptions } from './policy.api';
import type { PolicyScope, TOption, TOptionKind } from './policy.types';
import { EntryBadges, ResponsiveTable, type Column } from './PolicyParts';

type ListKind = Exclude<TOptionKind, 'setting'>;

const INTRO: Record<ListKind, string> = {
  location: 'Where things happen: classrooms, corridors, the playground, off site.',
  period: 'Lesson periods and breaks with their times. An event recorded without a period is placed in the one containing its time.',
  action: 'Actions taken in response to an incident.',
  motivation: 'Perceived motivations (what the behaviour seemed to achieve). With none set, the six standard ones are used: obtain attention, avoid task or demand, obtain item or activity, sensory, avoid peer or adult, unknown.',
  technique: 'Physical intervention holds and techniques staff are trained to use, with their level. Recorded in the physical intervention section of an incident.',
};
const PLURAL: Record<ListKind, [string, string]> = {
  location: ['location', 'locations'], period: ['period', 'periods'], action: ['action', 'actions'],
  motivation: ['motivation', 'motivations'], technique: ['hold or technique', 'holds and techniques'],
};

type Dialog = { mode: 'new' } | { mode: 'edit'; option: TOption } | { mode: 'override'; option: TOption };

export function OptionsTab({ kind, scope, onSaved }: { kind: ListKind; scope: PolicyScope; onSaved: (message: string) => void }) {
  const list = useOptions(kind, scope);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const atSite = scope.siteId !== null;
  const items = list.data?.items ?? [];
  const mayCreate = allows(list.data, 'create');
  const noun = KIND_NOUN[kind];

  const columns: Column<TOption>[] = [
    { header: 'Name', primary: true, cell: (o) => <span className="break-anywhere">{o.label}</span> },
    { header: 'Code', cell: (o) => <Text span size="sm" ff="monospace" className="break-anywhere">{o.code}</Text> },
    ...(kind === 'period' ? [{ header: 'Times', cell: (o: TOption) => (o.details.start && o.details.end ? `${o.details.start}–${o.details.end}` : '—') }] : []),
    ...(kind === 'technique' ? [{ header: 'Level', cell: (o: TOption) => o.details.level ?? '—' }] : []),
    { header: 'Status', cell: (o) => <EntryBadges entry={o} atSite={atSite} /> },
  ];
  const card = (o: TOption) => (
    <Stack gap={4}>
      <Text fw={600} className="break-anywhere">{o.label}</Text>
      <Text size="sm" ff="monospace" c="dimmed" className="break-anywhere">{o.code}</Text>
      {kind === 'period' && o.details.start && o.details.end ? <Text size="sm">{o.details.start}–{o.details.end}</Text> : null}
      {kind === 'technique' && o.details.level ? <Text size="sm">{o.details.level}</Text> : null}
      <EntryBadges entry={o} atSite={atSite} />
    </Stack>
  );
  const actions = (o: TOption) => (
    <>
      {allows(o, 'edit') ? (
        <Button size="xs" variant="default" onClick={() => setDialog({ mode: 'edit', option: o })}>
          Edit<span className="visually-hidden-inline"> {o.label}</span>
        </Button>
      ) : null}
      {atSite && o.siteId === null && !o.overridden && mayCreate ? (
        <Button size="xs" variant="subtle" onClick={() => setDialog({ mode: 'override', option: o })}>
          Change for this site<span className="visually-hidden-inline"> ({o.label})</span>
        </Button>
      ) : null}
    </>
  );
  const reload = async (id: string) => (await list.refetch()).data?.items.find((o) => o.id === id);
  const title = dialog?.mode === 'new' ? `Add a ${noun}` : dialog?.mode === 'edit' ? `Edit ${dialog.option.label}` : dialog ? `Change ${dialog.option.label} for this site` : '';
  const [one, many] = PLURAL[kind];

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Text size="sm" maw="40rem">{INTRO[kind]}</Text>
        {mayCreate ? <Button onClick={() => setDialog({ mode: 'new' })}>Add {noun}</Button> : null}
      </Group>
      {list.isPending ? <Loading label={`Loading ${many}…`} /> : null}
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && items.length === 0 ? <Text>No {many} yet.{mayCreate ? ' Add the first one.' : ''}</Text> : null}
      {items.length > 0 ? (
        <ResponsiveTable caption={`${items.length} ${items.length === 1 ? one : many}`} rows={items} columns={columns} rowKey={(o) => o.id} actions={actions} card={card} />
      ) : null}
      <AppModal opened={dialog !== null} onClose={() => setDialog(null)} title={title}>
        {dialog ? (
          <OptionForm
            key={dialog.mode === 'new' ? 'new' : `${dialog.mode}-${dialog.option.id}`}
            kind={kind}
            scope={scope}
            option={dialog.mode === 'edit' ? dialog.option : undefined}
            template={dialog.mode === 'override' ? dialog.option : undefined}
            onReload={dialog.mode === 'edit' ? () => reload(dialog.option.id) : undefined}
            onDone={(o) => { setDialog(null); onSaved(`${o.label} saved.`); }}
          />
        ) : null}
      </AppModal>
    </Stack>
  );
}
