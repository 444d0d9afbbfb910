/** The whole plan to read, section by section in the plan's order; on a phone each section folds. */
import { Accordion, List, Text } from '@mantine/core';
import './plans-styles';
import { PLAN_SECTIONS, type TPlan } from '@haven/contracts';
import { formatInstantDate } from '../../lib/format';
import { useWide } from '../../components/useWide';

export function sectionValue(p: TPlan, key: string): string | string[] {
  if (key === 'approvedHolds') return p.fields.approvedHolds.map((c) => p.holdLabels[c] ?? c);
  return p.fields[key as keyof TPlan['fields']] as string | string[];
}

export function PlanView({ p }: { p: TPlan }) {
  const wide = useWide();
  const keys = PLAN_SECTIONS.map((s) => s.key);
  return (
    <>
      <Accordion multiple defaultValue={wide ? keys : ['triggers', 'earlyWarningSigns', 'deescalationStrategies', 'approvedHolds']} variant="separated">
        {PLAN_SECTIONS.map((s) => {
          const v = sectionValue(p, s.key);
          const empty = Array.isArray(v) ? v.length === 0 : !v.trim();
          return (
            <Accordion.Item key={s.key} value={s.key}>
              <Accordion.Control>{p.wording[s.key]?.heading ?? s.heading}</Accordion.Control>
              <Accordion.Panel>
                {empty ? <Text c="dimmed" fs="italic">{s.key === 'approvedHolds' ? 'No physical intervention is approved for this pupil.' : 'Not written yet.'}</Text>
                  : Array.isArray(v) ? <List spacing={4}>{v.map((item, i) => <List.Item key={i}>{item}</List.Item>)}</List>
                  : <Text style={{ whiteSpace: 'pre-wrap' }}>{v}</Text>}
              </Accordion.Panel>
            </Accordion.Item>
          );
        })}
      </Accordion>
      <Text size="sm" c="dimmed" mt="sm">
        {p.signature ? `Signed by ${p.signature.byName} on ${formatInstantDate(p.signature.at)}${p.signature.current ? '' : ' (changed since)'}. ` : 'Not yet signed by its author. '}
        {p.acknowledgements.length ? p.acknowledgements.map((a) => `Acknowledged by ${a.contactName}${a.recordedVia === 'portal' ? ` through the parent portal (their own account${a.recordedByName ? `, ${a.recordedByName}` : ''})` : ''} on ${formatInstantDate(a.acknowledgedAt)} (version ${a.planVersion}).`).join(' ') : 'Not yet acknowledged by a parent or carer.'}
      </Text>
    </>
  );
}
