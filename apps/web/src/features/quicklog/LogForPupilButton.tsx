/** "Log for this pupil" on the pupil profile: opens the quick log with the pupil already selected. */
import { ButtonLink } from '../../components/links';
import { useMe } from '../../lib/usePolicy';

export function LogForPupilButton({ pupilId, siteId }: { pupilId: string; siteId: string }) {
  const me = useMe();
  if (!me.permissions.includes('behaviour.record')) return null;
  return (
    <ButtonLink to="/quick-log" search={{ pupilId, siteId }} variant="light">
      Log for this pupil
    </ButtonLink>
  );
}
