/** Find a pupil of a site by name or UPN (two letters or more) and choose one. */
import { useState } from 'react';
import { Select } from '@mantine/core';
import { yearGroupLabel } from '../../lib/format';
import { useSitePupils } from './sanctions.api';

export function PupilPicker({ siteId, value, onChange, error, label = 'Pupil', onLabel }: {
  siteId: string; value: string | null; onChange: (id: string | null) => void; error?: string | undefined; label?: string;
  /** Told the chosen pupil's name and year, for a page that lists the pupils it has picked. */
  onLabel?: (id: string, label: string) => void;
}) {
  const [search, setSearch] = useState('');
  const pupils = useSitePupils(siteId, search);
  const data = (pupils.data ?? []).map((p) => ({ value: p.id, label: `${p.displayName} (${yearGroupLabel(p.yearGroup)})` }));
  return (
    <Select label={label} searchable required data={data} value={value} onChange={(id) => { const o = data.find((d) => d.value === id); if (id && o && onLabel) onLabel(id, o.label); onChange(id); }} searchValue={search} onSearchChange={setSearch}
      filter={({ options }) => options} placeholder="Type two letters of a name" error={error}
      nothingFoundMessage={search.trim().length < 2 ? 'Type two letters or more' : pupils.isFetching ? 'Searching…' : 'No pupil by that name here'} />
  );
}
