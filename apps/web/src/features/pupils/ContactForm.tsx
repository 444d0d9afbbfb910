/**
 * A contact of a pupil: who they are, how they are related, whether they hold parental responsibility, where they
 * come in the calling order and how they prefer to hear from the school. Kept in the tab until the server has it.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Autocomplete, Button, Checkbox, Group, NativeSelect, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import type { TContactInput } from '@haven/contracts';
import { isApiError } from '../../lib/api';
import { CONTACT_PREFERENCE_LABELS } from '../../lib/labels';
import type { TContact } from '../../lib/types';
import { useMe } from '../../lib/usePolicy';
import { SaveError } from '../policy/PolicyParts';
import { readFormDraft, removeFormDraft, writeFormDraft } from './formDraft';

const RELATIONSHIPS = ['Mother', 'Father', 'Parent', 'Step-parent', 'Carer', 'Foster carer', 'Grandparent', 'Aunt', 'Uncle', 'Sibling', 'Social worker', 'Other'];

interface Values {
  title: string; forename: string; surname: string; relationship: string; parentalResponsibility: boolean; priority: number | string;
  email: string; phone: string; address: string; preferredContact: 'email' | 'phone' | 'letter'; language: string;
}

const valuesOf = (c: TContact | null, count: number): Values => ({
  title: c?.title ?? '', forename: c?.forename ?? '', surname: c?.surname ?? '', relationship: c?.relationship ?? '',
  parentalResponsibility: c?.parentalResponsibility ?? true, priority: c?.priority ?? count + 1, email: c?.email ?? '', phone: c?.phone ?? '',
  address: c?.address ?? '', preferredContact: c?.preferredContact ?? 'phone', language: c?.language ?? '',
});

const none = (s: string) => (s.trim() === '' ? null : s.trim());

function check(v: Values): Record<string, string> {
  const e: Record<string, string> = {};
  if (!v.forename.trim()) e.forename = 'Enter their forename';
  if (!v.surname.trim()) e.surname = 'Enter their surname';
  if (!v.relationship.trim()) e.relationship = 'Say how they are related to the pupil';
  if (v.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email.trim())) e.email = 'Enter an email address, like name@example.org';
  if (v.preferredContact === 'email' && !v.email.trim()) e.email = 'They prefer email: enter their email address';
  if (v.preferredContact === 'phone' && !v.phone.trim()) e.phone = 'They prefer the phone: enter their phone number';
  if (v.preferredContact === 'letter' && !v.address.trim()) e.address = 'They prefer letters: enter their postal address';
  return e;
}

export function ContactForm({ pupilId, contact, count, pending, error, onSubmit, onCancel }: {
  pupilId: string;
  /** The contact to edit; null adds one. */
  contact: TContact | null;
  /** How many contacts the pupil has (a new one comes last by default). */
  count: number;
  pending: boolean;
  error: unknown;
  onSubmit: (body: TContactInput, done: () => void) => void;
  onCancel: () => void;
}) {
  const me = useMe();
  const draftName = `contact-${pupilId}-${contact?.id ?? 'new'}`;
  const [v, setV] = useState<Values>(() => ({ ...valuesOf(contact, count), ...(readFormDraft<Values>(me.user.id, draftName) ?? {}) }));
  const [clientErr, setClientErr] = useState<Record<string, string>>({});
  useEffect(() => { writeFormDraft(me.user.id, draftName, v); }, [me.user.id, draftName, v]);
  const err = isApiError(error) ? error : undefined;
  const fe = (f: string) => clientErr[f] ?? err?.fieldMessage(f);
  const set = <K extends keyof Values>(k: K, value: Values[K]) => {
    setV((prev) => ({ ...prev, [k]: value }));
    setClientErr((prev) => { if (!(k in prev)) return prev; const { [k]: _gone, ...rest } = prev; return rest; });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors = check(v);
    setClientErr(errors);
    if (Object.keys(errors).length) return;
    onSubmit({
      title: none(v.title), forename: v.forename.trim(), surname: v.surname.trim(), relationship: v.relationship.trim(),
      parentalResponsibility: v.parentalResponsibility, priority: Number(v.priority) || null, email: none(v.email), phone: none(v.phone),
      address: none(v.address), preferredContact: v.preferredContact, language: none(v.language),
    }, () => removeFormDraft(me.user.id, draftName));
  };
  const cancel = () => { removeFormDraft(me.user.id, draftName); onCancel(); };
  return (
    <form onSubmit={submit} noValidate aria-label={contact ? 'Edit contact' : 'Add contact'}>
      <Stack gap="md">
        <SaveError error={error} what="contact" />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
          <TextInput label="Title (optional)" value={v.title} onChange={(e) => set('title', e.currentTarget.value)} error={fe('title')} maxLength={20} autoComplete="off" />
          <TextInput label="Forename" required value={v.forename} onChange={(e) => set('forename', e.currentTarget.value)} error={fe('forename')} maxLength={100} autoComplete="off" />
          <TextInput label="Surname" required value={v.surname} onChange={(e) => set('surname', e.currentTarget.value)} error={fe('surname')} maxLength={100} autoComplete="off" />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <Autocomplete label="Relationship to the pupil" required withAsterisk={false} data={RELATIONSHIPS} value={v.relationship} onChange={(x) => set('relationship', x)} error={fe('relationship')} maxLength={60} />
          <NumberInput label="Order to call" description="1 is called first" min={1} max={99} value={v.priority} onChange={(x) => set('priority', x)} error={fe('priority')} />
        </SimpleGrid>
        <Checkbox label="Has parental responsibility" checked={v.parentalResponsibility} onChange={(e) => set('parentalResponsibility', e.currentTarget.checked)} error={fe('parentalResponsibility')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <TextInput label="Email" description="Needed when they prefer email" type="email" value={v.email} onChange={(e) => set('email', e.currentTarget.value)} error={fe('email')} maxLength={254} autoComplete="off" />
          <TextInput label="Phone" description="Needed when they prefer the phone" type="tel" value={v.phone} onChange={(e) => set('phone', e.currentTarget.value)} error={fe('phone')} maxLength={40} autoComplete="off" />
        </SimpleGrid>
        <Textarea label="Postal address" description="Needed when they prefer letters" autosize minRows={2} value={v.address} onChange={(e) => set('address', e.currentTarget.value)} error={fe('address')} maxLength={500} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <NativeSelect label="Prefers" value={v.preferredContact} onChange={(e) => set('preferredContact', e.currentTarget.value as Values['preferredContact'])} error={fe('preferredContact')}
            data={(['phone', 'email', 'letter'] as const).map((k) => ({ value: k, label: CONTACT_PREFERENCE_LABELS[k] }))} />
          <TextInput label="Language (optional)" description="When not English" value={v.language} onChange={(e) => set('language', e.currentTarget.value)} error={fe('language')} maxLength={60} autoComplete="off" />
        </SimpleGrid>
        {contact ? <Text size="xs" c="dimmed">Changes to their name, email, phone, address and preferences apply for every pupil they are a contact of.</Text> : null}
        <Group gap="sm" wrap="wrap">
          <Button type="submit" loading={pending}>{contact ? 'Save contact' : 'Add contact'}</Button>
          <Button variant="default" onClick={cancel}>Cancel</Button>
        </Group>
      </Stack>
    </form>
  );
}
