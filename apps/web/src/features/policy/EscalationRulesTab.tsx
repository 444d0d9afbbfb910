/** Escalation rules (POL-3) of the chosen scope; a site also sees the trust-wide rules, which apply there too. */
import { useState } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import { POLARITY_LABELS, ROLE_LABELS } from '@haven/contracts';
import { AppModal } from '../../components/AppModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { allows } from '../../lib/usePolicy';
import { EscalationRuleForm } from './EscalationRuleForm';
import { useRules } from './policy.api';
import type { PolicyScope, TEscalationRule } from './policy.types';
import { EntryBadges, ResponsiveTable, type Column } from './PolicyParts';

/** "3 or more negative events in 7 days" / "20 or more points (Fighting, Swearing) in 30 days". */
export function describeRule(r: TEscalationRule): string {
  const kind = r.categoryCodes.length ? r.categoryCodes.join(', ') : `${POLARITY_LABELS[r.polarity].toLowerCase()}`;
  const what = r.measure === 'count' ? `${r.threshold} or more ${kind} ${r.threshold === 1 ? 'event' : 'events'}` : `${r.threshold} or more points from ${kind} events`;
  return `${what} ${r.periodDays === 1 ? 'in a day' : `in ${r.periodDays} days`}`;
}

export function EscalationRulesTab({ scope, onSaved }: { scope: PolicyScope; onSaved: (message: string) => void }) {
  const list = useRules(scope);
  const [dialog, setDialog] = useState<TEscalationRule | 'new' | null>(null);
  const atSite = scope.siteId !== null;
  const items = list.data?.items ?? [];
  const mayCreate = allows(list.data, 'create');

  const columns: Column<TEscalationRule>[] = [
    { header: 'Rule', primary: true, cell: (r) => <span className="break-anywhere">{r.name}</span> },
    { header: 'When a pupil reaches', cell: (r) => <span className="break-anywhere">{describeRule(r)}</span> },
    { header: 'Task for', cell: (r) => ROLE_LABELS[r.notifyRole] ?? r.notifyRole },
    { header: 'Task and suggestion', cell: (r) => <span className="break-anywhere">{r.taskTitle}{r.suggestion ? ` — ${r.suggestion}` : ''}</span> },
    { header: 'Status', cell: (r) => <EntryBadges entry={r} atSite={atSite} /> },
  ];
  const card = (r: TEscalationRule) => (
    <Stack gap={4}>
      <Text fw={600} className="break-anywhere">{r.name}</Text>
      <Text size="sm" className="break-anywhere">When a pupil reaches {describeRule(r)}: task for {ROLE_LABELS[r.notifyRole] ?? r.notifyRole} — {r.taskTitle}</Text>
      {r.suggestion ? <Text size="sm" c="dimmed" className="break-anywhere">Suggested: {r.suggestion}</Text> : null}
      <EntryBadges entry={r} atSite={atSite} />
    </Stack>
  );
  const actions = (r: TEscalationRule) => (allows(r, 'edit') ? (
    <Button size="xs" variant="default" onClick={() => setDialog(r)}>Edit<span className="visually-hidden-inline"> {r.name}</span></Button>
  ) : null);
  const reload = async (id: string) => (await list.refetch()).data?.items.find((r) => r.id === id);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Text size="sm" maw="40rem">
          Checked each time behaviour is recorded. When a pupil reaches a rule&apos;s threshold, a task is created for the role and they are
          notified; while that task is open the rule does not fire again for the pupil.{atSite ? ' Trust-wide rules apply at this site too.' : ''}
        </Text>
        {mayCreate ? <Button onClick={() => setDialog('new')}>Add rule</Button> : null}
      </Group>
      {list.isPending ? <Loading label="Loading rules…" /> : null}
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && items.length === 0 ? <Text>No escalation rules yet.{mayCreate ? ' Add the first one.' : ''}</Text> : null}
      {items.length > 0 ? (
        <ResponsiveTable caption={`${items.length} ${items.length === 1 ? 'rule' : 'rules'}`} rows={items} columns={columns} rowKey={(r) => r.id} actions={actions} card={card} />
      ) : null}
      <AppModal opened={dialog !== null} onClose={() => setDialog(null)} title={dialog === 'new' ? 'Add an escalation rule' : dialog ? `Edit ${dialog.name}` : ''}>
        {dialog ? (
          <EscalationRuleForm key={dialog === 'new' ? 'new' : dialog.id} scope={scope} rule={dialog === 'new' ? undefined : dialog}
            onReload={dialog === 'new' ? undefined : () => reload(dialog.id)}
            onDone={(r) => { setDialog(null); onSaved(`${r.name} saved.`); }} />
        ) : null}
      </AppModal>
    </Stack>
  );
}
