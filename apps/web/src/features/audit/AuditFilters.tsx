/** Audit log filters, applied together with one button so each change does not fire a query. */
import { useState, type FormEvent } from 'react';
import { Button, Group, NativeSelect, SimpleGrid, TextInput } from '@mantine/core';
import { formatDate, parseUkDate } from '../../lib/format';
import type { AuditSearch } from './auditSearch';

type Option = { value: string; label: string };

export function AuditFilters({ applied, onApply, siteOptions, userOptions }: {
  applied: AuditSearch;
  onApply: (s: AuditSearch) => void;
  siteOptions: Option[];
  userOptions: Option[] | null;
}) {
  const [v, setV] = useState<AuditSearch>(applied);
  // Dates are typed as dd/mm/yyyy (a native date picker shows the browser's locale format, often mm/dd/yyyy).
  const [fromText, setFromText] = useState(formatDate(applied.from));
  const [toText, setToText] = useState(formatDate(applied.to));
  const [errors, setErrors] = useState<{ from?: string; to?: string }>({});
  const set = (k: keyof AuditSearch) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value || undefined;
    setV((prev) => ({ ...prev, [k]: value }));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const from = parseUkDate(fromText);
    const to = parseUkDate(toText);
    const next: { from?: string; to?: string } = {};
    if (from === null) next.from = 'Enter a date like 01/09/2026';
    if (to === null) next.to = 'Enter a date like 31/12/2026';
    if (from && to && from > to) next.to = 'The end date must be on or after the start date';
    setErrors(next);
    if (next.from || next.to) return;
    onApply({
      ...v, action: v.action?.trim() || undefined, entityType: v.entityType?.trim() || undefined,
      from: from || undefined, to: to || undefined, page: undefined,
    });
  };

  return (
    <form onSubmit={submit} noValidate role="search" aria-label="Filter the audit log">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
        <TextInput label="Action" description="For example user.update" value={v.action ?? ''} onChange={set('action')} />
        <TextInput label="Record type" description="For example user, site, pupil" value={v.entityType ?? ''} onChange={set('entityType')} />
        {userOptions ? (
          <NativeSelect label="Who" value={v.actorUserId ?? ''} onChange={set('actorUserId')}
            data={[{ value: '', label: 'Anyone' }, ...userOptions]} />
        ) : null}
        <NativeSelect label="Site" value={v.siteId ?? ''} onChange={set('siteId')}
          data={[{ value: '', label: 'All sites' }, ...siteOptions]} />
        <TextInput label="From date" description="dd/mm/yyyy" value={fromText}
          onChange={(e) => setFromText(e.currentTarget.value)} error={errors.from} />
        <TextInput label="To date" description="dd/mm/yyyy" value={toText}
          onChange={(e) => setToText(e.currentTarget.value)} error={errors.to} />
      </SimpleGrid>
      <Group mt="sm" gap="sm">
        <Button type="submit">Apply filters</Button>
        <Button variant="default" onClick={() => { setV({}); setFromText(''); setToText(''); setErrors({}); onApply({}); }}>
          Clear filters
        </Button>
      </Group>
    </form>
  );
}
