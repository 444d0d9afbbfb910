/** Contacts for a pupil, in priority order, with parental responsibility and how they prefer to be contacted. */
import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { CONTACT_PREFERENCE_LABELS } from '../../lib/labels';
import type { TContact } from '../../lib/types';
import { ParentPortalAction } from '../invitations/ParentPortalAction';

export function ContactsCard({ contacts, pupilId }: { contacts: TContact[]; pupilId?: string }) {
  const sorted = [...contacts].sort((a, b) => a.priority - b.priority);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="pupil-contacts">
      <Title order={2} size="h4" id="pupil-contacts" mb="sm">Contacts</Title>
      {sorted.length === 0 ? (
        <Text size="sm">No contacts recorded.</Text>
      ) : (
        <Stack component="ol" gap="md" p={0} m={0} style={{ listStyle: 'none' }}>
          {sorted.map((c) => (
            <li key={c.id}>
              <Group gap="xs" wrap="wrap">
                <Text fw={600} className="break-anywhere">{c.name}</Text>
                <Text size="sm">({c.relationship})</Text>
                {c.parentalResponsibility ? (
                  <Badge miw="max-content" color="blue" variant="light" title="Has parental responsibility">Parental responsibility</Badge>
                ) : (
                  <Badge miw="max-content" color="gray" variant="light">No parental responsibility</Badge>
                )}
              </Group>
              <Text size="sm">Prefers: {CONTACT_PREFERENCE_LABELS[c.preferredContact]}</Text>
              <Group gap="md" wrap="wrap">
                {c.phone ? <Anchor size="sm" href={`tel:${c.phone.replace(/[^\d+]/g, '')}`}>{c.phone}</Anchor> : null}
                {c.email ? <Anchor size="sm" href={`mailto:${c.email}`} className="break-anywhere">{c.email}</Anchor> : null}
              </Group>
              {pupilId ? <ParentPortalAction pupilId={pupilId} contactId={c.id} contactName={c.name} /> : null}
            </li>
          ))}
        </Stack>
      )}
    </Card>
  );
}
