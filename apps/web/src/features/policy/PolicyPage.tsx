/**
 * The behaviour policy (POL-1, POL-2, POL-3) for those who manage it: pick a site (or the trust-wide policy, for
 * trust administrators), then a section. Tabs where there is room; a section picker on a phone.
 */
import './policy.styles';
import { useState, type ReactNode } from 'react';
import { Alert, NativeSelect, Stack, Title } from '@mantine/core';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { Page } from '../../components/Page';
import { PageTabs } from '../../components/PageTabs';
import { NoAccessPage } from '../../components/StatusPages';
import { useWide } from '../../components/useWide';
import { useMe } from '../../lib/usePolicy';
import { CategoriesTab } from './CategoriesTab';
import { EscalationRulesTab } from './EscalationRulesTab';
import { FormBuilderTab } from './FormBuilderTab';
import { OptionsTab } from './OptionsTab';
import { SettingsTab } from './SettingsTab';
import { POLICY_TABS, type PolicySearch, type PolicyTab } from './policySearch';
import type { PolicyScope } from './policy.types';

const TAB_LABELS: Record<PolicyTab, string> = {
  categories: 'Categories', locations: 'Locations', periods: 'Periods', actions: 'Actions', motivations: 'Motivations',
  techniques: 'Holds and techniques', settings: 'Settings', form: 'Custom form fields', rules: 'Escalation rules',
};
/** Roles that grant policy.manage (the server's permission table decides; this only chooses what to offer). */
const MANAGING_ROLES = ['behaviour_lead', 'cluster_lead', 'head', 'trust_admin'];
const TRUST = 'trust';

/** The scopes the user may manage: trust-wide holders get every site and the trust; others their sites. */
function useScopeOptions(): { value: string; label: string }[] {
  const me = useMe();
  const managing = me.assignments.filter((a) => MANAGING_ROLES.includes(a.role));
  if (managing.some((a) => a.siteId === null)) {
    return [{ value: TRUST, label: 'Trust-wide (every site)' }, ...me.sites.map((s) => ({ value: s.id, label: s.name }))];
  }
  const ids = new Set(managing.map((a) => a.siteId));
  return me.sites.filter((s) => ids.has(s.id)).map((s) => ({ value: s.id, label: s.name }));
}

export function PolicyPage() {
  const me = useMe();
  if (!me.permissions.includes('policy.manage')) return <NoAccessPage what="managing the behaviour policy" />;
  return <Policy />;
}

function Policy() {
  const search = useSearch({ from: '/policy' });
  const navigate = useNavigate({ from: '/policy' });
  const options = useScopeOptions();
  const wide = useWide();
  const [saved, setSaved] = useState<string | null>(null);
  const scopeValue = options.some((o) => o.value === search.scope) ? search.scope! : (options[0]?.value ?? TRUST);
  const tab: PolicyTab = search.tab ?? 'categories';
  const scope: PolicyScope = { siteId: scopeValue === TRUST ? null : scopeValue };
  const setSearch = (patch: Partial<PolicySearch>) => {
    setSaved(null);
    void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true });
  };

  const panel = (t: PolicyTab): ReactNode => {
    const props = { scope, onSaved: setSaved };
    const key = `${t}-${scopeValue}`;
    switch (t) {
      case 'categories': return <CategoriesTab key={key} {...props} />;
      case 'locations': return <OptionsTab key={key} {...props} kind="location" />;
      case 'periods': return <OptionsTab key={key} {...props} kind="period" />;
      case 'actions': return <OptionsTab key={key} {...props} kind="action" />;
      case 'motivations': return <OptionsTab key={key} {...props} kind="motivation" />;
      case 'techniques': return <OptionsTab key={key} {...props} kind="technique" />;
      case 'settings': return <SettingsTab key={key} {...props} />;
      case 'form': return <FormBuilderTab key={key} {...props} />;
      case 'rules': return <EscalationRulesTab key={key} {...props} />;
    }
  };

  return (
    <Page title="Behaviour policy" description="Categories, lists, incident-form fields and escalation rules, for the whole trust or one site.">
      <Stack gap="md">
        <NativeSelect label="Policy for" value={scopeValue} data={options} maw="30rem"
          description={scope.siteId ? "This site's own entries, and the trust-wide ones it uses" : 'Applies at every site unless a site replaces an entry'}
          onChange={(e) => setSearch({ scope: e.currentTarget.value })} />
        {saved ? <Alert color="blue" variant="light" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setSaved(null)}>{saved}</Alert> : null}
        {wide ? (
          <PageTabs tabs={POLICY_TABS.map((t) => ({ value: t, label: TAB_LABELS[t] }))} value={tab} label="Policy sections"
            onChange={(t) => setSearch({ tab: t })}>
            <Title order={2} className="visually-hidden-inline">{TAB_LABELS[tab]}</Title>
            {panel(tab)}
          </PageTabs>
        ) : (
          <>
            <NativeSelect label="Section" value={tab} data={POLICY_TABS.map((t) => ({ value: t, label: TAB_LABELS[t] }))}
              onChange={(e) => setSearch({ tab: e.currentTarget.value as PolicyTab })} />
            <section aria-labelledby="policy-section-title">
              <Title order={2} size="h3" id="policy-section-title" mb="sm">{TAB_LABELS[tab]}</Title>
              {panel(tab)}
            </section>
          </>
        )}
      </Stack>
    </Page>
  );
}
