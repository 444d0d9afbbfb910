/** The questions a behaviour lead added to the form (POL-2), from the form version this record uses. */
import { NativeSelect, TextInput } from '@mantine/core';
import { Textarea } from '../../components/Textarea';
import { fieldId, type Fold, FormSection, type SectionProps } from './formParts';
import type { SectionKey } from './labels';
import { DATE_HINT, dateError } from './time';
import type { TCustomField } from './types';

export function CustomFieldsSection({ form, update, err, fields, fold }: SectionProps & { fields: Array<TCustomField & { help?: string }>; fold: (key: SectionKey, summary: string) => Fold }) {
  if (!fields.length) return null;
  const answered = fields.filter((f) => { const v = form.customValues[f.key]; return v !== undefined && v !== null && v !== ''; }).length;
  const required = fields.filter((f) => f.required).length;
  const summary = `${answered} of ${fields.length} answered${required ? `; ${required} must be answered before you submit` : ''}`;
  const set = (key: string, v: string | boolean | null) => update((f) => ({ ...f, customValues: { ...f.customValues, [key]: v } }));
  return (
    <FormSection title="Other questions" id="incident-custom" fold={fold('custom', summary)}>
      {fields.map((field) => {
        const label = field.required ? field.label : `${field.label} (optional)`;
        const v = form.customValues[field.key];
        const id = fieldId(`customValues.${field.key}`);
        const error = err(`customValues.${field.key}`);
        const help = field.help;
        if (field.type === 'yes_no') {
          return (
            <NativeSelect key={field.key} label={label} description={help} id={id} error={error} maw={320}
              value={v === true ? 'yes' : v === false ? 'no' : ''}
              data={[{ value: '', label: 'Not answered' }, { value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }]}
              onChange={(e) => set(field.key, e.currentTarget.value === '' ? null : e.currentTarget.value === 'yes')} />
          );
        }
        if (field.type === 'choice') {
          const opts = field.options ?? [];
          const cur = typeof v === 'string' ? v : '';
          return (
            <NativeSelect key={field.key} label={label} description={help} id={id} error={error} value={cur}
              data={[{ value: '', label: 'Choose an answer' }, ...opts.map((o) => ({ value: o, label: o })),
                ...(cur && !opts.includes(cur) ? [{ value: cur, label: cur }] : [])]}
              onChange={(e) => set(field.key, e.currentTarget.value || null)} />
          );
        }
        if (field.type === 'date') {
          const text = typeof v === 'string' ? v : '';
          return (
            <TextInput key={field.key} label={label} id={id} description={help ? `${help} (${DATE_HINT})` : DATE_HINT} value={text} inputMode="numeric" maxLength={10}
              error={dateError(text) ?? error} onChange={(e) => set(field.key, e.currentTarget.value)} maw={220} />
          );
        }
        return (
          <Textarea key={field.key} label={label} description={help} id={id} error={error} autosize minRows={2} maxLength={5000}
            value={typeof v === 'string' ? v : ''} onChange={(e) => set(field.key, e.currentTarget.value)} />
        );
      })}
    </FormSection>
  );
}
