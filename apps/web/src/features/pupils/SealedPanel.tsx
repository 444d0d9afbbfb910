/** Sealed safeguarding facts (INC-4): the API sends them only to the DSL of the pupil's site, who alone changes them. */
import { useState } from 'react';
import { Button, Checkbox, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Facts } from '../../components/Facts';
import type { TPupilProfile } from '../../lib/types';
import { SaveError } from '../policy/PolicyParts';
import { useUpdateSealed } from './pupilRecords.api';

type Sealed = NonNullable<TPupilProfile['sealed']>;

export function SealedPanel({ pupilId, version, sealed, editable = false }: { pupilId: string; version: number; sealed: Sealed; editable?: boolean }) {
  const [editing, setEditing] = useState(false);
  return (
    <Paper component="section" aria-labelledby="sealed-heading" className="sealed-panel" p="md" radius="sm" data-testid="sealed-panel">
      <Title order={2} size="h4" id="sealed-heading" c="red.9" mb={4}>Safeguarding (sealed)</Title>
      <Text size="sm" mb="sm">
        Only the designated safeguarding lead for this site can see this. Your viewing is recorded in the audit log.
        Do not share it outside safeguarding procedures.
      </Text>
      {editing ? <SealedForm pupilId={pupilId} version={version} sealed={sealed} onDone={() => setEditing(false)} /> : (
        <>
          <Facts items={[
            ['Child in need', sealed.childInNeed ? 'Yes' : 'No'],
            ['Child protection plan', sealed.childProtectionPlan ? 'Yes' : 'No'],
          ]} />
          {editable ? <Button mt="sm" size="xs" variant="default" onClick={() => setEditing(true)}>Change sealed facts</Button> : null}
        </>
      )}
    </Paper>
  );
}

function SealedForm({ pupilId, version, sealed, onDone }: { pupilId: string; version: number; sealed: Sealed; onDone: () => void }) {
  const [v, setV] = useState(sealed);
  const save = useUpdateSealed();
  return (
    <Stack gap="sm">
      <SaveError error={save.error} what="sealed facts" />
      <Checkbox label="Child in need" checked={v.childInNeed} onChange={(e) => { const x = e.currentTarget.checked; setV((p) => ({ ...p, childInNeed: x })); }} />
      <Checkbox label="Child protection plan" checked={v.childProtectionPlan} onChange={(e) => { const x = e.currentTarget.checked; setV((p) => ({ ...p, childProtectionPlan: x })); }} />
      <Group gap="sm">
        <Button size="xs" loading={save.isPending} onClick={() => save.mutate({ id: pupilId, body: { ...v, version } }, { onSuccess: onDone })}>Save</Button>
        <Button size="xs" variant="default" onClick={onDone}>Cancel</Button>
      </Group>
    </Stack>
  );
}
