/**
 * Create a user with role assignments, who either gets an emailed invitation to set their own password (the
 * default) or is given a starting password. Typed values stay when the server refuses them.
 */
import { useState, type FormEvent } from 'react';
import { Button, Card, Group, PasswordInput, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { isApiError } from '../../lib/api';
import type { TRole } from '../../lib/types';
import { useCreateUser } from './admin.api';
import { useInviteStaff } from '../invitations/invitations.api';
import { AssignmentFields, WHOLE_TRUST } from './AssignmentFields';
import { useSiteOptions } from './useSiteOptions';

interface Row { key: number; role: TRole; siteId: string }

export function UserCreateForm({ onDone }: { onDone: (message: string) => void }) {
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [how, setHow] = useState<'invite' | 'password'>('invite');
  const [rows, setRows] = useState<Row[]>([{ key: 1, role: 'staff', siteId: WHOLE_TRUST }]);
  const [clientErr, setClientErr] = useState<Record<string, string>>({});
  const { options } = useSiteOptions();
  const created = useCreateUser();
  const invite = useInviteStaff();
  const create = how === 'invite' ? invite : created;
  const err = isApiError(create.error) ? create.error : undefined;
  const fe = (f: string) => clientErr[f] ?? err?.fieldMessage(f);
  /** Typing in a field clears the message about it. */
  const edited = (f: string) => setClientErr((prev) => {
    if (!(f in prev)) return prev;
    const { [f]: _gone, ...rest } = prev;
    return rest;
  });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) errors.email = 'Enter an email address, like name@school.org.uk';
    if (!displayName.trim()) errors.displayName = 'Enter the name to show for this person';
    if (how === 'password' && password.length < 12) errors.password = 'Use at least 12 characters';
    setClientErr(errors);
    if (Object.keys(errors).length) return;
    const body = {
      email: email.trim(), displayName: displayName.trim(),
      assignments: rows.map((r) => ({ role: r.role, siteId: r.siteId === WHOLE_TRUST ? null : r.siteId })),
    };
    if (how === 'invite') {
      invite.mutate(body, { onSuccess: (i) => onDone(`Invitation sent to ${i.email}. ${i.displayName} can sign in once they have set a password from the email.`) });
    } else {
      created.mutate({ ...body, password }, { onSuccess: (u) => onDone(`${u.displayName} can now sign in with the starting password.`) });
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        {create.error && !(err && err.fields.length) ? <ErrorAlert error={create.error} title="The user was not created" /> : null}
        <TextInput label="Email address" type="email" required autoComplete="off" value={email}
          onChange={(e) => { setEmail(e.currentTarget.value); edited('email'); }} error={fe('email')} />
        <TextInput label="Name" description="As colleagues know them, for example Sam Patel" required value={displayName}
          onChange={(e) => { setDisplayName(e.currentTarget.value); edited('displayName'); }} error={fe('displayName')} />
        <Radio.Group label="How will they first sign in?" value={how} onChange={(v) => setHow(v === 'password' ? 'password' : 'invite')}>
          <Stack gap={6} mt={6}>
            <Radio value="invite" label="Email them an invitation to set their own password" />
            <Radio value="password" label="Give them a starting password" />
          </Stack>
        </Radio.Group>
        {how === 'password' ? (
          <PasswordInput label="Starting password" description="At least 12 characters. Give it to them securely."
            required autoComplete="new-password" value={password} onChange={(e) => { setPassword(e.currentTarget.value); edited('password'); }}
            error={fe('password')} visibilityToggleFocusable visibilityToggleButtonProps={{ 'aria-label': 'Show password' }} />
        ) : (
          <Text size="sm">The link in the email works once and expires after a few days (7 unless your server says otherwise). You can send a new one from the user's page.</Text>
        )}
        <Card withBorder padding="sm" component="fieldset" m={0}>
          <Title order={3} size="h5" component="legend" px={4}>Roles</Title>
          <Stack gap="sm">
            {rows.length === 0 ? <Text size="sm">No roles: the user will be able to sign in but see nothing.</Text> : null}
            {rows.map((r, i) => (
              <Group key={r.key} align="flex-end" gap="sm" wrap="nowrap">
                <AssignmentFields idPrefix={`new-assignment-${r.key}`} role={r.role} siteId={r.siteId} siteOptions={options}
                  errors={{ role: err?.fieldMessage(`assignments.${i}.role`), siteId: err?.fieldMessage(`assignments.${i}.siteId`) }}
                  onChange={(v) => setRows((prev) => prev.map((x) => (x.key === r.key ? { ...x, ...v } : x)))} />
                <Button variant="default" c="red.9" style={{ flexShrink: 0 }} onClick={() => setRows((prev) => prev.filter((x) => x.key !== r.key))}>
                  Remove<span className="visually-hidden-inline"> role {i + 1}</span>
                </Button>
              </Group>
            ))}
            <Group>
              <Button variant="default" size="xs"
                onClick={() => setRows((prev) => [...prev, { key: Math.max(0, ...prev.map((x) => x.key)) + 1, role: 'staff', siteId: WHOLE_TRUST }])}>
                Add another role
              </Button>
            </Group>
          </Stack>
        </Card>
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending}>{how === 'invite' ? 'Create user and send invitation' : 'Create user'}</Button>
        </Group>
      </Stack>
    </form>
  );
}
