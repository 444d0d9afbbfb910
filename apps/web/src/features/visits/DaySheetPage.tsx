/** The visit leader's day sheet on a phone (TRP-4): itinerary, staff, and each pupil with photo, key points, medical and the day's contact. */
import { Anchor, Avatar, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { AnchorLink } from '../../components/links';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { formatDate, initials, yearGroupLabel } from '../../lib/format';
import { daySheetPdfUrl, useDaySheet } from './visits.api';

const route = getRouteApi('/visits/$visitId/day-sheet');

export function DaySheetPage() {
  return <RequirePermission permission="visit.read" what="a visit's day sheet"><Sheet /></RequirePermission>;
}

function Sheet() {
  const { visitId } = route.useParams();
  const sheet = useDaySheet(visitId);
  if (sheet.isPending) return <Loading label="Loading the day sheet…" />;
  if (sheet.isError) return <ErrorAlert error={sheet.error} onRetry={() => void sheet.refetch()} />;
  const { visit: v, staff, pupils } = sheet.data;
  return (
    <Page title="Day sheet" documentTitle={`Day sheet: ${v.purpose}`} description={`${v.purpose} · ${v.venue}`}>
      <Group gap="sm"><AnchorLink to="/visits/$visitId" params={{ visitId: v.id }}>The visit</AnchorLink><Anchor href={daySheetPdfUrl(v.id)} target="_blank">Print (PDF)</Anchor></Group>
      <Text size="sm">Leaves {formatDate(v.startDate)} {v.departTime} · back {formatDate(v.endDate)} {v.returnTime} · {v.transport}</Text>
      <Text size="sm">Staff: {staff.map((s) => `${s.name}${s.leader ? ' (leader)' : ''}`).join(', ')}</Text>
      <Title order={2} size="h4">Itinerary</Title>
      <Stack gap={2} component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
        {v.itinerary.map((s, n) => <Text key={n} size="sm" component="li">{formatDate(s.date)} {s.time} · {s.place}</Text>)}
      </Stack>
      <Title order={2} size="h4">Pupils ({pupils.length})</Title>
      <Stack gap="xs" component="ul" p={0} m={0} aria-label="Pupils on the visit">
        {pupils.map((p) => (
          <Card key={p.id} withBorder padding="xs" component="li" style={{ listStyle: 'none' }}>
            <Group wrap="nowrap" align="flex-start" gap="sm">
              <Avatar src={p.photoUrl} size={56} radius="sm" alt={p.photoUrl ? `Photo of ${p.displayName}` : ''}>{initials(p.displayName)}</Avatar>
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Group gap={4}><Text fw={700} className="break-anywhere">{p.displayName}</Text><Text size="xs">{yearGroupLabel(p.yearGroup)}</Text></Group>
                {p.medicalFlag || p.consentMedical ? <Text size="sm"><Badge color="orange" variant="light" mr={4}>Medical</Badge>{[p.medicalNotes, p.consentMedical].filter(Boolean).join('. ')}</Text> : null}
                <Text size="sm">Call: {p.emergencyName || 'no contact given'} {p.emergencyPhone ? <Anchor href={`tel:${p.emergencyPhone.replace(/[^0-9+]/g, '')}`}>{p.emergencyPhone}</Anchor> : null}</Text>
                {p.keyPoints.map((k) => <Text key={k} size="xs" className="break-anywhere">{k}</Text>)}
                {p.approvedHolds.length ? <Text size="xs">Approved holds: {p.approvedHolds.join(', ')}{p.needsTrainedAdult ? ' — no trained adult on the visit' : ''}</Text> : null}
              </Stack>
            </Group>
          </Card>
        ))}
      </Stack>
    </Page>
  );
}
