/** After a quick log: what was saved, and an Undo button that counts down the 10 seconds the server allows. */
import { useEffect, useState } from 'react';
import { Alert, Button, Group, Text } from '@mantine/core';

export interface LoggedBatch { batchId: string; summary: string; undoUntil: string }

export function UndoBar({ batch, undoing, undone, error, onUndo, onDismiss }: {
  batch: LoggedBatch;
  undoing: boolean;
  undone: boolean;
  error: string | null;
  onUndo: () => void;
  onDismiss: () => void;
}) {
  const left = () => Math.max(0, Math.ceil((new Date(batch.undoUntil).getTime() - Date.now()) / 1000));
  const [seconds, setSeconds] = useState(left);
  useEffect(() => {
    setSeconds(left());
    const timer = window.setInterval(() => setSeconds(left()), 250);
    return () => window.clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [batch.batchId, batch.undoUntil]);
  const canUndo = seconds > 0 && !undone;

  return (
    <div>
      <Alert color={undone ? 'gray' : error ? 'red' : 'blue'} variant="light" withCloseButton
        closeButtonLabel="Dismiss" onClose={onDismiss} title={undone ? 'Undone' : 'Saved'}>
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Text size="sm" style={{ flex: '1 1 12rem' }} role="status" aria-live="polite">
            {undone ? `Nothing was kept: ${batch.summary}` : batch.summary}
            {error ? ` ${error}` : ''}
          </Text>
          {canUndo ? (
            <Button size="md" variant="filled" color="dark" onClick={onUndo} loading={undoing}>
              Undo&nbsp;<span aria-hidden="true">({seconds} s)</span>
            </Button>
          ) : null}
        </Group>
      </Alert>
    </div>
  );
}
