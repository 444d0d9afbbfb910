/** Kind, date, key-event and voided filters for the chronology, and its PDF with the same filters; hidden when printing. */
import { Button, Checkbox, Group } from '@mantine/core';
import { CHRONOLOGY_KIND_LABELS, type TChronologyKind } from '@haven/contracts';
import { chronologyPdfUrl, type ChronologyFilters as Filters } from './chronology.api';
import { UkDateInput } from '../../components/UkDateInput';

export function ChronologyFilters({ pupilId, value, onChange, mayIncludeVoided, kindsAvailable }: {
  pupilId: string;
  value: Filters;
  onChange: (patch: Partial<Filters>) => void;
  mayIncludeVoided: boolean;
  /** The kinds of record this viewer may see (from the server). */
  kindsAvailable: readonly TChronologyKind[];
}) {
  const backwards = value.from && value.to && value.from > value.to;
  const chosen = value.kinds ?? kindsAvailable;
  return (
    <Group gap="md" align="flex-end" wrap="wrap" className="chron-noprint" component="search" aria-label="Filter the chronology">
      <Checkbox.Group label="Show" value={[...chosen]}
        onChange={(v) => onChange({ kinds: kindsAvailable.filter((k) => v.includes(k)), page: 1 })}
        error={chosen.length === 0 ? 'Choose at least one' : undefined}>
        <Group gap="md" mt={6}>
          {kindsAvailable.map((k) => <Checkbox key={k} value={k} label={CHRONOLOGY_KIND_LABELS[k]} />)}
        </Group>
      </Checkbox.Group>
      <UkDateInput label="From" value={value.from} onChange={(iso) => { if (iso !== null) onChange({ from: iso, page: 1 }); }} w={160} description="" />
      <UkDateInput label="To" value={value.to} onChange={(iso) => { if (iso !== null) onChange({ to: iso, page: 1 }); }} w={160} description=""
        error={backwards ? 'Before the start date' : undefined} />
      {mayIncludeVoided ? (
        <Checkbox label="Include voided" checked={value.includeVoided} onChange={(e) => onChange({ includeVoided: e.currentTarget.checked, page: 1 })} mb={8} />
      ) : null}
      <Checkbox label="Key events only" description="Serious incidents, physical interventions, suspensions, placements, plans made active and referrals" checked={value.keyEvents}
        onChange={(e) => onChange({ keyEvents: e.currentTarget.checked, page: 1 })} mb={8} />
      <Button component="a" variant="default" href={chronologyPdfUrl(pupilId, value)} target="_blank" rel="noopener">Print (PDF)</Button>
    </Group>
  );
}
