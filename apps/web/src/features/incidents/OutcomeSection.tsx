/**
 * Severity (chips, one tap) and categories; then, folded until wanted, the actions taken and (only when an action is a
 * suspension or exclusion) the DfE reason.
 */
import { NativeSelect } from '@mantine/core';
import { ChipChoice, CheckboxList, fieldId, type Fold, FormSection, selectData, setField, type SectionProps } from './formParts';
import { reasonsValidOn, type IncidentPolicy } from './policy';
import { parseUkDate } from '../../lib/format';
import type { SectionKey } from './labels';

export function severityOptions(policy: IncidentPolicy) {
  return [{ value: '', label: 'Choose a severity' }, ...policy.severityLabels.map((l, i) => ({ value: String(i), label: `${i} – ${l}` }))];
}

export function OutcomeSection({ form, update, policy, err, fold }: SectionProps & { fold: (key: SectionKey, summary: string) => Fold }) {
  const categories = policy.categories.filter((c) => c.group !== 'positive' || form.categoryCodes.includes(c.code));
  const catOptions = categories.map((c) => ({ value: c.code, label: c.label }));
  for (const code of form.categoryCodes) if (!catOptions.some((o) => o.value === code)) catOptions.push({ value: code, label: code });
  const actionOptions = policy.actions.map((a) => ({ value: a.code, label: a.label }));
  for (const code of form.actionCodes) if (!actionOptions.some((o) => o.value === code)) actionOptions.push({ value: code, label: code });
  const dfeRelevant = !!form.dfeReasonCode || form.actionCodes.some((c) => policy.exclusionActionCodes.includes(c)) || !!err('dfeReasonCode');
  const chosen = actionOptions.filter((o) => form.actionCodes.includes(o.value)).map((o) => o.label);

  return (
    <>
      <FormSection title="Severity and categories" id="incident-outcome">
        <ChipChoice label="Severity" id={fieldId('severity')} value={form.severity} error={err('severity')}
          description={`0 is no harm or disruption, 5 the most serious; ${policy.seriousSeverity} or more is a serious incident`}
          options={severityOptions(policy).slice(1)} onChange={(v) => setField(update, 'severity', v)} />
        <CheckboxList label="Categories" description="Choose every category that describes the behaviour" id={fieldId('categoryCodes')}
          options={catOptions} value={form.categoryCodes} error={err('categoryCodes')} onChange={(v) => setField(update, 'categoryCodes', v)} />
      </FormSection>
      <FormSection title="Actions taken" id="incident-actions" fold={fold('actions', chosen.length ? chosen.join(', ') : 'None chosen (optional)')}>
        <CheckboxList label="Actions taken" id={fieldId('actionCodes')} options={actionOptions} value={form.actionCodes}
          error={err('actionCodes')} onChange={(v) => setField(update, 'actionCodes', v)} />
        {dfeRelevant ? (
          <NativeSelect label="DfE reason" id={fieldId('dfeReasonCode')} value={form.dfeReasonCode} error={err('dfeReasonCode')}
            description="The census reason, because this led to a suspension or exclusion"
            data={selectData(reasonsValidOn(policy.dfeReasons, parseUkDate(form.date)).map((r) => ({ code: r.code, label: `${r.code} – ${r.label}` })), form.dfeReasonCode, 'Choose a reason')}
            onChange={(e) => setField(update, 'dfeReasonCode', e.currentTarget.value)} />
        ) : null}
      </FormSection>
    </>
  );
}
