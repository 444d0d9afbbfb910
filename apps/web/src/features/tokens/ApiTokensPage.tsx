/** API tokens for integrations: create one (shown once), see when each was used, revoke. */
import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Card, Checkbox, Code, CopyButton, Group, NativeSelect, Radio, Stack, Text, TextInput, Title } from '@mantine/core';
import { TOKEN_AREAS, TOKEN_AREA_LABELS, type TTokenArea } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { isApiError } from '../../lib/api';
import type { TApiTokenCreated } from '../../lib/types';
import { TokenList } from './TokenList';
import { useApiTokens, useCreateApiToken } from './tokens.api';

/** A token lasts at most a year (the server refuses longer). */
const EXPIRY_OPTIONS = [
  { value: '30', label: '30 days' }, { value: '90', label: '90 days' }, { value: '180', label: '6 months' }, { value: '365', label: '1 year' },
];

export function ApiTokensPage() {
  const tokens = useApiTokens();
  const create = useCreateApiToken();
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState('90');
  const [access, setAccess] = useState<'read' | 'write'>('read');
  const [areas, setAreas] = useState<TTokenArea[]>([]);
  const [areasError, setAreasError] = useState<string>();
  const [nameError, setNameError] = useState<string>();
  const [created, setCreated] = useState<TApiTokenCreated | null>(null);
  const serverNameError = isApiError(create.error) ? create.error.fieldMessage('name') : undefined;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const noName = !name.trim();
    const noAreas = access === 'write' && areas.length === 0;
    setNameError(noName ? 'Give the token a name, for example the system that will use it' : undefined);
    setAreasError(noAreas ? 'Tick what the token may change, or make it read-only' : undefined);
    if (noName || noAreas) return;
    create.mutate({ name: name.trim(), expiresInDays: Number(expiry), writeAreas: access === 'write' ? areas : [] }, {
      onSuccess: (t) => { setCreated(t); setName(''); setAccess('read'); setAreas([]); },
    });
  };

  return (
    <Page title="API tokens" description="Tokens let another system use the Haven API as you, within your roles and the scope you give each token.">
      <Text size="sm">
        Send a token in the <Code>Authorization: Bearer</Code> header. See the{' '}
        <Anchor href="/api/docs" target="_blank" rel="noopener">API documentation (opens in a new tab)</Anchor>.
        A token lasts at most a year, cannot make or see other tokens, and stops for good if your account is deactivated.
      </Text>
      {created ? (
        <Alert color="blue" variant="light" role="status" title={`Token "${created.name}" created`}>
          <Stack gap="xs">
            <Text size="sm" fw={600}>Copy it now. It will not be shown again.</Text>
            <Code block className="break-anywhere" data-testid="new-token">{created.token}</Code>
            <Group gap="sm">
              <CopyButton value={created.token}>
                {({ copied, copy }) => <Button size="xs" onClick={copy}>{copied ? 'Copied' : 'Copy token'}</Button>}
              </CopyButton>
              <Button size="xs" variant="default" onClick={() => setCreated(null)}>I have stored it safely</Button>
            </Group>
          </Stack>
        </Alert>
      ) : null}
      <Card withBorder padding="md" component="section" aria-labelledby="new-token-heading">
        <Title order={2} size="h4" id="new-token-heading" mb="sm">Create a token</Title>
        <form onSubmit={onSubmit} noValidate>
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput label="Name" description="What will use it, for example MIS sync" value={name} maxLength={100}
              onChange={(e) => { setName(e.currentTarget.value); setNameError(undefined); }} error={nameError ?? serverNameError} style={{ flex: '1 1 16rem' }} />
            <NativeSelect label="Expires after" data={EXPIRY_OPTIONS} value={expiry} onChange={(e) => setExpiry(e.currentTarget.value)}
              style={{ flex: '0 1 10rem' }} />
          </Group>
          <Radio.Group label="What it may do" value={access} mt="sm"
            onChange={(v) => { setAccess(v === 'write' ? 'write' : 'read'); setAreasError(undefined); }}>
            <Stack gap={6} mt={6}>
              <Radio value="read" label="Read only" description="Reads what you can read; changes nothing" />
              <Radio value="write" label="Read, and change the areas ticked below" />
            </Stack>
          </Radio.Group>
          {access === 'write' ? (
            <Checkbox.Group label="Areas it may change" value={areas} error={areasError} mt="sm"
              onChange={(v) => { setAreas(TOKEN_AREAS.filter((a) => v.includes(a))); setAreasError(undefined); }}>
              <Stack gap={6} mt={6}>
                {TOKEN_AREAS.map((a) => <Checkbox key={a} value={a} label={TOKEN_AREA_LABELS[a]} />)}
              </Stack>
            </Checkbox.Group>
          ) : null}
          <Button type="submit" mt="sm" loading={create.isPending}>Create token</Button>
        </form>
        {create.error && !serverNameError ? <ErrorAlert error={create.error} title="The token was not created" /> : null}
      </Card>
      <section aria-labelledby="tokens-heading">
        <Title order={2} size="h4" id="tokens-heading" mb="sm">Your tokens</Title>
        {tokens.isPending ? <Loading label="Loading tokens…" /> : null}
        {tokens.isError ? <ErrorAlert error={tokens.error} onRetry={() => void tokens.refetch()} /> : null}
        {tokens.data ? <TokenList items={tokens.data.items} /> : null}
      </section>
    </Page>
  );
}
