/**
 * Choose up to 10 pupils by searching (name or UPN). Once one is chosen the search keeps to their site, because a
 * concern belongs to one site's DSL. Results are buttons; chosen pupils are a list with a remove button each.
 */
import { useId, useState } from 'react';
import { Button, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { TPupilList } from '../../lib/types';

export interface ChosenPupil { id: string; siteId: string; displayName: string; detail: string }

export const MAX_PUPILS = 10;

function usePupilSearch(search: string, siteId: string | undefined) {
  const query = { search, siteId, pageSize: 8 };
  return useQuery({
    queryKey: ['pupils', 'choose', query],
    queryFn: ({ signal }) => api.get<TPupilList>('/pupils', query, signal),
    enabled: search.length >= 2,
    select: (d): ChosenPupil[] => d.items.map((p) => ({ id: p.id, siteId: p.siteId, displayName: p.displayName, detail: [p.formName ?? `Year ${p.yearGroup}`, p.siteName].join(' · ') })),
  });
}

export function PupilChooser({ chosen, onChange, error, label = 'Pupils', max = MAX_PUPILS, siteId }: {
  chosen: ChosenPupil[];
  onChange: (next: ChosenPupil[]) => void;
  error?: string;
  label?: string;
  max?: number;
  /** Search only this site (otherwise the site of the first pupil chosen). */
  siteId?: string;
}) {
  const [text, setText] = useState('');
  const idBase = `pupils${useId().replace(/:/g, '')}`;
  const [search] = useDebouncedValue(text.trim(), 250);
  const results = usePupilSearch(search, siteId ?? chosen[0]?.siteId);
  const full = chosen.length >= max;
  const shown = (results.data ?? []).filter((p) => !chosen.some((c) => c.id === p.id));

  return (
    <Stack gap="xs" role="group" aria-labelledby={`${idBase}-label`}>
      <Text id={`${idBase}-label`} fw={600} size="sm">{label}</Text>
      {chosen.length ? (
        <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }} aria-label="Chosen pupils">
          {chosen.map((p) => (
            <Group component="li" key={p.id} justify="space-between" wrap="nowrap" gap="xs">
              <Text size="sm" className="break-anywhere"><strong>{p.displayName}</strong> <Text span c="dimmed" size="xs">{p.detail}</Text></Text>
              <Button size="xs" variant="subtle" color="red" onClick={() => onChange(chosen.filter((c) => c.id !== p.id))}>
                Remove<span className="visually-hidden-inline"> {p.displayName}</span>
              </Button>
            </Group>
          ))}
        </Stack>
      ) : <Text size="sm" c="dimmed">No pupil chosen yet.</Text>}
      {error ? <Text size="sm" c="red.9" role="alert">{error}</Text> : null}
      {full ? (max > 1 ? <Text size="sm">That is the most you can choose ({max}).</Text> : null) : (
        <>
          <TextInput label={chosen.length ? 'Add another pupil' : 'Find a pupil'} description="Type at least 2 letters of a name, or a UPN"
            value={text} onChange={(e) => setText(e.currentTarget.value)} autoComplete="off"
            rightSection={results.isFetching ? <Loader size="xs" aria-label="Searching" /> : null} />
          {search.length >= 2 && results.isSuccess ? (
            shown.length ? (
              <Stack gap={4} aria-live="polite">
                {shown.map((p) => (
                  <Button key={p.id} variant="default" justify="flex-start" h="auto" py={6} fullWidth
                    onClick={() => { onChange([...chosen, p]); setText(''); }}>
                    <span style={{ textAlign: 'left', whiteSpace: 'normal' }}>
                      Add {p.displayName} <Text span size="xs" c="dimmed">{p.detail}</Text>
                    </span>
                  </Button>
                ))}
              </Stack>
            ) : <Text size="sm" aria-live="polite">No pupils match “{search}”{chosen.length ? ' at this site' : ''}.</Text>
          ) : null}
        </>
      )}
    </Stack>
  );
}
