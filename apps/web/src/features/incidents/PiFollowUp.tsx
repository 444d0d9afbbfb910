/**
 * After the intervention: pupil and staff debriefs, and telling the parent (when, how, by whom). LAW-10: parents
 * must be told the same day, so a warning shows while they have not been and the intervention was today or before.
 * Telling the parent is entered here once: saved, it is also the incident's parent contact log entry. Typing the
 * time fills the day of the intervention and the recorder as who told them, until changed.
 */
import { Alert, NativeSelect, SimpleGrid, Stack, Text } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { ChipChoice, DateTimeFields, fieldId, DARK_ALERT_TITLE } from './formParts';
import type { PiModel } from './formModel';
import { PARENT_INFORMED_HOW_OPTIONS } from './labels';
import type { PiPartProps } from './PiCard';
import { isTodayOrEarlier } from './time';

type TextKey = { [K in keyof PiModel]: PiModel[K] extends string ? K : never }[keyof PiModel];

export function PiFollowUp({ pi, index, setPi, err, staffOptions, recorderStaffId }: PiPartProps) {
  const f = (name: string) => `physicalInterventions.${index}.${name}`;
  const set = (k: TextKey) => (v: string) => setPi((p) => ({ ...p, [k]: v }));
  const staffData = [{ value: '', label: 'Choose a member of staff' }, ...staffOptions];
  const toldAt = (k: 'parentInformedDate' | 'parentInformedTime') => (v: string) => setPi((p) => ({
    ...p, [k]: v,
    parentInformedDate: k === 'parentInformedTime' && !p.parentInformedDate.trim() && v.trim() ? p.date : k === 'parentInformedDate' ? v : p.parentInformedDate,
    parentInformedBy: p.parentInformedBy || (v.trim() && staffOptions.some((o) => o.value === recorderStaffId) ? recorderStaffId ?? '' : ''),
  }));
  const parentNotTold = !pi.parentInformedDate.trim() && isTodayOrEarlier(pi.date);

  const debrief = (who: 'pupil' | 'staff', title: string) => (
    <Stack gap="xs" role="group" aria-labelledby={`pi-${who}-debrief-${index}`}>
      <Text fw={600} id={`pi-${who}-debrief-${index}`}>{title}</Text>
      <DateTimeFields dateLabel={`${title} date`} timeLabel={`${title} time`} dateId={fieldId(f(`${who}DebriefAt`))} timeId={`pi-${who}-debrief-time-${index}`}
        date={pi[`${who}DebriefDate`]} time={pi[`${who}DebriefTime`]} onDate={set(`${who}DebriefDate`)} onTime={set(`${who}DebriefTime`)}
        error={err(f(`${who}DebriefAt`))} />
      <NativeSelect label={`${title} by`} id={fieldId(f(`${who}DebriefBy`))} value={pi[`${who}DebriefBy`]} data={staffData}
        error={err(f(`${who}DebriefBy`))} onChange={(e) => set(`${who}DebriefBy`)(e.currentTarget.value)} />
    </Stack>
  );

  return (
    <>
      <Textarea label="Support offered afterwards" id={fieldId(f('supportOffered'))} value={pi.supportOffered} error={err(f('supportOffered'))}
        autosize minRows={2} maxLength={5000} description="To the pupil (and to staff): time to calm, a trusted adult, first aid, a follow-up conversation"
        onChange={(e) => set('supportOffered')(e.currentTarget.value)} />
      <Text size="sm" c="dimmed">Debriefs may be scheduled: enter the planned date and time if they have not happened yet.</Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {debrief('pupil', 'Pupil debrief')}
        {debrief('staff', 'Staff debrief')}
      </SimpleGrid>
      <Stack gap="xs" role="group" aria-labelledby={`pi-parent-${index}`}>
        <Text fw={600} id={`pi-parent-${index}`}>Parent or carer informed</Text>
        {parentNotTold ? (
          <Alert color="orange" styles={DARK_ALERT_TITLE} variant="light" title="The parent has not been told yet" role="status">
            Parents must be told the same day, under the 2025 regulations on recording restraint and seclusion. Record when they were told as soon as you have spoken to them.
          </Alert>
        ) : null}
        <DateTimeFields dateLabel="Parent informed date" timeLabel="Parent informed time" dateId={fieldId(f('parentInformedAt'))}
          timeId={`pi-parent-time-${index}`} date={pi.parentInformedDate} time={pi.parentInformedTime}
          onDate={toldAt('parentInformedDate')} onTime={toldAt('parentInformedTime')} error={err(f('parentInformedAt'))} />
        <ChipChoice label="How the parent was informed" id={fieldId(f('parentInformedHow'))} value={pi.parentInformedHow}
          options={PARENT_INFORMED_HOW_OPTIONS} error={err(f('parentInformedHow'))} onChange={set('parentInformedHow')} />
        <NativeSelect label="Parent informed by" id={fieldId(f('parentInformedBy'))} value={pi.parentInformedBy} data={staffData}
          error={err(f('parentInformedBy'))} onChange={(e) => set('parentInformedBy')(e.currentTarget.value)} maw={420} />
        <Text size="sm" c="dimmed">Once saved, this is also the parent contact log entry on the incident: there is no need to log it again.</Text>
      </Stack>
    </>
  );
}
