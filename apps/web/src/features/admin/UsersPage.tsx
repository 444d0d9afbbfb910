/** Users of the trust (user.manage): search and filter, add a user, and manage one in a dialog. */
import { useEffect, useState } from 'react';
import { Alert, Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { Pager } from '../../components/Pager';
import { RequirePermission } from '../../components/RequirePermission';
import { ROLE_OPTIONS } from '../../lib/labels';
import type { TRole, TUser } from '../../lib/types';
import { USER_PAGE_SIZE, useUsers } from './admin.api';
import { UserCreateForm } from './UserCreateForm';
import { UserEditor } from './UserEditor';
import { UserResults } from './UserResults';
import type { UserSearch } from './userSearch';
import { useSiteOptions } from './useSiteOptions';

export function UsersPage() {
  return (
    <RequirePermission permission="user.manage" what="managing users">
      <Users />
    </RequirePermission>
  );
}

function Users() {
  const search = useSearch({ from: '/admin/users' });
  const navigate = useNavigate({ from: '/admin/users' });
  const [text, setText] = useState(search.search ?? '');
  const [debounced] = useDebouncedValue(text.trim(), 300);
  const [dialog, setDialog] = useState<TUser | 'new' | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const users = useUsers(search);
  const { options } = useSiteOptions();

  const setSearch = (patch: Partial<UserSearch>) =>
    void navigate({ search: (prev) => ({ ...prev, page: undefined, ...patch }), replace: true });
  useEffect(() => {
    if ((debounced || undefined) !== search.search) setSearch({ search: debounced || undefined });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  const reload = async (id: string) => (await users.refetch()).data?.items.find((u) => u.id === id);

  return (
    <Page title="Users" description="Everyone who can sign in to Haven in your trust, and their roles."
      actions={<Button onClick={() => { setSaved(null); setDialog('new'); }}>Add user</Button>}>
      {saved ? <Alert color="blue" variant="light" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setSaved(null)}>{saved}</Alert> : null}
      <Group align="flex-end" gap="md" wrap="wrap" component="search" aria-label="Filter users">
        <TextInput label="Search by name or email" type="search" value={text} autoComplete="off"
          onChange={(e) => setText(e.currentTarget.value)} style={{ flex: '1 1 16rem' }} />
        <NativeSelect label="Site" value={search.siteId ?? ''} style={{ flex: '1 1 12rem' }}
          data={[{ value: '', label: 'All sites' }, ...options]}
          onChange={(e) => setSearch({ siteId: e.currentTarget.value || undefined })} />
        <NativeSelect label="Role" value={search.role ?? ''} style={{ flex: '1 1 12rem' }}
          data={[{ value: '', label: 'All roles' }, ...ROLE_OPTIONS]}
          onChange={(e) => setSearch({ role: (e.currentTarget.value || undefined) as TRole | undefined })} />
      </Group>
      {users.isPending ? <Loading label="Loading users…" /> : null}
      {users.isError ? <ErrorAlert error={users.error} onRetry={() => void users.refetch()} /> : null}
      {users.data ? (
        <>
          <UserResults items={users.data.items} onManage={(u) => { setSaved(null); setDialog(u); }} busy={users.isFetching} />
          <Pager label="User list pages" page={users.data.page} pageSize={users.data.pageSize || USER_PAGE_SIZE}
            total={users.data.total} onPage={(page) => void navigate({ search: (prev) => ({ ...prev, page }) })} />
        </>
      ) : null}
      <AppModal opened={dialog !== null} onClose={() => setDialog(null)}
        title={dialog === 'new' ? 'Add a user' : dialog ? dialog.displayName : ''}>
        {dialog === 'new' ? (
          <UserCreateForm onDone={(message) => { setDialog(null); setSaved(message); }} />
        ) : dialog ? (
          <UserEditor key={dialog.id} initial={dialog} onReload={() => reload(dialog.id)} />
        ) : null}
      </AppModal>
    </Page>
  );
}
