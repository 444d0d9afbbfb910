/**
 * The set-password page (public: no session), reached from an invitation email. The token travels in the address's
 * fragment (never sent to a server); it is read once and taken out of the address bar. A used, expired or withdrawn
 * link gets a page that says so and what to do. Two-factor set-up follows when the role requires it, or when chosen.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Anchor, Box, Button, Center, Checkbox, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useRouter } from '@tanstack/react-router';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/Page';
import { isApiError } from '../../lib/api';
import { formatInstantDate } from '../../lib/format';
import { TotpStep } from '../auth/TotpStep';
import { useAcceptInvitation, useCheckInvitation } from './invitations.api';
import { SET_PASSWORD_PATH } from './setPasswordPath';

/** The token from `#token=…`, read once; the address bar is then tidied so the token is not left on screen or in history. */
let captured: { token: string | null } | undefined;
function readToken(): string | null {
  // kept for the page's life: a second read (React may run an initialiser twice) finds the address already tidied
  if (window.location.hash || !captured) {
    const token = new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token');
    captured = { token: token && /^[A-Za-z0-9_-]{20,200}$/.test(token) ? token : null };
    if (window.location.hash) window.history.replaceState(null, '', SET_PASSWORD_PATH);
  }
  return captured.token;
}

function Frame({ children }: { children: ReactNode }) {
  return (
    <Box component="main" id="main" mih="100vh" bg="gray.0" py="xl" px="md">
      <Center>
        <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'xl' }} radius="md" w="100%" maw={440}>
          <Text fw={700} fz="xl" c="blue.9" mb="xs">Haven</Text>
          {children}
        </Paper>
      </Center>
    </Box>
  );
}

function Unusable({ message }: { message: string }) {
  return (
    <Stack gap="md">
      <Title order={1} fz={26}>This link cannot be used</Title>
      <Alert color="red" variant="light" role="alert">{message}</Alert>
      <Anchor href="/">Go to the sign-in page</Anchor>
    </Stack>
  );
}

export function SetPasswordPage() {
  const router = useRouter();
  const [token] = useState(readToken);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [twoFactor, setTwoFactor] = useState(false);
  const [problems, setProblems] = useState<{ password?: string; confirm?: string }>({});
  const check = useCheckInvitation(token);
  const accept = useAcceptInvitation();
  const enrol = accept.data?.status === 'totp_enrolment_required' ? accept.data : null;
  usePageTitle(enrol ? 'Set up two-factor sign-in' : 'Set your password');

  const done = () => router.history.replace('/');

  if (!token) return <Frame><Unusable message="This link is not complete. Open the whole link from your invitation email, or ask for a new one." /></Frame>;
  if (check.isPending) return <Frame><Loading label="Checking your link…" /></Frame>;
  if (check.isError) {
    const e = check.error;
    return <Frame><Unusable message={isApiError(e) && (e.status === 404 || e.status === 410) ? e.message : 'Haven could not check this link just now. Try again in a moment.'} /></Frame>;
  }
  if (enrol) {
    return (
      <Frame>
        <TotpStep kind="enrol" challenge={enrol.challenge} secret={enrol.secret} otpauthUrl={enrol.otpauthUrl} onDone={done}
          why={check.data.twoFactor === 'required' ? undefined : 'You chose to set up two-factor sign-in.'}
          onRestart={() => router.history.replace('/')} restartLabel="Skip and sign in later" />
      </Frame>
    );
  }
  if (accept.data?.status === 'totp_required') {
    return <Frame><TotpStep kind="verify" challenge={accept.data.challenge} onDone={done} onRestart={() => router.history.replace('/')} /></Frame>;
  }

  const info = check.data;
  const serverError = isApiError(accept.error) ? accept.error : undefined;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const next: typeof problems = {};
    if (password.length < 12) next.password = 'Use at least 12 characters';
    else if (password.length > 256) next.password = 'Use at most 256 characters';
    if (confirm !== password) next.confirm = 'The two passwords are not the same';
    setProblems(next);
    if (Object.keys(next).length) return;
    accept.mutate({ token, password, ...(info.twoFactor === 'optional' && twoFactor ? { setUpTwoFactor: true } : {}) }, {
      onSuccess: (res) => { if (res.status === 'ok') done(); },
    });
  };

  return (
    <Frame>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Title order={1} fz={26}>Set your password</Title>
          <Text size="sm">
            Welcome, {info.displayName}. Choose a password for <Text span fw={600} className="break-anywhere">{info.email}</Text>.
            This link works once, until {formatInstantDate(info.expiresAt)}.
          </Text>
          {serverError && !serverError.fieldMessage('password') ? (
            <Alert color="red" variant="light" role="alert" title="Your password was not set">{serverError.message}</Alert>
          ) : null}
          <PasswordInput label="New password" description="At least 12 characters. A few words together is easy to remember and hard to guess."
            autoComplete="new-password" required value={password} onChange={(e) => { setPassword(e.currentTarget.value); setProblems({}); }}
            error={problems.password ?? serverError?.fieldMessage('password')} visibilityToggleFocusable visibilityToggleButtonProps={{ 'aria-label': 'Show password' }} />
          <PasswordInput label="Type it again" autoComplete="new-password" required value={confirm}
            onChange={(e) => { setConfirm(e.currentTarget.value); setProblems({}); }} error={problems.confirm}
            visibilityToggleFocusable visibilityToggleButtonProps={{ 'aria-label': 'Show the password typed again' }} />
          {info.twoFactor === 'required' ? (
            <Text size="sm">Your role needs two-factor sign-in: next, you will add Haven to an authenticator app on your phone.</Text>
          ) : info.twoFactor === 'optional' ? (
            <Checkbox label="Also set up two-factor sign-in with an authenticator app (recommended)" checked={twoFactor}
              onChange={(e) => setTwoFactor(e.currentTarget.checked)} />
          ) : null}
          <Button type="submit" loading={accept.isPending} fullWidth>Set password and sign in</Button>
        </Stack>
      </form>
    </Frame>
  );
}
