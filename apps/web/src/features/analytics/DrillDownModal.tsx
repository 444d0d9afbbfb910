/** The records behind one dashboard figure, newest first, each linking to the incident or the pupil. */
import { useState } from 'react';
import { Group, Modal, Pagination, ScrollArea, Table, Text } from '@mantine/core';
import { AnchorLink } from '../../components/links';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { formatDateTime, formatDate } from '../../lib/format';
import { useDrillDown, type DashboardFilters, type DrillCell } from './analytics.api';

export function DrillDownModal({ filters, cell, onClose }: { filters: DashboardFilters; cell: DrillCell | null; onClose: () => void }) {
  const [page, setPage] = useState(1);
  const q = useDrillDown(filters, cell, page);
  const close = () => { setPage(1); onClose(); };
  return (
    <Modal opened={cell !== null} onClose={close} title={cell ? `Records: ${cell.title}` : ''} size="xl" closeButtonProps={{ 'aria-label': 'Close' }} fullScreen={typeof window !== 'undefined' && window.innerWidth < 600}>
      {q.error ? <ErrorAlert error={q.error} /> : null}
      {q.isLoading ? <Loading /> : null}
      {q.data ? (
        <>
          <Text size="sm" mb="xs" data-testid="drill-total">{q.data.total} {q.data.total === 1 ? 'record' : 'records'}</Text>
          <ScrollArea type="auto" viewportProps={{ tabIndex: 0 }}>
            <Table striped fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">When</Table.Th><Table.Th scope="col">Pupil</Table.Th><Table.Th scope="col">Category</Table.Th>
                  <Table.Th scope="col">Where</Table.Th><Table.Th scope="col">Site</Table.Th><Table.Th scope="col">Recorded by</Table.Th><Table.Th scope="col">Record</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {q.data.items.map((r) => (
                  <Table.Tr key={`${r.recordId}-${r.pupil?.id ?? ''}`}>
                    <Table.Td>{r.occurredAt ? formatDateTime(r.occurredAt) : formatDate(r.occurredOn)}{r.periodLabel ? ` (${r.periodLabel})` : ''}</Table.Td>
                    <Table.Td>{r.pupil ? <AnchorLink to="/pupils/$pupilId" params={{ pupilId: r.pupil.id }}>{r.pupil.name}</AnchorLink> : '–'}</Table.Td>
                    <Table.Td>{r.categories.join(', ') || '–'}</Table.Td>
                    <Table.Td>{r.location ?? '–'}</Table.Td>
                    <Table.Td>{r.siteName}</Table.Td>
                    <Table.Td>{r.recordedBy ?? '–'}</Table.Td>
                    <Table.Td>{r.recordType === 'incident'
                      ? <AnchorLink to="/incidents/$incidentId" params={{ incidentId: r.recordId }}>Incident</AnchorLink>
                      : 'Quick log'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
          {q.data.total > q.data.pageSize ? (
            <Group justify="center" mt="sm"><Pagination total={Math.ceil(q.data.total / q.data.pageSize)} value={page} onChange={setPage} getControlProps={(c) => ({ 'aria-label': `${c} page` })} /></Group>
          ) : null}
        </>
      ) : null}
    </Modal>
  );
}
