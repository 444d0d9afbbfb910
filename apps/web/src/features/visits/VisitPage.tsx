/**
 * One visit (TRP-1 … TRP-4): the plan and itinerary, who is going, what Haven knows about each pupil (plan key points,
 * approved holds and whether a trained adult is going, risk assessment, medical flag, consent), the risk assessment,
 * approval steps, the departure checklist and the actions the caller may take.
 */
import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { getRouteApi } from '@tanstack/react-router';
import { VISIT_STATUS_LABELS, type TVisit } from '@haven/contracts';
import { AnchorLink } from '../../components/links';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { UkDateInput } from '../../components/UkDateInput';
import { isApiError } from '../../lib/api';
import { formatDate, formatDateTime, plural } from '../../lib/format';
import { daySheetPdfUrl, useVisit, useVisitAction, useVisitSettings } from './visits.api';
import { Checklist, PeoplePicker, RiskEditor, StaffConsentForm } from './VisitParts';

const route = getRouteApi('/visits/$visitId');
const STEP: Record<string, string> = { submit: 'Submitted', standing: 'Standing approval', evc: 'EVC', head: 'Head', la: 'LA adviser', depart: 'Departed', return_home: 'Back', cancel: 'Cancelled' };

export function VisitPage() {
  return <RequirePermission permission="visit.read" what="off-site visits"><One /></RequirePermission>;
}

function One() {
  const { visitId } = route.useParams();
  const visit = useVisit(visitId);
  if (visit.isPending) return <Loading label="Loading the visit…" />;
  if (visit.isError) return <ErrorAlert error={visit.error} onRetry={() => void visit.refetch()} />;
  return <VisitView visit={visit.data} />;
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return <Card withBorder padding="sm" component="section" aria-label={title}><Title order={2} size="h4" mb="xs">{title}</Title>{children}</Card>;
}

function VisitView({ visit: v }: { visit: TVisit }) {
  const action = useVisitAction(v);
  const settings = useVisitSettings();
  const can = (a: string) => v.allowed.includes(a);
  const [comment, setComment] = useState('');
  const [adviser, setAdviser] = useState('');
  const plan = (over: Record<string, unknown>) => action.mutate({ path: '', method: 'put', body: {
    purpose: v.purpose, venue: v.venue, startDate: v.startDate, departTime: v.departTime, endDate: v.endDate, returnTime: v.returnTime, itinerary: v.itinerary,
    transport: v.transport, categoryId: v.category.id, leaderStaffId: v.leaderStaffId, ratioPupilsPerAdult: v.ratioPupilsPerAdult, ...over } });
  const people = (pupilIds: string[], staffIds: string[]) => action.mutate({ path: 'participants', method: 'put', body: { pupilIds, staffIds } });
  const blocked = isApiError(action.error) && action.error.status === 409 && action.error.fields.length ? action.error : null;
  return (
    <Page title={v.purpose} description={`${v.venue} · ${formatDate(v.startDate)} ${v.departTime} to ${formatDate(v.endDate)} ${v.returnTime}`}
      actions={<Badge size="lg" variant="light">{VISIT_STATUS_LABELS[v.status]}</Badge>}>
      <Group gap="sm" wrap="wrap">
        <AnchorLink to="/visits/$visitId/day-sheet" params={{ visitId: v.id }}>Day sheet</AnchorLink>
        <Anchor href={daySheetPdfUrl(v.id)} target="_blank">Day sheet (PDF)</Anchor>
        <AnchorLink to="/visits">All visits</AnchorLink>
      </Group>
      {action.error && !blocked && !(isApiError(action.error) && action.error.status === 400) ? <ErrorAlert error={action.error} /> : null}
      {blocked ? <ErrorAlert error={blocked} title="The visit cannot leave yet" /> : null}
      <Checklist visit={v} />
      <Group gap="xs" wrap="wrap">
        {can('submit') ? <Button onClick={() => action.mutate({ path: 'submit' })}>Submit for approval</Button> : null}
        {can('confirm_risk') && !v.riskConfirmed ? <Button variant="light" onClick={() => action.mutate({ path: 'confirm-risk' })}>Confirm the risk assessment is complete</Button> : null}
        {can('depart') ? <Button onClick={() => action.mutate({ path: 'depart' })}>Mark departed</Button> : null}
        {can('return_home') ? <Button onClick={() => action.mutate({ path: 'return-home' })}>Mark the group back</Button> : null}
        {can('cancel') ? <Button variant="subtle" color="red" onClick={() => action.mutate({ path: 'cancel' })}>Cancel the visit</Button> : null}
      </Group>
      {can('approve') ? (
        <Section title="Approval">
          <Stack gap="xs">
            {v.status === 'awaiting_la' ? <TextInput label="LA adviser who approved" value={adviser} onChange={(e) => setAdviser(e.currentTarget.value)} error={isApiError(action.error) ? action.error.fieldMessage('adviserName') : undefined} /> : null}
            <Textarea label="Comment (the reasons, when you return it)" value={comment} onChange={(e) => setComment(e.currentTarget.value)} autosize error={isApiError(action.error) ? action.error.fieldMessage('comment') : undefined} />
            <Group gap="xs">
              <Button onClick={() => action.mutate({ path: 'approve', body: { comment, ...(adviser ? { adviserName: adviser } : {}) } })}>Approve</Button>
              <Button variant="default" onClick={() => action.mutate({ path: 'return', body: { comment } })}>Return with reasons</Button>
            </Group>
          </Stack>
        </Section>
      ) : null}
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Section title="Plan">
          <Stack gap={4}>
            <Text size="sm">Category: {v.category.code}: {v.category.name}{v.standingApproval ? ` · approved under the standing approval “${v.standingApproval.description}” (until ${formatDate(v.standingApproval.expiresOn)})` : ''}</Text>
            <Text size="sm">Transport: {v.transport || 'not given'}</Text>
            <Text size="sm">Leader: {v.leaderName ?? 'not named'}</Text>
            <Text size="sm">Ratio: one adult to every {plural(v.ratioPupilsPerAdult, 'pupil')} · {plural(v.ratio.adults, 'adult')} for {plural(v.ratio.pupils, 'pupil')} ({v.ratio.adultsRequired} needed){v.ratio.met ? '' : ' — not enough adults'}</Text>
            {can('edit') && v.staff.length ? (
              <Group gap={4} wrap="wrap">{v.staff.filter((s) => !s.leader).map((s) => <Button key={s.id} size="xs" variant="light" onClick={() => plan({ leaderStaffId: s.id })}>Make {s.name} the leader</Button>)}</Group>
            ) : null}
          </Stack>
        </Section>
        <Section title="Itinerary">
          {v.itinerary.length ? (
            <Stack gap={4} component="ol" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Itinerary">
              {v.itinerary.map((s, n) => (
                <Group key={n} component="li" gap="xs" justify="space-between" wrap="nowrap">
                  <Text size="sm" className="break-anywhere">{formatDate(s.date)} {s.time} · {s.place}{s.notes ? ` (${s.notes})` : ''}</Text>
                  {can('edit') ? (
                    <Button size="compact-xs" variant="default" style={{ flexShrink: 0 }} loading={action.isPending} aria-label={`Remove the stop at ${s.place}, ${formatDate(s.date)} ${s.time}`}
                      onClick={() => plan({ itinerary: v.itinerary.filter((_, i) => i !== n) })}>Remove</Button>
                  ) : null}
                </Group>
              ))}
            </Stack>
          ) : <Text size="sm" c="dimmed">No stops yet.</Text>}
          {can('edit') ? <AddStop visit={v} onAdd={(stop) => plan({ itinerary: [...v.itinerary, stop] })} error={isApiError(action.error) ? action.error.fieldMessage('itinerary') : undefined} /> : null}
        </Section>
      </SimpleGrid>
      <Section title="Pupils">
        <Stack gap="xs" component="ul" p={0} m={0} aria-label="Pupils going">
          {v.pupils.map((p) => (
            <Card key={p.id} withBorder padding="xs" component="li" style={{ listStyle: 'none' }} data-pupil={p.displayName}>
              <Group justify="space-between" wrap="wrap" gap={4}>
                <Text fw={600} className="break-anywhere">{p.displayName}</Text>
                <Group gap={4}>
                  {p.medicalFlag ? <Badge color="orange" variant="light">Medical</Badge> : null}
                  {p.needsTrainedAdult ? <Badge color="red">Needs a trained adult</Badge> : null}
                  <Badge color={p.consent?.decision === 'given' ? 'green' : p.consent ? 'red' : 'gray'} variant="light">
                    {p.consent ? (p.consent.decision === 'given' ? 'Consent given' : 'Consent refused') : 'Awaiting consent'}
                  </Badge>
                </Group>
              </Group>
              {p.plan?.keyPoints.map((k) => <Text key={k} size="xs" className="break-anywhere">{k}</Text>)}
              {p.holds.map((h) => <Text key={h.techniqueCode} size="xs">Approved hold {h.techniqueLabel}: {h.coveredBy.length ? `certified on the visit: ${h.coveredBy.join(', ')}` : 'no one on the visit is certified'}</Text>)}
              {p.riskAssessment ? <Text size="xs" c="dimmed">Risk assessment: {p.riskAssessment.title}{p.riskAssessment.overallRating ? ` (${p.riskAssessment.overallRating.replace('_', ' ')})` : ''}</Text> : null}
              {p.consent ? <Text size="xs" c="dimmed">{p.consent.via === 'portal' ? 'Through the parent portal' : p.consent.how} · {p.consent.parentName} · recorded by {p.consent.recorded.name} on {formatDateTime(p.consent.recorded.at)}</Text> : null}
            </Card>
          ))}
        </Stack>
        {can('participants') ? (
          <SimpleGrid cols={{ base: 1, md: 2 }} mt="sm">
            <PeoplePicker label="Pupils" kind="pupils" siteId={v.siteId} chosen={v.pupils} onChange={(ids) => people(ids, v.staff.map((s) => s.id))} />
            <PeoplePicker label="Staff" kind="staff" siteId={v.siteId} chosen={v.staff.map((s) => ({ id: s.id, displayName: s.name }))} onChange={(ids) => people(v.pupils.map((p) => p.id), ids)} />
          </SimpleGrid>
        ) : (
          <Text size="sm" mt="xs">Staff: {v.staff.map((s) => s.name).join(', ') || 'none yet'}</Text>
        )}
      </Section>
      <Section title="Risk assessment">
        {v.adoptedAssessments.map((a) => (
          <Stack key={a.id} gap={2} mb="xs"><Text size="sm" fw={600}>{a.title}</Text>{a.hazards.map((h) => <Text key={h.id} size="xs" className="break-anywhere">{h.hazard}: {h.controls}</Text>)}</Stack>
        ))}
        {v.riskConfirmed ? <Text size="sm">Confirmed complete by {v.riskConfirmed.name} on {formatDateTime(v.riskConfirmed.at)}</Text> : null}
        {can('risk') ? <RiskEditor visit={v} settings={settings.data} action={action} /> : v.ownHazards.map((h) => <Text key={h.id} size="xs">{h.hazard}: {h.controls}</Text>)}
      </Section>
      {can('record_consent') && v.pupils.length ? <StaffConsentForm visit={v} action={action} /> : null}
      <Section title="Approval steps">
        {!v.steps.length ? <Text size="sm" c="dimmed">Not submitted yet.</Text> : null}
        {v.steps.map((s, n) => (
          <Text key={n} size="sm">{formatDateTime(s.at)} · {STEP[s.step] ?? s.step} · {s.decision} by {s.by}{s.adviserName ? ` (${s.adviserName})` : ''}{s.comment ? `: ${s.comment}` : ''}</Text>
        ))}
      </Section>
      {v.incidents.length || (can('link_incident') && v.incidentsToLink.length) ? (
        <Section title="Incidents on the visit">
          {v.incidents.map((i) => (
            <Group key={i.id} gap="xs" wrap="wrap">
              <AnchorLink to="/incidents/$incidentId" params={{ incidentId: i.id }}>{i.occurredAt ? formatDateTime(i.occurredAt) : 'Undated'} · {i.pupils.join(', ')}</AnchorLink>
              {can('link_incident') ? (
                <Button size="xs" variant="subtle" color="red" disabled={action.isPending} onClick={() => action.mutate({ path: 'incidents/unlink', body: { incidentId: i.id } })}>
                  Not on this visit<span className="visually-hidden-inline"> (the incident of {i.occurredAt ? formatDateTime(i.occurredAt) : 'no date'})</span>
                </Button>
              ) : null}
            </Group>
          ))}
          {can('link_incident') && v.incidentsToLink.length ? (
            <Stack gap={4} mt="xs">
              <Text size="sm" fw={600}>Recorded during the visit, not yet linked to it</Text>
              {v.incidentsToLink.map((i) => (
                <Group key={i.id} gap="xs" wrap="wrap">
                  <AnchorLink to="/incidents/$incidentId" params={{ incidentId: i.id }}>{i.occurredAt ? formatDateTime(i.occurredAt) : 'Undated'} · {i.pupils.join(', ')}</AnchorLink>
                  <Button size="xs" variant="default" disabled={action.isPending} onClick={() => action.mutate({ path: 'incidents', body: { incidentId: i.id } })}>
                    Link to this visit<span className="visually-hidden-inline">: {i.pupils.join(', ')}</span>
                  </Button>
                </Group>
              ))}
            </Stack>
          ) : null}
        </Section>
      ) : null}
      {can('evaluate') || v.evaluation ? <Evaluation visit={v} action={action} /> : null}
    </Page>
  );
}

function AddStop({ visit, onAdd, error }: { visit: TVisit; onAdd: (s: { date: string; time: string; place: string; notes: string }) => void; error?: string | undefined }) {
  const [date, setDate] = useState(visit.startDate);
  const [time, setTime] = useState('');
  const [place, setPlace] = useState('');
  return (
    <Stack gap={4} mt="xs">
      <Group grow wrap="wrap">
        <UkDateInput label="Day" value={date} onChange={(iso) => setDate(iso ?? '')} />
        <TextInput label="Time (HH:MM)" value={time} onChange={(e) => setTime(e.currentTarget.value)} />
      </Group>
      <TextInput label="Where" value={place} onChange={(e) => setPlace(e.currentTarget.value)} error={error} />
      <Group><Button size="xs" variant="light" disabled={!place.trim() || !time} onClick={() => { onAdd({ date, time, place, notes: '' }); setPlace(''); setTime(''); }}>Add the stop</Button></Group>
    </Stack>
  );
}

function Evaluation({ visit, action }: { visit: TVisit; action: ReturnType<typeof useVisitAction> }) {
  const [f, setF] = useState({ wentWell: visit.evaluation?.wentWell ?? '', toImprove: visit.evaluation?.toImprove ?? '', incidentsSummary: visit.evaluation?.incidentsSummary ?? '' });
  return (
    <Section title="Evaluation">
      {visit.evaluation ? <Text size="xs" c="dimmed">By {visit.evaluation.by} on {formatDateTime(visit.evaluation.at)}</Text> : null}
      <Stack gap="xs">
        <Textarea label="What went well" value={f.wentWell} onChange={(e) => setF({ ...f, wentWell: e.currentTarget.value })} readOnly={!visit.allowed.includes('evaluate')} autosize />
        <Textarea label="What to do differently" value={f.toImprove} onChange={(e) => setF({ ...f, toImprove: e.currentTarget.value })} readOnly={!visit.allowed.includes('evaluate')} autosize />
        <Textarea label="Incidents" value={f.incidentsSummary} onChange={(e) => setF({ ...f, incidentsSummary: e.currentTarget.value })} readOnly={!visit.allowed.includes('evaluate')} autosize />
        {visit.allowed.includes('evaluate') ? <Group><Button size="xs" onClick={() => action.mutate({ path: 'evaluation', method: 'put', body: f })}>Save the evaluation</Button></Group> : null}
      </Stack>
    </Section>
  );
}
