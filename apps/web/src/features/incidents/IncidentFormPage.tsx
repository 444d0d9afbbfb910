/**
 * Routes for the incident form: /incidents/new (a new draft, named by ?draft=<uuid> until the server has it, then
 * also ?id=) and /incidents/$incidentId/edit. Decides once, on load, between the server copy and this device's copy:
 * the local draft wins only when it holds unsent changes made after the server's last save.
 */
import { useDeferredValue, useEffect, useState } from 'react';
import { Text } from '@mantine/core';
import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AnchorLink } from '../../components/links';
import { Loading } from '../../components/Loading';
import { Page } from '../../components/Page';
import { isApiError } from '../../lib/api';
import { useMe } from '../../lib/usePolicy';
import { draftKey, readDraft, removeDraft, type LocalDraft } from './draftStore';
import { customDatesToText, emptyForm, fromIncident, typedText, type FormPupil, type FormStaff } from './formModel';
import { IncidentForm, NEW_DESCRIPTION, NEW_HINT, NEW_TITLE, type FormInit } from './IncidentForm';
import { useIncident, usePupilProfile, useStaffList } from './incidents.api';
import './incident-styles';
import { useIncidentPolicy } from './policy';
import { nowLondonText } from './time';
import type { TIncident } from './types';
import { CanRecord } from './access';

export function NewIncidentPage() {
  const search = useSearch({ from: '/incidents/new' });
  const navigate = useNavigate({ from: '/incidents/new' });
  // A new incident gets its draft's id at once (the form starts loading without waiting for the address to change),
  // and the address then carries it, so a reload finds the same draft; a new visit without one starts a new draft.
  // (state, not a memo: React may recompute a memo, and a new id would start the form again)
  const [made, setMade] = useState(() => search.draft ?? crypto.randomUUID());
  const [seen, setSeen] = useState(search.draft);
  if (search.draft !== seen) {
    setSeen(search.draft);
    setMade(search.draft ?? crypto.randomUUID());
  }
  const draft = search.draft ?? made;
  useEffect(() => {
    if (!search.draft) void navigate({ search: (prev) => ({ ...prev, draft }), replace: true });
  }, [search.draft, draft, navigate]);
  return (
    <CanRecord>
      <IncidentEditor key={draft} incidentId={search.id} draftUuid={draft} pupilId={search.pupilId} />
    </CanRecord>
  );
}

export function EditIncidentPage() {
  const { incidentId } = useParams({ from: '/incidents/$incidentId/edit' });
  return (
    <CanRecord>
      <IncidentEditor key={incidentId} incidentId={incidentId} draftUuid={undefined} pupilId={undefined} />
    </CanRecord>
  );
}

function fromServer(srv: TIncident, local: LocalDraft | null): FormInit {
  const dates = new Set(srv.customFields.filter((f) => f.type === 'date').map((f) => f.key));
  const newer = !!local && local.dirty && local.localUpdatedAt > Date.parse(srv.updatedAt);
  if (local && newer) {
    return { form: local.form, incidentId: srv.id, version: local.baseVersion ?? srv.version, server: srv, dirty: true, localUpdatedAt: local.localUpdatedAt, restored: true, staleLocal: null };
  }
  const form = fromIncident(srv);
  form.customValues = customDatesToText(form.customValues, dates);
  // Unsent text older than the server copy is offered for copying only if it says something the server copy does not.
  const differs = !!local?.dirty && JSON.stringify(typedText(local.form)) !== JSON.stringify(typedText(form));
  return { form, incidentId: srv.id, version: srv.version, server: srv, dirty: false, restored: false, staleLocal: differs && local ? local.form : null };
}

function IncidentEditor({ incidentId, draftUuid, pupilId }: { incidentId?: string; draftUuid?: string; pupilId?: string }) {
  const me = useMe();
  // Read this device's copy once: it names the server id when the draft was created before a reload.
  const [local] = useState(() => {
    const byNew = draftUuid ? readDraft(draftKey(null, draftUuid)) : null;
    const id = incidentId ?? byNew?.incidentId ?? undefined;
    return { id, draft: (id ? readDraft(draftKey(id, undefined)) : null) ?? byNew };
  });
  const id = local.id;
  const incident = useIncident(id);
  const wantPupil = !id && !local.draft && pupilId ? pupilId : '';
  const pupil = usePupilProfile(wantPupil);
  const [init, setInit] = useState<FormInit | null>(null);
  // A new incident starts at the pupil's site (or the user's first), with the recorder as staff involved (removable).
  const newSite = (wantPupil && pupil.data?.siteId) || me.sites[0]?.id || '';
  const staffList = useStaffList(!id && !local.draft && newSite ? newSite : undefined);
  // the site's policy (the form's lists) is asked for beside the staff list, not after it: the form then opens whole
  useIncidentPolicy(id ? undefined : local.draft?.form.siteId || newSite || undefined);

  const pupilReady = !wantPupil || pupil.isSuccess || pupil.isError;
  const staffReady = !!id || !!local.draft || !newSite || staffList.isSuccess || staffList.isError;
  if (!init && !id && pupilReady && staffReady) {
    if (local.draft) {
      setInit({ form: local.draft.form, incidentId: null, version: null, server: null, dirty: local.draft.dirty, localUpdatedAt: local.draft.localUpdatedAt, restored: local.draft.dirty, staleLocal: null });
    } else {
      const p = wantPupil && pupil.data ? pupil.data : null;
      const pupils: FormPupil[] = p ? [{ pupilId: p.id, displayName: p.displayName, yearGroup: p.yearGroup, role: 'involved' }] : [];
      const mine = staffList.data?.find((st) => st.userId === me.user.id);
      const staff: FormStaff[] = mine ? [{ staffId: mine.id, name: mine.name, role: 'involved' }] : [];
      setInit({ form: { ...emptyForm(newSite, nowLondonText(), pupils), staff }, incidentId: null, version: null, server: null, dirty: false, restored: false, staleLocal: null });
    }
  }
  if (!init && id && incident.data && !incident.isFetching) {
    if (draftUuid) removeDraft(draftKey(null, draftUuid));
    setInit(fromServer(incident.data, local.draft));
  }

  const shown = useDeferredValue(init);

  if (id && incident.isError && !init) {
    const notFound = isApiError(incident.error) && (incident.error.status === 404 || incident.error.status === 400);
    return (
      <Page title={notFound ? 'Incident not found' : 'Could not load the incident'}>
        {notFound ? <Text>This incident does not exist or is not at a site you work at.</Text>
          : <ErrorAlert error={incident.error} onRetry={() => void incident.refetch()} />}
        <Text><AnchorLink to="/incidents">Back to incidents</AnchorLink></Text>
      </Page>
    );
  }
  // A new incident's heading shows at once, while the staff list loads; the form then renders at a lower priority (in
  // slices a slow phone can paint and answer taps between): its first render is the biggest of the page.
  if (!shown) {
    if (id) return <Loading label="Loading the incident…" />;
    return <Page title={NEW_TITLE} description={NEW_DESCRIPTION}><Text size="sm">{NEW_HINT}</Text><Loading label="Loading the form…" /></Page>;
  }
  if (shown.server && !shown.server.allowed.includes('edit')) {
    return (
      <Page title="This incident cannot be edited">
        <Text>It is {shown.server.voided ? 'voided' : 'with a reviewer or signed off'}, or your role does not allow changes to it.</Text>
        <Text><AnchorLink to="/incidents/$incidentId" params={{ incidentId: shown.server.id }}>View the incident</AnchorLink></Text>
      </Page>
    );
  }
  return <IncidentForm init={shown} draftUuid={draftUuid} />;
}
