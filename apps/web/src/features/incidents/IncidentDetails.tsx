/** The incident's sections, read-only (the view page and the reviewer's screen). */
import { Card, List, SimpleGrid, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Facts } from '../../components/Facts';
import { AnchorLink } from '../../components/links';
import { formatDate, formatDateTime, yearGroupLabel } from '../../lib/format';
import { PUPIL_ROLE_LABELS, STAFF_ROLE_LABELS } from './labels';
import { labelOf, type IncidentPolicy } from './policy';
import type { TIncident } from './types';

export function ReadSection({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id} mb="sm">{title}</Title>
      {children}
    </Card>
  );
}

export function TextBlock({ label, text }: { label: string; text: string | null }) {
  return (
    <div>
      <Text fw={600} size="sm">{label}</Text>
      <Text size="sm" className="incident-text" c={text ? undefined : 'dimmed'}>{text || 'Not recorded'}</Text>
    </div>
  );
}

const customAnswer = (type: string, v: string | boolean | null | undefined): string => {
  if (v === null || v === undefined || v === '') return 'Not answered';
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  return type === 'date' ? formatDate(v) : v;
};

export function IncidentDetails({ inc, policy }: { inc: TIncident; policy: IncidentPolicy }) {
  const labels = (list: IncidentPolicy['actions'], codes: string[]) => codes.map((c) => labelOf(list, c)).join(', ');
  return (
    <>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <ReadSection title="When and where" id="view-when">
          <Facts items={[
            ['Date and time', formatDateTime(inc.occurredAt) || 'Not recorded'],
            ['Site', inc.siteName],
            ['Location', labelOf(policy.locations, inc.locationCode) || 'Not recorded'],
            ['Lesson or period', labelOf(policy.periods, inc.periodCode) || 'Not recorded'],
            ['Recorded by', `${inc.createdBy.name}, ${formatDateTime(inc.createdAt)}`],
          ]} />
        </ReadSection>
        <ReadSection title="People" id="view-people">
          <Text fw={600} size="sm">Pupils</Text>
          {inc.pupils.length ? (
            <List size="sm" mb="sm">
              {inc.pupils.map((p) => (
                <List.Item key={p.pupilId}>
                  <AnchorLink to="/pupils/$pupilId" params={{ pupilId: p.pupilId }}>{p.displayName}</AnchorLink>
                  {` (${yearGroupLabel(p.yearGroup)}) — ${PUPIL_ROLE_LABELS[p.role]}`}
                </List.Item>
              ))}
            </List>
          ) : <Text size="sm" mb="sm">None recorded</Text>}
          <Text fw={600} size="sm">Staff</Text>
          {inc.staff.length ? (
            <List size="sm">{inc.staff.map((s) => <List.Item key={s.staffId}>{s.name} — {STAFF_ROLE_LABELS[s.role]}</List.Item>)}</List>
          ) : <Text size="sm">None recorded</Text>}
        </ReadSection>
      </SimpleGrid>
      <ReadSection title="What happened" id="view-abc">
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
          <TextBlock label="Antecedent" text={inc.antecedent} />
          <TextBlock label="Behaviour" text={inc.behaviour} />
          <TextBlock label="Consequence" text={inc.consequence} />
        </SimpleGrid>
        <Text size="sm" mt="sm"><Text span fw={600} size="sm">Perceived motivation: </Text>{labelOf(policy.motivations, inc.motivationCode) || 'Not recorded'}</Text>
      </ReadSection>
      <ReadSection title="Severity, categories and actions" id="view-outcome">
        <Facts items={[
          ['Severity', inc.severity === null ? 'Not recorded' : `${inc.severity} – ${policy.severityLabels[inc.severity] ?? ''}`],
          ['Categories', labels(policy.categories, inc.categoryCodes) || 'None'],
          ['Actions taken', labels(policy.actions, inc.actionCodes) || 'None'],
          ['DfE reason', inc.dfeReasonCode ? `${inc.dfeReasonCode} – ${labelOf(policy.dfeReasons, inc.dfeReasonCode)}` : null],
        ]} />
      </ReadSection>
      {inc.customFields.length ? (
        <ReadSection title="Other questions" id="view-custom">
          <Facts items={inc.customFields.map((f) => [f.label, customAnswer(f.type, inc.customValues[f.key])])} />
        </ReadSection>
      ) : null}
    </>
  );
}
