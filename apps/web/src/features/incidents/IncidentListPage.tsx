/**
 * Incidents: "My incidents" for everyone who records; leads (behaviour.read) also see the site's. Filters: pupil,
 * dates (dd/mm/yyyy), status, severity, physical intervention, category and site; the download carries them.
 */
import { useState } from 'react';
import { Button, Group, NativeSelect, Text } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ButtonLink } from '../../components/links';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { Pager } from '../../components/Pager';
import { ExportButtons } from '../../components/ExportButtons';
import { useCan, useMe } from '../../lib/usePolicy';
import { CanSeeIncidents, useHas } from './access';
import './incident-styles';
import { INCIDENT_PAGE_SIZE, incidentListQuery, useIncidentList } from './incidents.api';
import { UkDateInput } from '../../components/UkDateInput';
import { PupilChooser, type ChosenPupil } from '../safeguarding/PupilChooser';
import { TriageFilters } from './TriageFilters';
import type { IncidentListSearch } from './incidentSearch';
import { IncidentResults } from './IncidentResults';
import { STATUS_OPTIONS } from './labels';

export function IncidentListPage() {
  return <CanSeeIncidents><IncidentList /></CanSeeIncidents>;
}

function IncidentList() {
  const me = useMe();
  // whole-list downloads are for roles that manage the data (the server refuses others)
  const canExport = useCan('incident.export');
  const has = useHas();
  const search = useSearch({ from: '/incidents' });
  const navigate = useNavigate({ from: '/incidents' });
  const lead = has('behaviour.read');
  // People who only record see their own; leads choose, and start with everything at their sites.
  const mine = lead ? search.mine === true : true;
  const list = useIncidentList({ ...search, mine });
  const setSearch = (patch: Partial<IncidentListSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, page: undefined, ...patch }), replace: true });
  const multiSite = me.sites.length > 1;

  return (
    <Page title={mine ? 'My incidents' : 'Incidents'} description={mine ? 'Incidents you recorded, including drafts.' : 'Incidents at your sites.'}
      actions={has('behaviour.record') ? <ButtonLink to="/incidents/new">Record an incident</ButtonLink> : undefined}>
      <Group align="flex-end" gap="md" wrap="wrap" component="search" aria-label="Filter incidents">
        {lead ? (
          <NativeSelect label="Show" value={mine ? 'mine' : 'all'} style={{ flex: '1 1 12rem' }}
            data={[{ value: 'all', label: 'All incidents at my sites' }, { value: 'mine', label: 'Only incidents I recorded' }]}
            onChange={(e) => setSearch({ mine: e.currentTarget.value === 'mine' ? true : undefined })} />
        ) : null}
        <NativeSelect label="Status" value={search.status ?? ''} style={{ flex: '1 1 12rem' }}
          data={[{ value: '', label: 'Any status' }, ...STATUS_OPTIONS]}
          onChange={(e) => setSearch({ status: (e.currentTarget.value || undefined) as IncidentListSearch['status'] })} />
        {multiSite ? (
          <NativeSelect label="Site" value={search.siteId ?? ''} style={{ flex: '1 1 12rem' }}
            data={[{ value: '', label: 'All sites' }, ...me.sites.map((s) => ({ value: s.id, label: s.name }))]}
            onChange={(e) => setSearch({ siteId: e.currentTarget.value || undefined, category: undefined })} />
        ) : null}
        <TriageFilters value={search} siteId={search.siteId} onChange={setSearch} />
        <UkDateInput label="Happened from" value={search.from ?? ''} style={{ flex: '1 1 10rem' }} description=""
          onChange={(iso) => { if (iso !== null) setSearch({ from: iso || undefined }); }} />
        <UkDateInput label="Happened to" value={search.to ?? ''} style={{ flex: '1 1 10rem' }} description=""
          error={search.from && search.to && search.from > search.to ? 'Before the start date' : undefined}
          onChange={(iso) => { if (iso !== null) setSearch({ to: iso || undefined }); }} />
      </Group>
      <PupilFilter pupilId={search.pupilId} onChange={(pupilId) => setSearch({ pupilId })} />
      {canExport ? <ExportButtons path="/incidents" what="this incident list" query={incidentListQuery({ ...search, mine })} /> : null}
      {list.isError ? <ErrorAlert error={list.error} title="Could not load incidents" onRetry={() => void list.refetch()} /> : null}
      {list.isPending ? <Loading label="Loading incidents…" /> : null}
      {list.data ? (
        <>
          <IncidentResults items={list.data.items} showSite={multiSite} busy={list.isFetching} />
          <Pager label="Incident list pages" page={list.data.page} pageSize={list.data.pageSize || INCIDENT_PAGE_SIZE}
            total={list.data.total} onPage={(page) => void navigate({ search: (prev) => ({ ...prev, page }) })} />
        </>
      ) : null}
    </Page>
  );
}

/** One pupil's incidents: chosen by name here, or arriving from the pupil's profile with only their id. */
function PupilFilter({ pupilId, onChange }: { pupilId: string | undefined; onChange: (id: string | undefined) => void }) {
  const [chosen, setChosen] = useState<ChosenPupil[]>([]);
  const shown = chosen.filter((p) => p.id === pupilId);
  if (pupilId && shown.length === 0) {
    return (
      <Group gap="sm">
        <Text size="sm">Showing one pupil&rsquo;s incidents.</Text>
        <Button size="compact-sm" variant="default" onClick={() => onChange(undefined)}>Show every pupil</Button>
      </Group>
    );
  }
  return (
    <PupilChooser label="Pupil" max={1} chosen={shown}
      onChange={(next) => { setChosen(next); onChange(next[0]?.id); }} />
  );
}
