/** The audit log viewer (CMP-2): filters, paged entries in sequence order, and each entry's details. */
import { Card, Code, Stack, Table, Text } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { Pager } from '../../components/Pager';
import { RequirePermission } from '../../components/RequirePermission';
import { useWide } from '../../components/useWide';
import { formatDateTime } from '../../lib/format';
import type { TAuditEntry } from '../../lib/types';
import { useCan } from '../../lib/usePolicy';
import { useAllUsers } from '../admin/admin.api';
import { useSiteOptions } from '../admin/useSiteOptions';
import { AUDIT_PAGE_SIZE, useAuditLog } from './audit.api';
import { ExportButtons } from '../../components/ExportButtons';
import { AuditFilters } from './AuditFilters';

/** Trust administrators read the log; a DSL reads the entries about the sealed safeguarding records of their sites. */
export function AuditPage() {
  const sealedOnly = useCan('audit.safeguarding.read');
  const all = useCan('audit.read');
  const dslOnly = sealedOnly && !all;
  return (
    <RequirePermission permission={dslOnly ? 'audit.safeguarding.read' : 'audit.read'} what="reading the audit log">
      <AuditLog />
    </RequirePermission>
  );
}

function Details({ e }: { e: TAuditEntry }) {
  const body = JSON.stringify({ entityId: e.entityId, ip: e.ip, details: e.details ?? null }, null, 2);
  return (
    <details className="audit-details">
      <summary>Details<span className="visually-hidden-inline"> of entry {e.seq}</span></summary>
      <pre>{body}</pre>
    </details>
  );
}

function AuditLog() {
  const search = useSearch({ from: '/admin/audit' });
  const navigate = useNavigate({ from: '/admin/audit' });
  const wide = useWide();
  const canUsers = useCan('user.manage');
  const readsAll = useCan('audit.read');
  const users = useAllUsers(canUsers);
  const { options: siteOptions, nameOf } = useSiteOptions();
  const log = useAuditLog(search);
  const userOptions = canUsers && users.data ? users.data.items.map((u) => ({ value: u.id, label: `${u.displayName} (${u.email})` })) : null;
  const items = log.data?.items ?? [];
  const record = (e: TAuditEntry) => (e.entityId ? `${e.entityType} ${e.entityId.slice(0, 8)}` : e.entityType);

  return (
    <Page title="Audit log" description={readsAll
      ? 'Every change, and every read of a sensitive record, in the order it happened. Entries about safeguarding concerns are shown only to the designated safeguarding leads of their school. Times are UK time.'
      : 'Who raised, read or triaged a safeguarding concern at your schools, and who opened a pupil\'s safeguarding chronology, in the order it happened. Times are UK time.'}>
      <AuditFilters key={JSON.stringify({ ...search, page: undefined })} applied={search} siteOptions={siteOptions} userOptions={userOptions}
        onApply={(s) => void navigate({ search: s })} />
      <ExportButtons path="/audit" what="these audit entries" query={{ ...search }} />
      {log.isPending ? <Loading label="Loading the audit log…" /> : null}
      {log.isError ? <ErrorAlert error={log.error} onRetry={() => void log.refetch()} /> : null}
      {log.data && items.length === 0 ? <Text role="status">No entries match these filters.</Text> : null}
      {items.length > 0 && wide ? (
        <Table striped verticalSpacing="xs" captionSide="top" aria-busy={log.isFetching}>
          <Table.Caption style={{ textAlign: 'left' }}>Audit entries</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">No.</Table.Th><Table.Th scope="col">When</Table.Th><Table.Th scope="col">Who</Table.Th>
              <Table.Th scope="col">Action</Table.Th><Table.Th scope="col">Record</Table.Th><Table.Th scope="col">Site</Table.Th>
              <Table.Th scope="col">Details</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>{e.seq}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at, true)}</Table.Td>
                <Table.Td className="break-anywhere">{e.actorLabel}</Table.Td>
                <Table.Td><Code>{e.action}</Code></Table.Td>
                <Table.Td>{record(e)}</Table.Td>
                <Table.Td>{e.siteId ? nameOf(e.siteId) : '—'}</Table.Td>
                <Table.Td><Details e={e} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      {items.length > 0 && !wide ? (
        <Stack component="ol" gap="sm" p={0} m={0} aria-label="Audit entries">
          {items.map((e) => (
            <Card key={e.id} component="li" withBorder padding="sm" style={{ listStyle: 'none' }}>
              <Text size="sm" fw={600}>No. {e.seq} · {formatDateTime(e.at, true)}</Text>
              <Text size="sm" className="break-anywhere">{e.actorLabel}: <Code>{e.action}</Code></Text>
              <Text size="sm">{record(e)}{e.siteId ? ` · ${nameOf(e.siteId)}` : ''}</Text>
              <Details e={e} />
            </Card>
          ))}
        </Stack>
      ) : null}
      {log.data ? (
        <Pager label="Audit log pages" page={log.data.page} pageSize={log.data.pageSize || AUDIT_PAGE_SIZE} total={log.data.total}
          onPage={(page) => void navigate({ search: (prev) => ({ ...prev, page }) })} />
      ) : null}
    </Page>
  );
}
