/**
 * When and where: site (for people at several sites), date and time (now, in London, to start with), location and
 * lesson or period as chips (one tap each); the period the time falls in is chosen until someone picks another.
 */
import { NativeSelect } from '@mantine/core';
import { useMe } from '../../lib/usePolicy';
import { chipData, ChipChoice, DateTimeFields, fieldId, FormSection, setField, type SectionProps } from './formParts';
import { periodAt } from './policy';
import { parseTime } from './time';

export function WhenWhereSection({ form, update, policy, err, siteLocked }: SectionProps & { siteLocked: boolean }) {
  const me = useMe();
  const t = parseTime(form.time);
  const period = form.periodCode || (t ? periodAt(policy.periods, t) ?? '' : '');
  return (
    <FormSection title="When and where" id="incident-when">
      {me.sites.length > 1 && !siteLocked ? (
        <NativeSelect label="Site" id={fieldId('siteId')} value={form.siteId} error={err('siteId')}
          data={me.sites.map((s) => ({ value: s.id, label: s.name }))} onChange={(e) => setField(update, 'siteId', e.currentTarget.value)} />
      ) : null}
      <DateTimeFields dateLabel="Date" timeLabel="Time" date={form.date} time={form.time} dateId={fieldId('occurredAt')} timeId="incident-time"
        onDate={(v) => setField(update, 'date', v)} onTime={(v) => setField(update, 'time', v)} error={err('occurredAt')} />
      <ChipChoice label="Location" id={fieldId('locationCode')} value={form.locationCode} error={err('locationCode')}
        options={chipData(policy.locations, form.locationCode)} onChange={(v) => setField(update, 'locationCode', v)} />
      <ChipChoice label="Lesson or period" id={fieldId('periodCode')} value={period} error={err('periodCode')}
        description={!form.periodCode && period ? 'Chosen from the time; tap another to change it' : undefined}
        options={chipData(policy.periods, period)} onChange={(v) => setField(update, 'periodCode', v)} />
    </FormSection>
  );
}
