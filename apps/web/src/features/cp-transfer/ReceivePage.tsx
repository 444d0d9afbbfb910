/**
 * The receiving school's page for a one-time link (public: no sign-in). The token travels in the address's fragment
 * (never sent to a server by the browser) and is taken out of the address bar at once. The DSL downloads the
 * encrypted file once, opens it with the passphrase or their private key, and confirms the receipt here.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Box, Button, Center, List, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { usePageTitle } from '../../components/Page';
import { errorMessage } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { formatDateTime } from '../../lib/format';
import { confirmThroughLink, downloadThroughLink, useLinkInfo } from './cpTransfer.api';
import { CP_RECEIVE_PATH } from './receivePath';

let captured: { token: string | null } | undefined;
function readToken(): string | null {
  if (window.location.hash || !captured) {
    const token = new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token');
    captured = { token: token && /^[A-Za-z0-9_-]{20,200}$/.test(token) ? token : null };
    if (window.location.hash) window.history.replaceState(null, '', CP_RECEIVE_PATH);
  }
  return captured.token;
}

function Frame({ children }: { children: ReactNode }) {
  return (
    <Box component="main" id="main" mih="100vh" bg="gray.0" py="xl" px="md">
      <Center>
        <Paper withBorder shadow="xs" p={{ base: 'md', sm: 'xl' }} radius="md" w="100%" maw={560}>
          <Text fw={700} fz="xl" c="blue.9" mb="xs">Haven</Text>
          {children}
        </Paper>
      </Center>
    </Box>
  );
}

export function ReceivePage() {
  usePageTitle('Child-protection file');
  const [token] = useState(readToken);
  const info = useLinkInfo(token);
  const [downloaded, setDownloaded] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  if (!token) return <Frame><Title order={1} fz={26}>This link cannot be used</Title><Alert color="red" mt="md" role="alert">The link is not complete. Open the whole link you were sent, or ask the sending school for a new one.</Alert></Frame>;
  if (info.isPending) return <Frame><Loading label="Checking the link…" /></Frame>;
  if (info.isError) return <Frame><Title order={1} fz={26}>This link cannot be used</Title><Alert color="red" mt="md" role="alert">{errorMessage(info.error)}</Alert></Frame>;
  const i = info.data;
  const done = downloaded || i.downloaded;
  const download = async () => {
    setBusy(true); setProblem(null);
    try { await downloadThroughLink(token); setDownloaded(true); } catch (e) { setProblem(errorMessage(e)); } finally { setBusy(false); }
  };
  const confirm = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true); setProblem(null);
    try { await confirmThroughLink(token, name); setConfirmed(true); } catch (err) { setProblem(errorMessage(err)); } finally { setBusy(false); }
  };
  return (
    <Frame>
      <Stack gap="md">
        <Title order={1} fz={26}>A child-protection file from {i.fromSchool}</Title>
        <Text>For the designated safeguarding lead of {i.toSchool}. The file is encrypted: {i.encryption === 'passphrase'
          ? 'open it with the passphrase the sending school gives you separately (for example by phone).'
          : 'open it with your OpenPGP private key.'}</Text>
        {!done && (
          <>
            <Text size="sm">The link works once, until {formatDateTime(i.expiresAt)}. Save the file somewhere safe before you close this page.</Text>
            <Button onClick={() => void download()} loading={busy}>Download the encrypted file ({Math.max(1, Math.round(i.sizeBytes / 1024))} KB)</Button>
          </>
        )}
        {done && !confirmed && (
          <>
            <Alert color="blue" role="status">The file has been downloaded through this link, which will not give it again.</Alert>
            <Text fw={600}>To open it</Text>
            <List size="sm">
              <List.Item>With GnuPG: <code>gpg --output {i.filename.replace(/\.pgp$/, '')} --decrypt {i.filename}</code>, then unzip it.</List.Item>
              <List.Item>Or with any OpenPGP tool (Kleopatra, GPG Suite).</List.Item>
            </List>
            <form onSubmit={(e) => void confirm(e)} aria-label="Confirm receipt">
              <Stack gap="sm">
                <TextInput label="Your name" value={name} onChange={(e) => setName(e.currentTarget.value)} required />
                <Button type="submit" loading={busy}>Confirm receipt</Button>
              </Stack>
            </form>
          </>
        )}
        {confirmed && <Alert color="green" role="status" title="Receipt confirmed">Thank you. {i.fromSchool} has been told that you received the file. Keep it separately from the main pupil file.</Alert>}
        {problem && <Alert color="red" role="alert">{problem}</Alert>}
      </Stack>
    </Frame>
  );
}
