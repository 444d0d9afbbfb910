/**
 * The pupil's details as the office keeps them, for adding a pupil and for editing one. What is typed is kept in the
 * tab (formDraft.ts) until the server has it, so a server error, a lost connection or a reload loses nothing; each
 * problem is shown beside its field (the form's own checks first, then the server's).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { Button, Checkbox, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { PRIMARY_NEEDS, PRIMARY_NEED_LABELS, SEN_STATUSES, SEN_STATUS_LABELS, type TPupilEditable } from '@haven/contracts';
import { isApiError } from '../../lib/api';
import { formatDate, parseUkDate, YEAR_GROUPS, yearGroupLabel } from '../../lib/format';
import type { TPupilProfile } from '../../lib/types';
import { useMe } from '../../lib/usePolicy';
import { SaveError } from '../policy/PolicyParts';
import { UkDateInput } from '../../components/UkDateInput';
import { readFormDraft, removeFormDraft, writeFormDraft } from './formDraft';

/** The form's values as typed (dates as typed text). */
export interface PupilFormValues {
  siteId: string; upn: string; legalForename: string; legalSurname: string; preferredForename: string; preferredSurname: string;
  dateOfBirth: string; sex: string; yearGroup: string; form: string; enrolmentStart: string; senStatus: string; primaryNeed: string;
  pupilPremium: boolean; fsm: boolean; lookedAfter: boolean; previouslyLookedAfter: boolean; eal: boolean; firstLanguage: string;
  ethnicity: string; medicalFlag: boolean; medicalNotes: string;
}

export function emptyPupil(siteId: string): PupilFormValues {
  return {
    siteId, upn: '', legalForename: '', legalSurname: '', preferredForename: '', preferredSurname: '', dateOfBirth: '', sex: '',
    yearGroup: '', form: '', enrolmentStart: '', senStatus: 'none', primaryNeed: '', pupilPremium: false, fsm: false, lookedAfter: false,
    previouslyLookedAfter: false, eal: false, firstLanguage: '', ethnicity: '', medicalFlag: false, medicalNotes: '',
  };
}

export function pupilValues(p: TPupilProfile): PupilFormValues {
  return {
    siteId: p.siteId, upn: p.upn, legalForename: p.legalForename, legalSurname: p.legalSurname, preferredForename: p.preferredForename ?? '',
    preferredSurname: p.preferredSurname ?? '', dateOfBirth: formatDate(p.dateOfBirth), sex: p.sex, yearGroup: String(p.yearGroup),
    form: p.groups.find((g) => g.kind === 'form')?.name ?? '', enrolmentStart: formatDate(p.enrolmentStart), senStatus: p.senStatus,
    primaryNeed: p.primaryNeed ?? '', pupilPremium: p.pupilPremium, fsm: p.fsm, lookedAfter: p.lookedAfter,
    previouslyLookedAfter: p.previouslyLookedAfter, eal: p.eal, firstLanguage: p.firstLanguage ?? '', ethnicity: p.ethnicity ?? '',
    medicalFlag: p.medicalFlag, medicalNotes: p.medicalNotes ?? '',
  };
}

const none = (s: string) => (s.trim() === '' ? null : s.trim());
/** The date box's value: the date when the text is one, else the text as typed (kept, e.g. restored from a draft). */
export const isoOr = (text: string): string => parseUkDate(text) || text;

/** Checks what the form can check itself; the body to send when there is nothing to put right. */
function toBody(v: PupilFormValues): { errors: Record<string, string>; body: TPupilEditable | null } {
  const errors: Record<string, string> = {};
  const upn = v.upn.replace(/\s+/g, '').toUpperCase();
  if (!upn) errors.upn = 'Enter the UPN';
  else if (upn.length !== 13) errors.upn = `A UPN has 13 characters; this has ${upn.length}`;
  if (!v.legalForename.trim()) errors.legalForename = 'Enter the legal forename';
  if (!v.legalSurname.trim()) errors.legalSurname = 'Enter the legal surname';
  const dob = parseUkDate(v.dateOfBirth);
  if (!dob) errors.dateOfBirth = dob === '' ? 'Enter the date of birth' : 'Enter a date like 09/03/2014';
  const start = parseUkDate(v.enrolmentStart);
  if (!start) errors.enrolmentStart = start === '' ? 'Enter the admission date' : 'Enter a date like 03/09/2025';
  if (!v.sex) errors.sex = 'Choose female or male';
  if (v.yearGroup === '') errors.yearGroup = 'Choose the year group';
  if (Object.keys(errors).length) return { errors, body: null };
  return {
    errors,
    body: {
      upn, legalForename: v.legalForename.trim(), legalSurname: v.legalSurname.trim(), preferredForename: none(v.preferredForename),
      preferredSurname: none(v.preferredSurname), dateOfBirth: dob!, sex: v.sex as 'M' | 'F', yearGroup: Number(v.yearGroup),
      form: none(v.form), enrolmentStart: start!, senStatus: v.senStatus as TPupilEditable['senStatus'],
      primaryNeed: v.senStatus === 'none' || !v.primaryNeed ? null : (v.primaryNeed as TPupilEditable['primaryNeed']),
      pupilPremium: v.pupilPremium, fsm: v.fsm, lookedAfter: v.lookedAfter, previouslyLookedAfter: v.previouslyLookedAfter,
      eal: v.eal, firstLanguage: none(v.firstLanguage), ethnicity: none(v.ethnicity), medicalFlag: v.medicalFlag,
      medicalNotes: v.medicalFlag ? none(v.medicalNotes) : null,
    },
  };
}

export function PupilForm({ draftName, initial, submitLabel, pending, error, onSubmit, onCancel, onReload, siteChoice }: {
  /** Where the draft is kept in the tab (e.g. `new`, `edit-<id>`). */
  draftName: string;
  initial: PupilFormValues;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (body: TPupilEditable, siteId: string, done: () => void) => void;
  onCancel?: () => void;
  /** A stale edit: throw away what was typed and start again from the saved record. */
  onReload?: () => void;
  siteChoice?: { value: string; label: string }[];
}) {
  const me = useMe();
  const [restored] = useState(() => readFormDraft<PupilFormValues>(me.user.id, draftName));
  const [v, setV] = useState<PupilFormValues>({ ...initial, ...(restored ?? {}) });
  const [clientErr, setClientErr] = useState<Record<string, string>>({});
  useEffect(() => { writeFormDraft(me.user.id, draftName, v); }, [me.user.id, draftName, v]);
  const err = isApiError(error) ? error : undefined;
  const fe = (f: string) => clientErr[f] ?? err?.fieldMessage(f);
  const set = <K extends keyof PupilFormValues>(k: K, value: PupilFormValues[K]) => {
    setV((prev) => ({ ...prev, [k]: value }));
    setClientErr((prev) => { if (!(k in prev)) return prev; const { [k]: _gone, ...rest } = prev; return rest; });
  };
  const text = (k: keyof PupilFormValues, label: string, extra: { required?: boolean; maxLength?: number; description?: string; autoComplete?: string } = {}) => (
    <TextInput label={label} value={v[k] as string} onChange={(e) => set(k, e.currentTarget.value)} error={fe(k)} maxLength={extra.maxLength ?? 100}
      required={extra.required} description={extra.description} autoComplete={extra.autoComplete ?? 'off'} />
  );
  const flag = (k: keyof PupilFormValues, label: string) => (
    <Checkbox label={label} checked={v[k] as boolean} onChange={(e) => set(k, e.currentTarget.checked)} error={fe(k)} />
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const { errors, body } = toBody(v);
    setClientErr(errors);
    if (body) onSubmit(body, v.siteId, () => removeFormDraft(me.user.id, draftName));
  };
  const discard = () => { removeFormDraft(me.user.id, draftName); setV(initial); setClientErr({}); };

  return (
    <form onSubmit={submit} noValidate aria-label={submitLabel}>
      <Stack gap="md">
        <SaveError error={error} what="pupil" onReload={onReload ? () => { removeFormDraft(me.user.id, draftName); onReload(); } : undefined} />
        {restored ? (
          <Group gap="xs" wrap="wrap">
            <Text size="sm">What you typed before is back in the form.</Text>
            <Button size="compact-sm" variant="subtle" onClick={discard}>Start again</Button>
          </Group>
        ) : null}
        {siteChoice && siteChoice.length > 1 ? (
          <NativeSelect label="School" required value={v.siteId} onChange={(e) => set('siteId', e.currentTarget.value)} data={siteChoice} error={fe('siteId')} />
        ) : null}
        {text('upn', 'UPN', { required: true, maxLength: 20, description: '13 characters, like B801200005001' })}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          {text('legalForename', 'Legal forename', { required: true })}
          {text('legalSurname', 'Legal surname', { required: true })}
          {text('preferredForename', 'Preferred forename (optional)')}
          {text('preferredSurname', 'Preferred surname (optional)')}
          <UkDateInput label="Date of birth" required value={isoOr(v.dateOfBirth)} onChange={(_iso, t) => set('dateOfBirth', t)} error={fe('dateOfBirth')} />
          <NativeSelect label="Sex" required value={v.sex} onChange={(e) => set('sex', e.currentTarget.value)} error={fe('sex')}
            data={[{ value: '', label: 'Choose…' }, { value: 'F', label: 'Female' }, { value: 'M', label: 'Male' }]} />
          <NativeSelect label="Year group" required value={v.yearGroup} onChange={(e) => set('yearGroup', e.currentTarget.value)} error={fe('yearGroup')}
            data={[{ value: '', label: 'Choose…' }, ...YEAR_GROUPS.map((y) => ({ value: String(y), label: yearGroupLabel(y) }))]} />
          {text('form', 'Form (optional)', { maxLength: 60, description: 'Its name, like 7B: a form not yet in Haven is added' })}
          <UkDateInput label="Admission date" required value={isoOr(v.enrolmentStart)} onChange={(_iso, t) => set('enrolmentStart', t)} error={fe('enrolmentStart')} />
        </SimpleGrid>
        <Fieldset legend="Needs">
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <NativeSelect label="SEN status" value={v.senStatus} onChange={(e) => set('senStatus', e.currentTarget.value)} error={fe('senStatus')}
                data={SEN_STATUSES.map((s) => ({ value: s, label: SEN_STATUS_LABELS[s] }))} />
              {v.senStatus !== 'none' ? (
                <NativeSelect label="Primary need" value={v.primaryNeed} onChange={(e) => set('primaryNeed', e.currentTarget.value)} error={fe('primaryNeed')}
                  data={[{ value: '', label: 'Not recorded' }, ...PRIMARY_NEEDS.map((n) => ({ value: n, label: `${PRIMARY_NEED_LABELS[n]} (${n})` }))]} />
              ) : null}
            </SimpleGrid>
            {flag('pupilPremium', 'Pupil premium')}
            {flag('fsm', 'Free school meals')}
            {flag('lookedAfter', 'Looked after now')}
            {flag('previouslyLookedAfter', 'Previously looked after')}
            {flag('eal', 'English as an additional language')}
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              {text('firstLanguage', 'First language (optional)', { maxLength: 60 })}
              {text('ethnicity', 'Ethnicity, DfE code (optional)', { maxLength: 60 })}
            </SimpleGrid>
            {flag('medicalFlag', 'Medical needs')}
            {v.medicalFlag ? (
              <Textarea label="Medical notes (optional)" autosize minRows={2} maxLength={2000} value={v.medicalNotes}
                onChange={(e) => set('medicalNotes', e.currentTarget.value)} error={fe('medicalNotes')} />
            ) : null}
          </Stack>
        </Fieldset>
        <Group gap="sm" wrap="wrap">
          <Button type="submit" loading={pending}>{submitLabel}</Button>
          {onCancel ? <Button variant="default" onClick={onCancel}>Cancel</Button> : null}
        </Group>
      </Stack>
    </form>
  );
}
