/** Pupil list: debounced search, site and year-group filters, a table on wide screens and cards on phones. */
import { useEffect, useState } from 'react';
import { Group, NativeSelect, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useNavigate, useRouter, useSearch } from '@tanstack/react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { Pager } from '../../components/Pager';
import { RequirePermission } from '../../components/RequirePermission';
import { YEAR_GROUPS, yearGroupLabel } from '../../lib/format';
import { useCan, useMe } from '../../lib/usePolicy';
import { PUPIL_PAGE_SIZE, usePupilList } from './pupils.api';
import { ExportButtons } from '../../components/ExportButtons';
import { ButtonLink } from '../../components/links';
import { PupilResults } from './PupilResults';
import type { PupilSearch } from './pupilSearch';

export function PupilListPage() {
  return (
    <RequirePermission permission={['pupil.read', 'people.manage']} what="pupil records">
      <PupilList />
    </RequirePermission>
  );
}

function PupilList() {
  const me = useMe();
  // whole-list downloads are for roles that manage the data (the server refuses others)
  const canExport = useCan('pupil.export');
  const keepsRecords = useCan('people.manage');
  const search = useSearch({ from: '/pupils' });
  const navigate = useNavigate({ from: '/pupils' });
  const router = useRouter();
  const [text, setText] = useState(search.search ?? '');
  const [debounced] = useDebouncedValue(text.trim(), 300);
  const list = usePupilList(search);

  const setSearch = (patch: Partial<PupilSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, page: undefined, ...patch }), replace: true });

  useEffect(() => {
    // A member of staff who types and at once opens a pupil has left the list: the search typed just before must not
    // pull them back to it while the pupil's page is still loading.
    if (router.state.location.pathname !== '/pupils') return;
    if ((debounced || undefined) !== search.search) setSearch({ search: debounced || undefined });
    // Only the debounced text drives navigation; the URL is the source of truth for everything else.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const multiSite = me.sites.length > 1;

  return (
    <Page title="Pupils" description="Search by name, preferred name or UPN."
      actions={keepsRecords ? <ButtonLink to="/pupils/new">Add pupil</ButtonLink> : undefined}>
      <Group align="flex-end" gap="md" wrap="wrap" component="search" aria-label="Filter pupils">
        <TextInput
          label="Search pupils"
          type="search"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          style={{ flex: '1 1 16rem' }}
          autoComplete="off"
        />
        {multiSite ? (
          <NativeSelect
            label="Site"
            value={search.siteId ?? ''}
            onChange={(e) => setSearch({ siteId: e.currentTarget.value || undefined })}
            data={[{ value: '', label: 'All sites' }, ...me.sites.map((s) => ({ value: s.id, label: s.name }))]}
            style={{ flex: '1 1 12rem' }}
          />
        ) : null}
        <NativeSelect
          label="Year group"
          value={search.yearGroup === undefined ? '' : String(search.yearGroup)}
          onChange={(e) => setSearch({ yearGroup: e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value) })}
          data={[{ value: '', label: 'All year groups' }, ...YEAR_GROUPS.map((y) => ({ value: String(y), label: yearGroupLabel(y) }))]}
          style={{ flex: '1 1 10rem' }}
        />
        {keepsRecords ? (
          <NativeSelect
            label="Show"
            value={search.status ?? ''}
            onChange={(e) => setSearch({ status: (e.currentTarget.value || undefined) as PupilSearch['status'] })}
            data={[{ value: '', label: 'Pupils on roll' }, { value: 'left', label: 'Leavers' }, { value: 'all', label: 'On roll and leavers' }]}
            style={{ flex: '1 1 10rem' }}
          />
        ) : null}
      </Group>
      {canExport ? <ExportButtons path="/pupils" what="this pupil list" query={{ search: search.search, siteId: search.siteId, yearGroup: search.yearGroup }} /> : null}
      {list.isError ? <ErrorAlert error={list.error} title="Could not load pupils" onRetry={() => void list.refetch()} /> : null}
      {list.isPending ? <Loading label="Loading pupils…" /> : null}
      {list.data ? (
        <>
          <PupilResults items={list.data.items} showSite={multiSite} busy={list.isFetching} />
          <Pager
            label="Pupil list pages"
            page={list.data.page}
            pageSize={list.data.pageSize || PUPIL_PAGE_SIZE}
            total={list.data.total}
            onPage={(page) => void navigate({ search: (prev) => ({ ...prev, page }) })}
          />
        </>
      ) : null}
    </Page>
  );
}
