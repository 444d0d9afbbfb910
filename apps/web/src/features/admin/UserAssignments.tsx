/** A user's role assignments: remove one, or add a role at a site or across the trust. */
import { useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isApiError } from '../../lib/api';
import { roleLabel } from '../../lib/labels';
import type { TRole, TUser } from '../../lib/types';
import { allows } from '../../lib/usePolicy';
import type { useUserMutations } from './admin.api';
import { AssignmentFields, WHOLE_TRUST } from './AssignmentFields';
import { useSiteOptions } from './useSiteOptions';

export function UserAssignments({ user, mutations, onChanged }: {
  user: TUser;
  mutations: ReturnType<typeof useUserMutations>;
  onChanged: (text: string) => (u: TUser) => void;
}) {
  const [role, setRole] = useState<TRole>('staff');
  const [siteId, setSiteId] = useState(WHOLE_TRUST);
  const { options, nameOf } = useSiteOptions();
  const { addAssignment, removeAssignment } = mutations;
  const canAssign = allows(user, 'assign');
  const addErr = isApiError(addAssignment.error) ? addAssignment.error : undefined;

  const where = (a: TUser['assignments'][number]) => (a.siteId === null ? 'whole trust' : (a.siteName ?? nameOf(a.siteId)));

  return (
    <Stack gap="sm">
      {user.assignments.length === 0 ? <Text size="sm">No roles. This person can sign in but sees nothing.</Text> : (
        <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }} aria-label="Current roles">
          {user.assignments.map((a) => (
            <Group component="li" key={a.id} justify="space-between" gap="sm" wrap="nowrap">
              <Text size="sm" style={{ minWidth: 0 }} className="break-anywhere">
                <Text span fw={600} size="sm">{roleLabel(a.role)}</Text> — {where(a)}
              </Text>
              {canAssign ? (
                <Button size="xs" variant="default" c="red.9" style={{ flexShrink: 0 }} loading={removeAssignment.isPending && removeAssignment.variables === a.id}
                  onClick={() => removeAssignment.mutate(a.id, { onSuccess: onChanged(`Removed ${roleLabel(a.role)} (${where(a)}).`) })}>
                  Remove<span className="visually-hidden-inline"> {roleLabel(a.role)}, {where(a)}</span>
                </Button>
              ) : null}
            </Group>
          ))}
        </Stack>
      )}
      {removeAssignment.error && !(isApiError(removeAssignment.error) && removeAssignment.error.status === 409)
        ? <ErrorAlert error={removeAssignment.error} title="The role was not removed" /> : null}
      {canAssign ? (
        <form noValidate onSubmit={(e) => {
          e.preventDefault();
          addAssignment.mutate({ role, siteId: siteId === WHOLE_TRUST ? null : siteId }, {
            onSuccess: onChanged(`Added ${roleLabel(role)} (${siteId === WHOLE_TRUST ? 'whole trust' : nameOf(siteId)}).`),
          });
        }}>
          <Group align="flex-end" gap="sm" wrap="wrap">
            <AssignmentFields idPrefix="add-assignment" role={role} siteId={siteId} siteOptions={options}
              errors={{ role: addErr?.fieldMessage('role'), siteId: addErr?.fieldMessage('siteId') }}
              onChange={(v) => { setRole(v.role); setSiteId(v.siteId); }} />
            <Button type="submit" variant="default" loading={addAssignment.isPending}>Add role</Button>
          </Group>
          {addErr && !addErr.fields.length && addErr.status !== 409 ? <ErrorAlert error={addErr} title="The role was not added" /> : null}
        </form>
      ) : null}
    </Stack>
  );
}
