/** Injuries to the pupil and to staff, with the body map, and any medical attention given. */
import { Group, Switch } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { BodyMap } from '../../components/BodyMap';
import { fieldId } from './formParts';
import type { PiPartProps } from './PiCard';

export function PiInjuries({ pi, index, setPi, err }: PiPartProps) {
  const f = (name: string) => `physicalInterventions.${index}.${name}`;
  return (
    <>
      <Group gap="lg" wrap="wrap">
        <Switch label="The pupil was injured" checked={pi.pupilInjured} id={`pi-pupil-injured-${index}`}
          onChange={(e) => { const v = e.currentTarget.checked; setPi((p) => ({ ...p, pupilInjured: v })); }} />
        <Switch label="A member of staff was injured" checked={pi.staffInjured} id={`pi-staff-injured-${index}`}
          onChange={(e) => { const v = e.currentTarget.checked; setPi((p) => ({ ...p, staffInjured: v })); }} />
      </Group>
      <Textarea label={pi.pupilInjured || pi.staffInjured ? 'Injuries' : 'Injuries (if any)'} id={fieldId(f('injuryNotes'))}
        value={pi.injuryNotes} error={err(f('injuryNotes'))} autosize minRows={2} maxLength={5000}
        description="Who was hurt, where and how; write “none” if nobody was hurt"
        onChange={(e) => { const v = e.currentTarget.value; setPi((p) => ({ ...p, injuryNotes: v })); }} />
      <BodyMap id={fieldId(f('bodyMap'))} label="Body map" marks={pi.bodyMap} error={err(f('bodyMap'))}
        onChange={(marks) => setPi((p) => ({ ...p, bodyMap: marks }))} />
      <Textarea label="Medical attention" id={fieldId(f('medicalAttention'))} value={pi.medicalAttention} error={err(f('medicalAttention'))}
        autosize minRows={2} maxLength={2000} description="First aid or medical help given, by whom; or “none needed”"
        onChange={(e) => { const v = e.currentTarget.value; setPi((p) => ({ ...p, medicalAttention: v })); }} />
    </>
  );
}
