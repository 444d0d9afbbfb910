/** Areas for roles "my day" has no cards for (administrators, agency professionals), and a plain word for someone with no role yet. */
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
  // the roles "my day" has cards for (staff, leaders, governors, parents) find their work there
  const hasDay = has('behaviour.record') || has('pupil.read') || has('parent.children.read') || has('reports.aggregate.read');
  const cards = [
    has('site.manage') ? (
      <TaskCard key="sites" title="Sites" link={<AnchorLink to="/admin/sites">Sites</AnchorLink>}>
        Add the trust's schools and campuses and keep their DfE details up to date.
      </TaskCard>
    ) : null,
    has('user.manage') ? (
      <TaskCard key="users" title="Users" link={<AnchorLink to="/admin/users">Users</AnchorLink>}>
        Create accounts, give people roles at sites, unlock accounts and reset two-factor sign-in.
      </TaskCard>
    ) : null,
    has('audit.read') ? (
      <TaskCard key="audit" title="Audit log" link={<AnchorLink to="/admin/audit">Audit log</AnchorLink>}>
        See who did what and when: every change and every read of a sensitive record.
      </TaskCard>
    ) : null,
    has('agency.shares.read') ? (
      <TaskCard key="shared" title="Shared reports" link={<AnchorLink to="/shared-with-me">Shared with me</AnchorLink>}>
        When a school shares a report with you about a pupil you support, it will appear here for as long as
        the school allows. You will only ever see what has been shared with you.
      </TaskCard>
    ) : null,
    !hasDay && !admin && !has('agency.shares.read') ? (
      <TaskCard key="nothing" title="Nothing to show yet">
        Your account has no roles that open an area of Haven yet. Ask your trust administrator to give you a role.
      </TaskCard>
    ) : null,
  ].filter(Boolean);
  if (!cards.length) return null;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" component="ul" p={0} m={0} aria-label="What you can do">
      {cards}
    </SimpleGrid>
  );
}
