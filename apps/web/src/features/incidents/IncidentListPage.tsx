/** Incidents: "My incidents" for everyone who records; leads (behaviour.read) also see the site's, with filters. */
import { Group, NativeSelect } from '@mantine/core';
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
import { INCIDENT_PAGE_SIZE, useIncidentList } from './incidents.api';
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
            onChange={(e) => setSearch({ siteId: e.currentTarget.value || undefined })} />
        ) : null}
      </Group>
      {canExport ? <ExportButtons path="/incidents" what="this incident list" query={{ siteId: search.siteId, status: search.status, mine: mine ? true : undefined }} /> : null}
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
