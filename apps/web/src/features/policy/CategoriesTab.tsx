/** Behaviour categories of the chosen scope: a site sees its own and the trust-wide ones it inherits. */
import { useState } from 'react';
import { Badge, Button, Group, Stack, Text } from '@mantine/core';
import { POLARITY_LABELS } from '@haven/contracts';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { allows } from '../../lib/usePolicy';
import { CategoryForm } from './CategoryForm';
import { useCategories } from './policy.api';
import type { PolicyScope, TCategory } from './policy.types';
import { EntryBadges, ResponsiveTable, type Column } from './PolicyParts';

type Dialog = { mode: 'new' } | { mode: 'edit'; category: TCategory } | { mode: 'override'; category: TCategory };
const POLARITY_COLOURS = { positive: 'green', negative: 'red', neutral: 'gray' } as const;
// darker text than Mantine's: its light badges (even shade 9 on green) fall below 4.5:1 contrast
const POLARITY_TEXT = { positive: '#1f6f2f', negative: 'red.9', neutral: 'gray.8' } as const;

export function CategoriesTab({ scope, onSaved }: { scope: PolicyScope; onSaved: (message: string) => void }) {
  const list = useCategories(scope);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const atSite = scope.siteId !== null;
  const items = list.data?.items ?? [];
  const mayCreate = allows(list.data, 'create');

  const columns: Column<TCategory>[] = [
    { header: 'Name', primary: true, cell: (c) => <span className="break-anywhere">{c.name}</span> },
    { header: 'Code', cell: (c) => <Text span size="sm" ff="monospace" className="break-anywhere">{c.code}</Text> },
    { header: 'Polarity', cell: (c) => <Badge miw="max-content" variant="light" color={POLARITY_COLOURS[c.polarity]} c={POLARITY_TEXT[c.polarity]}>{POLARITY_LABELS[c.polarity]}</Badge> },
    { header: 'Severity', cell: (c) => c.severity },
    { header: 'Points', cell: (c) => (c.points > 0 ? `+${c.points}` : String(c.points)) },
    { header: 'Quick log', cell: (c) => (c.quickLog ? 'Yes' : 'No') },
    { header: 'Status', cell: (c) => <EntryBadges entry={c} atSite={atSite} /> },
  ];
  const card = (c: TCategory) => (
    <Stack gap={4}>
      <Text fw={600} className="break-anywhere">{c.name}</Text>
      <Text size="sm" ff="monospace" c="dimmed" className="break-anywhere">{c.code}</Text>
      <Text size="sm">Severity {c.severity} · {c.points > 0 ? `+${c.points}` : c.points} {Math.abs(c.points) === 1 ? 'point' : 'points'} · {c.quickLog ? 'in the quick log' : 'incidents only'}</Text>
      <Group gap={4} wrap="wrap">
        <Badge miw="max-content" variant="light" color={POLARITY_COLOURS[c.polarity]} c={POLARITY_TEXT[c.polarity]}>{POLARITY_LABELS[c.polarity]}</Badge>
        <EntryBadges entry={c} atSite={atSite} />
      </Group>
    </Stack>
  );
  const actions = (c: TCategory) => (
    <>
      {allows(c, 'edit') ? (
        <Button size="xs" variant="default" onClick={() => setDialog({ mode: 'edit', category: c })}>
          Edit<span className="visually-hidden-inline"> {c.name}</span>
        </Button>
      ) : null}
      {atSite && c.siteId === null && !c.overridden && mayCreate ? (
        <Button size="xs" variant="subtle" onClick={() => setDialog({ mode: 'override', category: c })}>
          Change for this site<span className="visually-hidden-inline"> ({c.name})</span>
        </Button>
      ) : null}
    </>
  );
  const reload = async (id: string) => (await list.refetch()).data?.items.find((c) => c.id === id);
  const title = dialog?.mode === 'new' ? 'Add a category' : dialog?.mode === 'edit' ? `Edit ${dialog.category.name}` : dialog ? `Change ${dialog.category.name} for this site` : '';

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Text size="sm" maw="40rem">
          Positive, negative and neutral categories with their severity and points. {atSite ? 'A site entry with the same code replaces the trust-wide one here.' : 'Trust-wide categories apply at every site unless a site replaces them.'}
        </Text>
        {mayCreate ? <Button onClick={() => setDialog({ mode: 'new' })}>Add category</Button> : null}
      </Group>
      {list.isPending ? <Loading label="Loading categories…" /> : null}
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && items.length === 0 ? <Text>No categories yet.{mayCreate ? ' Add the first one.' : ''}</Text> : null}
      {items.length > 0 ? (
        <ResponsiveTable caption={`${items.length} ${items.length === 1 ? 'category' : 'categories'}`} rows={items} columns={columns} rowKey={(c) => c.id} actions={actions} card={card} />
      ) : null}
      <AppModal opened={dialog !== null} onClose={() => setDialog(null)} title={title}>
        {dialog ? (
          <CategoryForm
            key={dialog.mode === 'new' ? 'new' : `${dialog.mode}-${dialog.category.id}`}
            scope={scope}
            category={dialog.mode === 'edit' ? dialog.category : undefined}
            template={dialog.mode === 'override' ? dialog.category : undefined}
            onReload={dialog.mode === 'edit' ? () => reload(dialog.category.id) : undefined}
            onDone={(c) => { setDialog(null); onSaved(`${c.name} saved.`); }}
          />
        ) : null}
      </AppModal>
    </Stack>
  );
}
