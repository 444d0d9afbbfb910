/** When and where: site (for people at several sites), date and time, location and lesson or period. */
import { NativeSelect, SimpleGrid } from '@mantine/core';
import { useMe } from '../../lib/usePolicy';
import { DateTimeFields, fieldId, FormSection, selectData, setField, type SectionProps } from './formParts';
import { periodAt } from './policy';
import { parseTime } from './time';

export function WhenWhereSection({ form, update, policy, err, siteLocked }: SectionProps & { siteLocked: boolean }) {
  const me = useMe();
  const onTime = (time: string) => update((f) => {
    // Fill the period from the timetable when the user has not chosen one (SPEC §9: the period containing the time).
    const t = parseTime(time);
    const guess = !f.periodCode && t ? periodAt(policy.periods, t) : undefined;
    return { ...f, time, periodCode: guess ?? f.periodCode };
  });
  return (
    <FormSection title="When and where" id="incident-when">
      {me.sites.length > 1 && !siteLocked ? (
        <NativeSelect label="Site" id={fieldId('siteId')} value={form.siteId} error={err('siteId')}
          data={me.sites.map((s) => ({ value: s.id, label: s.name }))} onChange={(e) => setField(update, 'siteId', e.currentTarget.value)} />
      ) : null}
      <DateTimeFields dateLabel="Date" timeLabel="Time" date={form.date} time={form.time} dateId={fieldId('occurredAt')} timeId="incident-time"
        onDate={(v) => setField(update, 'date', v)} onTime={onTime} error={err('occurredAt')} />
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
        <NativeSelect label="Location" id={fieldId('locationCode')} value={form.locationCode} error={err('locationCode')}
          data={selectData(policy.locations, form.locationCode, 'Choose a location')}
          onChange={(e) => setField(update, 'locationCode', e.currentTarget.value)} />
        <NativeSelect label="Lesson or period" id={fieldId('periodCode')} value={form.periodCode} error={err('periodCode')}
          data={selectData(policy.periods, form.periodCode, 'Choose a period')}
          onChange={(e) => setField(update, 'periodCode', e.currentTarget.value)} />
      </SimpleGrid>
    </FormSection>
  );
}
