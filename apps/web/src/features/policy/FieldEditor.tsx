/** One custom field in the form builder: its question, key, type, options, help and whether it is required. */
import { Button, Card, Checkbox, Group, NativeSelect, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { FORM_FIELD_TYPE_LABELS, FORM_FIELD_TYPES } from '@haven/contracts';
import { keyFromLabel, type DraftField } from './formFields';
import type { TFormFieldType } from './policy.types';

const TYPE_OPTIONS = FORM_FIELD_TYPES.map((t) => ({ value: t, label: FORM_FIELD_TYPE_LABELS[t] }));

export function FieldEditor({ field, index, count, error, onChange, onMove, onRemove }: {
  field: DraftField;
  index: number;
  count: number;
  /** The message for a part of this field (label, key, type, options, help), by the API's name for it. */
  error: (part: string) => string | undefined;
  onChange: (patch: Partial<DraftField>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const id = `custom-field-${field.uid}`;
  const name = field.label.trim() || `field ${index + 1}`;
  const setLabel = (label: string) => onChange(field.keyEdited ? { label } : { label, key: keyFromLabel(label) });
  return (
    <Card withBorder padding="sm" component="li" style={{ listStyle: 'none' }} aria-labelledby={`${id}-title`}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={3} size="h5" id={`${id}-title`}>Field {index + 1}</Title>
          <Group gap={4} wrap="wrap">
            <Button size="compact-sm" variant="default" disabled={index === 0} onClick={() => onMove(-1)}>
              Move up<span className="visually-hidden-inline"> {name}</span>
            </Button>
            <Button size="compact-sm" variant="default" disabled={index === count - 1} onClick={() => onMove(1)}>
              Move down<span className="visually-hidden-inline"> {name}</span>
            </Button>
            <Button size="compact-sm" variant="subtle" color="red" onClick={onRemove}>
              Remove<span className="visually-hidden-inline"> {name}</span>
            </Button>
          </Group>
        </Group>
        <TextInput id={`${id}-label`} label="Question or label" required value={field.label} maxLength={120}
          onChange={(e) => setLabel(e.currentTarget.value)} error={error('label')} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <NativeSelect id={`${id}-type`} label="Type of answer" value={field.type} data={TYPE_OPTIONS} error={error('type')}
            onChange={(e) => onChange({ type: e.currentTarget.value as TFormFieldType })} />
          <TextInput id={`${id}-key`} label="Key" description="Used in exports; lower case, digits and underscores" required value={field.key} maxLength={40}
            autoComplete="off" onChange={(e) => onChange({ key: e.currentTarget.value.toLowerCase(), keyEdited: true })} error={error('key')} />
        </SimpleGrid>
        {field.type === 'choice' ? (
          <Textarea id={`${id}-options`} label="Options" description="One per line; at least 2" required withAsterisk={false} autosize minRows={3} maxRows={10}
            value={field.optionsText} onChange={(e) => onChange({ optionsText: e.currentTarget.value })} error={error('options')} />
        ) : null}
        <TextInput id={`${id}-help`} label="Help text (optional)" description="Shown under the question" value={field.help} maxLength={300}
          onChange={(e) => onChange({ help: e.currentTarget.value })} error={error('help')} />
        <Checkbox id={`${id}-required`} label="An answer is required before the incident can be submitted" checked={field.required}
          onChange={(e) => onChange({ required: e.currentTarget.checked })} />
      </Stack>
    </Card>
  );
}
