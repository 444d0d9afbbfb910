/**
 * SPEC §9: a period that runs past today is counted only to today (records and pupil-days alike). The server says so in
 * the figures' `progress.note` ("Term in progress: figures to 18/11/2026."); every dashboard and report shows it here.
 */
import { Alert } from '@mantine/core';
import type { TFiguresProgress } from '@haven/contracts';

export function ProgressNote({ progress, extra }: { progress: TFiguresProgress; extra?: string | undefined }) {
  if (!progress.note) return null;
  return (
    <Alert color="blue" variant="light" p="xs" role="status" data-testid="progress-note">
      {progress.note}{extra ? ` ${extra}` : ''}
    </Alert>
  );
}
