/** One risk assessment: facts, hazards with their scores, the matrices, sign-off and activation, history and the PDF. */
import { useState } from 'react';
import { Anchor, Button, Card, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { RISK_AT_RISK_LABELS, type TRiskAssessment, type TRiskAssessmentList } from '@haven/contracts';
import { Facts } from '../../components/Facts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDate, formatDateTime } from '../../lib/format';
import { allows } from '../../lib/usePolicy';
import { riskAssessmentPdfUrl, useRiskAssessmentHistory, useRiskAssessmentMutations } from './riskAssessments.api';
import { RatingBadge, RiskMatrix } from './RiskMatrix';
import { RiskAssessmentEditor } from './RiskAssessmentEditor';
import { RatingText, STATUS_LABELS } from './RiskAssessmentsPage';

const ACTIONS: Record<string, string> = { create: 'Written', update: 'Changed', sign_off: 'Signed off', activate: 'Made active', supersede: 'Superseded', revise: 'Revision started' };

export function RiskAssessmentView({ assessment: a, plans, onOpen }: { assessment: TRiskAssessment; plans: TRiskAssessmentList['plans']; onOpen: (id: string) => void }) {
  const m = useRiskAssessmentMutations(a.pupil.id);
  const [editing, setEditing] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const history = useRiskAssessmentHistory(a.pupil.id, a.id, showHistory);
  const step = (mut: typeof m.signOff, then?: (id: string) => void) => mut.mutate({ id: a.id, version: a.version }, { onSuccess: (r) => then?.(r.id) });
  const busy = m.signOff.isPending || m.activate.isPending || m.revise.isPending;
  if (editing) return <RiskAssessmentEditor pupilId={a.pupil.id} plans={plans} existing={a} onDone={() => setEditing(false)} onCancel={() => setEditing(false)} />;
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Title order={2} fz="h3" className="break-anywhere">{a.title}</Title>
        <Facts items={[
          ['Status', `${STATUS_LABELS[a.status]} (version ${a.version})`],
          ['Overall rating', <RatingText key="r" rating={a.overallRating} />],
          ['Review by', `${formatDate(a.reviewDate)}${a.reviewDue ? ' — review due' : ''}`],
          ['Behaviour support plan', a.plan ? a.plan.label : 'Not linked'],
          ['Signed off', a.signedOff ? `${a.signedOff.name}, ${formatDateTime(a.signedOff.at)}` : 'Not yet'],
          ...(a.activated ? [['Made active', `${a.activated.name}, ${formatDateTime(a.activated.at)}`] as [string, string]] : []),
        ]} />
        {a.summary ? <Text style={{ whiteSpace: 'pre-wrap' }}>{a.summary}</Text> : null}
        <Title order={3} fz="h4">Hazards</Title>
        {a.hazards.length === 0 ? <Text c="dimmed">No hazards yet.</Text> : a.hazards.map((h, n) => (
          <Card key={h.id} withBorder padding="sm">
            <Stack gap={4}>
              <Text fw={700} className="break-anywhere">H{n + 1}. {h.hazard}</Text>
              <Text size="sm">At risk: {h.atRisk.map((p) => RISK_AT_RISK_LABELS[p]).join(', ')}</Text>
              <Group gap="xs"><Text size="sm">Before controls {h.likelihoodBefore} × {h.severityBefore}</Text><RatingBadge likelihood={h.likelihoodBefore} severity={h.severityBefore} /></Group>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}><b>Controls:</b> {h.controls}</Text>
              <Group gap="xs"><Text size="sm">After controls {h.likelihoodAfter} × {h.severityAfter}</Text><RatingBadge likelihood={h.likelihoodAfter} severity={h.severityAfter} /></Group>
            </Stack>
          </Card>
        ))}
        <RiskMatrix caption="Risk matrix after controls (H1… mark each hazard)" marks={a.hazards.map((h, n) => ({ label: `H${n + 1}`, likelihood: h.likelihoodAfter, severity: h.severityAfter }))} />
        <ErrorAlert error={m.signOff.error ?? m.activate.error ?? m.revise.error} title="Not done" />
        <Group gap="sm">
          {allows(a, 'edit') ? <Button variant="default" onClick={() => setEditing(true)}>Change the draft</Button> : null}
          {allows(a, 'sign_off') ? <Button onClick={() => step(m.signOff)} loading={m.signOff.isPending} disabled={busy}>Sign off</Button> : null}
          {allows(a, 'activate') ? <Button color="green" onClick={() => step(m.activate)} loading={m.activate.isPending} disabled={busy}>Make active</Button> : null}
          {allows(a, 'revise') ? <Button variant="default" onClick={() => step(m.revise, onOpen)} loading={m.revise.isPending} disabled={busy}>Start a revision</Button> : null}
          <Button component="a" variant="default" href={riskAssessmentPdfUrl(a.id)} target="_blank" rel="noopener">Open the PDF</Button>
          <Button variant="subtle" onClick={() => setShowHistory((s) => !s)} aria-expanded={showHistory}>{showHistory ? 'Hide the history' : 'Show the history'}</Button>
        </Group>
        {a.previousId ? <Anchor component="button" type="button" size="sm" onClick={() => onOpen(a.previousId!)} style={{ alignSelf: 'flex-start' }}>Open the version this revises</Anchor> : null}
        {showHistory ? (history.error ? <ErrorAlert error={history.error} /> : (
          <Table.ScrollContainer minWidth={320}>
            <Table verticalSpacing="xs" fz="sm">
              <Table.Thead><Table.Tr><Table.Th>Version</Table.Th><Table.Th>What</Table.Th><Table.Th>Changes</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {(history.data?.items ?? []).map((v) => (
                  <Table.Tr key={v.version}>
                    <Table.Td>{v.version}</Table.Td>
                    <Table.Td>{ACTIONS[v.action] ?? v.action}<Text size="xs" c="dimmed">{v.by}, {formatDateTime(v.at)}</Text></Table.Td>
                    <Table.Td>
                      <List size="sm" spacing={2}>
                        {v.changes.map((c) => <List.Item key={c.field} className="break-anywhere">{c.label}: {c.before ?? '—'} → {c.after ?? '—'}</List.Item>)}
                      </List>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )) : null}
      </Stack>
    </Card>
  );
}
