/** What this user can do, as cards linking to each area; plus plain explanations for roles with nothing yet. */
import { Card, SimpleGrid, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { AnchorLink } from '../../components/links';
import { useMe } from '../../lib/usePolicy';

function TaskCard({ title, children, link }: { title: string; children: ReactNode; link?: ReactNode }) {
  return (
    <Card withBorder padding="md" component="li" style={{ listStyle: 'none' }}>
      <Title order={2} size="h4" mb={4}>{link ?? title}</Title>
      <Text size="sm">{children}</Text>
    </Card>
  );
}

export function HomeTasks() {
  const me = useMe();
  const has = (p: string) => me.permissions.includes(p);
  const admin = has('site.manage') || has('user.manage') || has('audit.read');
  const staffOrParent = has('pupil.read') || has('parent.children.read');

  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" component="ul" p={0} m={0} aria-label="What you can do">
      {has('pupil.read') ? (
        <TaskCard title="Pupils" link={<AnchorLink to="/pupils">Pupils</AnchorLink>}>
          Find a pupil and open their one-page profile: year, form, SEN, contacts and more.
        </TaskCard>
      ) : null}
      {has('parent.children.read') ? (
        <TaskCard title="My children" link={<AnchorLink to="/my-children">My children</AnchorLink>}>
          See your children at the trust's schools.
        </TaskCard>
      ) : null}
      {has('site.manage') ? (
        <TaskCard title="Sites" link={<AnchorLink to="/admin/sites">Sites</AnchorLink>}>
          Add the trust's schools and campuses and keep their DfE details up to date.
        </TaskCard>
      ) : null}
      {has('user.manage') ? (
        <TaskCard title="Users" link={<AnchorLink to="/admin/users">Users</AnchorLink>}>
          Create accounts, give people roles at sites, unlock accounts and reset two-factor sign-in.
        </TaskCard>
      ) : null}
      {has('audit.read') ? (
        <TaskCard title="Audit log" link={<AnchorLink to="/admin/audit">Audit log</AnchorLink>}>
          See who did what and when: every change and every read of a sensitive record.
        </TaskCard>
      ) : null}
      {has('reports.aggregate.read') && !staffOrParent && !admin ? (
        <TaskCard title="Reports">
          This is where you will find reports on behaviour across your schools: trends, comparisons between
          groups of pupils and termly governors' reports. They are aggregate and pseudonymised, so they never
          show a pupil's name. Reports appear here once your trust publishes them.
        </TaskCard>
      ) : null}
      {has('agency.shares.read') ? (
        <TaskCard title="Shared reports">
          When a school shares a report with you about a pupil you support, it will appear here for as long as
          the school allows. You will only ever see what has been shared with you.
        </TaskCard>
      ) : null}
      {!staffOrParent && !admin && !has('reports.aggregate.read') && !has('agency.shares.read') ? (
        <TaskCard title="Nothing to show yet">
          Your account has no roles that open an area of Haven yet. Ask your trust administrator to give you a role.
        </TaskCard>
      ) : null}
    </SimpleGrid>
  );
}
