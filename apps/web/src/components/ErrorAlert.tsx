/** Shows an API (or any) error: the server's message, and its reference for support. */
import type { ReactNode } from 'react';
import { Alert, Button, Text } from '@mantine/core';
import { isApiError } from '../lib/api';

export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Please try again.';
}

export function ErrorAlert({ error, title = 'Something went wrong', onRetry, children }: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  /** More to say, after the error's own message (e.g. where what was typed is kept). */
  children?: ReactNode;
}) {
  if (!error) return null;
  const requestId = isApiError(error) ? error.requestId : undefined;
  return (
    <Alert color="red" title={title} role="alert" variant="light">
      <Text size="sm">{errorMessage(error)}</Text>
      {children ? <Text size="sm" mt={4}>{children}</Text> : null}
      {requestId ? <Text size="xs" c="dimmed" mt={4}>Reference: {requestId}</Text> : null}
      {onRetry ? <Button mt="sm" size="xs" variant="default" onClick={onRetry}>Try again</Button> : null}
    </Alert>
  );
}
