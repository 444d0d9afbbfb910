/** The landing page: a greeting, "my day" (what this person must act on today), their roles and sites. */
import { Anchor, Card, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { AnchorLink } from '../../components/links';
import { Page } from '../../components/Page';
import { compareText, greeting } from '../../lib/format';
import { roleLabel } from '../../lib/labels';
import { useMe } from '../../lib/usePolicy';
import { HomeTasks } from './HomeTasks';
import { MyDay } from './MyDay';

export function HomePage() {
  const me = useMe();
  const sorted = [...me.assignments].sort((a, b) => compareText(roleLabel(a.role), roleLabel(b.role)));

  return (
    <Page title={`${greeting()}, ${me.user.displayName}`} documentTitle="Home" description={me.trust.name}>
      <MyDay />
      <HomeTasks />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder padding="md" component="section" aria-labelledby="home-roles">
          <Title order={2} size="h4" id="home-roles" mb="xs">Your roles</Title>
          {sorted.length === 0 ? (
            <Text size="sm">You have no roles yet. Ask your trust administrator to give you one.</Text>
          ) : (
            <List spacing={4} size="sm">
              {sorted.map((a) => (
                <List.Item key={a.id}>
                  <Text span fw={600} size="sm">{roleLabel(a.role)}</Text>
                  <Text span size="sm"> — {a.siteId === null ? 'whole trust' : (a.siteName ?? 'one site')}</Text>
                </List.Item>
              ))}
            </List>
          )}
        </Card>
        <Card withBorder padding="md" component="section" aria-labelledby="home-sites">
          <Title order={2} size="h4" id="home-sites" mb="xs">Your sites</Title>
          {me.sites.length === 0 ? (
            <Text size="sm">You are not linked to a site.</Text>
          ) : (
            <List spacing={4} size="sm">
              {me.sites.map((s) => (
                <List.Item key={s.id}>{s.name}{s.shortName && s.shortName !== s.name ? ` (${s.shortName})` : ''}</List.Item>
              ))}
            </List>
          )}
          <Text size="sm" mt="sm" c="dimmed">
            Signed in as {me.user.email}. {me.user.totpEnabled ? 'Two-factor sign-in is on.' : 'Two-factor sign-in is off.'}
          </Text>
        </Card>
      </SimpleGrid>
      {/* only for those who connect other systems: never a parent's, a governor's or a teacher's concern */}
      {me.permissions.includes('user.manage') || me.permissions.includes('site.manage') ? (
        <Stack gap={4}>
          <Text size="sm">
            Connecting another system? Create an <AnchorLink to="/api-tokens">API token</AnchorLink> and read the{' '}
            <Anchor href="/api/docs" target="_blank" rel="noopener">API documentation (opens in a new tab)</Anchor>.
          </Text>
        </Stack>
      ) : null}
    </Page>
  );
}
