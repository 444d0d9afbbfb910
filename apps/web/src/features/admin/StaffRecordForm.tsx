/**
 * Add a member of staff (supply and visiting staff need no account) or change one's record. Email and staff code
 * name one member of staff at a school: imports match on them, and a record with a user's email is linked to them.
 */
import { useState, type FormEvent } from 'react';
import { Button, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { TStaffRecord } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isApiError } from '../../lib/api';
import { useStaffMutations } from './people.api';

interface Values { forename: string; surname: string; jobTitle: string; email: string; staffCode: string }
type Errors = Partial<Record<keyof Values, string>>;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function validate(v: Values): Errors {
  const e: Errors = {};
  if (!v.forename.trim()) e.forename = 'Enter the forename';
  if (!v.surname.trim()) e.surname = 'Enter the surname';
  if (!v.jobTitle.trim()) e.jobTitle = 'Enter the job title, for example Supply teacher';
  if (v.email.trim() && !EMAIL.test(v.email.trim())) e.email = 'Enter an email address, for example name@school.org.uk';
  return e;
}

export function StaffRecordForm({ siteId, record, onDone }: { siteId: string; record?: TStaffRecord; onDone: (message: string) => void }) {
  const [values, setValues] = useState<Values>({
    forename: record?.forename ?? '', surname: record?.surname ?? '', jobTitle: record?.jobTitle ?? '', email: record?.email ?? '', staffCode: record?.staffCode ?? '',
  });
  const [errors, setErrors] = useState<Errors>({});
  const { create, update } = useStaffMutations();
  const mutation = record ? update : create;
  const err = mutation.error;
  const set = (k: keyof Values, v: string) => { setValues((p) => ({ ...p, [k]: v })); setErrors((p) => ({ ...p, [k]: undefined })); };
  const fieldError = (k: keyof Values) => errors[k] ?? (isApiError(err) ? err.fieldMessage(k) : undefined);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const found = validate(values);
    setErrors(found);
    if (Object.keys(found).length) return;
    const body = { forename: values.forename.trim(), surname: values.surname.trim(), jobTitle: values.jobTitle.trim(), email: values.email.trim(), staffCode: values.staffCode.trim() };
    if (record) update.mutate({ id: record.id, body }, { onSuccess: (s) => onDone(`${s.displayName} saved.`) });
    else create.mutate({ siteId, ...body }, { onSuccess: (s) => onDone(`${s.displayName} added${s.userId ? ' and linked to their account' : ''}. They can now be named in incidents.`) });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        {err && !(isApiError(err) && err.fields.length) ? <ErrorAlert error={err} title="The record was not saved" /> : null}
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <TextInput label="Forename" required value={values.forename} maxLength={100} error={fieldError('forename')} onChange={(e) => set('forename', e.currentTarget.value)} />
          <TextInput label="Surname" required value={values.surname} maxLength={100} error={fieldError('surname')} onChange={(e) => set('surname', e.currentTarget.value)} />
        </SimpleGrid>
        <TextInput label="Job title" required description="For example Supply teacher, Visiting speech and language therapist" value={values.jobTitle} maxLength={100}
          error={fieldError('jobTitle')} onChange={(e) => set('jobTitle', e.currentTarget.value)} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <TextInput label="Work email (optional)" type="email" value={values.email} maxLength={254} error={fieldError('email')} onChange={(e) => set('email', e.currentTarget.value)} />
          <TextInput label="Staff code (optional)" description="The initials or code in your MIS" value={values.staffCode} maxLength={20}
            error={fieldError('staffCode')} onChange={(e) => set('staffCode', e.currentTarget.value)} />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={mutation.isPending}>{record ? 'Save changes' : 'Add member of staff'}</Button>
        </Group>
      </Stack>
    </form>
  );
}
