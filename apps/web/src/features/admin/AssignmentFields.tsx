/** One role assignment's inputs: a role, and a site or the whole trust. */
import { NativeSelect, SimpleGrid } from '@mantine/core';
import { ROLE_OPTIONS } from '../../lib/labels';
import type { TRole } from '../../lib/types';

export const WHOLE_TRUST = '';

export function AssignmentFields({ role, siteId, onChange, siteOptions, errors, idPrefix }: {
  role: TRole;
  siteId: string;
  onChange: (v: { role: TRole; siteId: string }) => void;
  siteOptions: Array<{ value: string; label: string }>;
  errors?: { role?: string; siteId?: string };
  idPrefix: string;
}) {
  return (
    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" style={{ flex: 1 }}>
      <NativeSelect id={`${idPrefix}-role`} label="Role" value={role} data={ROLE_OPTIONS} error={errors?.role}
        onChange={(e) => onChange({ role: e.currentTarget.value as TRole, siteId })} />
      <NativeSelect id={`${idPrefix}-site`} label="Where" value={siteId} error={errors?.siteId}
        data={[{ value: WHOLE_TRUST, label: 'Whole trust' }, ...siteOptions]}
        onChange={(e) => onChange({ role, siteId: e.currentTarget.value })} />
    </SimpleGrid>
  );
}
