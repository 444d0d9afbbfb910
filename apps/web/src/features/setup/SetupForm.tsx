/** The first-run form: trust, schools (URN, LAESTAB, phase, type), this year's half-terms, the first administrator. */
import { useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, Divider, Group, PasswordInput, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { PHASES, SITE_KIND_LABELS, SITE_KINDS, type TSetupProposal, type TSetupResult, type TSetupSite, type TSetupTerm } from '@haven/contracts';
import { isApiError } from '../../lib/api';
import { formatDate } from '../../lib/format';
import { UkDateInput } from '../../components/UkDateInput';
import { useRunSetup } from './setup.api';

const PHASE_LABELS: Record<(typeof PHASES)[number], string> = { primary: 'Primary', secondary: 'Secondary', all_through: 'All-through', post_16: 'Post-16' };
const newSite = (): TSetupSite => ({ name: '', shortName: '', urn: '', laestab: '', phase: 'secondary', kind: 'semh' });

interface TermText { start: string | null; end: string | null }

export function SetupForm({ code, proposal, onDone }: { code: string; proposal: TSetupProposal; onDone: (r: TSetupResult) => void }) {
  const [trustName, setTrustName] = useState('');
  const [sites, setSites] = useState<TSetupSite[]>([newSite()]);
  const [terms, setTerms] = useState<TermText[]>(proposal.terms.map((t) => ({ start: t.startDate, end: t.endDate })));
  const [starterPolicy, setStarterPolicy] = useState(true);
  const [admin, setAdmin] = useState({ displayName: '', email: '', password: '' });
  const [confirm, setConfirm] = useState('');
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const run = useRunSetup();
  const fe = (field: string) => clientErrors[field] ?? (isApiError(run.error) ? run.error.fieldMessage(field) : undefined);
  const setSite = (i: number, patch: Partial<TSetupSite>) => setSites((all) => all.map((s, j) => (j === i ? { ...s, ...patch } : s)));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    terms.forEach((t, i) => {
      if (!t.start) errors[`terms.${i}.startDate`] = 'Enter a date like 01/09/2026';
      if (!t.end) errors[`terms.${i}.endDate`] = 'Enter a date like 23/10/2026';
    });
    if (confirm !== admin.password) errors.confirm = 'The two passwords differ';
    setClientErrors(errors);
    if (Object.keys(errors).length) return;
    const adjusted: TSetupTerm[] = proposal.terms.map((t, i) => ({ term: t.term, halfTerm: t.halfTerm, startDate: terms[i]!.start!, endDate: terms[i]!.end! }));
    run.mutate({ code, trustName, sites, admin, terms: adjusted, starterPolicy }, { onSuccess: onDone });
  };

  const problem = run.error && !(isApiError(run.error) && run.error.fields.length) ? run.error.message : null;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <Title order={1} fz={26}>Set up Haven</Title>
        {problem ? <Alert color="red" variant="light" role="alert" title="Haven was not set up">{problem}</Alert> : null}
        {isApiError(run.error) && run.error.fields.length ? (
          <Alert color="red" variant="light" role="alert" title="Haven was not set up">Check the highlighted fields: {run.error.fields.map((f) => f.message).join(' ')}</Alert>
        ) : null}

        <Stack gap="sm">
          <Title order={2} fz="lg">Your trust</Title>
          <TextInput label="Name of the trust" description="Or of the school, if it stands alone" required value={trustName}
            onChange={(e) => setTrustName(e.currentTarget.value)} error={fe('trustName')} maxLength={120} />
        </Stack>

        <Stack gap="sm">
          <Title order={2} fz="lg">Schools</Title>
          <Text size="sm" c="dimmed">The URN and LAESTAB are on Get Information about Schools; imports and census returns use them.</Text>
          {sites.map((s, i) => (
            <Stack key={i} gap="xs" component="fieldset" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8, padding: 12, margin: 0 }}>
              <Text component="legend" fw={600} size="sm" px={4}>School {i + 1}</Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                <TextInput label="Name" required value={s.name} onChange={(e) => setSite(i, { name: e.currentTarget.value })} error={fe(`sites.${i}.name`)} maxLength={120} />
                <TextInput label="Short name" description="Shown in lists, e.g. OAK" required value={s.shortName} onChange={(e) => setSite(i, { shortName: e.currentTarget.value })} error={fe(`sites.${i}.shortName`)} maxLength={20} />
                <TextInput label="URN" description="6 digits" required inputMode="numeric" value={s.urn} onChange={(e) => setSite(i, { urn: e.currentTarget.value })} error={fe(`sites.${i}.urn`)} maxLength={20} />
                <TextInput label="LAESTAB" description="LA code and establishment number, e.g. 801/2345" required value={s.laestab} onChange={(e) => setSite(i, { laestab: e.currentTarget.value })} error={fe(`sites.${i}.laestab`)} maxLength={20} />
                <Select label="Phase" data={PHASES.map((p) => ({ value: p, label: PHASE_LABELS[p] }))} value={s.phase} allowDeselect={false}
                  onChange={(v) => v && setSite(i, { phase: v as TSetupSite['phase'] })} error={fe(`sites.${i}.phase`)} />
                <Select label="Type" data={SITE_KINDS.map((k) => ({ value: k, label: SITE_KIND_LABELS[k] }))} value={s.kind} allowDeselect={false}
                  onChange={(v) => v && setSite(i, { kind: v as TSetupSite['kind'] })} error={fe(`sites.${i}.kind`)} />
              </SimpleGrid>
              {sites.length > 1 ? <Group justify="flex-end"><Button variant="subtle" color="red" size="xs" onClick={() => setSites((all) => all.filter((_, j) => j !== i))}>Remove school {i + 1}</Button></Group> : null}
            </Stack>
          ))}
          <Group><Button variant="default" onClick={() => setSites((all) => [...all, newSite()])}>Add another school</Button></Group>
        </Stack>

        <Stack gap="sm">
          <Title order={2} fz="lg">Calendar for {proposal.academicYear.label}</Title>
          <Text size="sm" c="dimmed">
            England&apos;s usual half-terms for this year. Change any that differ at your schools; bank holidays and the usual five INSET days
            are added ({proposal.closures.map((c) => formatDate(c.date)).join(', ')}), and you can change all of it later on the Calendar page.
          </Text>
          {proposal.terms.map((t, i) => (
            <SimpleGrid key={t.name} cols={{ base: 1, sm: 2 }} spacing="sm">
              <UkDateInput label={`${t.name} starts`} required value={t.startDate} error={fe(`terms.${i}.startDate`)}
                onChange={(iso) => setTerms((all) => all.map((x, j) => (j === i ? { ...x, start: iso || null } : x)))} description="Day/month/year" />
              <UkDateInput label={`${t.name} ends`} required value={t.endDate} error={fe(`terms.${i}.endDate`)}
                onChange={(iso) => setTerms((all) => all.map((x, j) => (j === i ? { ...x, end: iso || null } : x)))} description="Day/month/year" />
            </SimpleGrid>
          ))}
        </Stack>

        <Checkbox label="Start with Haven's suggested behaviour categories, locations and actions (change them on the Policy page)"
          checked={starterPolicy} onChange={(e) => setStarterPolicy(e.currentTarget.checked)} />

        <Divider />
        <Stack gap="sm">
          <Title order={2} fz="lg">You: the first trust administrator</Title>
          <Text size="sm" c="dimmed">You will set up two-factor sign-in with an authenticator app when you first sign in.</Text>
          <TextInput label="Your name" required value={admin.displayName} onChange={(e) => setAdmin({ ...admin, displayName: e.currentTarget.value })} error={fe('admin.displayName')} maxLength={120} />
          <TextInput label="Email address" type="email" autoComplete="username" required value={admin.email} onChange={(e) => setAdmin({ ...admin, email: e.currentTarget.value })} error={fe('admin.email')} maxLength={254} />
          <PasswordInput label="Password" description="At least 12 characters" autoComplete="new-password" required value={admin.password}
            onChange={(e) => setAdmin({ ...admin, password: e.currentTarget.value })} error={fe('admin.password')}
            visibilityToggleButtonProps={{ 'aria-label': 'Show password' }} />
          <PasswordInput label="Password again" autoComplete="new-password" required value={confirm} onChange={(e) => setConfirm(e.currentTarget.value)} error={fe('confirm')}
            visibilityToggleButtonProps={{ 'aria-label': 'Show password again' }} />
        </Stack>
        <Button type="submit" loading={run.isPending} fullWidth>Set up Haven</Button>
      </Stack>
    </form>
  );
}
