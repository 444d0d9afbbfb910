/**
 * Each school's exclusion contacts (exclusion-contacts.manage): the local authority, the clerk to the governors and
 * the virtual school head, told of suspensions and permanent exclusions, and how parents make representations.
 */
import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { TExclusionContacts } from '@haven/contracts';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { formatInstantDate } from '../../lib/format';
import { allows } from '../../lib/usePolicy';
import { ExclusionContactsForm } from './ExclusionContactsForm';
import { useExclusionContacts } from './people.api';

export function ExclusionContactsPage() {
  return (
    <RequirePermission permission="exclusion-contacts.manage" what="keeping exclusion contacts">
      <Contacts />
    </RequirePermission>
  );
}

function Who({ title, name, email, phone }: { title: string; name: string | null; email: string | null; phone: string | null }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Text size="sm" fw={600}>{title}</Text>
      <Text size="sm" className="break-anywhere">{name ?? '—'}</Text>
      {email ? <Text size="sm" c="dimmed" className="break-anywhere">{email}</Text> : null}
      {phone ? <Text size="sm" c="dimmed">{phone}</Text> : null}
      {!email && !phone ? <Text size="sm" c="dimmed">No email or phone</Text> : null}
    </div>
  );
}

function Contacts() {
  const contacts = useExclusionContacts();
  const [editing, setEditing] = useState<TExclusionContacts | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const items = contacts.data?.items ?? [];
  return (
    <Page title="Exclusion contacts" description="Whom each school tells about suspensions and permanent exclusions, and what the letters say about making representations.">
      {saved ? <Alert color="blue" variant="light" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setSaved(null)}>{saved}</Alert> : null}
      {contacts.isPending ? <Loading label="Loading contacts…" /> : null}
      {contacts.isError ? <ErrorAlert error={contacts.error} onRetry={() => void contacts.refetch()} /> : null}
      <Stack component="ul" gap="sm" p={0} m={0} aria-label="Schools">
        {items.map((c) => (
          <Card key={c.siteId} component="li" withBorder padding="sm" style={{ listStyle: 'none' }}>
            <Stack gap="xs">
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Text fw={700} className="break-anywhere">{c.siteName}</Text>
                {allows(c, 'update') ? (
                  <Button size="xs" variant="default" onClick={() => { setSaved(null); setEditing(c); }}>Edit<span className="visually-hidden-inline"> contacts of {c.siteName}</span></Button>
                ) : null}
              </Group>
              {c.saved ? (
                <>
                  <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                    <Who title="Local authority" name={c.laName} email={c.laEmail} phone={c.laPhone} />
                    <Who title="Clerk to the governors" name={c.boardClerkName} email={c.boardClerkEmail} phone={c.boardClerkPhone} />
                    <Who title="Virtual school head" name={c.virtualSchoolName} email={c.virtualSchoolEmail} phone={c.virtualSchoolPhone} />
                  </SimpleGrid>
                  <Text size="sm" className="break-anywhere"><Text span fw={600} size="sm">Representations: </Text>{c.representationsContact}</Text>
                  {c.updatedAt ? <Text size="xs" c="dimmed">Last changed {formatInstantDate(c.updatedAt)}</Text> : null}
                </>
              ) : <Badge variant="light" color="orange">Not set: suspension letters use general wording and nobody is told by email</Badge>}
            </Stack>
          </Card>
        ))}
      </Stack>
      <AppModal opened={editing !== null} onClose={() => setEditing(null)} title={editing ? `Exclusion contacts of ${editing.siteName}` : ''}>
        {editing ? <ExclusionContactsForm key={editing.siteId} contacts={editing} onDone={(c) => { setEditing(null); setSaved(`Contacts of ${c.siteName} saved.`); }} /> : null}
      </AppModal>
    </Page>
  );
}
