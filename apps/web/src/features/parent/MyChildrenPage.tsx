/** A parent's own children (PAR-1). Only the children linked to this parent are ever returned. */
import { Avatar, Card, Group, SimpleGrid, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { api } from '../../lib/api';
import { initials, yearGroupLabel } from '../../lib/format';
import type { TParentChildren } from '../../lib/types';

export function MyChildrenPage() {
  return (
    <RequirePermission permission="parent.children.read" what="a parent's view of their children">
      <MyChildren />
    </RequirePermission>
  );
}

function MyChildren() {
  const children = useQuery({
    queryKey: ['parent', 'children'],
    queryFn: ({ signal }) => api.get<TParentChildren>('/parent/children', undefined, signal),
  });
  return (
    <Page title="My children" description="Your children at the trust's schools.">
      {children.isPending ? <Loading /> : null}
      {children.isError ? <ErrorAlert error={children.error} onRetry={() => void children.refetch()} /> : null}
      {children.data && children.data.items.length === 0 ? (
        <Text>No children are linked to your account yet. If this is wrong, contact your child's school office.</Text>
      ) : null}
      {children.data && children.data.items.length > 0 ? (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" component="ul" p={0} m={0} aria-label="Your children">
          {children.data.items.map((c) => (
            <Card key={c.id} withBorder padding="md" component="li" style={{ listStyle: 'none' }}>
              <Group gap="md" wrap="nowrap">
                <Avatar color="blue" variant="light" radius="xl" aria-hidden="true">{initials(c.displayName)}</Avatar>
                <div style={{ minWidth: 0 }}>
                  <Title order={2} size="h4" className="break-anywhere">{c.displayName}</Title>
                  <Text size="sm">{yearGroupLabel(c.yearGroup)}{c.formName ? ` · Form ${c.formName}` : ''}</Text>
                  <Text size="sm">{c.siteName}</Text>
                </div>
              </Group>
            </Card>
          ))}
        </SimpleGrid>
      ) : null}
    </Page>
  );
}
