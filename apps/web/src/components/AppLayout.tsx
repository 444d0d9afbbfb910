/**
 * The signed-in frame: header with the burger (narrow screens), navigation showing only what the user's
 * permissions allow, and the main landmark that pages render into. It is laid out by Mantine's AppShell stylesheet
 * with the sizes set in styles.css (`.app-frame`), not by the AppShell component, which computed those sizes and
 * put them in the page as a <style> element on every render (a slow phone's first load paid for it).
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { AppShell, Burger, Group, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, useRouterState } from '@tanstack/react-router';
import { useMe } from '../lib/usePolicy';
import { AppNavigation } from './AppNavigation';
import { useWide } from './useWide';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { CallForHelpButton } from '../features/oncall/CallForHelpButton';
import { OnCallAlerts } from '../features/oncall/OnCallAlerts';
import { meQuery } from '../features/auth/auth.api';
import { unreadCountQuery } from '../features/notifications/notifications.api';
import { onCallRequestsQuery } from '../features/oncall/oncall.api';
import { queryClient } from '../lib/queryClient';

const shell = AppShell.classes;

/**
 * The frame's own first requests, the bell's count and (for staff who answer calls) the live calls, go out as soon as
 * /me has answered, beside the page's: asked for from the frame's first commit instead, their `fetch` calls lengthened
 * the longest task of a phone's first load. This module is loaded only for someone signed in (router.tsx).
 */
void queryClient.fetchQuery(meQuery).then((me) => {
  if (!me) return;
  void queryClient.prefetchQuery(unreadCountQuery);
  if (me.permissions.includes('oncall.request')) void queryClient.prefetchQuery(onCallRequestsQuery('active'));
}).catch(() => undefined);

export function AppLayout({ children }: { children: ReactNode }) {
  const me = useMe();
  const [opened, { toggle, close }] = useDisclosure(false);
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  useEffect(() => close(), [pathname, close]);
  // On a phone the navigation is off screen until the burger opens it: it is drawn then (and kept), not on every
  // page's first load, where its forty-odd links were a good share of the script time a slow phone spends.
  const wide = useWide();
  const navDrawn = useRef(false);
  if (wide || opened) navDrawn.current = true;

  return (
    <div className={`${shell.root} mantine-AppShell-root app-frame`} data-mode="fixed" data-nav-open={opened || undefined}>
      <a className="skip-link" href="#main">Skip to main content</a>
      {/* right-scroll-bar-position: a dialog that locks the page's scrolling keeps the header where it is */}
      <header className={`${shell.header} mantine-AppShell-header right-scroll-bar-position`} data-with-border>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Close navigation' : 'Open navigation'}
              aria-expanded={opened}
              aria-controls="app-navigation"
            />
            <UnstyledButton component={Link} to="/" fw={700} fz="lg" c="blue.9" aria-label="Haven home">
              Haven
            </UnstyledButton>
            <Text size="sm" c="dimmed" visibleFrom="xs" truncate="end">{me.trust.name}</Text>
          </Group>
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Text size="sm" truncate="end" style={{ minWidth: 0 }} visibleFrom="sm">
              {me.user.displayName}
            </Text>
            <CallForHelpButton />
            <NotificationBell />
          </Group>
        </Group>
      </header>
      {/* off screen on a phone until the burger opens it: inert then, so Tab does not walk through hidden links */}
      <nav className={`${shell.navbar} mantine-AppShell-navbar`} data-with-border id="app-navigation" aria-label="Main"
        inert={!wide && !opened}>
        {navDrawn.current ? <AppNavigation /> : null}
      </nav>
      <main className={`${shell.main} mantine-AppShell-main`} id="main" tabIndex={-1} style={{ outline: 'none' }}>
        <OnCallAlerts />
        {children}
      </main>
    </div>
  );
}
