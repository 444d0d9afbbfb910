/** What happened, as antecedent, behaviour and consequence (ABC), with the perceived motivation. */
import { Textarea } from '../../components/Textarea';
import { chipData, ChipChoice, fieldId, FormSection, setField, type SectionProps } from './formParts';

export function AbcSection({ form, update, policy, err }: SectionProps) {
  const area = (key: 'antecedent' | 'behaviour' | 'consequence', label: string, description: string) => (
    <Textarea label={label} description={description} id={fieldId(key)} value={form[key]} error={err(key)}
      autosize minRows={4} maxRows={16} maxLength={10000} onChange={(e) => setField(update, key, e.currentTarget.value)} />
  );
  return (
    <FormSection title="What happened" id="incident-abc">
      {area('antecedent', 'Antecedent', 'What was happening just before: the setting, the task, who was there, any triggers')}
      {area('behaviour', 'Behaviour', 'What the pupil did and said, factually, in the order it happened')}
      {area('consequence', 'Consequence', 'What happened straight after, and how adults responded')}
      <ChipChoice label="Perceived motivation (optional)" id={fieldId('motivationCode')} value={form.motivationCode} error={err('motivationCode')}
        description="What the behaviour seemed to achieve for the pupil" options={chipData(policy.motivations, form.motivationCode)}
        onChange={(v) => setField(update, 'motivationCode', v)} />
    </FormSection>
  );
}
