/** The physical intervention records of an incident, read-only, with the body map, the LAW-10 parent flag and the STF-2 certificate flags. */
import { Alert, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { CERTIFICATE_PROBLEM_LABELS, INTERVENTION_KIND_LABELS, SEN_STATUS_LABELS } from '@haven/contracts';
import { BodyMap } from '../../components/BodyMap';
import { Facts } from '../../components/Facts';
import { formatDate, formatDateTime } from '../../lib/format';
import { ReadSection, TextBlock } from './IncidentDetails';
import { contactMethodLabel } from './labels';
import { labelOf, type IncidentPolicy } from './policy';
import { minutesLabel } from './time';
import type { TIncident } from './types';
import { DARK_ALERT_TITLE } from './formParts';

export function PiSummary({ inc, policy, staffName }: { inc: TIncident; policy: IncidentPolicy; staffName: (id: string | null) => string }) {
  if (!inc.physicalIntervention) return null;
  const pupilName = (id: string | null) => inc.pupils.find((p) => p.pupilId === id)?.displayName ?? 'Not recorded';
  const when = (at: string | null, by: string | null) => (at ? `${formatDateTime(at)}${by ? `, by ${staffName(by)}` : ''}` : 'Not recorded');
  return (
    <ReadSection title="Physical intervention" id="view-pi">
      {inc.physicalInterventions.length === 0 ? <Text size="sm">Force, restraint or seclusion was used, but no details have been recorded.</Text> : null}
      <Stack gap="xl">
        {inc.physicalInterventions.map((pi, i) => (
          <Stack key={pi.id} gap="sm" component="section" aria-labelledby={`view-pi-${i}`}>
            <Title order={3} size="h5" id={`view-pi-${i}`}>
              {inc.physicalInterventions.length > 1 ? `Physical intervention ${i + 1}: ` : ''}{pupilName(pi.pupilId)}
            </Title>
            {pi.parentNotInformedSameDay ? (
              <Alert color="red" styles={DARK_ALERT_TITLE} variant="light" title="Parent not told the same day" role="status">
                Parents must be told the same day, under the 2025 regulations on recording restraint and seclusion.
              </Alert>
            ) : null}
            <CertificateFlags flags={inc.certificateFlags.filter((f) => f.physicalInterventionId === pi.id)} techniqueLabel={(c) => labelOf(policy.techniques, c)} />
            <Facts items={[
              ['Kind of intervention', pi.kind ? INTERVENTION_KIND_LABELS[pi.kind] : 'Not recorded'],
              ['Special educational needs at the time', pi.pupilSenStatus ? SEN_STATUS_LABELS[pi.pupilSenStatus] : 'Not recorded'],
              ['Started', formatDateTime(pi.startedAt) || 'Not recorded'],
              ['Ended', formatDateTime(pi.endedAt) || 'Not recorded'],
              ['Duration', pi.durationMinutes === null ? 'Not recorded' : minutesLabel(pi.durationMinutes)],
              ['Staff and techniques', pi.staffTechniques.length ? pi.staffTechniques.map((s) =>
                `${staffName(s.staffId)}: ${s.techniqueCodes.map((c) => labelOf(policy.techniques, c)).join(', ') || 'no technique recorded'}`).join('; ') : 'Not recorded'],
              ['Pupil injured', pi.pupilInjured ? 'Yes' : 'No'],
              ['Staff injured', pi.staffInjured ? 'Yes' : 'No'],
              ['Pupil debrief', when(pi.pupilDebriefAt, pi.pupilDebriefBy)],
              ['Staff debrief', when(pi.staffDebriefAt, pi.staffDebriefBy)],
              ['Parent informed', pi.parentInformedAt
                ? `${formatDateTime(pi.parentInformedAt)}${pi.parentInformedHow ? `, ${contactMethodLabel(pi.parentInformedHow).toLowerCase()}` : ''}${pi.parentInformedBy ? `, by ${staffName(pi.parentInformedBy)}` : ''}`
                : 'Not yet'],
            ]} />
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
              <TextBlock label="Why it was necessary" text={pi.reason} />
              <TextBlock label="De-escalation tried first" text={pi.deescalationTried} />
              <TextBlock label="Injuries" text={pi.injuryNotes} />
              <TextBlock label="Medical attention" text={pi.medicalAttention} />
              <TextBlock label="Support offered afterwards" text={pi.supportOffered} />
            </SimpleGrid>
            <BodyMap marks={pi.bodyMap} readOnly label={`Body map${inc.physicalInterventions.length > 1 ? ` ${i + 1}` : ''}`} />
          </Stack>
        ))}
      </Stack>
    </ReadSection>
  );
}

/** STF-2: holds used by a member of staff without a valid certificate on the day, as stored on the incident. */
function CertificateFlags({ flags, techniqueLabel }: { flags: TIncident['certificateFlags']; techniqueLabel: (code: string) => string }) {
  if (!flags.length) return null;
  const uncertified = flags.some((f) => f.problem !== 'in_grace');
  return (
    <Alert color={uncertified ? 'orange' : 'yellow'} styles={DARK_ALERT_TITLE} variant="light" role="status"
      title={uncertified ? 'Hold used without a valid certificate' : 'Certificate in its grace period'}>
      <List size="sm" spacing={2}>
        {flags.map((f) => (
          <List.Item key={`${f.staffId}-${f.techniqueCode}`}>
            {f.staffName}, {techniqueLabel(f.techniqueCode)}: {CERTIFICATE_PROBLEM_LABELS[f.problem]}{f.expiredOn ? ` (ran out on ${formatDate(f.expiredOn)})` : ''}, checked on {formatDate(f.checkedOn)}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
