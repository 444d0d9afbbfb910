/** On a plan's page, for those who write plans: share the plan with the pupil's parents in the parent portal, or stop. */
import { Switch, Text } from '@mantine/core';
import type { TPlan } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { allows } from '../../lib/usePolicy';
import { usePlanSharing } from './parent.api';

export function PlanSharing({ p }: { p: TPlan }) {
  const share = usePlanSharing();
  if (!allows(p, 'edit') && !allows(p, 'acknowledge')) return null;
  return (
    <div>
      <Switch checked={p.shareableWithParents} disabled={share.isPending} label="Share with parents in the parent portal"
        description={p.status === 'active' ? 'Parents can read this plan on their phone and acknowledge it.' : 'Parents see it once it is the active plan.'}
        onChange={(e) => share.mutate({ id: p.id, shareableWithParents: e.currentTarget.checked })} />
      {share.error ? <ErrorAlert error={share.error} /> : null}
      {p.shareableWithParents && !p.acknowledged && p.status === 'active' ? <Text size="sm" c="dimmed" mt={4}>Waiting for a parent's acknowledgement.</Text> : null}
    </div>
  );
}
