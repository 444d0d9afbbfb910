/** The school a people page works on: chosen from the user's sites (every site for a trust administrator). */
import { useState, type ReactNode } from 'react';
import { Select } from '@mantine/core';
import { useSiteOptions } from './useSiteOptions';

export function usePeopleSite(): { siteId: string | null; chooser: ReactNode; siteName: string } {
  const { options, nameOf } = useSiteOptions();
  const [chosen, setChosen] = useState<string | null>(null);
  const siteId = chosen ?? options[0]?.value ?? null;
  const chooser = options.length > 1
    ? <Select label="School" data={options} value={siteId} onChange={setChosen} allowDeselect={false} maw={420} />
    : null;
  return { siteId, chooser, siteName: siteId ? nameOf(siteId) : '' };
}
