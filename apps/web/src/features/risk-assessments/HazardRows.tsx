/** The hazards of a draft as rows to add to and remove from: each a card that stacks at 390 px. */
import { Button, Card, Checkbox, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { RISK_AT_RISK, RISK_AT_RISK_LABELS, RISK_LIKELIHOOD_LABELS, RISK_SEVERITY_LABELS, type TRiskAtRisk, type TRiskHazardInput } from '@haven/contracts';
import { RatingBadge } from './RiskMatrix';

export const blankHazard = (): TRiskHazardInput => ({ hazard: '', atRisk: [], likelihoodBefore: 3, severityBefore: 3, controls: '', likelihoodAfter: 2, severityAfter: 2 });

const options = (labels: readonly string[]) => labels.map((l, n) => ({ value: String(n + 1), label: `${n + 1} – ${l}` }));

function LevelPair({ legend, likelihood, severity, onChange, error }: {
  legend: string; likelihood: number; severity: number; onChange: (l: number, s: number) => void; error: (f: 'likelihood' | 'severity') => string | undefined;
}) {
  return (
    <Stack gap={4}>
      <Group gap="xs" justify="space-between"><Text size="sm" fw={600}>{legend}</Text><RatingBadge likelihood={likelihood} severity={severity} /></Group>
      <SimpleGrid cols={2} spacing="xs">
        <Select label="Likelihood" data={options(RISK_LIKELIHOOD_LABELS)} value={String(likelihood)} allowDeselect={false} onChange={(v) => onChange(Number(v), severity)} error={error('likelihood')} />
        <Select label="Severity" data={options(RISK_SEVERITY_LABELS)} value={String(severity)} allowDeselect={false} onChange={(v) => onChange(likelihood, Number(v))} error={error('severity')} />
      </SimpleGrid>
    </Stack>
  );
}

export function HazardRows({ hazards, onChange, fieldError }: {
  hazards: TRiskHazardInput[]; onChange: (h: TRiskHazardInput[]) => void; fieldError: (field: string) => string | undefined;
}) {
  const set = (n: number, patch: Partial<TRiskHazardInput>) => onChange(hazards.map((h, i) => (i === n ? { ...h, ...patch } : h)));
  return (
    <Stack gap="sm">
      {hazards.map((h, n) => {
        const err = (f: string) => fieldError(`hazards.${n}.${f}`);
        return (
          <Card key={h.id ?? `new-${n}`} component="section" withBorder padding="sm" aria-label={`Hazard ${n + 1}`}>
            <Stack gap="xs">
              <Group justify="space-between"><Text fw={700}>H{n + 1}</Text>
                <Button size="xs" variant="subtle" color="red" onClick={() => onChange(hazards.filter((_, i) => i !== n))}>Remove hazard {n + 1}</Button>
              </Group>
              <TextInput label="Hazard or behaviour" required value={h.hazard} onChange={(e) => set(n, { hazard: e.currentTarget.value })} error={err('hazard')} />
              <Checkbox.Group label="Who is at risk" required value={h.atRisk} onChange={(v) => set(n, { atRisk: v as TRiskAtRisk[] })} error={err('atRisk')}>
                <Group gap="sm" mt={4}>{RISK_AT_RISK.map((p) => <Checkbox key={p} value={p} label={RISK_AT_RISK_LABELS[p]} />)}</Group>
              </Checkbox.Group>
              <LevelPair legend="Before controls" likelihood={h.likelihoodBefore} severity={h.severityBefore} onChange={(l, s) => set(n, { likelihoodBefore: l, severityBefore: s })}
                error={(f) => err(`${f}Before`)} />
              <Textarea label="Controls" description="What staff do to reduce the risk" required autosize minRows={2} value={h.controls} onChange={(e) => set(n, { controls: e.currentTarget.value })} error={err('controls')} />
              <LevelPair legend="After controls" likelihood={h.likelihoodAfter} severity={h.severityAfter} onChange={(l, s) => set(n, { likelihoodAfter: l, severityAfter: s })}
                error={(f) => err(`${f}After`)} />
            </Stack>
          </Card>
        );
      })}
      <Button variant="light" onClick={() => onChange([...hazards, blankHazard()])}>Add a hazard</Button>
    </Stack>
  );
}
