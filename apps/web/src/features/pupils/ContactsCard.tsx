/**
 * Contacts for a pupil, in calling order, with parental responsibility and how they prefer to be contacted. Those who
 * keep the pupil's record (`edit` in the pupil's `allowed` list) add, change and remove them here.
 */
import { useState } from 'react';
import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CONTACT_PREFERENCE_LABELS } from '../../lib/labels';
import type { TContact } from '../../lib/types';
import { ContactForm } from './ContactForm';
import { useAddContact, useRemoveContact, useUpdateContact } from './pupilRecords.api';

import { ParentPortalAction } from '../invitations/ParentPortalAction';

export function ContactsCard({ pupilId, contacts, editable = false }: { pupilId: string; contacts: TContact[]; editable?: boolean }) {
  const sorted = [...contacts].sort((a, b) => a.priority - b.priority);
  const [editing, setEditing] = useState<TContact | 'new' | null>(null);
  const [removing, setRemoving] = useState<TContact | null>(null);
  const add = useAddContact();
  const update = useUpdateContact();
  const remove = useRemoveContact();
  const save = editing === 'new' ? add : update;
  const close = () => { setEditing(null); add.reset(); update.reset(); };
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="pupil-contacts">
      <Group justify="space-between" wrap="wrap" mb="sm" gap="xs">
        <Title order={2} size="h4" id="pupil-contacts">Contacts</Title>
        {editable ? <Button size="xs" variant="default" onClick={() => setEditing('new')}>Add contact</Button> : null}
      </Group>
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
              <Text size="sm">Prefers: {CONTACT_PREFERENCE_LABELS[c.preferredContact]}{c.language ? ` · Language: ${c.language}` : ''}</Text>
              <Group gap="md" wrap="wrap">
                {c.phone ? <Anchor size="sm" href={`tel:${c.phone.replace(/[^\d+]/g, '')}`}>{c.phone}</Anchor> : null}
                {c.email ? <Anchor size="sm" href={`mailto:${c.email}`} className="break-anywhere">{c.email}</Anchor> : null}
              </Group>
              {c.address ? <Text size="sm" style={{ whiteSpace: 'pre-line' }} className="break-anywhere">{c.address}</Text> : null}
              {editable ? (
                <Group gap="xs" mt={4}>
                  <Button size="compact-sm" variant="subtle" onClick={() => setEditing(c)}>Edit<span className="visually-hidden-inline"> {c.name}</span></Button>
                  <Button size="compact-sm" variant="subtle" color="red" onClick={() => setRemoving(c)}>Remove<span className="visually-hidden-inline"> {c.name}</span></Button>
                </Group>
              ) : null}
              <ParentPortalAction pupilId={pupilId} contactId={c.id} contactName={c.name} />
            </li>
          ))}
        </Stack>
      )}
      <AppModal opened={editing !== null} onClose={close} title={editing === 'new' ? 'Add a contact' : `Edit ${editing?.name ?? 'contact'}`}>
        {editing !== null ? (
          <ContactForm
            pupilId={pupilId}
            contact={editing === 'new' ? null : editing}
            count={contacts.length}
            pending={save.isPending}
            error={save.error}
            onCancel={close}
            onSubmit={(body, done) => {
              const finish = { onSuccess: () => { done(); close(); } };
              if (editing === 'new') add.mutate({ pupilId, body }, finish);
              else update.mutate({ pupilId, contactId: editing.id, body }, finish);
            }}
          />
        ) : null}
      </AppModal>
      <AppModal opened={removing !== null} onClose={() => { setRemoving(null); remove.reset(); }} title={`Remove ${removing?.name ?? 'contact'}?`} size="md">
        <Stack gap="md">
          {remove.error ? <ErrorAlert error={remove.error} title="The contact was not removed" /> : null}
          <Text size="sm">They will no longer be a contact of this pupil. Messages already sent to them stay in the record.</Text>
          <Group gap="sm">
            <Button color="red" loading={remove.isPending} onClick={() => removing && remove.mutate({ pupilId, contactId: removing.id }, { onSuccess: () => setRemoving(null) })}>Remove contact</Button>
            <Button variant="default" onClick={() => setRemoving(null)}>Keep</Button>
          </Group>
        </Stack>
      </AppModal>
    </Card>
  );
}
