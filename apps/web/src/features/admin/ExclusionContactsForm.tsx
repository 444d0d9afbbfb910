/** A school's exclusion contacts; emails and UK phone numbers are checked here and by the server. */
import { useState, type FormEvent } from 'react';
import { Button, Fieldset, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { isUkPhone, UK_PHONE_MESSAGE, type TExclusionContacts, type TExclusionContactsInput } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isApiError } from '../../lib/api';
import { useSaveExclusionContacts } from './people.api';

const FIELDS = ['laName', 'laEmail', 'laPhone', 'boardClerkName', 'boardClerkEmail', 'boardClerkPhone', 'virtualSchoolName',
  'virtualSchoolEmail', 'virtualSchoolPhone', 'representationsContact'] as const;
type Field = (typeof FIELDS)[number];
type Values = Record<Field, string>;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function validate(v: Values): Partial<Record<Field, string>> {
  const e: Partial<Record<Field, string>> = {};
  if (v.laName.trim().length < 2) e.laName = 'Enter the name of the local authority';
  if (v.boardClerkName.trim().length < 2) e.boardClerkName = 'Enter the name of the clerk to the governors';
  if (v.representationsContact.trim().length < 5) e.representationsContact = 'Say how parents make representations to the governors (an address or email)';
  for (const f of ['laEmail', 'boardClerkEmail', 'virtualSchoolEmail'] as const) if (v[f].trim() && !EMAIL.test(v[f].trim())) e[f] = 'Enter an email address, for example name@school.org.uk';
  for (const f of ['laPhone', 'boardClerkPhone', 'virtualSchoolPhone'] as const) if (v[f].trim() && !isUkPhone(v[f])) e[f] = UK_PHONE_MESSAGE;
  return e;
}

export function ExclusionContactsForm({ contacts, onDone }: { contacts: TExclusionContacts; onDone: (c: TExclusionContacts) => void }) {
  const [values, setValues] = useState<Values>(() => Object.fromEntries(FIELDS.map((f) => [f, contacts[f] ?? ''])) as Values);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const save = useSaveExclusionContacts(contacts.siteId);
  const err = save.error;
  const set = (f: Field, v: string) => { setValues((p) => ({ ...p, [f]: v })); setErrors((p) => ({ ...p, [f]: undefined })); };
  const input = (f: Field, label: string, extra: { type?: string; required?: boolean; description?: string } = {}) => (
    <TextInput label={label} value={values[f]} maxLength={f.endsWith('Phone') ? 40 : f.endsWith('Email') ? 254 : 120} {...extra}
      inputMode={f.endsWith('Phone') ? 'tel' : undefined}
      error={errors[f] ?? (isApiError(err) ? err.fieldMessage(f) : undefined)} onChange={(e) => set(f, e.currentTarget.value)} />
  );
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const found = validate(values);
    setErrors(found);
    if (Object.keys(found).length) return;
    save.mutate(Object.fromEntries(FIELDS.map((f) => [f, values[f].trim()])) as TExclusionContactsInput, { onSuccess: onDone });
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        {err && !(isApiError(err) && err.fields.length) ? <ErrorAlert error={err} title="The contacts were not saved" /> : null}
        <Fieldset legend="Local authority">
          {input('laName', 'Name of the local authority', { required: true, description: 'For example Westmoor Council' })}
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" mt="sm">{input('laEmail', 'Exclusions officer email', { type: 'email' })}{input('laPhone', 'Phone', { type: 'tel' })}</SimpleGrid>
        </Fieldset>
        <Fieldset legend="Clerk to the governors">
          {input('boardClerkName', 'Name', { required: true })}
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" mt="sm">{input('boardClerkEmail', 'Email', { type: 'email' })}{input('boardClerkPhone', 'Phone', { type: 'tel' })}</SimpleGrid>
        </Fieldset>
        <Fieldset legend="Virtual school head (looked-after children)">
          {input('virtualSchoolName', 'Name (optional)')}
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md" mt="sm">{input('virtualSchoolEmail', 'Email', { type: 'email' })}{input('virtualSchoolPhone', 'Phone', { type: 'tel' })}</SimpleGrid>
        </Fieldset>
        <Textarea label="How parents make representations" required autosize minRows={2} maxLength={500}
          description="Printed in suspension and exclusion letters: the clerk's postal address or email"
          value={values.representationsContact} onChange={(e) => set('representationsContact', e.currentTarget.value)}
          error={errors.representationsContact ?? (isApiError(err) ? err.fieldMessage('representationsContact') : undefined)} />
        <Group justify="flex-end"><Button type="submit" loading={save.isPending}>Save contacts</Button></Group>
      </Stack>
    </form>
  );
}
