/**
 * The parent contact log of an incident (INC-6): who was contacted, when, how, and what was said. A physical
 * intervention's "parent told" on the incident form appears here by itself (entered once), marked as from the form.
 */
import { useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { isApiError } from '../../lib/api';
import { compareText, formatDateTime } from '../../lib/format';
import { DateTimeFields } from './formParts';
import { ReadSection } from './IncidentDetails';
import { useAddParentContact, useParentContacts } from './incidents.api';
import { contactMethodLabel, PARENT_INFORMED_HOW_OPTIONS } from './labels';
import { londonToIso, nowLondonText } from './time';
import type { TIncident, TParentInformedHow } from './types';

const LOG_ACTIONS = ['addParentContact', 'edit', 'return', 'signOff', 'addAttachment'];

export function ParentContactsCard({ inc }: { inc: TIncident }) {
  const list = useParentContacts(inc.id);
  const items = [...(list.data?.items ?? [])].sort((a, b) => compareText(b.contactedAt, a.contactedAt));
  const pupilName = (id: string) => inc.pupils.find((p) => p.pupilId === id)?.displayName ?? 'A pupil';
  const canLog = LOG_ACTIONS.some((a) => inc.allowed.includes(a)) && inc.pupils.length > 0;
  return (
    <ReadSection title="Parent contact log" id="view-contacts">
      {list.isPending ? <Loading label="Loading the contact log…" /> : null}
      {list.isError ? <ErrorAlert error={list.error} title="Could not load the contact log" onRetry={() => void list.refetch()} /> : null}
      {list.isSuccess && items.length === 0 ? <Text size="sm">No contact with parents logged yet.</Text> : null}
      {items.length ? (
        <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Contacts logged">
          {items.map((c) => (
            <li key={c.id}>
              <Text size="sm" fw={600}>{formatDateTime(c.contactedAt)} — {contactMethodLabel(c.method)}{c.contactName ? ` with ${c.contactName}` : ''} ({pupilName(c.pupilId)})</Text>
              <Text size="sm" className="incident-text">{c.summary}</Text>
              <Text size="xs" c="dimmed">{c.source === 'incident_form' ? `From the incident form, saved by ${c.recordedByName}` : `Logged by ${c.recordedByName}`}</Text>
            </li>
          ))}
        </Stack>
      ) : null}
      {inc.physicalIntervention ? (
        <Text size="sm" mt="sm">Telling the parent about the physical intervention is recorded on the incident form, and shows here by itself: log only other contacts here.</Text>
      ) : null}
      {canLog ? <ContactForm inc={inc} /> : null}
    </ReadSection>
  );
}

function ContactForm({ inc }: { inc: TIncident }) {
  const now = nowLondonText();
  const [pupilId, setPupilId] = useState(inc.pupils[0]?.pupilId ?? '');
  const [date, setDate] = useState(now.date);
  const [time, setTime] = useState(now.time);
  const [method, setMethod] = useState<TParentInformedHow>('phone');
  const [contactName, setContactName] = useState('');
  const [summary, setSummary] = useState('');
  const [errors, setErrors] = useState<{ when?: string; summary?: string }>({});
  const [done, setDone] = useState('');
  const add = useAddParentContact(inc.id);
  const serverErr = (f: string) => (isApiError(add.error) ? add.error.fieldMessage(f) : undefined);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    const at = londonToIso(date, time);
    const next = { when: at ? undefined : 'Enter the date and time of the contact', summary: summary.trim() ? undefined : 'Say what was discussed' };
    setErrors(next);
    if (!at || next.summary) return;
    add.mutate({ pupilId, contactedAt: at, method, contactName: contactName.trim() || null, summary: summary.trim() }, {
      onSuccess: () => { setSummary(''); setContactName(''); setDone('Contact logged.'); },
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Log a contact with a parent" style={{ marginTop: 16 }}>
      <Stack gap="sm">
        <Text fw={600} size="sm">Log a contact</Text>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <NativeSelect label="About which pupil" value={pupilId} onChange={(e) => setPupilId(e.currentTarget.value)}
            data={inc.pupils.map((p) => ({ value: p.pupilId, label: p.displayName }))} error={serverErr('pupilId')} />
          <NativeSelect label="How" value={method} onChange={(e) => setMethod(e.currentTarget.value as TParentInformedHow)}
            data={PARENT_INFORMED_HOW_OPTIONS} error={serverErr('method')} />
        </SimpleGrid>
        <DateTimeFields dateLabel="Contact date" timeLabel="Contact time" date={date} time={time} onDate={setDate} onTime={setTime}
          dateId="contact-date" timeId="contact-time" error={errors.when ?? serverErr('contactedAt')} />
        <TextInput label="Who you spoke to (optional)" value={contactName} maxLength={200} onChange={(e) => setContactName(e.currentTarget.value)} />
        <Textarea label="What was said" autosize minRows={3} maxLength={5000} value={summary} error={errors.summary ?? serverErr('summary')}
          onChange={(e) => setSummary(e.currentTarget.value)} />
        {add.isError && !(isApiError(add.error) && add.error.fields.length) ? <ErrorAlert error={add.error} title="The contact was not logged" /> : null}
        <Group justify="space-between" wrap="wrap">
          <Text size="sm" role="status" aria-live="polite">{done}</Text>
          <Button type="submit" variant="default" loading={add.isPending}>Log contact</Button>
        </Group>
      </Stack>
    </form>
  );
}
