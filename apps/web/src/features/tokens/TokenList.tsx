/** The user's tokens with their dates; revoking asks for confirmation first. */
import { useState } from 'react';
import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { TOKEN_AREA_LABELS } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Facts } from '../../components/Facts';
import { formatDateTime } from '../../lib/format';
import type { TApiToken } from '../../lib/types';
import { useRevokeApiToken } from './tokens.api';

function status(t: TApiToken): { label: string; color: string; usable: boolean } {
  if (t.revokedAt) return { label: 'Revoked', color: 'gray', usable: false };
  if (t.expiresAt && new Date(t.expiresAt).getTime() <= Date.now()) return { label: 'Expired', color: 'gray', usable: false };
  return { label: 'Active', color: 'blue', usable: true };
}

export function TokenList({ items }: { items: TApiToken[] }) {
  const revoke = useRevokeApiToken();
  const [confirming, setConfirming] = useState<string | null>(null);
  if (items.length === 0) return <Text size="sm">You have no API tokens.</Text>;
  return (
    <Stack gap="sm">
      {revoke.error ? <ErrorAlert error={revoke.error} title="The token was not revoked" /> : null}
      <Stack component="ul" gap="sm" p={0} m={0} aria-label="Your API tokens">
        {items.map((t) => {
          const s = status(t);
          return (
            <Card key={t.id} component="li" withBorder padding="sm" style={{ listStyle: 'none' }}>
              <Group justify="space-between" align="flex-start" gap="sm" wrap="wrap">
                <Stack gap={4} style={{ minWidth: 0, flex: '1 1 16rem' }}>
                  <Group gap="xs"><Text fw={600} className="break-anywhere">{t.name}</Text><Badge miw="max-content" variant="light" color={s.color}>{s.label}</Badge></Group>
                  <Facts items={[
                    ['Created', formatDateTime(t.createdAt)],
                    ['Last used', t.lastUsedAt ? formatDateTime(t.lastUsedAt) : 'Never'],
                    ['May change', t.writeAreas.length ? t.writeAreas.map((a) => TOKEN_AREA_LABELS[a]).join('; ') : 'Nothing (read only)'],
                    ['Expires', t.expiresAt ? formatDateTime(t.expiresAt) : 'Never'],
                    ['Revoked', t.revokedAt ? formatDateTime(t.revokedAt) : null],
                  ]} />
                </Stack>
                {s.usable ? (
                  confirming === t.id ? (
                    <Group gap="xs" role="group" aria-label={`Revoke ${t.name}`}>
                      <Text size="sm">Systems using it will stop working.</Text>
                      <Button size="xs" color="red" loading={revoke.isPending}
                        onClick={() => revoke.mutate(t.id, { onSettled: () => setConfirming(null) })}>Yes, revoke</Button>
                      <Button size="xs" variant="default" onClick={() => setConfirming(null)}>Cancel</Button>
                    </Group>
                  ) : (
                    <Button size="xs" variant="default" color="red" onClick={() => setConfirming(t.id)}>
                      Revoke<span className="visually-hidden-inline"> {t.name}</span>
                    </Button>
                  )
                ) : null}
              </Group>
            </Card>
          );
        })}
      </Stack>
    </Stack>
  );
}
