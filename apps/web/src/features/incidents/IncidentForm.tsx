/**
 * The full incident form (INC-2, INC-3), one page for create and edit, mobile-first. Everything typed is kept by
 * autosave; Submit saves what is pending, then asks the server's completeness check and shows each missing field
 * next to the field with its label, opening its section and moving to the first. What a low-level incident does not
 * need starts folded (folds.ts); the recorder is already on it as staff involved, and lists are chips where that saves taps.
 */
import { memo, startTransition, useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Box, Button, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Loading } from '../../components/Loading';
import { useNavigate } from '@tanstack/react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink } from '../../components/links';
import { Page } from '../../components/Page';
import { api, isApiError, type ApiError } from '../../lib/api';
import { useMe } from '../../lib/usePolicy';
import { AbcSection } from './AbcSection';
import { CustomFieldsSection } from './CustomFieldsSection';
import { setFlash } from './flash';
import type { FormModel } from './formModel';
import { incidentKey, useStaffList } from './incidents.api';
import { formField } from './labels';
import { useFolds } from './folds';
import { firstOnPage, focusField, MissingSummary } from './MissingSummary';
import { OutcomeSection } from './OutcomeSection';
import { PhysicalInterventionSection } from './PhysicalInterventionSection';
import { loadPiCard } from './piCardLoader';
import { EMPTY_POLICY, periodAt, useIncidentPolicy } from './policy';
import { PupilsSection } from './PupilsSection';
import { ConflictAlert, SaveStatusText, YourTextPanel } from './SaveStatus';
import { StaffSection } from './StaffSection';
import type { TIncident } from './types';
import { useAutosave, type AutosaveInit } from './useAutosave';
import { WhenWhereSection } from './WhenWhereSection';
import { DARK_ALERT_TITLE, type Update } from './formParts';
import { parseTime } from './time';

type Missing = Array<{ field: string; message: string }>;
const asForm = (list: Missing): Missing => list.map((m) => ({ ...m, field: formField(m.field) }));

/** Why Submit could not go ahead when the latest changes did not save: the real reason, "offline" only when the device is. */
function notSaved(e: unknown): Error {
  const base = 'Your latest changes could not be saved to Haven, so the incident was not submitted.';
  if (isApiError(e) && e.status === 400) return new Error(`${base} Correct the answers marked beside their fields, then submit again.`);
  if (isApiError(e) && e.status === 0) return new Error(`${e.message} The incident was not submitted.`);
  if (isApiError(e) && e.serverFault) return new Error(`${base} ${(e as ApiError).message}`);
  return new Error(`${base} Everything is kept on this device: try again in a moment.`);
}

export interface FormInit extends AutosaveInit {
  restored: boolean;
  /** Unsent text from this device that is older than the server's copy: shown, never applied. */
  staleLocal: FormModel | null;
}

/** A new incident's heading, the line below it and the hint above the form: the form's, and (IncidentFormPage) what shows while it loads. */
export const NEW_TITLE = 'Record an incident';
export const NEW_DESCRIPTION = 'Saved as you type, on this device and in Haven.';
export const NEW_HINT = 'A low-level incident needs only when and where, the pupil, what happened, the severity and a category. '
  + 'The folded sections are optional.';

/**
 * A memo component: the page around it re-renders when its own queries answer (the staff list, the policy, a refetch)
 * and when the draft's id is put in the address, and each of those renders is urgent, one task; the form, the biggest
 * render of the page, is redrawn only by its own state and queries.
 */
export const IncidentForm = memo(function IncidentForm({ init, draftUuid }: { init: FormInit; draftUuid: string | undefined }) {
  const navigate = useNavigate();
  const qc = useQueryClient();
  const dateKeys = useRef(new Set<string>());
  const auto = useAutosave({
    init, draftUuid, dateFieldKeys: dateKeys,
    onCreated: (inc) => void navigate({ to: '/incidents/new', search: { draft: draftUuid, id: inc.id }, replace: true }),
  });
  const { form, server } = auto;
  const me = useMe();
  const staffList = useStaffList(form.siteId || undefined);
  const recorderStaffId = staffList.data?.find((st) => st.userId === me.user.id)?.id ?? '';
  const { fold, openFor } = useFolds(init.form);
  const policyQuery = useIncidentPolicy(form.siteId || undefined);
  const policy = policyQuery.data ?? EMPTY_POLICY;
  const fields = server ? server.customFields : policy.formFields;
  useEffect(() => {
    dateKeys.current = new Set(fields.filter((f) => f.type === 'date').map((f) => f.key));
  }, [fields]);
  const customLabels = Object.fromEntries(fields.map((f) => [f.key, f.label]));

  const [missing, setMissing] = useState<Missing>([]);
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [conflictCopy, setConflictCopy] = useState<FormModel | null>(null);
  const [staleLocal, setStaleLocal] = useState(init.staleLocal);
  const [restored, setRestored] = useState(init.restored);
  // The sections below the first screen are drawn just after it, in a transition React can pause: on a slow phone
  // the form is on screen and answers taps sooner than if every section were drawn in one long task.
  const formReady = !policyQuery.isLoading;
  const [below, setBelow] = useState(false);
  useEffect(() => {
    if (formReady && !below) startTransition(() => setBelow(true));
    if (below) void loadPiCard().catch(() => undefined);
  }, [formReady, below]);

  // Once the user has tried to submit, each save's completeness list keeps the messages up to date as they fix things.
  useEffect(() => {
    if (attempted && server) setMissing(asForm(server.missing));
  }, [attempted, server]);

  // A refused autosave (400) names its fields too: shown beside them, with their labels, until the user changes the value.
  const invalid = auto.status.kind === 'invalid' ? asForm(auto.status.error.fields) : [];
  const invalidKey = invalid.map((m) => m.field).join(',');
  useEffect(() => { openFor([...missing.map((m) => m.field), ...(invalidKey ? invalidKey.split(',') : [])]); }, [missing, invalidKey, openFor]);
  const err = (field: string) => (invalid.find((m) => m.field === field) ?? missing.find((m) => m.field === field))?.message;
  const status = server?.status;
  const canSubmit = !server || server.allowed.includes('submit');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setSubmitError(null);
    try {
      if (!auto.id()) auto.update((f) => ({ ...f }));
      const saved = await auto.flush();
      const id = auto.id();
      if (!saved || !id) {
        setSubmitError(notSaved(auto.lastError()));
        return;
      }
      const inc = await api.post<TIncident>(`/incidents/${encodeURIComponent(id)}/submit`, { version: auto.version() });
      auto.forgetLocal();
      qc.setQueryData(incidentKey(id), inc);
      void qc.invalidateQueries({ queryKey: ['incidents'] });
      void qc.invalidateQueries({ queryKey: ['review-queue'] });
      setFlash(status === 'returned' ? 'Resubmitted for review.' : 'Submitted for review. A behaviour lead will review it.');
      void navigate({ to: '/incidents/$incidentId', params: { incidentId: id } });
    } catch (error) {
      if (isApiError(error) && error.status === 400 && error.fields.length) {
        const list = asForm(error.fields);
        setMissing(list);
        openFor(list.map((m) => m.field));
        setAttempted(true);
        requestAnimationFrame(() => {
          const first = firstOnPage(list.map((m) => m.field));
          if (!first || !focusField(first)) document.getElementById('incident-missing')?.focus();
        });
      } else setSubmitError(error);
    } finally {
      setBusy(false);
    }
  };

  const title = status === 'returned' ? 'Amend incident' : status && status !== 'draft' ? 'Edit incident' : NEW_TITLE;
  // The period is the one the time falls in (SPEC §9) until someone chooses another: filled with the first change.
  const update: Update = (change) => auto.update((f) => {
    const next = change(f);
    const t = parseTime(next.time);
    const guess = !next.periodCode && t ? periodAt(policy.periods, t) : undefined;
    return guess ? { ...next, periodCode: guess } : next;
  });
  const sectionProps = { form, update, policy, err };
  const isNew = !status || status === 'draft';

  return (
    <Page title={title} description={server ? `${server.siteName} · started by ${server.createdBy.name}` : NEW_DESCRIPTION}>
      {status === 'returned' && server?.returnComments ? (
        <Alert color="orange" styles={DARK_ALERT_TITLE} variant="light" title="Returned for amendment" role="region" aria-label="Reviewer's comments">
          <Text size="sm" className="incident-text">{server.returnComments}</Text>
        </Alert>
      ) : null}
      {restored ? (
        <Alert color="blue" variant="light" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setRestored(false)}>
          Your unsaved changes on this device have been restored. They will be saved to Haven now.
        </Alert>
      ) : null}
      {staleLocal ? (
        <YourTextPanel form={staleLocal} title="Earlier text from this device" onDismiss={() => setStaleLocal(null)}
          intro="This device kept text that was never saved to Haven, but the incident has been changed since. The latest version is below; copy anything you still need." />
      ) : null}
      {auto.status.kind === 'conflict' ? (
        <ConflictAlert message={auto.status.message} onLoadLatest={async () => { setConflictCopy(form); await auto.loadLatest(); }} />
      ) : null}
      {conflictCopy ? (
        <YourTextPanel form={conflictCopy} title="Your text before you loaded their version" onDismiss={() => setConflictCopy(null)}
          intro="The form now shows the latest saved version. Copy your own words back into it where they are still needed." />
      ) : null}
      {auto.storageFailed ? (
        <Alert color="orange" styles={DARK_ALERT_TITLE} variant="light" role="alert" title="This device cannot keep a copy">
          Your browser is not letting Haven save a copy on this device (private browsing or storage full). Changes still go to Haven when online.
        </Alert>
      ) : null}
      {policyQuery.isError ? <ErrorAlert error={policyQuery.error} title="The behaviour policy could not be loaded: some lists are empty" onRetry={() => void policyQuery.refetch()} /> : null}
      <MissingSummary missing={missing} customLabels={customLabels} id="incident-missing" />
      {isNew ? (
        <Text size="sm">{NEW_HINT}</Text>
      ) : null}
      {/* the form waits for the site's policy (its chips), so its sections do not jump down the page as the lists arrive */}
      {policyQuery.isLoading ? <Box mih="100vh"><Loading label="Loading the form…" /></Box> : (
      <form onSubmit={(e) => void submit(e)} noValidate aria-label="Incident">
        <Stack gap="lg">
          <WhenWhereSection {...sectionProps} siteLocked={!!server} />
          <PupilsSection {...sectionProps} />
          {below ? <>
          <AbcSection {...sectionProps} />
          <OutcomeSection {...sectionProps} fold={fold} />
          <StaffSection {...sectionProps} fold={fold} />
          <CustomFieldsSection {...sectionProps} fields={fields} fold={fold} />
          <PhysicalInterventionSection {...sectionProps} server={server} recorderStaffId={recorderStaffId} />
          {submitError ? <ErrorAlert error={submitError} title="Not submitted" /> : null}
          <div className="incident-savebar">
            <SaveStatusText status={auto.status} lastSavedIso={server?.updatedAt ?? null} />
            {canSubmit ? (
              <Button type="submit" loading={busy} disabled={auto.status.kind === 'conflict'}>
                {status === 'returned' ? 'Resubmit for review' : 'Submit for review'}
              </Button>
            ) : server ? (
              <AnchorLink to="/incidents/$incidentId" params={{ incidentId: server.id }}>View incident</AnchorLink>
            ) : null}
          </div>
          </> : <Loading label="Loading the rest of the form…" />}
        </Stack>
      </form>
      )}
      <Text size="sm"><AnchorLink to="/incidents" search={{ mine: true }}>Back to my incidents</AnchorLink></Text>
    </Page>
  );
});
