/**
 * The chronology section of the pupil profile (SUP-6): every kind of record the viewer may see in one timeline,
 * newest first, as far as the viewer may see them (the server filters). Prints as a plain list.
 */
import { useState } from 'react';
import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { CHRONOLOGY_KIND_LABELS, INCIDENT_STATUS_LABELS, type TChronologyItem, type TChronologyKind, type TChronologyRecord } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink } from '../../components/links';
import { Loading } from '../../components/Loading';
import { Pager } from '../../components/Pager';
import { formatDate, formatDateTime } from '../../lib/format';
import { useMe } from '../../lib/usePolicy';
import { CHRONOLOGY_PAGE_SIZE, useChronology, type ChronologyFilters as Filters } from './chronology.api';
import { ChronologyFilters } from './ChronologyFilters';
import './chronology-styles';

const ROLE_LABELS: Record<string, string> = { involved: 'Involved', instigator: 'Instigator', affected: 'Affected', witness: 'Witness' };
const points = (n: number) => (n === 0 ? null : `${n > 0 ? '+' : '−'}${Math.abs(n)} point${Math.abs(n) === 1 ? '' : 's'}`);

function EventEntry({ e }: { e: Extract<TChronologyItem, { kind: 'event' }> }) {
  const details = [points(e.points), e.periodLabel, e.locationLabel,
    `Logged by ${e.recordedBy.name}`].filter(Boolean).join(' · ');
  return (
    <li className="chron-item" data-tone={e.polarity} data-voided={e.voided}>
      <Group gap={6} wrap="wrap">
        <Text size="sm" c="dimmed" component="span">{formatDateTime(e.occurredAt)}</Text>
        <Badge size="sm" variant="default">
          {e.polarity === 'positive' ? 'Positive point' : e.polarity === 'negative' ? 'Negative point' : 'Observation'}
        </Badge>
        {e.voided ? <Badge size="sm" color="gray.8">Voided</Badge> : null}
      </Group>
      <Text fw={600} className="chron-title">{e.category.name}</Text>
      <Text size="sm">{details}</Text>
      {e.note ? <Text size="sm" className="chron-note">{e.note}</Text> : null}
      {e.voided && e.voidReason ? <Text size="sm" c="dimmed">Voided: {e.voidReason}</Text> : null}
    </li>
  );
}

function IncidentEntry({ i }: { i: Extract<TChronologyItem, { kind: 'incident' }> }) {
  const title = i.categories.length ? i.categories.map((c) => c.name).join(', ') : 'Incident';
  const details = [`Role: ${ROLE_LABELS[i.role] ?? i.role}`, i.severity !== null ? `Severity ${i.severity}` : null, `Recorded by ${i.recordedBy.name}`]
    .filter(Boolean).join(' · ');
  return (
    <li className="chron-item" data-tone="incident" data-voided={i.voided}>
      <Group gap={6} wrap="wrap">
        <Text size="sm" c="dimmed" component="span">{formatDateTime(i.occurredAt)}</Text>
        <Badge size="sm" variant="default">Incident</Badge>
        <Badge size="sm" variant="outline" color="dark">{INCIDENT_STATUS_LABELS[i.status]}</Badge>
        {i.physicalIntervention ? <Badge size="sm" color="red.9">Physical intervention</Badge> : null}
        {i.voided ? <Badge size="sm" color="gray.8">Voided</Badge> : null}
      </Group>
      <Text fw={600} className="chron-title">
        {i.allowed.includes('view') ? <AnchorLink to="/incidents/$incidentId" params={{ incidentId: i.id }}>{title}</AnchorLink> : title}
      </Text>
      <Text size="sm">{details}</Text>
      {i.voided && i.voidReason ? <Text size="sm" c="dimmed">Voided: {i.voidReason}</Text> : null}
    </li>
  );
}

const KIND_BADGE: Record<TChronologyRecord['kind'], string> = {
  detention: 'Detention', isolation: 'Isolation', suspension: 'Suspension', placement: 'Placement', contact: 'Parent contact', letter: 'Letter',
  plan: 'Plan', risk_assessment: 'Risk assessment', intervention: 'Intervention', meeting: 'Meeting', referral: 'Referral', visit: 'Visit',
};

function RecordEntry({ r }: { r: TChronologyRecord }) {
  const details = [r.status, r.recordedBy ? `Recorded by ${r.recordedBy.name}` : null].filter(Boolean).join(' · ');
  return (
    <li className="chron-item" data-tone={r.key ? 'incident' : 'neutral'}>
      <Group gap={6} wrap="wrap">
        <Text size="sm" c="dimmed" component="span">{formatDateTime(r.occurredAt)}</Text>
        <Badge size="sm" variant="default">{KIND_BADGE[r.kind]}</Badge>
        {r.key ? <Badge size="sm" color="red.9">Key event</Badge> : null}
      </Group>
      <Text fw={600} className="chron-title">{r.link ? <a href={r.link}>{r.title}</a> : r.title}</Text>
      {details ? <Text size="sm">{details}</Text> : null}
      {r.detail ? <Text size="sm" className="chron-note">{r.detail}</Text> : null}
    </li>
  );
}

export function PupilChronology(props: { pupilId: string; pupilName: string }) {
  const me = useMe();
  const may = me.permissions.includes('behaviour.record') || me.permissions.includes('behaviour.read');
  return may ? <Chronology {...props} /> : null;
}

function Chronology({ pupilId, pupilName }: { pupilId: string; pupilName: string }) {
  const [filters, setFilters] = useState<Filters>({ kinds: null, from: '', to: '', includeVoided: false, keyEvents: false, page: 1 });
  const chron = useChronology(pupilId, filters);
  const data = chron.data;
  const available: readonly TChronologyKind[] = data?.kindsAvailable ?? ['event', 'incident'];
  const shown = filters.keyEvents ? 'key events' : filters.kinds === null ? 'every record you may see'
    : filters.kinds.map((k) => CHRONOLOGY_KIND_LABELS[k].toLowerCase()).join(', ');
  const period = filters.from || filters.to ? ` from ${formatDate(filters.from) || 'the start'} to ${formatDate(filters.to) || 'today'}` : '';

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="pupil-chronology" className="chron-section">
      <Stack gap="sm">
        <Title order={2} size="h4" id="pupil-chronology">Chronology</Title>
        <Text className="chron-print-only">{pupilName}: {shown}{period}. Printed {formatDateTime(new Date().toISOString())}.</Text>
        {data?.visibility === 'own' ? (
          <Text size="sm" c="dimmed" className="chron-noprint">You see the points and incidents you recorded yourself, and the other records your role shows.</Text>
        ) : null}
        <ChronologyFilters pupilId={pupilId} value={filters} mayIncludeVoided={data?.mayIncludeVoided ?? false} kindsAvailable={available}
          onChange={(patch) => setFilters((f) => ({ ...f, ...patch }))} />
        {chron.isError ? <ErrorAlert error={chron.error} title="Could not load the chronology" onRetry={() => void chron.refetch()} /> : null}
        {chron.isLoading ? <Loading label="Loading chronology…" /> : null}
        {data && (filters.kinds === null || filters.kinds.length > 0) ? (
          data.items.length === 0 ? (
            <Text size="sm" role="status">Nothing recorded{period}.</Text>
          ) : (
            <>
              <ol className="chron-list" aria-label={`Chronology of ${pupilName}, newest first`} aria-busy={chron.isFetching}>
                {data.items.map((item) => (item.kind === 'event' ? <EventEntry key={item.id} e={item} />
                  : item.kind === 'incident' ? <IncidentEntry key={item.id} i={item} /> : <RecordEntry key={`${item.kind}-${item.id}`} r={item} />))}
              </ol>
              <div className="chron-noprint">
                <Pager label="Chronology pages" page={data.page} pageSize={data.pageSize || CHRONOLOGY_PAGE_SIZE} total={data.total}
                  onPage={(page) => setFilters((f) => ({ ...f, page }))} />
              </div>
            </>
          )
        ) : null}
      </Stack>
    </Card>
  );
}
