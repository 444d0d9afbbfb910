/** Navigation links grouped by task (navItems.ts), filtered by the signed-in user's permissions; account actions at the bottom. */
import { Fragment } from 'react';
import { AppShell, Divider, NavLink, Stack, Text } from '@mantine/core';
import { useRouterState } from '@tanstack/react-router';
import { useSignOut } from '../features/auth/auth.api';
import { useMe } from '../lib/usePolicy';
import { RouterNavLink } from './links';
import { activeLink, visibleNav } from './navItems';
import { unsyncedDraftCount } from '../features/incidents/draftStore';

/** Signing out clears drafts kept on this device; say so first if one has not reached the server yet. */
function confirmSignOut(): boolean {
  const n = unsyncedDraftCount();
  return n === 0 || window.confirm(`${n === 1 ? 'An incident draft' : `${n} incident drafts`} on this device ${n === 1 ? 'has' : 'have'} not reached the server yet (you may be offline). Signing out deletes ${n === 1 ? 'it' : 'them'} from this device. Sign out anyway?`);
}

function SectionLabel({ children }: { children: string }) {
  return (
    <Text size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" pt="sm" pb={4} component="h2">
      {children}
    </Text>
  );
}

export function AppNavigation() {
  const me = useMe();
  const signOut = useSignOut();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const groups = visibleNav(me.permissions);
  const current = activeLink(groups, pathname);

  return (
    <>
      {/* a plain scrolling section: Mantine's ScrollArea measured itself on every resize, a visible share of each page's first load */}
      <div className={`${AppShell.classes.section} nav-scroll`} data-grow>
        <Stack gap={2}>
          {groups.map((g) => (
            <Fragment key={g.label ?? ''}>
              {g.label ? <SectionLabel>{g.label}</SectionLabel> : null}
              {g.items.map((i) => (
                <RouterNavLink key={i.to} to={i.to} label={i.label} active={i === current}
                  activeOptions={{ exact: true }} aria-current={i === current ? 'page' : undefined} />
              ))}
            </Fragment>
          ))}
        </Stack>
      </div>
      <div className={AppShell.classes.section}>
        <Divider my="sm" />
        <SectionLabel>Account</SectionLabel>
        <Text size="sm" px="sm" pb={4} className="break-anywhere">{me.user.displayName}</Text>
        <Stack gap={2}>
          <RouterNavLink to="/api-tokens" label="API tokens" />
          <NavLink href="/api/docs" label="API documentation" target="_blank" rel="noopener" description="Opens in a new tab" />
          <NavLink component="button" label="Sign out" onClick={() => confirmSignOut() && signOut.mutate(false)} disabled={signOut.isPending} />
          <NavLink component="button" label="Sign out everywhere" description="Ends your sessions on every device"
            onClick={() => confirmSignOut() && signOut.mutate(true)} disabled={signOut.isPending} />
        </Stack>
      </div>
    </>
  );
}
