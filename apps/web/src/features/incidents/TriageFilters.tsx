/**
 * The filters the incident list and the review queue share (REV-2 triage): at least a severity, with or without a
 * physical intervention, a category (the site's names; the first of the caller's sites when none is chosen), and
 * holds used without a valid certificate (STF-2).
 */
import { Checkbox, NativeSelect } from '@mantine/core';
import { useMe } from '../../lib/usePolicy';
import type { TriageSearch } from './incidentSearch';
import { useIncidentPolicy } from './policy';

export function TriageFilters({ value, siteId, onChange }: { value: TriageSearch; siteId: string | undefined; onChange: (patch: Partial<TriageSearch>) => void }) {
  const me = useMe();
  const policy = useIncidentPolicy(siteId ?? me.sites[0]?.id);
  const severities = policy.data?.severityLabels ?? [];
  const categories = policy.data?.categories.filter((c) => c.group !== 'positive') ?? [];
  const flex = { flex: '1 1 11rem' };
  return (
    <>
      <NativeSelect label="Severity" value={value.severityMin === undefined ? '' : String(value.severityMin)} style={flex}
        data={[{ value: '', label: 'Any severity' }, ...severities.map((l, i) => ({ value: String(i), label: i === severities.length - 1 ? `${i} – ${l}` : `${i} – ${l} or more` }))]}
        onChange={(e) => onChange({ severityMin: e.currentTarget.value === '' ? undefined : Number(e.currentTarget.value) })} />
      <NativeSelect label="Physical intervention" value={value.pi ?? ''} style={flex}
        data={[{ value: '', label: 'With or without' }, { value: 'with', label: 'With a physical intervention' }, { value: 'without', label: 'Without' }]}
        onChange={(e) => onChange({ pi: (e.currentTarget.value || undefined) as TriageSearch['pi'] })} />
      <NativeSelect label="Category" value={value.category ?? ''} style={flex}
        data={[{ value: '', label: 'Any category' }, ...categories.map((c) => ({ value: c.code, label: c.label }))]}
        onChange={(e) => onChange({ category: e.currentTarget.value || undefined })} />
      <Checkbox label="Only holds used without a valid certificate" checked={value.uncertified === true} style={{ flex: '1 1 14rem' }} mb={8}
        onChange={(e) => onChange({ uncertified: e.currentTarget.checked ? true : undefined })} />
      <NativeSelect label="Holds and the plan" value={value.notInPlan ? 'yes' : ''} style={flex}
        data={[{ value: '', label: 'Any' }, { value: 'yes', label: "A hold not in the pupil's plan" }]}
        onChange={(e) => onChange({ notInPlan: e.currentTarget.value === 'yes' ? true : undefined })} />
    </>
  );
}
