/** Building blocks shared by the incident form's sections. */
import { useState, type ReactNode } from 'react';
import { Card, Checkbox, Chip, Group, SimpleGrid, Stack, Text, TextInput, Title, UnstyledButton } from '@mantine/core';
import './incident-styles';
import type { FormModel } from './formModel';
import { normaliseField } from './labels';
import type { IncidentPolicy } from './policy';
import { DATE_HINT, dateError, TIME_HINT, timeError } from './time';

/** Orange and red alert titles are below 4.5:1 on their tint: warning alerts use dark title text instead. */
/** Long button labels wrap on a phone instead of running off the edge. */
export const WRAP_BUTTON = { root: { height: 'auto', minHeight: 36, paddingBlock: 6 }, label: { whiteSpace: 'normal' as const, textAlign: 'left' as const } };

export const DARK_ALERT_TITLE = { title: { color: 'var(--mantine-color-dark-7)' } };

export type Update = (change: (f: FormModel) => FormModel) => void;
export interface SectionProps {
  form: FormModel;
  update: Update;
  policy: IncidentPolicy;
  /** The completeness message for a field (REV-2), when the last check named it. */
  err: (field: string) => string | undefined;
}

/** The element id of a field, so a completeness message can link to it and focus it. */
export const fieldId = (field: string): string => `incident-field-${normaliseField(field).replace(/\./g, '-')}`;

/** A section that folds: its heading is the button, and a folded section says in a line what it holds. */
export interface Fold { open: boolean; onToggle: () => void; summary: string }

export function FormSection({ title, id, children, fold }: { title: string; id: string; children: ReactNode; fold?: Fold }) {
  const bodyId = `${id}-body`;
  // A folded section's fields are first drawn when it is first opened (a phone's first load draws only what shows),
  // then kept while folded again, so what was typed stays.
  const shown = !fold || fold.open;
  const [drawn, setDrawn] = useState(shown);
  if (shown && !drawn) setDrawn(true);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      {fold ? (
        <Title order={2} size="h4" mb={fold.open ? 'sm' : 0}>
          <UnstyledButton id={id} aria-expanded={fold.open} aria-controls={bodyId} onClick={fold.onToggle} className="incident-fold" w="100%">
            <span aria-hidden="true" className="incident-fold-mark">{fold.open ? '−' : '+'}</span>
            <span>{title}</span>
          </UnstyledButton>
        </Title>
      ) : <Title order={2} size="h4" id={id} mb="sm">{title}</Title>}
      {fold && !fold.open ? <Text size="sm" c="dimmed" className="break-anywhere">{fold.summary}</Text> : null}
      {/* kept mounted while folded once drawn (what was typed stays), hidden from everyone */}
      <Stack gap="md" id={bodyId} style={shown ? undefined : { display: 'none' }}>{drawn ? children : null}</Stack>
    </Card>
  );
}

/**
 * One choice from a short list as chips (one tap, where a select on a phone takes two), grouped under its label;
 * the error is beside the chips and named by the group.
 */
export function ChipChoice({ label, options, value, onChange, id, error, description }: {
  label: string;
  options: Array<{ value: string; label: string }>;
  value: string;
  onChange: (v: string) => void;
  id: string;
  error?: string | undefined;
  description?: string;
}) {
  const describedBy = [description ? `${id}-description` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset id={id} className="incident-chips" aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
      <legend className="incident-chips-legend">{label}</legend>
      {description ? <Text size="xs" c="dimmed" id={`${id}-description`} mb={6}>{description}</Text> : null}
      <Group gap={6} wrap="wrap">
        {options.map((o) => (
          <Chip key={o.value} type="radio" name={id} value={o.value} checked={value === o.value} size="sm" variant="outline"
            onChange={() => onChange(o.value)}>{o.label}</Chip>
        ))}
      </Group>
      {error ? <Text size="sm" c="red.9" mt={6} id={`${id}-error`} role="alert">{label}: {error}</Text> : null}
    </fieldset>
  );
}

/** The policy list as chip options, keeping a stored code the list has lost. */
export function chipData(list: Array<{ code: string; label: string }>, current: string) {
  const data = list.map((o) => ({ value: o.code, label: o.label }));
  if (current && !list.some((o) => o.code === current)) data.push({ value: current, label: `${current} (no longer in the policy)` });
  return data;
}

/** A date (dd/mm/yyyy) and a 24-hour time, typed; mistakes are named next to the box. */
export function DateTimeFields({ dateLabel, timeLabel, date, time, onDate, onTime, dateId, timeId, error, optional }: {
  dateLabel: string;
  timeLabel: string;
  date: string;
  time: string;
  onDate: (v: string) => void;
  onTime: (v: string) => void;
  dateId: string;
  timeId: string;
  error?: string;
  optional?: boolean;
}) {
  const o = optional ? ' (optional)' : '';
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <TextInput label={`${dateLabel}${o}`} description={DATE_HINT} id={dateId} value={date} inputMode="numeric" autoComplete="off"
        onChange={(e) => onDate(e.currentTarget.value)} error={dateError(date) ?? error} style={{ flex: '1 1 9rem', maxWidth: 200 }} maxLength={10} />
      <TextInput label={`${timeLabel}${o}`} description={TIME_HINT} id={timeId} value={time} inputMode="numeric" autoComplete="off"
        onChange={(e) => onTime(e.currentTarget.value)} error={timeError(time)}
        style={{ flex: '1 1 7rem', maxWidth: 160 }} maxLength={5} />
    </Group>
  );
}

export function CheckboxList({ label, description, options, value, onChange, id, error }: {
  label: string;
  description?: string;
  options: Array<{ value: string; label: string }>;
  value: string[];
  onChange: (v: string[]) => void;
  id: string;
  error?: string;
}) {
  return (
    <div id={id}>
      <Checkbox.Group label={label} description={description} value={value} onChange={onChange} error={error}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing={8} verticalSpacing={8} mt={6}>
          {options.map((o) => <Checkbox key={o.value} value={o.value} label={o.label} />)}
        </SimpleGrid>
      </Checkbox.Group>
    </div>
  );
}

/** Options for a select: the blank choice first, then the policy list, keeping a stored code the list has lost. */
export function selectData(list: Array<{ code: string; label: string }>, current: string, blank: string) {
  const data = [{ value: '', label: blank }, ...list.map((o) => ({ value: o.code, label: o.label }))];
  if (current && !list.some((o) => o.code === current)) data.push({ value: current, label: `${current} (no longer in the policy)` });
  return data;
}

export function setField<K extends keyof FormModel>(update: Update, key: K, value: FormModel[K]): void {
  update((f) => ({ ...f, [key]: value }));
}
