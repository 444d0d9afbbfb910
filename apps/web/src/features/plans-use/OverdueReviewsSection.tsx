/** Record-keeping quality (ANA-6): overdue plan and risk-assessment reviews per site and per owner, each count opening the records. */
import { Anchor, Table, Text } from '@mantine/core';
import { Section } from '../analytics/QualityParts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { useOverdueReviews } from './plansUse.api';

type Counts = { plans: number; riskAssessments: number };

function CountCell({ n, href, drill }: { n: number; href: string; drill: boolean }) {
  return <Table.Td>{n > 0 && drill ? <Anchor href={href}>{n}</Anchor> : n}</Table.Td>;
}

function rowsTable(label: string, rows: (Counts & { key: string; name: string; query: string })[], drill: boolean) {
  return (
    <Table striped fz="sm">
      <Table.Thead><Table.Tr>
        <Table.Th scope="col">{label}</Table.Th><Table.Th scope="col">Plan reviews overdue</Table.Th><Table.Th scope="col">Risk-assessment reviews overdue</Table.Th>
      </Table.Tr></Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.key}>
            <Table.Th scope="row" fw={500}>{r.name}</Table.Th>
            <CountCell n={r.plans} href={`/plans/overdue-reviews?${r.query}&kind=plan`} drill={drill} />
            <CountCell n={r.riskAssessments} href={`/plans/overdue-reviews?${r.query}&kind=risk_assessment`} drill={drill} />
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function OverdueReviewsSection({ siteId, drill }: { siteId: string | undefined; drill: boolean }) {
  const q = useOverdueReviews(siteId);
  return (
    <Section title="Plan and risk-assessment reviews overdue" id="overdue-reviews" caption="Active behaviour support plans and risk assessments of pupils on roll, past their review date today">
      {q.isPending ? <Loading label="Loading overdue reviews…" /> : null}
      {q.isError ? <ErrorAlert error={q.error} onRetry={() => void q.refetch()} /> : null}
      {q.data ? (
        <>
          {rowsTable('Site', q.data.bySite.map((s) => ({ ...s, key: s.siteId, name: s.siteName, query: `siteId=${s.siteId}` })), drill)}
          {q.data.byOwner ? (q.data.byOwner.length ? (
            <>
              <Text fw={600} mt="md" mb={4}>By owner</Text>
              {rowsTable('Owner', q.data.byOwner.map((o) => ({ ...o, key: o.userId ?? 'none', name: o.name, query: `ownerId=${o.userId ?? 'none'}${siteId ? `&siteId=${siteId}` : ''}` })), drill)}
            </>
          ) : <Text size="sm" mt="sm">No owner has an overdue review.</Text>) : null}
        </>
      ) : null}
    </Section>
  );
}
