/**
 * INC-3: the "force, restraint or seclusion was used" switch opens one physical intervention record per pupil
 * restrained or secluded. LAW-10 fields (kind, SEN at the time, staff, techniques, times, reason, de-escalation,
 * injuries, support offered, debriefs, parent informed) are checked on submit and sign-off; the same-day parent
 * warning shows as soon as it applies.
 */
import { Alert, Button, Stack, Switch, Text } from '@mantine/core';
import { LaterPart, useLaterComponent } from '../../components/LaterPart';
import { DARK_ALERT_TITLE, fieldId, FormSection, type SectionProps, WRAP_BUTTON } from './formParts';
import { emptyPi, type FormModel, type PiModel } from './formModel';
import { useStaffList } from './incidents.api';
import { loadPiCard } from './piCardLoader';
import { staffChoices } from './StaffSection';
import type { TIncident } from './types';

function newPiFor(f: FormModel, pupilId = ''): PiModel {
  return emptyPi({
    pupilId: pupilId || (f.pupils.find((p) => p.role === 'instigator' || p.role === 'involved')?.pupilId ?? ''),
    date: f.date,
    staffTechniques: f.staff.filter((s) => s.role === 'involved').map((s) => ({ staffId: s.staffId, techniqueCodes: [] })),
  });
}

/** The SEN status the server took for this intervention's pupil, once the choice of pupil is saved. */
function savedSen(server: TIncident | null | undefined, key: string, index: number, pupilId: string) {
  // the server keeps interventions by position; one started on this device keeps its own key until reloaded
  const saved = server?.physicalInterventions.find((s) => s.id === key) ?? server?.physicalInterventions[index];
  return saved && saved.pupilId === pupilId ? saved.pupilSenStatus : undefined;
}

export function PhysicalInterventionSection(props: SectionProps & { server?: TIncident | null | undefined; recorderStaffId?: string }) {
  const { form, update, err } = props;
  // the intervention record's fields (with the body map) are a chunk of their own: most incidents have none
  const { Comp: PiCard, retry } = useLaterComponent(() => loadPiCard().then((m) => m.PiCard));
  const staff = useStaffList(form.siteId || undefined);
  const staffOptions = staffChoices(staff.data, form);
  const pupilOptions = form.pupils.map((p) => ({ value: p.pupilId, label: p.displayName }));

  const toggle = (on: boolean) => update((f) => ({
    ...f,
    physicalIntervention: on,
    physicalInterventions: on && f.physicalInterventions.length === 0 ? [newPiFor(f)] : f.physicalInterventions,
  }));
  const setPi = (i: number) => (change: (p: PiModel) => PiModel) =>
    update((f) => ({ ...f, physicalInterventions: f.physicalInterventions.map((p, j) => (j === i ? change(p) : p)) }));
  const removePi = (i: number) => update((f) => ({ ...f, physicalInterventions: f.physicalInterventions.filter((_, j) => j !== i) }));
  const used = new Set(form.physicalInterventions.map((p) => p.pupilId));
  const nextPupil = form.pupils.find((p) => !used.has(p.pupilId))?.pupilId ?? '';

  return (
    <FormSection title="Physical intervention" id="incident-pi">
      <Switch size="md" id={fieldId('physicalIntervention')} checked={form.physicalIntervention}
        label="Force, restraint or seclusion was used" error={err('physicalIntervention')}
        description="Turn on if any force, restraint (with or without physical contact), seclusion or immobilisation was used. The details are then required by the 2025 regulations on recording restraint and seclusion."
        onChange={(e) => toggle(e.currentTarget.checked)} />
      {form.physicalIntervention ? (
        <Stack gap="lg" id={fieldId('physicalInterventions')}>
          {err('physicalInterventions') ? <Alert color="red" styles={DARK_ALERT_TITLE} variant="light" role="alert">{err('physicalInterventions')}</Alert> : null}
          <LaterPart what="physical intervention record" onRetry={retry}>
            {form.physicalInterventions.map((pi, i) => (
              <PiCard key={pi.key} pi={pi} index={i} count={form.physicalInterventions.length} setPi={setPi(i)}
                onRemove={() => removePi(i)} policy={props.policy} err={err} staffOptions={staffOptions} pupilOptions={pupilOptions}
                senStatus={savedSen(props.server, pi.key, i, pi.pupilId)} recorderStaffId={props.recorderStaffId ?? ''} siteId={form.siteId} />
            ))}
          </LaterPart>
          {form.physicalInterventions.length < 10 ? (
            <div>
              <Button variant="default" styles={WRAP_BUTTON} onClick={() => update((f) => ({ ...f, physicalInterventions: [...f.physicalInterventions, newPiFor(f, nextPupil)] }))}>
                Add a physical intervention for another pupil
              </Button>
            </div>
          ) : null}
          {pupilOptions.length === 0 ? <Text size="sm" c="dimmed">Add the pupil in the Pupils section first, then choose them here.</Text> : null}
        </Stack>
      ) : null}
    </FormSection>
  );
}
