import { Center, Loader, Text, Stack } from '@mantine/core';

/** A loading state that screen readers announce. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="md" aria-hidden="true" />
        <Text size="sm" c="dimmed">{label}</Text>
      </Stack>
    </Center>
  );
}
