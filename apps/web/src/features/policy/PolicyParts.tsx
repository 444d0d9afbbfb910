/** Pieces shared by the behaviour policy tabs: entry badges, a table that becomes cards on a phone, save errors. */
import type { ReactNode } from 'react';
import { Alert, Badge, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useWide } from '../../components/useWide';
import { isApiError } from '../../lib/api';

export function EntryBadges({ entry, atSite }: { entry: { siteId: string | null; active: boolean; overridden?: boolean }; atSite: boolean }) {
  return (
    <Group gap={4} wrap="wrap">
      {atSite ? <Badge miw="max-content" variant="light" color={entry.siteId === null ? 'gray' : 'blue'}>{entry.siteId === null ? 'Trust-wide' : 'This site'}</Badge> : null}
      {entry.overridden ? <Badge miw="max-content" variant="outline" color="gray">Replaced here</Badge> : null}
      {!entry.active ? <Badge miw="max-content" variant="light" color="orange" c="#a13b0c">Inactive</Badge> : null}
    </Group>
  );
}

export interface Column<T> { header: string; cell: (row: T) => ReactNode; primary?: boolean }

/**
 * A table where there is room; below 768 px, one card per row with each column's header as its label, so nothing
 * scrolls sideways on a phone. `actions` renders the row's buttons (named for screen readers by the caller).
 */
export function ResponsiveTable<T>({ caption, rows, columns, rowKey, actions, card }: {
  caption: string;
  rows: readonly T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  actions?: (row: T) => ReactNode;
  /** A compact card body for phones; without it each column becomes a label and value. */
  card?: (row: T) => ReactNode;
}) {
  const wide = useWide();
  if (wide) {
    return (
      <Table striped verticalSpacing="xs" captionSide="top">
        <Table.Caption style={{ textAlign: 'left' }}>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => <Table.Th key={c.header} scope="col">{c.header}</Table.Th>)}
            {actions ? <Table.Th scope="col"><span className="visually-hidden-inline">Actions</span></Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={rowKey(r)}>
              {columns.map((c) => <Table.Td key={c.header} fw={c.primary ? 600 : undefined}>{c.cell(r)}</Table.Td>)}
              {actions ? <Table.Td><Group gap="xs" wrap="nowrap">{actions(r)}</Group></Table.Td> : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    );
  }
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">{caption}</Text>
      <Stack component="ul" gap="sm" p={0} m={0} aria-label={caption}>
        {rows.map((r) => (
          <Card key={rowKey(r)} component="li" withBorder padding="sm" style={{ listStyle: 'none' }}>
            {card ? card(r) : (
              <dl className="facts">
                {columns.map((c) => (
                  <div key={c.header} style={{ display: 'contents' }}>
                    <dt>{c.header}</dt>
                    <dd>{c.cell(r)}</dd>
                  </div>
                ))}
              </dl>
            )}
            {actions ? <Group gap="xs" mt="xs" wrap="wrap">{actions(r)}</Group> : null}
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}

/**
 * What went wrong with a save: a 409 (someone else changed it) with a way to load their version; any other error
 * without field messages as an alert (field messages show beside their inputs). What the user typed stays.
 */
export function SaveError({ error, what, onReload }: { error: unknown; what: string; onReload?: () => void }) {
  if (!error) return null;
  if (isApiError(error) && error.status === 409 && error.code === 'stale_version') {
    return (
      <Alert color="red" variant="light" role="alert" title={`Someone else changed this ${what}`}>
        {error.message} Your changes are still in the form below.
        {onReload ? <Group mt="sm"><Button size="xs" variant="default" onClick={onReload}>Load their version (discard mine)</Button></Group> : null}
      </Alert>
    );
  }
  if (isApiError(error) && error.fields.length) {
    return <Alert color="red" variant="light" role="alert" title={`The ${what} was not saved`}>Check the highlighted fields: {error.message}</Alert>;
  }
  return <ErrorAlert error={error} title={`The ${what} was not saved`} />;
}

/** A field's message: the form's own check first, else the server's (exact field or a nested one). */
export function fieldMessage(clientErrors: Record<string, string | undefined>, error: unknown, field: string): string | undefined {
  return clientErrors[field] ?? (isApiError(error) ? error.fieldMessage(field) : undefined);
}

export const scopeLabel = (atSite: boolean) => (atSite ? 'this site' : 'the whole trust');
