/** The records behind one physical-intervention or record-quality figure, newest first, each linking to its incident. */
import { useState } from 'react';
import { Group, Modal, Pagination, ScrollArea, Table, Text } from '@mantine/core';
import { AnchorLink } from '../../components/links';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { formatDate, formatDateTime, formatNumber } from '../../lib/format';
import type { DashboardFilters } from './analytics.api';
import { usePiRecords, useQualityRecords, type QualityCell } from './quality.api';

const yesNo = (b: boolean) => (b ? 'Yes' : 'No');
const when = (iso: string | null) => (iso ? formatDateTime(iso) : 'Not recorded');

export function QualityRecordsModal({ filters, cell, onClose }: { filters: DashboardFilters; cell: QualityCell | null; onClose: () => void }) {
  const [page, setPage] = useState(1);
  const pi = usePiRecords(filters, cell, page);
  const quality = useQualityRecords(filters, cell, page);
  const q = cell?.source === 'quality' ? quality : pi;
  const close = () => { setPage(1); onClose(); };
  const data = q.data;
  return (
    <Modal opened={cell !== null} onClose={close} title={cell ? `Records: ${cell.title}` : ''} size="xl" closeButtonProps={{ 'aria-label': 'Close' }}
      fullScreen={typeof window !== 'undefined' && window.innerWidth < 600}>
      {q.error ? <ErrorAlert error={q.error} /> : null}
      {q.isLoading ? <Loading /> : null}
      {data ? (
        <>
          <Text size="sm" mb="xs" data-testid="quality-drill-total">{formatNumber(data.total)} {data.total === 1 ? 'record' : 'records'}</Text>
          <ScrollArea type="auto" viewportProps={{ tabIndex: 0 }}>
            {cell?.source === 'quality' && quality.data ? (
              <Table striped fz="sm">
                <Table.Thead><Table.Tr>
                  <Table.Th scope="col">Happened</Table.Th><Table.Th scope="col">Site</Table.Th><Table.Th scope="col">Recorded by</Table.Th><Table.Th scope="col">Status</Table.Th>
                  <Table.Th scope="col">First submitted</Table.Th><Table.Th scope="col">Signed off</Table.Th><Table.Th scope="col">Hours to sign-off</Table.Th>
                  <Table.Th scope="col">Times returned</Table.Th><Table.Th scope="col">Record</Table.Th>
                </Table.Tr></Table.Thead>
                <Table.Tbody>
                  {quality.data.items.map((r) => (
                    <Table.Tr key={`${r.incidentId}-${r.interventionId ?? ''}`}>
                      <Table.Td>{formatDate(r.occurredOn)}</Table.Td><Table.Td>{r.siteName}</Table.Td><Table.Td>{r.recordedBy}</Table.Td><Table.Td>{r.status}</Table.Td>
                      <Table.Td>{when(r.firstSubmittedAt)}</Table.Td><Table.Td>{r.signedOffAt ? formatDateTime(r.signedOffAt) : '–'}</Table.Td>
                      <Table.Td>{r.hoursToSignOff === null ? '–' : r.hoursToSignOff.toFixed(1)}</Table.Td><Table.Td>{r.returns}</Table.Td>
                      <Table.Td><AnchorLink to="/incidents/$incidentId" params={{ incidentId: r.incidentId }}>Incident</AnchorLink></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : pi.data ? (
              <Table striped fz="sm">
                <Table.Thead><Table.Tr>
                  <Table.Th scope="col">Started</Table.Th><Table.Th scope="col">Pupil</Table.Th><Table.Th scope="col">Site</Table.Th><Table.Th scope="col">Minutes</Table.Th>
                  <Table.Th scope="col">Holds and techniques</Table.Th><Table.Th scope="col">Injured (pupil, staff)</Table.Th><Table.Th scope="col">Pupil debrief</Table.Th>
                  <Table.Th scope="col">Staff debrief</Table.Th><Table.Th scope="col">Parent informed</Table.Th><Table.Th scope="col">Record</Table.Th>
                </Table.Tr></Table.Thead>
                <Table.Tbody>
                  {pi.data.items.map((r) => (
                    <Table.Tr key={r.interventionId}>
                      <Table.Td>{r.startedAt ? formatDateTime(r.startedAt) : formatDate(r.occurredOn)}</Table.Td>
                      <Table.Td>{r.pupil ? <AnchorLink to="/pupils/$pupilId" params={{ pupilId: r.pupil.id }}>{r.pupil.name}</AnchorLink> : '–'}</Table.Td>
                      <Table.Td>{r.siteName}</Table.Td><Table.Td>{r.durationMinutes ?? '–'}</Table.Td><Table.Td>{r.techniqueCodes.join(', ') || '–'}</Table.Td>
                      <Table.Td>{yesNo(r.pupilInjured)}, {yesNo(r.staffInjured)}</Table.Td>
                      <Table.Td>{when(r.pupilDebriefAt)}</Table.Td><Table.Td>{when(r.staffDebriefAt)}</Table.Td>
                      <Table.Td>{when(r.parentInformedAt)}{r.parentNotInformedByEndOfDay ? ' (not by the end of the day)' : ''}</Table.Td>
                      <Table.Td><AnchorLink to="/incidents/$incidentId" params={{ incidentId: r.incidentId }}>Incident</AnchorLink></Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : null}
          </ScrollArea>
          {data.total > data.pageSize ? (
            <Group justify="center" mt="sm"><Pagination total={Math.ceil(data.total / data.pageSize)} value={page} onChange={setPage} getControlProps={(c) => ({ 'aria-label': `${c} page` })} /></Group>
          ) : null}
        </>
      ) : null}
    </Modal>
  );
}
