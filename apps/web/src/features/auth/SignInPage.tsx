/**
 * Sign-in (PLT-1): single sign-on buttons when the server offers providers, email and password, then either the
 * two-factor code or, for a role that needs two-factor and has not set it up, the enrolment step. Single sign-on
 * comes back here as /sign-in?error=<code> or /sign-in?sso=totp|enrol. What the user typed stays in place when an
 * attempt fails.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Anchor, Box, Button, Center, Divider, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useRouter } from '@tanstack/react-router';
import { Loading } from '../../components/Loading';
import { usePageTitle } from '../../components/Page';
import { isApiError } from '../../lib/api';
import { ssoStartUrl, useLogin, useSsoContinue, useSsoProviders } from './auth.api';
import { TotpStep } from './TotpStep';
import { useSetupNeeded } from '../setup/setup.api';
import type { TSsoError } from '@haven/contracts';

type Step =
  | { kind: 'password' }
  | { kind: 'totp'; challenge: string }
  | { kind: 'enrol'; challenge: string; secret: string; otpauthUrl: string };

/** What a failed single sign-on means to the person; never what the provider said. */
const SSO_ERROR_MESSAGES: Record<TSsoError, string> = {
  sso_failed: 'Single sign-on did not work. Try again, or sign in with your email address and password.',
  sso_expired: 'That sign-in took too long or had already been used. Try again.',
  sso_cancelled: 'Sign-in was cancelled.',
  sso_no_account: 'There is no Haven account for the account you signed in with. Ask your trust administrator to add you with the same email address.',
  sso_unverified_email: 'Your sign-in provider did not confirm your email address, so Haven cannot match it to an account. Ask your IT administrator.',
};

/** What single sign-on left in the address bar, read once: the page then tidies the address. */
function readSsoReturn(): { error: string | null; step: 'totp' | 'enrol' | null } {
  const params = new URLSearchParams(window.location.search);
  const error = params.get('error');
  const sso = params.get('sso');
  return {
    error: error ? (Object.hasOwn(SSO_ERROR_MESSAGES, error) ? SSO_ERROR_MESSAGES[error as TSsoError] : SSO_ERROR_MESSAGES.sso_failed) : null,
    step: sso === 'totp' || sso === 'enrol' ? sso : null,
  };
}

/** Where to come back to after single sign-on: this page's address, unless it is the sign-in page itself. */
function currentPath(): string {
  const { pathname, search } = window.location;
  return pathname === '/sign-in' ? '/' : pathname + search;
}

function loginErrorMessage(error: unknown): string {
  if (!isApiError(error)) return 'Something went wrong. Please try again.';
  if (error.status === 401) return 'The email address or password is not right. Check them and try again.';
  return error.message;
}

export function SignInPage() {
  const router = useRouter();
  const [ssoReturn] = useState(readSsoReturn);
  const [ssoDismissed, setSsoDismissed] = useState(false);
  const [passwordStep, setStep] = useState<Step>({ kind: 'password' });
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useLogin();
  const providers = useSsoProviders();
  const setupNeeded = useSetupNeeded();
  const ssoContinue = useSsoContinue(ssoReturn.step !== null && !ssoDismissed);
  const cont = ssoDismissed ? undefined : ssoContinue.data;
  const step: Step = !cont ? passwordStep
    : cont.status === 'totp_required' ? { kind: 'totp', challenge: cont.challenge }
    : { kind: 'enrol', challenge: cont.challenge, secret: cont.secret, otpauthUrl: cont.otpauthUrl };
  usePageTitle(step.kind === 'password' ? 'Sign in' : step.kind === 'totp' ? 'Two-factor code' : 'Set up two-factor sign-in');

  // Tidy the address bar: drop ?error=…, and after single sign-on show the page the person was going to, so that
  // once the code is accepted the app opens there.
  const returnTo = cont?.returnTo;
  useEffect(() => {
    if (returnTo) router.history.replace(returnTo);
    else if (ssoReturn.error || ssoReturn.step) router.history.replace('/sign-in');
  }, [returnTo, ssoReturn, router]);

  const fieldErr = (field: string) => (isApiError(login.error) && login.error.status === 400 ? login.error.fieldMessage(field) : undefined);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate({ email: email.trim(), password }, {
      onSuccess: (res) => {
        if (res.status === 'totp_required') setStep({ kind: 'totp', challenge: res.challenge });
        if (res.status === 'totp_enrolment_required') {
          setStep({ kind: 'enrol', challenge: res.challenge, secret: res.secret, otpauthUrl: res.otpauthUrl });
        }
      },
    });
  };

  const restart = () => {
    setPassword('');
    login.reset();
    setSsoDismissed(true);
    setStep({ kind: 'password' });
  };

  const ssoProviders = providers.data ?? [];
  const ssoProblem = ssoDismissed ? null : ssoReturn.error ?? (ssoContinue.isError ? 'Your sign-in has expired. Sign in again.' : null);
  if (ssoReturn.step && !ssoDismissed && ssoContinue.isPending) {
    return (
      <Box component="main" id="main" mih="100vh" bg="gray.0" py="xl" px="md">
        <Loading label="Checking your sign-in…" />
      </Box>
    );
  }

  return (
    <Box component="main" id="main" mih="100vh" bg="gray.0" py="xl" px="md">
      <Center>
        <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'xl' }} radius="md" w="100%" maw={440}>
          <Text fw={700} fz="xl" c="blue.9" mb="xs">Haven</Text>
          {step.kind === 'password' ? (
            <form onSubmit={onSubmit} noValidate>
              <Stack gap="md">
                <Title order={1} fz={26}>Sign in</Title>
                {setupNeeded.data ? (
                  <Alert color="blue" variant="light" title="Haven is not set up yet">
                    Nobody can sign in until it is. <Anchor href="/setup">Set up Haven</Anchor> with the one-time code from the server&apos;s log.
                  </Alert>
                ) : null}
                {ssoProblem && !login.error ? (
                  <Alert color="red" variant="light" role="alert" title="Could not sign in">{ssoProblem}</Alert>
                ) : null}
                {ssoProviders.length > 0 ? (
                  <>
                    {ssoProviders.map((p) => (
                      <Button key={p.id} component="a" href={ssoStartUrl(p.id, currentPath())} variant="default" fullWidth>
                        {p.label}
                      </Button>
                    ))}
                    <Divider label="or use your email address" labelPosition="center" />
                  </>
                ) : null}
                {login.error && !(fieldErr('email') || fieldErr('password')) ? (
                  <Alert color="red" variant="light" role="alert" title="Could not sign in">
                    {loginErrorMessage(login.error)}
                  </Alert>
                ) : null}
                <TextInput
                  label="Email address"
                  type="email"
                  autoComplete="username"
                  required
                  value={email}
                  onChange={(e) => setEmail(e.currentTarget.value)}
                  error={fieldErr('email')}
                />
                <PasswordInput
                  label="Password"
                  autoComplete="current-password"
                  required
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  error={fieldErr('password')}
                  visibilityToggleFocusable
                  visibilityToggleButtonProps={{ 'aria-label': 'Show password' }}
                />
                <Button type="submit" loading={login.isPending} fullWidth>Sign in</Button>
              </Stack>
            </form>
          ) : step.kind === 'totp' ? (
            <TotpStep kind="verify" challenge={step.challenge} onRestart={restart} />
          ) : (
            <TotpStep kind="enrol" challenge={step.challenge} secret={step.secret} otpauthUrl={step.otpauthUrl} onRestart={restart} />
          )}
        </Paper>
      </Center>
    </Box>
  );
}
