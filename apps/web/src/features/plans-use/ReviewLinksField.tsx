/**
 * In a post-incident review (REV-3): which versions of the pupils' behaviour support plans and risk assessments the
 * review changed. Chosen from the versions that exist; each saved link opens that version.
 */
import { Anchor, List, MultiSelect, Stack, Text } from '@mantine/core';
import type { TReviewLink } from '@haven/contracts';
import { useReviewLinkOptions } from './plansUse.api';

export type LinkValue = { kind: 'plan' | 'risk_assessment'; recordId: string; version: number };
export const linkKey = (l: LinkValue) => `${l.kind}:${l.recordId}:${l.version}`;
export function parseLinkKey(k: string): LinkValue {
  const [kind, recordId, version] = k.split(':');
  return { kind: kind === 'risk_assessment' ? 'risk_assessment' : 'plan', recordId: recordId ?? '', version: Number(version) };
}

export function ReviewLinksField({ incidentId, value, onChange, error }: {
  incidentId: string; value: string[]; onChange: (v: string[]) => void; error?: string | undefined;
}) {
  const q = useReviewLinkOptions(incidentId, true);
  const data = (q.data?.items ?? []).map((r) => ({
    group: r.label,
    items: [...r.versions].reverse().map((v) => ({ value: linkKey({ kind: r.kind, recordId: r.recordId, version: v }), label: `${r.label}, version ${v}` })),
  }));
  const known = new Set(data.flatMap((g) => g.items.map((i) => i.value)));
  return (
    <MultiSelect label="Plan and risk-assessment versions this review changed" data={data} value={value.filter((v) => known.has(v) || !q.isSuccess)}
      onChange={onChange} searchable clearable error={error} nothingFoundMessage="No plans or risk assessments for these pupils"
      description="After changing the plan or risk assessment, choose the new version here so the review and the change are linked" />
  );
}

export function ReviewLinksList({ links }: { links: readonly TReviewLink[] }) {
  if (!links.length) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>Linked plan and risk-assessment versions</Text>
      <List size="sm">{links.map((l) => <List.Item key={linkKey(l)}><Anchor href={l.link}>{l.label}</Anchor></List.Item>)}</List>
    </Stack>
  );
}
