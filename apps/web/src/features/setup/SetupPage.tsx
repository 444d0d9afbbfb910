/**
 * The first-run page (/setup), shown before anyone can sign in: the one-time code from the server's log, then the
 * trust, its schools, this year's calendar and the first trust administrator. Once a trust exists the server answers
 * 404 and the page says Haven is already set up.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Anchor, Box, Button, Center, List, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import type { TSetupProposal, TSetupResult } from '@haven/contracts';
import { Loading } from '../../components/Loading';
import { ErrorAlert } from '../../components/ErrorAlert';
import { usePageTitle } from '../../components/Page';
import { isApiError } from '../../lib/api';
import { useCheckSetupCode, useSetupNeeded } from './setup.api';
import { SetupForm } from './SetupForm';

function Shell({ children, wide = false }: { children: ReactNode; wide?: boolean }) {
  return (
    <Box component="main" id="main" mih="100vh" bg="gray.0" py="xl" px={{ base: 'xs', sm: 'md' }}>
      <Center>
        <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'xl' }} radius="md" w="100%" maw={wide ? 760 : 480}>
          <Text fw={700} fz="xl" c="blue.9" mb="xs">Haven</Text>
          {children}
        </Paper>
      </Center>
    </Box>
  );
}

function CodeStep({ onOpened }: { onOpened: (code: string, proposal: TSetupProposal) => void }) {
  const [code, setCode] = useState('');
  const check = useCheckSetupCode();
  const fieldErr = isApiError(check.error) && check.error.status === 400 ? check.error.fieldMessage('code') : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    check.mutate(code.trim(), { onSuccess: (proposal) => onOpened(code.trim(), proposal) });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Title order={1} fz={26}>Set up Haven</Title>
        <Text size="sm">
          This Haven has no trust yet. Whoever installed it can set it up: the server printed a one-time code to its log when it
          started, on the line beginning <strong>First-run setup code</strong>.
        </Text>
        {check.error && !fieldErr ? <Alert color="red" variant="light" role="alert" title="That code did not open setup">{check.error.message}</Alert> : null}
        <TextInput label="One-time code" description="Like ABCD-EFGH-JKLM" required autoComplete="off" autoCapitalize="characters" spellCheck={false}
          value={code} onChange={(e) => setCode(e.currentTarget.value)} error={fieldErr} data-autofocus />
        <Button type="submit" loading={check.isPending} fullWidth>Continue</Button>
      </Stack>
    </form>
  );
}

function Done({ result }: { result: TSetupResult }) {
  return (
    <Stack gap="md">
      <Title order={1} fz={26}>Haven is set up</Title>
      <Alert color="green" variant="light" title="Your trust is ready">
        The trust, its {result.siteIds.length === 1 ? 'school' : `${result.siteIds.length} schools`} and the {result.academicYear} calendar have been created.
      </Alert>
      <Text size="sm">Sign in as <strong>{result.adminEmail}</strong>. Your first sign-in sets up two-factor sign-in: have an authenticator app ready (for example Microsoft Authenticator or Google Authenticator).</Text>
      <Text size="sm">Then:</Text>
      <List type="ordered" size="sm" spacing={4}>
        <List.Item>check the calendar (Calendar) — add your INSET and closure days;</List.Item>
        <List.Item>import pupils, contacts, classes and staff from your MIS (Import);</List.Item>
        <List.Item>add your staff and give them roles (Users).</List.Item>
      </List>
      <Button component="a" href="/" fullWidth>Sign in</Button>
    </Stack>
  );
}

export function SetupPage() {
  const needed = useSetupNeeded();
  const [opened, setOpened] = useState<{ code: string; proposal: TSetupProposal } | null>(null);
  const [result, setResult] = useState<TSetupResult | null>(null);
  usePageTitle(result ? 'Haven is set up' : 'Set up Haven');
  if (needed.isPending) return <Shell><Loading label="Checking this server…" /></Shell>;
  if (needed.isError) return <Shell><ErrorAlert error={needed.error} title="Could not reach the server" onRetry={() => void needed.refetch()} /></Shell>;
  if (result) return <Shell><Done result={result} /></Shell>;
  if (!needed.data) {
    return (
      <Shell>
        <Stack gap="md">
          <Title order={1} fz={26}>Haven is already set up</Title>
          <Text size="sm">This page is only for a new installation. <Anchor href="/">Sign in</Anchor> instead.</Text>
        </Stack>
      </Shell>
    );
  }
  if (!opened) return <Shell><CodeStep onOpened={(code, proposal) => setOpened({ code, proposal })} /></Shell>;
  return <Shell wide><SetupForm code={opened.code} proposal={opened.proposal} onDone={setResult} /></Shell>;
}
