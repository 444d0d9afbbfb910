/**
 * The header's "Call for help" button (INC-5), for anyone who may call (oncall.request). The form is a separate
 * chunk, loaded on first press, so the app shell stays small.
 */
import { lazy, Suspense, useState } from 'react';
import { Button } from '@mantine/core';
import { useMe } from '../../lib/usePolicy';

const CallForHelpDialog = lazy(() => import('./CallForHelpDialog').then((m) => ({ default: m.CallForHelpDialog })));

export function CallForHelpButton() {
  const me = useMe();
  const [open, setOpen] = useState(false);
  if (!me.permissions.includes('oncall.request')) return null;
  return (
    <>
      <Button color="red" size="sm" px="sm" onClick={() => setOpen(true)} aria-haspopup="dialog">Call for help</Button>
      {open ? (
        <Suspense fallback={null}>
          <CallForHelpDialog onClose={() => setOpen(false)} />
        </Suspense>
      ) : null}
    </>
  );
}
