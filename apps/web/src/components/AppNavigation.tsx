/** Navigation links, filtered by the signed-in user's permissions; account actions at the bottom. */
import { AppShell, Divider, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useSignOut } from '../features/auth/auth.api';
import { useMe } from '../lib/usePolicy';
import { RouterNavLink } from './links';
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
  const has = (p: string) => me.permissions.includes(p);
  const signOut = useSignOut();
  const admin = has('site.manage') || has('user.manage') || has('audit.read') || has('exclusion-reasons.manage') || has('people.manage') || has('exclusion-contacts.manage') || has('letter.template.manage');

  return (
    <>
      <AppShell.Section grow component={ScrollArea} type="auto">
        <Stack gap={2}>
          <RouterNavLink to="/" label="Home" activeOptions={{ exact: true }} />
          {has('pupil.read') || has('people.manage') ? <RouterNavLink to="/pupils" label="Pupils" /> : null}
          {has('behaviour.record') ? <RouterNavLink to="/quick-log" label="Quick log" /> : null}
          {has('behaviour.record') || has('behaviour.read') ? <RouterNavLink to="/incidents" label="Incidents" /> : null}
          {has('incident.review') ? <RouterNavLink to="/review-queue" label="Review queue" /> : null}
          {has('task.read') ? <RouterNavLink to="/tasks" label="Tasks" /> : null}
          {has('suspension.read') ? <RouterNavLink to="/suspensions" label="Suspensions" /> : null}
          {has('deadlines.read') ? <RouterNavLink to="/deadlines" label="Statutory deadlines" /> : null}
          {has('oncall.request') ? <RouterNavLink to="/on-call" label="On call" /> : null}
          {has('analytics.read') ? <RouterNavLink to="/analytics" label="Behaviour analysis" /> : null}
          {has('safeguarding.raise') ? <RouterNavLink to="/safeguarding/raise" label="Raise a safeguarding concern" /> : null}
          {has('safeguarding.read') ? <RouterNavLink to="/safeguarding" label="Safeguarding (DSL)" activeOptions={{ exact: true }} /> : null}
          {has('audit.safeguarding.read') && !has('audit.read') ? <RouterNavLink to="/admin/audit" label="Safeguarding audit trail" /> : null}
          {has('detention.assign') ? <RouterNavLink to="/detentions" label="Detentions" /> : null}
          {has('sanction.read') ? <RouterNavLink to="/isolation" label="Isolation" /> : null}
          {has('rewards.read') || has('rewards.manage') ? <RouterNavLink to="/rewards" label="Rewards" /> : null}
          {has('policy.manage') ? <RouterNavLink to="/policy" label="Behaviour policy" /> : null}
          {has('calendar.read') ? <RouterNavLink to="/calendar" label="School calendar" /> : null}
          {has('analytics.read') ? <RouterNavLink to="/analytics/exclusions" label="Exclusions" /> : null}
          {has('reports.aggregate.read') ? <RouterNavLink to="/reports/governors" label="Reports" /> : null}
          {has('parent.children.read') ? <RouterNavLink to="/my-children" label="My children" /> : null}
          {has('agency.shares.read') ? <RouterNavLink to="/shared-with-me" label="Shared with me" /> : null}
          {has('reports.aggregate.read') ? <RouterNavLink to="/reports" label="Reports" /> : null}
          {has('behaviour.read') && !has('reports.aggregate.read') ? <RouterNavLink to="/reports/definitions" label="How figures are counted" /> : null}
          {has('communication.read') ? <RouterNavLink to="/communications" label="Letters and messages" /> : null}
          <RouterNavLink to="/notifications" label="Notifications" />
          {admin ? (
            <>
              <SectionLabel>Administration</SectionLabel>
              {has('site.manage') ? <RouterNavLink to="/admin/sites" label="Sites" /> : null}
              {has('user.manage') ? <RouterNavLink to="/admin/users" label="Users" /> : null}
              {has('people.manage') ? <RouterNavLink to="/admin/groups" label="Forms and classes" /> : null}
              {has('people.manage') ? <RouterNavLink to="/admin/staff" label="Staff records" /> : null}
              {has('people.manage') ? <RouterNavLink to="/admin/import" label="Import from the MIS" /> : null}
              {has('exclusion-contacts.manage') ? <RouterNavLink to="/admin/exclusion-contacts" label="Exclusion contacts" /> : null}
              {has('letter.template.manage') ? <RouterNavLink to="/admin/letters" label="Letter templates" /> : null}
              {has('audit.read') ? <RouterNavLink to="/admin/audit" label="Audit log" /> : null}
              {has('exclusion-reasons.manage') ? <RouterNavLink to="/admin/exclusion-reasons" label="Exclusion reason codes" /> : null}
            </>
          ) : null}
        </Stack>
      </AppShell.Section>
      <AppShell.Section>
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
      </AppShell.Section>
    </>
  );
}
