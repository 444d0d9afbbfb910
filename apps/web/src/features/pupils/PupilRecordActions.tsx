/**
 * Keeping a pupil's record by hand, from the profile: edit the details, record leaving, re-join, move to another
 * school of the trust. Shown to those the pupil's `allowed` list says may (`edit`: office staff of the site, trust
 * administrators). Each form keeps what was typed when the server refuses it or cannot be reached.
 */
import { useState, type FormEvent } from 'react';
import { Autocomplete, Button, Group, NativeSelect, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { LEAVING_REASONS } from '@haven/contracts';
import { AppModal } from '../../components/AppModal';
import { formatDate, parseUkDate } from '../../lib/format';
import type { TPupilProfile } from '../../lib/types';
import { useMe } from '../../lib/usePolicy';
import { fieldMessage, SaveError } from '../policy/PolicyParts';
import { UkDateInput } from '../../components/UkDateInput';
import { isoOr, PupilForm, pupilValues } from './PupilForm';
import { useLeavePupil, useMovePupil, useRejoinPupil, useUpdatePupil } from './pupilRecords.api';

type Open = null | 'edit' | 'leave' | 'rejoin' | 'move';

const dateError = (text: string, label: string): string | undefined =>
  parseUkDate(text) === '' ? `Enter the ${label}` : parseUkDate(text) === null ? 'Enter a date like 05/01/2027' : undefined;

export function PupilRecordActions({ p }: { p: TPupilProfile }) {
  const me = useMe();
  const [open, setOpen] = useState<Open>(null);
  if (!p.allowed.includes('edit')) return null;
  const left = !!p.enrolmentEnd;
  const otherSites = me.sites.filter((s) => s.id !== p.siteId);
  const close = () => setOpen(null);
  return (
    <>
      <Group gap="sm" wrap="wrap">
        <Button variant="default" onClick={() => setOpen('edit')}>Edit details</Button>
        {left ? <Button variant="default" onClick={() => setOpen('rejoin')}>Re-join</Button> : <Button variant="default" onClick={() => setOpen('leave')}>Record leaving</Button>}
        {otherSites.length ? <Button variant="default" onClick={() => setOpen('move')}>Move to another school</Button> : null}
      </Group>
      <AppModal opened={open === 'edit'} onClose={close} title={`Edit ${p.displayName}`}><EditPupil p={p} onDone={close} /></AppModal>
      <AppModal opened={open === 'leave'} onClose={close} title={`${p.displayName} leaves`} size="md"><LeaveForm p={p} onDone={close} /></AppModal>
      <AppModal opened={open === 'rejoin'} onClose={close} title={`${p.displayName} re-joins`} size="md"><RejoinForm p={p} onDone={close} /></AppModal>
      <AppModal opened={open === 'move'} onClose={close} title={`Move ${p.displayName} to another school`} size="md">
        <MoveForm p={p} sites={otherSites.map((s) => ({ value: s.id, label: s.name }))} onDone={close} />
      </AppModal>
    </>
  );
}

function EditPupil({ p, onDone }: { p: TPupilProfile; onDone: () => void }) {
  const update = useUpdatePupil();
  const qc = useQueryClient();
  return (
    <PupilForm
      key={p.version}
      draftName={`edit-${p.id}`}
      initial={pupilValues(p)}
      submitLabel="Save changes"
      pending={update.isPending}
      error={update.error}
      onSubmit={(body, _siteId, done) => update.mutate({ id: p.id, body: { ...body, version: p.version } }, { onSuccess: () => { done(); onDone(); } })}
      onCancel={onDone}
      onReload={() => { update.reset(); void qc.invalidateQueries({ queryKey: ['pupil', p.id] }); }}
    />
  );
}

function LeaveForm({ p, onDone }: { p: TPupilProfile; onDone: () => void }) {
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const [clientErr, setClientErr] = useState<Record<string, string | undefined>>({});
  const leave = useLeavePupil();
  const fe = (f: string) => fieldMessage(clientErr, leave.error, f);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors = { date: dateError(date, 'last day on roll'), reason: reason.trim() ? undefined : 'Say why the pupil leaves' };
    setClientErr(errors);
    if (errors.date || errors.reason) return;
    leave.mutate({ id: p.id, body: { date: parseUkDate(date)!, reason: reason.trim(), version: p.version } }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SaveError error={leave.error} what="leaving date" />
        <Text size="sm">The pupil stays in Haven with every record, off the pupil list (find them under Leavers).</Text>
        <UkDateInput label="Last day on roll" required value={isoOr(date)} onChange={(_iso, t) => setDate(t)} error={fe('date')} />
        <Autocomplete label="Reason for leaving" required withAsterisk={false} data={[...LEAVING_REASONS]} value={reason} onChange={setReason} error={fe('reason')} maxLength={200} />
        <Group gap="sm"><Button type="submit" loading={leave.isPending}>Record leaving</Button><Button variant="default" onClick={onDone}>Cancel</Button></Group>
      </Stack>
    </form>
  );
}

function RejoinForm({ p, onDone }: { p: TPupilProfile; onDone: () => void }) {
  const [date, setDate] = useState('');
  const [clientErr, setClientErr] = useState<Record<string, string | undefined>>({});
  const rejoin = useRejoinPupil();
  const fe = (f: string) => fieldMessage(clientErr, rejoin.error, f);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors = { date: dateError(date, 'first day back on roll') };
    setClientErr(errors);
    if (errors.date) return;
    rejoin.mutate({ id: p.id, body: { date: parseUkDate(date)!, version: p.version } }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SaveError error={rejoin.error} what="re-joining" />
        <Text size="sm">Left on {formatDate(p.enrolmentEnd)}{p.leavingReason ? ` (${p.leavingReason})` : ''}. The earlier dates stay in the audit log.</Text>
        <UkDateInput label="First day back on roll" required value={isoOr(date)} onChange={(_iso, t) => setDate(t)} error={fe('date')} />
        <Group gap="sm"><Button type="submit" loading={rejoin.isPending}>Re-join</Button><Button variant="default" onClick={onDone}>Cancel</Button></Group>
      </Stack>
    </form>
  );
}

function MoveForm({ p, sites, onDone }: { p: TPupilProfile; sites: { value: string; label: string }[]; onDone: () => void }) {
  const [siteId, setSiteId] = useState(sites[0]?.value ?? '');
  const [date, setDate] = useState('');
  const [clientErr, setClientErr] = useState<Record<string, string | undefined>>({});
  const move = useMovePupil();
  const fe = (f: string) => fieldMessage(clientErr, move.error, f);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const errors = { date: dateError(date, 'first day at the new school') };
    setClientErr(errors);
    if (errors.date) return;
    move.mutate({ id: p.id, body: { siteId, date: parseUkDate(date)!, version: p.version } }, { onSuccess: onDone });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SaveError error={move.error} what="move" />
        <Text size="sm">
          {p.displayName} goes on roll at the new school from the date given and leaves their form here. Their incidents and other records stay
          with {p.siteName}, where they happened; the dates here are kept in the audit log.
        </Text>
        <NativeSelect label="Moves to" required data={sites} value={siteId} onChange={(e) => setSiteId(e.currentTarget.value)} error={fe('siteId')} />
        <UkDateInput label="First day at the new school" required value={isoOr(date)} onChange={(_iso, t) => setDate(t)} error={fe('date')} />
        <Group gap="sm"><Button type="submit" loading={move.isPending}>Move pupil</Button><Button variant="default" onClick={onDone}>Cancel</Button></Group>
      </Stack>
    </form>
  );
}
