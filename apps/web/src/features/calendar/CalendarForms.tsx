/** Calendar forms for trust administrators: a closure day, a half-term (new or changed), an academic year. */
import { useState, type FormEvent } from 'react';
import { Button, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { CLOSURE_KIND_LABELS, CLOSURE_KINDS, TERM_LABELS, TERM_NAMES, type TCalendar } from '@haven/contracts';
import { fieldMessage, SaveError } from '../policy/PolicyParts';
import { UkDateInput } from '../sanctions/SanctionParts';
import { useAddClosure, useAddYear, useSaveTerm } from './calendar.api';

const notDate = (v: string | null) => v || 'not a date';

export function AddClosureForm({ siteId, siteLabel, onDone }: { siteId: string | null; siteLabel: string; onDone: (date: string) => void }) {
  const [date, setDate] = useState<string | null>('');
  const [kind, setKind] = useState<string>('closure');
  const [reason, setReason] = useState('');
  const add = useAddClosure();
  const fe = (f: string) => fieldMessage({}, add.error, f);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ siteId, date: notDate(date), kind, reason: reason.trim() }, { onSuccess: () => onDone(date ?? '') });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SaveError error={add.error} what="closure day" />
        <Text size="sm">For: <strong>{siteLabel}</strong></Text>
        <UkDateInput label="Date" required value="" onChange={setDate} error={fe('date')} />
        <Select label="Kind" data={CLOSURE_KINDS.map((k) => ({ value: k, label: CLOSURE_KIND_LABELS[k] }))} value={kind} onChange={(v) => setKind(v ?? kind)} allowDeselect={false} />
        <TextInput label="Reason" required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fe('reason')} maxLength={200} placeholder="e.g. Polling station" />
        <Button type="submit" loading={add.isPending}>Add closure day</Button>
      </Stack>
    </form>
  );
}

type Term = TCalendar['terms'][number];

export function TermForm({ years, siteId, term, onDone }: { years: TCalendar['academicYears']; siteId: string | null; term?: Term; onDone: () => void }) {
  const [yearId, setYearId] = useState<string | null>(term?.academicYearId ?? years.at(-1)?.id ?? null);
  const [name, setName] = useState(term?.name ?? '');
  const [termName, setTermName] = useState<string>(term?.term ?? 'autumn');
  const [half, setHalf] = useState<string>(String(term?.halfTerm ?? 1));
  const [start, setStart] = useState<string | null>(term?.startDate ?? '');
  const [end, setEnd] = useState<string | null>(term?.endDate ?? '');
  const save = useSaveTerm();
  const fe = (f: string) => fieldMessage({}, save.error, f);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const common = { name: name.trim(), term: termName, halfTerm: Number(half), startDate: notDate(start), endDate: notDate(end) };
    save.mutate(term ? { id: term.id, body: common } : { body: { ...common, academicYearId: yearId, siteId } }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SaveError error={save.error} what="half-term" />
        {term ? null : <Select label="Academic year" data={years.map((y) => ({ value: y.id, label: y.label }))} value={yearId} onChange={setYearId} error={fe('academicYearId')} allowDeselect={false} />}
        <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={fe('name')} maxLength={80} placeholder="e.g. Spring 1" />
        <SimpleGrid cols={2} spacing="md">
          <Select label="Term" data={TERM_NAMES.map((t) => ({ value: t, label: TERM_LABELS[t] }))} value={termName} onChange={(v) => setTermName(v ?? termName)} error={fe('term')} allowDeselect={false} />
          <Select label="Half" data={[{ value: '1', label: 'First' }, { value: '2', label: 'Second' }]} value={half} onChange={(v) => setHalf(v ?? half)} error={fe('halfTerm')} allowDeselect={false} />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <UkDateInput label="First day" required value={term?.startDate ?? ''} onChange={setStart} error={fe('startDate')} />
          <UkDateInput label="Last day" required value={term?.endDate ?? ''} onChange={setEnd} error={fe('endDate')} />
        </SimpleGrid>
        <Button type="submit" loading={save.isPending}>Save half-term</Button>
      </Stack>
    </form>
  );
}

export function AddYearForm({ onDone }: { onDone: () => void }) {
  const [label, setLabel] = useState('');
  const [start, setStart] = useState<string | null>('');
  const [end, setEnd] = useState<string | null>('');
  const add = useAddYear();
  const fe = (f: string) => fieldMessage({}, add.error, f);
  return (
    <form onSubmit={(e) => { e.preventDefault(); add.mutate({ label: label.trim(), startDate: notDate(start), endDate: notDate(end) }, { onSuccess: onDone }); }} noValidate>
      <Stack gap="md">
        <SaveError error={add.error} what="academic year" />
        <TextInput label="Year" required value={label} onChange={(e) => setLabel(e.currentTarget.value)} error={fe('label')} placeholder="2027/28" maxLength={7} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
          <UkDateInput label="Starts" required value="" onChange={setStart} error={fe('startDate')} description="Usually 01/09" />
          <UkDateInput label="Ends" required value="" onChange={setEnd} error={fe('endDate')} description="Usually 31/08" />
        </SimpleGrid>
        <Button type="submit" loading={add.isPending}>Add academic year</Button>
      </Stack>
    </form>
  );
}
