/** Add a pupil by hand (office staff at their school, trust administrators anywhere in the trust). */
import { Text } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { AnchorLink } from '../../components/links';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { useMe } from '../../lib/usePolicy';
import { emptyPupil, PupilForm } from './PupilForm';
import { useCreatePupil } from './pupilRecords.api';

export function AddPupilPage() {
  return (
    <RequirePermission permission="people.manage" what="adding pupils">
      <AddPupil />
    </RequirePermission>
  );
}

function AddPupil() {
  const me = useMe();
  const navigate = useNavigate();
  const create = useCreatePupil();
  const sites = me.sites.map((s) => ({ value: s.id, label: s.name }));
  return (
    <Page title="Add a pupil" description="For a pupil who joins between imports from your MIS. The UPN is checked, and one UPN is never used for two pupils.">
      <PupilForm
        draftName="new"
        initial={emptyPupil(sites[0]?.value ?? '')}
        siteChoice={sites}
        submitLabel="Add pupil"
        pending={create.isPending}
        error={create.error}
        onSubmit={(body, siteId, done) => create.mutate({ ...body, siteId }, {
          onSuccess: (r) => { done(); void navigate({ to: '/pupils/$pupilId', params: { pupilId: r.id } }); },
        })}
        onCancel={() => void navigate({ to: '/pupils' })}
      />
      <Text size="sm"><AnchorLink to="/pupils">Back to pupils</AnchorLink></Text>
    </Page>
  );
}
