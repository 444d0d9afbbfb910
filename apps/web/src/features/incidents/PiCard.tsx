/**
 * One physical intervention record: who, the kind of intervention, whether the pupil had SEN at the time (taken from the
 * pupil's record when they are chosen, shown not typed), when, which staff used which techniques, why, and what was tried first.
 */
import { Button, Card, Checkbox, Group, NativeSelect, Radio, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { INTERVENTION_KIND_LABELS, INTERVENTION_KINDS, SEN_STATUS_LABELS, type TSenStatus } from '@haven/contracts';
import { fieldId, WRAP_BUTTON } from './formParts';
import type { PiModel } from './formModel';
import { PiFollowUp } from './PiFollowUp';
import { PiInjuries } from './PiInjuries';
import { PlanHoldsPanel, useApprovedHolds } from '../plans-use/PlanHoldsPanel';
import type { IncidentPolicy } from './policy';
import { CertificateWarning } from './CertificateWarning';
import { DATE_HINT, dateError, durationMinutes, minutesLabel, TIME_HINT, timeError } from './time';

type Option = { value: string; label: string };
export interface PiPartProps {
  pi: PiModel;
  index: number;
  setPi: (change: (p: PiModel) => PiModel) => void;
  err: (field: string) => string | undefined;
  staffOptions: Option[];
  /** The recorder's staff record, the first guess for who told the parent. */
  recorderStaffId?: string;
}

export function PiCard({ pi, index, count, setPi, onRemove, policy, err, staffOptions, pupilOptions, senStatus, recorderStaffId, siteId }: PiPartProps & {
  count: number;
  /** The incident's site (the certificate check is asked there). */
  siteId: string;
  /** The SEN status the server recorded for this pupil on this intervention (undefined until it is saved). */
  senStatus: TSenStatus | null | undefined;
  onRemove: () => void;
  policy: IncidentPolicy;
  pupilOptions: Option[];
}) {
  const f = (name: string) => `physicalInterventions.${index}.${name}`;
  const contact = pi.kind === '' || pi.kind === 'force_with_contact';
  const set = <K extends keyof PiModel>(k: K, v: PiModel[K]) => setPi((p) => ({ ...p, [k]: v }));
  const n = count > 1 ? ` ${index + 1}` : '';
  const duration = durationMinutes(pi.startTime, pi.endTime);
  const endBeforeStart = duration === null && !timeError(pi.startTime) && !timeError(pi.endTime) && pi.startTime && pi.endTime;
  const staffRow = (i: number, change: (s: PiModel['staffTechniques'][number]) => PiModel['staffTechniques'][number]) =>
    setPi((p) => ({ ...p, staffTechniques: p.staffTechniques.map((s, j) => (j === i ? change(s) : s)) }));
  const staffName = (id: string) => staffOptions.find((o) => o.value === id)?.label ?? 'this member of staff';
  const approved = useApprovedHolds(pi.pupilId);
  const inPlan = (code: string) => approved?.some((c) => c.toUpperCase() === code.toUpperCase()) ?? false;
  const pupils = pi.pupilId && !pupilOptions.some((o) => o.value === pi.pupilId) ? [...pupilOptions, { value: pi.pupilId, label: 'Pupil no longer in the incident' }] : pupilOptions;

  return (
    <Card withBorder padding="sm" bg="gray.0" component="section" aria-labelledby={`pi-title-${index}`}>
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={3} size="h5" id={`pi-title-${index}`}>
          Physical intervention{n}{pi.pupilId ? `: ${pupils.find((o) => o.value === pi.pupilId)?.label ?? ''}` : ''}
        </Title>
        {count > 1 ? <Button size="xs" variant="subtle" color="red" onClick={onRemove}>Remove physical intervention{n}</Button> : null}
      </Group>
      <Stack gap="md">
        <NativeSelect label="Pupil" id={fieldId(f('pupilId'))} value={pi.pupilId} error={err(f('pupilId'))}
          data={[{ value: '', label: 'Choose the pupil' }, ...pupils]} onChange={(e) => set('pupilId', e.currentTarget.value)} />
        {pi.pupilId ? (
          <Text size="sm" id={fieldId(f('pupilSenStatus'))} aria-live="polite">
            <Text span fw={600} size="sm">Special educational needs at the time: </Text>
            {senStatus ? `${SEN_STATUS_LABELS[senStatus]} (from the pupil's record when they were chosen)` : "taken from the pupil's record when this is saved"}
            {err(f('pupilSenStatus')) ? <Text span c="red.9" size="sm" display="block">{err(f('pupilSenStatus'))}</Text> : null}
          </Text>
        ) : null}
        <div id={fieldId(f('kind'))}>
          <Radio.Group label="Kind of intervention" value={pi.kind} error={err(f('kind'))} onChange={(v) => set('kind', v)}
            description="Seclusion: kept alone somewhere they cannot leave. Immobilisation: removing or disabling what they need to move, such as a wheelchair.">
            <Stack gap={8} mt={6}>
              {INTERVENTION_KINDS.map((k) => <Radio key={k} value={k} label={INTERVENTION_KIND_LABELS[k]} />)}
            </Stack>
          </Radio.Group>
        </div>
        <TextInput label="Date of the intervention" description={DATE_HINT} value={pi.date} inputMode="numeric" maxLength={10}
          id={`pi-date-${index}`} error={dateError(pi.date)} onChange={(e) => set('date', e.currentTarget.value)} maw={200} />
        <Group gap="sm" align="flex-start" wrap="wrap">
          <TextInput label="Start time" description={TIME_HINT} value={pi.startTime} inputMode="numeric" maxLength={5}
            id={fieldId(f('startedAt'))} error={timeError(pi.startTime) ?? err(f('startedAt'))}
            onChange={(e) => set('startTime', e.currentTarget.value)} style={{ flex: '1 1 7rem', maxWidth: 160 }} />
          <TextInput label="End time" description={TIME_HINT} value={pi.endTime} inputMode="numeric" maxLength={5}
            id={fieldId(f('endedAt'))} error={timeError(pi.endTime) ?? (endBeforeStart ? 'The end must be after the start' : err(f('endedAt')))}
            onChange={(e) => set('endTime', e.currentTarget.value)} style={{ flex: '1 1 7rem', maxWidth: 160 }} />
        </Group>
        <Text size="sm" aria-live="polite">Duration: {duration === null ? 'enter the start and end times' : minutesLabel(duration)}</Text>

        {pi.pupilId ? <PlanHoldsPanel pupilId={pi.pupilId} used={pi.staffTechniques} techniques={policy.techniques} /> : null}
        <Stack gap="sm" id={fieldId(f('staffTechniques'))} role="group" aria-labelledby={`pi-staff-${index}`}>
          <Text fw={600} id={`pi-staff-${index}`}>{contact ? 'Staff and the techniques each used' : 'Staff involved'}</Text>
          {err(f('staffTechniques')) ? <Text size="sm" c="red.9" role="alert">{err(f('staffTechniques'))}</Text> : null}
          {pi.staffTechniques.map((s, i) => (
            <Card key={i} withBorder padding="sm">
              <Group gap="sm" align="flex-end" wrap="wrap" mb="xs">
                <NativeSelect label={`Member of staff ${i + 1}`} value={s.staffId} style={{ flex: '1 1 12rem' }}
                  id={fieldId(`${f('staffTechniques')}.${i}.staffId`)} error={err(`${f('staffTechniques')}.${i}.staffId`)}
                  data={[{ value: '', label: 'Choose a member of staff' }, ...staffOptions]}
                  onChange={(e) => { const v = e.currentTarget.value; staffRow(i, (r) => ({ ...r, staffId: v })); }} />
                <Button variant="subtle" color="red" onClick={() => setPi((p) => ({ ...p, staffTechniques: p.staffTechniques.filter((_, j) => j !== i) }))}>
                  Remove<span className="visually-hidden-inline"> member of staff {i + 1}</span>
                </Button>
              </Group>
              <div id={fieldId(`${f('staffTechniques')}.${i}.techniqueCodes`)}><Checkbox.Group label={`${contact ? 'Techniques' : 'Holds or techniques (if any)'} used by ${s.staffId ? staffName(s.staffId) : `member of staff ${i + 1}`}`}
                error={err(`${f('staffTechniques')}.${i}.techniqueCodes`)}
                value={s.techniqueCodes} onChange={(v) => staffRow(i, (r) => ({ ...r, techniqueCodes: v }))}>
                <SimpleGrid cols={{ base: 1, xs: 2 }} spacing={8} mt={6}>
                  {policy.techniques.map((t) => <Checkbox key={t.code} value={t.code} label={approved && inPlan(t.code) ? `${t.label} (in the plan)` : t.label} />)}
                </SimpleGrid>
              </Checkbox.Group></div>
              {s.staffId && s.techniqueCodes.length ? (
                <CertificateWarning siteId={siteId} staffId={s.staffId} staffName={staffName(s.staffId)} techniqueCodes={s.techniqueCodes} date={pi.date}
                  techniqueLabel={(code) => policy.techniques.find((t) => t.code === code)?.label ?? code} />
              ) : null}
              {policy.techniques.length === 0 ? <Text size="sm" c="dimmed">No techniques are configured in the behaviour policy.</Text> : null}
            </Card>
          ))}
          <div>
            <Button variant="default" size="sm" styles={WRAP_BUTTON} onClick={() => setPi((p) => ({ ...p, staffTechniques: [...p.staffTechniques, { staffId: '', techniqueCodes: [] }] }))}>
              Add a member of staff to this intervention
            </Button>
          </div>
        </Stack>

        <Textarea label="Why it was necessary" id={fieldId(f('reason'))} value={pi.reason} error={err(f('reason'))} autosize minRows={3} maxLength={5000}
          description="The risk of harm to the pupil or others, or the damage, that made it necessary" onChange={(e) => set('reason', e.currentTarget.value)} />
        <Textarea label="De-escalation tried first" id={fieldId(f('deescalationTried'))} value={pi.deescalationTried} error={err(f('deescalationTried'))}
          autosize minRows={3} maxLength={5000} description="What was tried before physical intervention, and how the pupil responded"
          onChange={(e) => set('deescalationTried', e.currentTarget.value)} />
        <PiInjuries pi={pi} index={index} setPi={setPi} err={err} staffOptions={staffOptions} />
        <PiFollowUp pi={pi} index={index} setPi={setPi} err={err} staffOptions={staffOptions} recorderStaffId={recorderStaffId} />
      </Stack>
    </Card>
  );
}
