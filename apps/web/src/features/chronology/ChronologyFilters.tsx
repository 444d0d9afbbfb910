/** Kind, date, key-event and voided filters for the chronology, and its PDF with the same filters; hidden when printing. */
import { Button, Checkbox, Group } from '@mantine/core';
import { chronologyPdfUrl, type ChronologyFilters as Filters } from './chronology.api';
import { UkDateInput } from '../../components/UkDateInput';

export function ChronologyFilters({ pupilId, value, onChange, mayIncludeVoided }: {
  pupilId: string;
  value: Filters;
  onChange: (patch: Partial<Filters>) => void;
  mayIncludeVoided: boolean;
}) {
  const backwards = value.from && value.to && value.from > value.to;
  return (
    <Group gap="md" align="flex-end" wrap="wrap" className="chron-noprint" component="search" aria-label="Filter the chronology">
      <Checkbox.Group label="Show" value={[value.events ? 'event' : '', value.incidents ? 'incident' : ''].filter(Boolean)}
        onChange={(v) => onChange({ events: v.includes('event'), incidents: v.includes('incident'), page: 1 })}
        error={!value.events && !value.incidents ? 'Choose at least one' : undefined}>
        <Group gap="md" mt={6}>
          <Checkbox value="event" label="Points" />
          <Checkbox value="incident" label="Incidents" />
        </Group>
      </Checkbox.Group>
      <UkDateInput label="From" value={value.from} onChange={(iso) => { if (iso !== null) onChange({ from: iso, page: 1 }); }} w={160} description="" />
      <UkDateInput label="To" value={value.to} onChange={(iso) => { if (iso !== null) onChange({ to: iso, page: 1 }); }} w={160} description=""
        error={backwards ? 'Before the start date' : undefined} />
      {mayIncludeVoided ? (
        <Checkbox label="Include voided" checked={value.includeVoided} onChange={(e) => onChange({ includeVoided: e.currentTarget.checked, page: 1 })} mb={8} />
      ) : null}
      <Checkbox label="Key events only" description="Serious incidents and physical interventions" checked={value.keyEvents}
        onChange={(e) => onChange({ keyEvents: e.currentTarget.checked, page: 1 })} mb={8} />
      <Button component="a" variant="default" href={chronologyPdfUrl(pupilId, value)} target="_blank" rel="noopener">Print (PDF)</Button>
    </Group>
  );
}
