/**
 * The custom incident-form fields (POL-2). Saving always creates a new version; incidents already recorded keep the
 * version they were made with, so nothing recorded changes when the form does.
 */
import { useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Loading } from '../../components/Loading';
import { formatDateTime } from '../../lib/format';
import { allows } from '../../lib/usePolicy';
import { FieldEditor } from './FieldEditor';
import { draftProblems, draftsFrom, sameFields, toFields, type DraftField } from './formFields';
import { useFormCurrent, useSaveForm } from './policy.api';
import type { PolicyScope, TFormCurrent } from './policy.types';
import { fieldMessage, SaveError } from './PolicyParts';

export function FormBuilderTab({ scope, onSaved }: { scope: PolicyScope; onSaved: (message: string) => void }) {
  const form = useFormCurrent(scope);
  if (form.isPending) return <Loading label="Loading the form…" />;
  if (form.isError) return <ErrorAlert error={form.error} onRetry={() => void form.refetch()} />;
  // a new builder (fresh working copy) whenever a new version arrives
  return <Builder key={form.data.current?.id ?? 'none'} scope={scope} data={form.data} onSaved={onSaved} />;
}

function Summary({ data }: { data: TFormCurrent }) {
  const c = data.current;
  if (!c) return <Text size="sm">There are no custom fields yet: the incident form has only its standard sections.</Text>;
  const when = `saved ${formatDateTime(c.createdAt)}${c.createdBy ? ` by ${c.createdBy.name}` : ''}`;
  if (data.inherited) {
    return <Text size="sm">This site uses the trust-wide form (version {c.version}, {when}). Saving here creates a form for this site only, starting from the trust&apos;s fields.</Text>;
  }
  return <Text size="sm">In use: version {c.version}, {when}, with {c.fields.length} {c.fields.length === 1 ? 'field' : 'fields'}.</Text>;
}

function Builder({ scope, data, onSaved }: { scope: PolicyScope; data: TFormCurrent; onSaved: (message: string) => void }) {
  const uid = useRef(0);
  const nextUid = () => ++uid.current;
  const saved = data.current?.fields ?? [];
  const [drafts, setDrafts] = useState<DraftField[]>(() => draftsFrom(saved, nextUid));
  const [clientErrors, setClientErrors] = useState<Record<string, string>>({});
  const save = useSaveForm();
  const mayEdit = allows(data, 'edit');
  // both sides through the same normalisation, so stored data in another shape does not count as a change
  const dirty = !sameFields(toFields(drafts), toFields(draftsFrom(saved, () => 0)));
  const err = (i: number) => (part: string) => fieldMessage(clientErrors, save.error, `fields.${i}.${part}`);

  // positions change when fields move or go, so earlier messages (which name positions) no longer apply
  const restructure = (next: DraftField[]) => { setDrafts(next); setClientErrors({}); save.reset(); };
  const change = (u: number, patch: Partial<DraftField>) => setDrafts((prev) => prev.map((d) => (d.uid === u ? { ...d, ...patch } : d)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...drafts];
    const [item] = next.splice(i, 1);
    next.splice(i + by, 0, item!);
    restructure(next);
  };
  const add = () => restructure([...drafts, { uid: nextUid(), key: '', keyEdited: false, label: '', type: 'text', optionsText: '', required: false, help: '' }]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const problems = draftProblems(drafts);
    setClientErrors(problems);
    if (Object.keys(problems).length) return;
    // the version this edit started from (0: this scope had none), so a save over someone else's is refused
    const version = data.history[0]?.version ?? 0;
    save.mutate({ siteId: scope.siteId, fields: toFields(drafts), version }, {
      onSuccess: (v) => onSaved(`Saved as version ${v.version} of the ${scope.siteId ? "site's" : 'trust-wide'} form. Incidents already recorded keep the version they were made with.`),
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <Summary data={data} />
        {!mayEdit ? <Alert color="gray" variant="light">Only a trust administrator can change the trust-wide form.</Alert> : null}
        <SaveError error={save.error} what="form" />
        {Object.keys(clientErrors).length ? <Alert color="red" variant="light" role="alert" title="The form was not saved">Check the highlighted fields.</Alert> : null}
        {drafts.length === 0 ? <Text size="sm" c="dimmed">No custom fields.</Text> : null}
        {mayEdit || drafts.length ? (
          <fieldset disabled={!mayEdit} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
            <legend className="visually-hidden-inline">Custom fields</legend>
            <Stack component="ol" gap="sm" p={0} m={0}>
              {drafts.map((d, i) => (
                <FieldEditor key={d.uid} field={d} index={i} count={drafts.length} error={err(i)}
                  onChange={(patch) => change(d.uid, patch)} onMove={(by) => move(i, by)} onRemove={() => restructure(drafts.filter((x) => x.uid !== d.uid))} />
              ))}
            </Stack>
          </fieldset>
        ) : null}
        {mayEdit ? (
          <Group justify="space-between" wrap="wrap">
            <Button variant="default" onClick={add} disabled={drafts.length >= 50}>Add a field</Button>
            <Group gap="sm">
              {dirty ? <Button variant="subtle" onClick={() => restructure(draftsFrom(saved, nextUid))}>Discard changes</Button> : null}
              <Button type="submit" loading={save.isPending} disabled={!dirty && !data.inherited}>Save as a new version</Button>
            </Group>
          </Group>
        ) : null}
      </Stack>
    </form>
  );
}
