/**
 * What the rota is checked against (STF-3): each pupil's EHCP support hours a week (the rota flags a pupil whose hours
 * the week does not cover) with the holds their plan approves, and the minutes to travel between two sites (the rota
 * flags a journey between slots that is too short). Editable with rota.manage; read by anyone who reads the rota.
 */
import { useState, type FormEvent } from 'react';
import { Alert, Badge, Button, Card, Group, NumberInput, Select, Stack, Table, Text, Title } from '@mantine/core';
import type { TSupportNeed } from '@haven/contracts';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { AnchorLink } from '../../components/links';
import { useCan, useMe } from '../../lib/usePolicy';
import { fieldMessage, SaveError } from '../policy/PolicyParts';
import { useSiteChoice } from '../sanctions/SanctionParts';
import { useSetSupportHours, useSetTravelTime, useSupportNeeds, useTravelTimes } from './rota.api';

export function RotaSettingsPage() {
  const { siteId, picker } = useSiteChoice();
  const manage = useCan('rota.manage');
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <Page title="Support hours and travel" description="What the rota is checked against: pupils' EHCP support hours, and how long it takes to travel between sites.">
      <AnchorLink to="/rota">Back to the rota</AnchorLink>
      {notice ? <Alert color="blue" variant="light" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setNotice(null)}>{notice}</Alert> : null}
      <Card withBorder component="section" aria-labelledby="support-hours" padding="sm">
        <Stack gap="sm">
          <Title order={2} size="h4" id="support-hours">EHCP support hours</Title>
          <Text size="sm" c="dimmed">Hours a week of adult support named in each pupil&apos;s EHCP. The rota shows a gap when the week&apos;s one-to-one time falls short.</Text>
          {picker}
          <SupportHours siteId={siteId} manage={manage} onSaved={setNotice} />
        </Stack>
      </Card>
      <Card withBorder component="section" aria-labelledby="travel-times" padding="sm">
        <TravelTimes manage={manage} onSaved={setNotice} />
      </Card>
    </Page>
  );
}

function SupportHours({ siteId, manage, onSaved }: { siteId: string | undefined; manage: boolean; onSaved: (m: string) => void }) {
  const list = useSupportNeeds(siteId);
  if (!siteId) return null;
  if (list.isPending) return <Loading label="Loading pupils…" />;
  if (list.isError) return <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />;
  const items = list.data.items;
  if (items.length === 0) return <Text>No pupil at this site has an EHCP, support hours or a plan with approved holds.</Text>;
  return (
    <Table.ScrollContainer minWidth={320}>
      <Table striped verticalSpacing="xs">
        <Table.Thead><Table.Tr><Table.Th>Pupil</Table.Th><Table.Th>Approved holds</Table.Th><Table.Th>Hours a week</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {items.map((n) => <SupportRow key={n.pupil.id} n={n} manage={manage} onSaved={onSaved} />)}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function SupportRow({ n, manage, onSaved }: { n: TSupportNeed; manage: boolean; onSaved: (m: string) => void }) {
  const save = useSetSupportHours();
  const [hours, setHours] = useState<string | number>(n.hours ?? '');
  const value = hours === '' ? null : Number(hours);
  const changed = value !== n.hours;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ pupilId: n.pupil.id, hours: value, version: n.version }, {
      onSuccess: () => onSaved(value === null ? `Support hours removed for ${n.pupil.displayName}.` : `${n.pupil.displayName}: ${value} hours a week saved.`),
    });
  };
  return (
    <Table.Tr>
      <Table.Td><AnchorLink to="/pupils/$pupilId" params={{ pupilId: n.pupil.id }} className="break-anywhere">{n.pupil.displayName}</AnchorLink></Table.Td>
      <Table.Td>{n.holds.length ? <Group gap={4}>{n.holds.map((h) => <Badge key={h} variant="light" color="gray" tt="none">{h}</Badge>)}</Group> : <Text size="sm" c="dimmed">None</Text>}</Table.Td>
      <Table.Td>
        {manage ? (
          <form onSubmit={submit} noValidate>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <NumberInput aria-label={`Support hours a week for ${n.pupil.displayName}`} value={hours} onChange={setHours} min={0} max={40} step={0.25}
                decimalScale={2} w={100} error={fieldMessage({}, save.error, 'hours')} />
              <Button type="submit" size="xs" variant="default" disabled={!changed} loading={save.isPending}>Save<span className="visually-hidden-inline"> hours for {n.pupil.displayName}</span></Button>
            </Group>
            <SaveError error={save.error && !fieldMessage({}, save.error, 'hours') ? save.error : null} what="pupil" />
          </form>
        ) : <Text size="sm">{n.hours === null ? 'None set' : `${n.hours}`}</Text>}
      </Table.Td>
    </Table.Tr>
  );
}

function TravelTimes({ manage, onSaved }: { manage: boolean; onSaved: (m: string) => void }) {
  const me = useMe();
  const list = useTravelTimes();
  const save = useSetTravelTime();
  const [f, setF] = useState<{ siteA: string | null; siteB: string | null; minutes: string | number }>({ siteA: null, siteB: null, minutes: '' });
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const siteName = (id: string) => me.sites.find((s) => s.id === id)?.name ?? 'Another site';
  const siteOptions = me.sites.map((s) => ({ value: s.id, label: s.name }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const next: Record<string, string | undefined> = {
      siteA: f.siteA ? undefined : 'Choose a site', siteB: !f.siteB ? 'Choose the other site' : f.siteB === f.siteA ? 'Choose two different sites' : undefined,
      minutes: f.minutes === '' ? 'Enter the minutes' : undefined,
    };
    setErrors(next);
    if (Object.values(next).some(Boolean) || !f.siteA || !f.siteB) return;
    const body = { siteA: f.siteA, siteB: f.siteB, minutes: Number(f.minutes) };
    save.mutate(body, { onSuccess: () => { onSaved(`${siteName(body.siteA)} to ${siteName(body.siteB)}: ${body.minutes} minutes saved.`); setF({ siteA: null, siteB: null, minutes: '' }); } });
  };
  return (
    <Stack gap="sm">
      <Title order={2} size="h4" id="travel-times">Travel between sites</Title>
      {list.isPending ? <Loading label="Loading travel times…" /> : null}
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data ? (
        <>
          <Text size="sm" c="dimmed">Two sites with no time set here are taken to be {list.data.defaultMinutes} minutes apart.</Text>
          {list.data.items.length === 0 ? <Text>No travel times set yet.</Text> : (
            <Stack component="ul" gap={4} p={0} m={0}>
              {list.data.items.map((t) => (
                <Text component="li" key={`${t.siteA}-${t.siteB}`} size="sm" style={{ listStyle: 'none' }}>
                  {siteName(t.siteA)} and {siteName(t.siteB)}: <strong>{t.minutes} minutes</strong>
                </Text>
              ))}
            </Stack>
          )}
        </>
      ) : null}
      {manage && me.sites.length > 1 ? (
        <form onSubmit={submit} noValidate aria-label="Set a travel time">
          <Group align="flex-end" gap="sm" wrap="wrap">
            <Select label="From" data={siteOptions} value={f.siteA} onChange={(v) => setF({ ...f, siteA: v })} w={220} error={fieldMessage(errors, save.error, 'siteA')} />
            <Select label="To" data={siteOptions} value={f.siteB} onChange={(v) => setF({ ...f, siteB: v })} w={220} error={fieldMessage(errors, save.error, 'siteB')} />
            <NumberInput label="Minutes" value={f.minutes} onChange={(v) => setF({ ...f, minutes: v })} min={0} max={480} allowDecimal={false} w={110}
              error={fieldMessage(errors, save.error, 'minutes')} />
            <Button type="submit" loading={save.isPending}>Save travel time</Button>
          </Group>
          {save.error && !['siteA', 'siteB', 'minutes'].some((k) => fieldMessage({}, save.error, k)) ? <ErrorAlert error={save.error} title="Not saved" /> : null}
        </form>
      ) : null}
    </Stack>
  );
}
