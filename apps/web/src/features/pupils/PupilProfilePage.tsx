/** The pupil's one-page profile: who they are, their needs, who to contact, and (for the DSL) sealed facts. */
import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Facts } from '../../components/Facts';
import { AnchorLink, ButtonLink } from '../../components/links';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { RequirePermission } from '../../components/RequirePermission';
import { isApiError } from '../../lib/api';
import { ageInYears, formatDate, yearGroupLabel } from '../../lib/format';
import { primaryNeedLabel, senStatusLabel } from '../../lib/labels';
import type { TPupilProfile } from '../../lib/types';
import { useMe } from '../../lib/usePolicy';
import { ContactsCard } from './ContactsCard';
import { AgencySharesCard } from '../agency/AgencySharesCard';
import { PupilCaseworkCard } from '../casework/PupilCaseworkCard';
import { PreviousSchoolsCard } from './PreviousSchoolsCard';
import { PupilSanctions } from '../sanctions/PupilSanctions';
import { PupilSupport } from '../support/PupilSupport';
import { SealedPanel } from './SealedPanel';
import { PupilRecordActions } from './PupilRecordActions';
import { usePupil } from './pupils.api';
import { LogForPupilButton } from '../quicklog/LogForPupilButton';
import { PupilChronology } from '../chronology/PupilChronology';
import { RiskAssessmentsLink } from '../risk-assessments/RiskAssessmentsLink';
import { RaiseConcernLink } from '../safeguarding/RaiseConcernLink';
import { PupilSuspensionsCard } from '../suspensions/PupilSuspensionsCard';
import { PupilSummaryCard } from '../reports/PupilSummaryCard';
import { PupilPhoto } from '../photos/PhotoEditor';
import { PlanKeyPointsCard } from '../plans-use/PlanKeyPointsCard';

export function PupilProfilePage() {
  return (
    <RequirePermission permission={['pupil.read', 'people.manage']} what="pupil records">
      <PupilProfile />
    </RequirePermission>
  );
}

function PupilProfile() {
  const { pupilId } = useParams({ from: '/pupils/$pupilId' });
  const pupil = usePupil(pupilId);
  if (pupil.isPending) return <Loading label="Loading profile…" />;
  if (pupil.isError) {
    const notFound = isApiError(pupil.error) && (pupil.error.status === 404 || pupil.error.status === 400);
    return (
      <Page title={notFound ? 'Pupil not found' : 'Could not load the profile'}>
        {notFound ? (
          <Text>This pupil does not exist or is not at a site you work at.</Text>
        ) : (
          <ErrorAlert error={pupil.error} onRetry={() => void pupil.refetch()} />
        )}
        <Text><AnchorLink to="/pupils">Back to pupils</AnchorLink></Text>
      </Page>
    );
  }
  return <Profile p={pupil.data} />;
}

function flagBadges(p: TPupilProfile) {
  const b: Array<{ label: string; title: string; color: string }> = [];
  if (p.senStatus === 'ehcp') b.push({ label: 'EHCP', title: 'Education, health and care plan', color: 'pink' });
  if (p.senStatus === 'sen_support') b.push({ label: 'SEN support', title: 'Special educational needs support', color: 'pink' });
  if (p.pupilPremium) b.push({ label: 'PP', title: 'Pupil premium', color: 'indigo' });
  if (p.fsm) b.push({ label: 'FSM', title: 'Free school meals', color: 'cyan' });
  if (p.lookedAfter) b.push({ label: 'CLA', title: 'Child looked after', color: 'grape' });
  if (p.previouslyLookedAfter) b.push({ label: 'PLA', title: 'Previously looked after', color: 'grape' });
  if (p.eal) b.push({ label: 'EAL', title: 'English as an additional language', color: 'violet' });
  if (p.medicalFlag) b.push({ label: 'Medical', title: 'Medical needs', color: 'red' });
  return b;
}

function Profile({ p }: { p: TPupilProfile }) {
  const me = useMe();
  const form = p.groups.find((g) => g.kind === 'form');
  const age = ageInYears(p.dateOfBirth);
  const legalName = `${p.legalForename} ${p.legalSurname}`;
  const badges = flagBadges(p);
  const summary = [yearGroupLabel(p.yearGroup), form ? `Form ${form.name}` : null, p.siteName].filter(Boolean).join(' · ');

  return (
    <Page title={p.displayName} description={summary} actions={me.permissions.includes('behaviour.record')
      ? <><LogForPupilButton pupilId={p.id} siteId={p.siteId} /><ButtonLink to="/incidents/new" search={{ pupilId: p.id }}>Record an incident</ButtonLink></> : undefined}>
      <Group gap="md" wrap="nowrap" align="center">
        <PupilPhoto pupil={p} />
        <Stack gap={6} style={{ minWidth: 0 }}>
          {badges.length ? (
            <Group gap={6} component="ul" p={0} m={0} aria-label="Key facts" style={{ listStyle: 'none' }}>
              {badges.map((b) => (
                <li key={b.label}>
                  <Badge color={b.color} variant="light" size="lg" title={b.title}>
                    {b.label}<span className="visually-hidden-inline">: {b.title}</span>
                  </Badge>
                </li>
              ))}
            </Group>
          ) : (
            <Text size="sm" c="dimmed">No SEN, pupil premium, FSM, looked-after, EAL or medical flags.</Text>
          )}
          <Text size="sm" c="dimmed">UPN <Text span ff="monospace" c="dark">{p.upn}</Text></Text>
        </Stack>
      </Group>

      {me.permissions.includes('plan.read') ? <PlanKeyPointsCard pupilId={p.id} /> : null}
      <PupilRecordActions p={p} />
      {me.permissions.includes('plan.read') ? <Text><AnchorLink to="/pupils/$pupilId/plans" params={{ pupilId: p.id }}>Behaviour support plans</AnchorLink></Text> : null}
      {p.sealed ? <SealedPanel pupilId={p.id} version={p.version} sealed={p.sealed} editable={p.allowed.includes('editSealed')} /> : null}
      <RaiseConcernLink pupilId={p.id} canReadSealed={p.allowed.includes('viewSealed')} />
      <RiskAssessmentsLink pupilId={p.id} />

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Card withBorder padding="md" component="section" aria-labelledby="pupil-details">
          <Title order={2} size="h4" id="pupil-details" mb="sm">About</Title>
          <Facts items={[
            ['Legal name', legalName !== p.displayName ? legalName : null],
            ['Date of birth', `${formatDate(p.dateOfBirth)}${age !== undefined ? ` (age ${age})` : ''}`],
            ['Sex', p.sex === 'F' ? 'Female' : 'Male'],
            ['Year group', yearGroupLabel(p.yearGroup)],
            ['Form', form?.name ?? 'None'],
            ['Other groups', p.groups.filter((g) => g.kind !== 'form').map((g) => g.name).join(', ')],
            ['Site', p.siteName],
            ['On roll', p.enrolmentEnd ? `${formatDate(p.enrolmentStart)} to ${formatDate(p.enrolmentEnd)}` : `Since ${formatDate(p.enrolmentStart)}`],
            ['Reason for leaving', p.enrolmentEnd ? p.leavingReason : null],
            ['First language', p.firstLanguage],
            ['Ethnicity (DfE code)', p.ethnicity],
          ]} />
        </Card>
        <Card withBorder padding="md" component="section" aria-labelledby="pupil-needs">
          <Title order={2} size="h4" id="pupil-needs" mb="sm">Needs</Title>
          <Facts items={[
            ['SEN status', senStatusLabel(p.senStatus)],
            ['Primary need', p.primaryNeed ? `${primaryNeedLabel(p.primaryNeed)} (${p.primaryNeed})` : p.senStatus === 'none' ? null : 'Not recorded'],
            ['Pupil premium', p.pupilPremium ? 'Yes' : 'No'],
            ['Free school meals', p.fsm ? 'Yes' : 'No'],
            ['Looked after', p.lookedAfter ? 'Yes, currently' : p.previouslyLookedAfter ? 'Previously' : 'No'],
            ['English as an additional language', p.eal ? 'Yes' : 'No'],
            ['Medical needs', p.medicalFlag ? (p.medicalNotes || 'Yes (no notes recorded)') : 'None recorded'],
          ]} />
        </Card>
      </SimpleGrid>

      <ContactsCard pupilId={p.id} contacts={p.contacts} editable={p.allowed.includes('edit')} />
      <PupilCaseworkCard pupilId={p.id} />
      <AgencySharesCard pupilId={p.id} />
      <PreviousSchoolsCard pupilId={p.id} />
      <PupilSuspensionsCard pupilId={p.id} />
      <PupilSanctions pupilId={p.id} pupilName={p.displayName} />
      <PupilSupport pupilId={p.id} pupilName={p.displayName} />
      {p.allowed.includes('summary') ? <PupilSummaryCard pupilId={p.id} /> : null}
      <PupilChronology pupilId={p.id} pupilName={p.displayName} />
      <Text size="sm"><AnchorLink to="/pupils">Back to pupils</AnchorLink></Text>
    </Page>
  );
}
