/**
 * The parent portal (PAR-1, LAW-12), phone-first: a switcher between the parent's children, what waits for their
 * acknowledgement, and each child's records as the trust lets parents see them — points and positive notes,
 * incidents once signed off, detentions and isolation, suspensions with their letters, meetings, shareable plans,
 * copies of records of physical intervention, and the messages and letters sent to them.
 */
import type { ReactNode } from 'react';
import { Accordion, Anchor, Badge, Button, Card, Group, List, SegmentedControl, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import type { TPortalAckItem, TPortalChild, TPortalLetterRef, TPortalRecord } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ButtonLink } from '../../components/links';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { formatDate, formatInstantDate, yearGroupLabel } from '../../lib/format';
import { letterFileUrl, useChildRecord, usePortalHome, usePortalMutations } from './parent.api';
import './parent-styles';

export function ParentPortalPage() {
  return (
    <RequirePermission permission="parent.children.read" what="the parent portal">
      <Portal />
    </RequirePermission>
  );
}

function Portal() {
  const home = usePortalHome();
  const search = useSearch({ from: '/parent' });
  const navigate = useNavigate();
  const kids = home.data?.children ?? [];
  const current = kids.find((c) => c.id === search.child) ?? kids[0] ?? null;
  const choose = (id: string) => void navigate({ to: '/parent', search: { child: id }, replace: true });
  return (
    <Page title="Your children" description="What the school shares with you about your children.">
      {home.isPending ? <Loading /> : null}
      {home.isError ? <ErrorAlert error={home.error} onRetry={() => void home.refetch()} /> : null}
      {home.data && kids.length === 0 ? <Text>No children are linked to your account yet. If this is wrong, contact your child's school office.</Text> : null}
      {kids.length > 1 ? (
        <SegmentedControl fullWidth aria-label="Choose a child" value={current?.id ?? ''} onChange={choose}
          data={kids.map((c) => ({ value: c.id, label: c.toAcknowledge ? `${c.firstName} (${c.toAcknowledge})` : c.firstName }))} />
      ) : null}
      {home.data && home.data.needsAcknowledgement.length ? <NeedsAcknowledgement items={home.data.needsAcknowledgement} /> : null}
      {current ? <ChildRecord key={current.id} child={current} /> : null}
    </Page>
  );
}

function NeedsAcknowledgement({ items }: { items: TPortalAckItem[] }) {
  const m = usePortalMutations();
  return (
    <Card withBorder padding="md" bg="yellow.0" component="section" aria-labelledby="needs-ack">
      <Title order={2} size="h4" id="needs-ack" mb="xs">Needs your acknowledgement</Title>
      <Stack gap="sm">
        {items.map((i) => (
          <div key={`${i.kind}:${i.id}`}>
            <Text fw={600}>{i.title} · {i.pupilName}</Text>
            {i.since ? <Text size="sm">Shared with you on {formatInstantDate(i.since)}</Text> : null}
            <Group gap="xs" mt={4}>
              {i.kind === 'plan' ? (
                <ButtonLink size="sm" to="/parent/children/$pupilId/plans/$planId" params={{ pupilId: i.pupilId, planId: i.id }}>Read and acknowledge</ButtonLink>
              ) : (
                <>
                  <Button size="sm" variant="default" component="a" href={letterFileUrl(i.id)} target="_blank" rel="noopener">Open the record (PDF)</Button>
                  <Button size="sm" loading={m.acknowledgeCopy.isPending && m.acknowledgeCopy.variables === i.id} onClick={() => m.acknowledgeCopy.mutate(i.id)}>I have received it</Button>
                </>
              )}
            </Group>
          </div>
        ))}
        {m.acknowledgeCopy.error ? <ErrorAlert error={m.acknowledgeCopy.error} /> : null}
      </Stack>
    </Card>
  );
}

function ChildRecord({ child }: { child: TPortalChild }) {
  const rec = useChildRecord(child.id);
  return (
    <Stack gap="md">
      <div>
        <Title order={2} size="h3" className="break-anywhere">{child.displayName}</Title>
        <Text size="sm">{yearGroupLabel(child.yearGroup)}{child.formName ? ` · Form ${child.formName}` : ''} · {child.siteName}</Text>
      </div>
      {rec.isPending ? <Loading /> : null}
      {rec.isError ? <ErrorAlert error={rec.error} onRetry={() => void rec.refetch()} /> : null}
      {rec.data ? <Record r={rec.data} /> : null}
    </Stack>
  );
}

function Section({ value, title, count, children }: { value: string; title: string; count: number; children: ReactNode }) {
  return (
    <Accordion.Item value={value}>
      <Accordion.Control><Group gap="xs" wrap="nowrap"><Text fw={600}>{title}</Text><Badge variant="light" color={count ? 'blue' : 'gray'}>{count}</Badge></Group></Accordion.Control>
      <Accordion.Panel>{count ? children : <Text c="dimmed" size="sm">Nothing to show.</Text>}</Accordion.Panel>
    </Accordion.Item>
  );
}

const STATUS: Record<string, string> = { assigned: 'To attend', attended: 'Attended', missed: 'Missed', excused: 'Excused', cancelled: 'Cancelled', issued: 'In force',
  scheduled: 'Arranged', held: 'Held', sent: 'Sent', pending: 'Sending', to_send_by_hand: 'Sent by post or by hand', failed: 'Not delivered' };
const ROLE: Record<string, string> = { involved: 'Involved', instigator: 'Started it', affected: 'Affected', witness: 'Saw it' };
const SESSION: Record<string, string> = { am: 'Morning', pm: 'Afternoon', day: 'All day', times: 'Set times' };

function LetterLine({ l }: { l: TPortalLetterRef }) {
  return (
    <List.Item>
      <Text size="sm" fw={500} className="break-anywhere">{l.subject}</Text>
      <Text size="sm" c="dimmed">{formatInstantDate(l.sentAt ?? l.createdAt)} · {l.channel === 'email' ? 'Email' : 'Letter'} · {STATUS[l.status] ?? l.status}</Text>
      {l.hasFile ? <Anchor size="sm" href={letterFileUrl(l.id)} target="_blank" rel="noopener">Open the letter (PDF)</Anchor> : null}
    </List.Item>
  );
}

function Record({ r }: { r: TPortalRecord }) {
  const m = usePortalMutations();
  return (
    <Stack gap="md">
      <SimpleGrid cols={3} spacing="xs">
        <Stat label="Positive points" value={r.points.positive} />
        <Stat label="Other points" value={r.points.negative} />
        <Stat label="Total" value={r.points.total} />
      </SimpleGrid>
      <Text size="xs" c="dimmed">Points since {formatDate(r.points.since)}.</Text>
      <Accordion multiple variant="separated" defaultValue={['incidents', 'copies', 'plans']}>
        <Section value="notes" title="Positive notes" count={r.positiveNotes.length}>
          {r.positiveNotes.length > 20 ? <Text size="xs" c="dimmed" mb="xs">The 20 most recent.</Text> : null}
          <List spacing="xs" listStyleType="none">
            {r.positiveNotes.slice(0, 20).map((n) => (
              <List.Item key={n.id}>
                <Text size="sm" fw={500}>{n.category} (+{n.points}) · {formatDate(n.occurredOn)}</Text>
                {n.note ? <Text size="sm" className="break-anywhere">{n.note}</Text> : null}
                {n.recordedBy ? <Text size="xs" c="dimmed">From {n.recordedBy}</Text> : null}
              </List.Item>
            ))}
          </List>
        </Section>
        <Section value="incidents" title="Incidents" count={r.incidents.length}>
          <Stack gap="sm">
            {r.incidents.map((i) => (
              <Card key={i.id} withBorder padding="sm">
                <Text size="sm" fw={600}>{i.categories.join(', ') || 'Incident'} · {formatDate(i.occurredOn)}</Text>
                <Text size="sm">{[i.location, ROLE[i.role] ?? i.role, i.physicalIntervention ? 'Physical intervention used' : null].filter(Boolean).join(' · ')}</Text>
                {i.actions.length ? <Text size="sm">What the school did: {i.actions.join(', ')}</Text> : null}
                {i.description ? <Text size="sm" className="break-anywhere" style={{ whiteSpace: 'pre-wrap' }}>{i.description}</Text> : null}
                {i.descriptionWithheld ? <Text size="xs" c="dimmed">The school's full account is not shown here. Contact the school to talk about it.</Text> : null}
                {i.staff?.length ? <Text size="xs" c="dimmed">Staff: {i.staff.join(', ')}</Text> : null}
              </Card>
            ))}
          </Stack>
        </Section>
        <Section value="copies" title="Records of physical intervention" count={r.restraintCopies.length}>
          <Stack gap="sm">
            {r.restraintCopies.map((c) => (
              <Card key={c.id} withBorder padding="sm">
                <Text size="sm" fw={600}>Record of physical intervention{c.occurredOn ? ` on ${formatDate(c.occurredOn)}` : ''}</Text>
                <Text size="sm">Sent to you on {formatInstantDate(c.sentAt ?? c.createdAt)}</Text>
                <Group gap="xs" mt={4}>
                  {c.hasFile ? <Button size="sm" variant="default" component="a" href={letterFileUrl(c.id)} target="_blank" rel="noopener">Open the record (PDF)</Button> : null}
                  {c.acknowledgedAt ? <Badge color="green" variant="light">Received {formatInstantDate(c.acknowledgedAt)}</Badge>
                    : <Button size="sm" loading={m.acknowledgeCopy.isPending} onClick={() => m.acknowledgeCopy.mutate(c.id)}>I have received it</Button>}
                </Group>
              </Card>
            ))}
            {m.acknowledgeCopy.error ? <ErrorAlert error={m.acknowledgeCopy.error} /> : null}
          </Stack>
        </Section>
        <Section value="plans" title="Behaviour support plans" count={r.plans.length}>
          <Stack gap="sm">
            {r.plans.map((p) => (
              <Group key={p.id} justify="space-between" wrap="wrap" gap="xs">
                <div>
                  <Text size="sm" fw={600}>Behaviour support plan</Text>
                  <Text size="sm">{p.reviewDate ? `To be reviewed by ${formatDate(p.reviewDate)}` : ''}</Text>
                  {p.acknowledgedAt ? <Badge color="green" variant="light">Acknowledged {formatInstantDate(p.acknowledgedAt)}</Badge> : null}
                </div>
                <ButtonLink size="sm" variant={p.acknowledgedAt ? 'default' : 'filled'} to="/parent/children/$pupilId/plans/$planId" params={{ pupilId: r.child.id, planId: p.id }}>
                  {p.acknowledgedAt ? 'Read the plan' : 'Read and acknowledge'}
                </ButtonLink>
              </Group>
            ))}
          </Stack>
        </Section>
        <Section value="sanctions" title="Detentions and isolation" count={r.detentions.length + r.isolations.length}>
          <List spacing="xs" listStyleType="none">
            {r.detentions.map((d) => (
              <List.Item key={d.id}>
                <Text size="sm" fw={500}>{d.type} · {formatDate(d.date)} {d.startTime}–{d.endTime}</Text>
                <Text size="sm">{d.room} · {STATUS[d.status] ?? d.status}{d.reason ? ` · ${d.reason}` : ''}</Text>
              </List.Item>
            ))}
            {r.isolations.map((i) => (
              <List.Item key={i.id}>
                <Text size="sm" fw={500}>Isolation · {formatDate(i.date)} ({SESSION[i.session] ?? i.session})</Text>
                <Text size="sm">{i.room} · {STATUS[i.status] ?? i.status}{i.reason ? ` · ${i.reason}` : ''}</Text>
              </List.Item>
            ))}
          </List>
        </Section>
        <Section value="suspensions" title="Suspensions" count={r.suspensions.length}>
          <Stack gap="sm">
            {r.suspensions.map((s) => (
              <Card key={s.id} withBorder padding="sm">
                <Text size="sm" fw={600}>{s.category} from {formatDate(s.startDate)}{s.sessions ? ` (${s.sessions} sessions)` : ''}</Text>
                <Text size="sm">{s.returnDate ? `Back to school on ${formatDate(s.returnDate)}` : ''}{s.status === 'cancelled' ? ' · Cancelled' : ''}</Text>
                {s.letters.length ? <List spacing={4} listStyleType="none" mt={4}>{s.letters.map((l) => <LetterLine key={l.id} l={l} />)}</List> : null}
              </Card>
            ))}
          </Stack>
        </Section>
        <Section value="meetings" title="Meetings" count={r.meetings.length}>
          <List spacing="xs" listStyleType="none">
            {r.meetings.map((mt) => (
              <List.Item key={mt.id}>
                <Text size="sm" fw={500}>{mt.type} · {formatDate(mt.date)}{mt.startTime ? ` at ${mt.startTime}` : ''}</Text>
                <Text size="sm">{[mt.place, STATUS[mt.status] ?? mt.status].filter(Boolean).join(' · ')}</Text>
              </List.Item>
            ))}
          </List>
        </Section>
        <Section value="letters" title="Messages and letters" count={r.letters.length}>
          <List spacing="xs" listStyleType="none">{r.letters.map((l) => <LetterLine key={l.id} l={l} />)}</List>
        </Section>
      </Accordion>
    </Stack>
  );
}

function Stat({ label, value }: { label: string; value: number }) {
  return (
    <Card withBorder padding="xs">
      <Text size="xs" c="dimmed">{label}</Text>
      <Text fw={700} size="xl">{value}</Text>
    </Card>
  );
}
