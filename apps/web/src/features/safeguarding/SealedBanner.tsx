/** The mark on every page that shows sealed safeguarding records: who may see it, and that reading it is recorded. */
import { Alert } from '@mantine/core';

export function SealedBanner() {
  return (
    <Alert color="grape" variant="filled" title="SEALED – safeguarding record" role="note">
      For the designated safeguarding lead only. Every time you open a concern it is recorded in the audit log.
      Do not copy this into other records, emails or chats.
    </Alert>
  );
}
