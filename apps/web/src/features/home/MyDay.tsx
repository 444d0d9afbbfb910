/**
 * "My day" on the home page: the one-tap actions, then a card for each thing the person must act on (the server
 * decides which cards a role gets). Every item and every card links to the page where it is done.
 */
import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { TMyDay, TMyDayCard, TMyDayItem } from '@haven/contracts';
import { AnchorLink, ButtonLink } from '../../components/links';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { formatDate } from '../../lib/format';
import { CARD_WORDS, countSentence } from './myDayCards';
import { useMyDay } from './myDay.api';

/** A link the server gave ('/review-queue?olderThanHours=48') as the router's path and search. */
function route(link: string): { to: string; search: Record<string, string> } {
  const [path, query] = link.split('?');
  return { to: path ?? '/', search: Object.fromEntries(new URLSearchParams(query ?? '')) };
}

function ServerLink({ link, children, fw }: { link: string; children: string; fw?: number }) {
  const r = route(link);
  return <AnchorLink to={r.to} search={r.search as never} fw={fw} className="break-anywhere">{children}</AnchorLink>;
}

const ACTIONS: Record<TMyDay['actions'][number], { label: string; to: string; variant: string }> = {
  quick_log: { label: 'Quick log', to: '/quick-log', variant: 'filled' },
  record_incident: { label: 'Record an incident', to: '/incidents/new', variant: 'filled' },
  raise_concern: { label: 'Raise a safeguarding concern', to: '/safeguarding/raise', variant: 'default' },
};

function when(item: TMyDayItem, today: string): string {
  const day = item.date ? (item.date === today ? 'Today' : formatDate(item.date)) : '';
  return [day, item.time].filter(Boolean).join(' at ');
}

function Item({ item, flag, today }: { item: TMyDayItem; flag: string; today: string }) {
  const at = when(item, today);
  return (
    <li>
      <Stack gap={0}>
        <Group gap={6} wrap="wrap">
          <ServerLink link={item.link} fw={600}>{item.title}</ServerLink>
          {item.flagged && flag ? <Badge size="sm" color="red.9" variant="filled">{flag}</Badge> : null}
        </Group>
        {item.detail ? <Text size="sm" className="break-anywhere">{item.detail}</Text> : null}
        {at ? <Text size="sm" c="dimmed">{at}</Text> : null}
      </Stack>
    </li>
  );
}

function DayCard({ card, today }: { card: TMyDayCard; today: string }) {
  const words = CARD_WORDS[card.key];
  const id = `my-day-${card.key}`;
  const counted = countSentence(card.key, card.total);
  const urgent = card.items.some((i) => i.flagged) || (card.key === 'calls' && card.total > 0);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id} data-card={card.key}
      style={urgent ? { borderColor: 'var(--mantine-color-red-7)', borderWidth: 2 } : undefined}>
      <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap" mb="xs">
        <Title order={2} size="h4" id={id}>{words.title}</Title>
        <Badge size="lg" variant={card.total > 0 ? 'filled' : 'light'} color={card.total > 0 ? 'blue.8' : 'gray'} aria-label={`${card.total} in all`}>{card.total}</Badge>
      </Group>
      {card.total === 0 ? <Text size="sm">{words.empty}</Text> : null}
      {counted ? <Text size="sm">{counted}</Text> : null}
      {card.items.length ? (
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
          {card.items.map((i) => <Item key={i.id} item={i} flag={words.flag} today={today} />)}
        </Stack>
      ) : null}
      {card.total > 0 || card.key === 'my_groups' ? (
        <Text size="sm" mt="sm">
          <ServerLink link={card.link}>{card.total > card.items.length ? `${words.more} (${card.total})` : words.more}</ServerLink>
        </Text>
      ) : null}
    </Card>
  );
}

export function MyDay() {
  const day = useMyDay();
  if (day.isPending) return <Loading label="Loading your day…" />;
  if (day.isError) return <ErrorAlert error={day.error} title="Could not load your day" onRetry={() => void day.refetch()} />;
  const { actions, cards, today } = day.data;
  return (
    <Stack gap="md">
      {actions.length ? (
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="sm" aria-label="Quick actions" component="nav">
          {actions.map((a) => (
            <ButtonLink key={a} to={ACTIONS[a].to} variant={ACTIONS[a].variant} size="md" h="auto" py="xs" styles={{ label: { whiteSpace: 'normal', textAlign: 'center' } }}>
              {ACTIONS[a].label}
            </ButtonLink>
          ))}
        </SimpleGrid>
      ) : null}
      {cards.length ? (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          {cards.map((c) => <DayCard key={c.key} card={c} today={today} />)}
        </SimpleGrid>
      ) : null}
    </Stack>
  );
}
