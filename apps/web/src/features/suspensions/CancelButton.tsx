/** Cancel before the board has reviewed it (a reason is required; everyone is told again). */
import { useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isApiError } from '../../lib/api';
import { useSuspensionAction } from './suspensions.api';

export function CancelButton({ id }: { id: string }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const action = useSuspensionAction(id);
  return (
    <>
      <Button color="red" variant="light" onClick={() => setOpen(true)}>Cancel this decision</Button>
      <AppModal opened={open} onClose={() => setOpen(false)} title="Cancel this decision">
        <Stack gap="sm">
          <Text size="sm">The parents, the governing board and the local authority will be told that it has been cancelled.</Text>
          <Textarea label="Reason" required autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)}
            error={isApiError(action.error) ? action.error.fieldMessage('reason') : undefined} />
          {action.isError && !(isApiError(action.error) && action.error.fieldMessage('reason')) ? <ErrorAlert error={action.error} /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>Keep it</Button>
            <Button color="red" loading={action.isPending} onClick={() => action.mutate({ path: 'cancel', body: { reason } }, { onSuccess: () => setOpen(false) })}>Cancel the decision</Button>
          </Group>
        </Stack>
      </AppModal>
    </>
  );
}
