/**
 * What the navigation offers, grouped by the task in hand (record, review, pupils, sanctions, safeguarding, reports,
 * school, administration), as data: AppNavigation draws it, and a unit test checks that no role ever sees two links of the
 * same name or two links to the same page. To add a page, add one item to the group it belongs to, with `show`
 * naming the permissions that let a user open it.
 */

export interface NavItem {
  to: string;
  label: string;
  /** Whether a user holding these permissions sees the link. */
  show: (has: (permission: string) => boolean) => boolean;
  /** Active only on this exact path (not on pages below it). */
  exact?: boolean;
}

export interface NavGroup {
  /** Shown as the group's heading; the first group has none. */
  label: string | null;
  items: NavItem[];
}

const always = () => true;

export const NAV_GROUPS: readonly NavGroup[] = [
  {
    label: null,
    items: [
      { to: '/', label: 'Home', show: always, exact: true },
      { to: '/notifications', label: 'Notifications', show: always },
    ],
  },
  {
    label: 'Record',
    items: [
      { to: '/quick-log', label: 'Quick log', show: (has) => has('behaviour.record') },
      { to: '/incidents/new', label: 'Record an incident', show: (has) => has('behaviour.record'), exact: true },
      { to: '/on-call', label: 'On call', show: (has) => has('oncall.request') },
    ],
  },
  {
    label: 'Review',
    items: [
      { to: '/incidents', label: 'Incidents', show: (has) => has('behaviour.record') || has('behaviour.read') },
      { to: '/review-queue', label: 'Review queue', show: (has) => has('incident.review') },
      { to: '/tasks', label: 'Tasks', show: (has) => has('task.read') },
    ],
  },
  {
    label: 'Pupils',
    items: [
      { to: '/pupils', label: 'Pupils', show: (has) => has('pupil.read') || has('people.manage') },
      { to: '/parent', label: 'My children', show: (has) => has('parent.children.read'), exact: true },
      { to: '/parent/visits', label: 'School visits', show: (has) => has('parent.visits.consent') },
      { to: '/parent/email', label: 'Email choices', show: (has) => has('parent.children.read') },
      { to: '/visits', label: 'Off-site visits', show: (has) => has('visit.read') },
      { to: '/shared-with-me', label: 'Shared with me', show: (has) => has('agency.shares.read') },
      { to: '/support-interventions', label: 'Support interventions', show: (has) => has('intervention.read') },
      { to: '/meetings', label: 'Meetings', show: (has) => has('casework.read') },
      { to: '/referrals', label: 'Referrals', show: (has) => has('casework.read') },
      { to: '/agencies', label: 'Agencies', show: (has) => has('casework.read') },
      { to: '/subject-access', label: 'Subject access requests', show: (has) => has('subject_access.manage') },
    ],
  },
  {
    label: 'Sanctions',
    items: [
      { to: '/detentions', label: 'Detentions', show: (has) => has('detention.assign') },
      { to: '/isolation', label: 'Isolation', show: (has) => has('sanction.read') },
      { to: '/suspensions', label: 'Suspensions', show: (has) => has('suspension.read') },
      { to: '/deadlines', label: 'Statutory deadlines', show: (has) => has('deadlines.read') },
      { to: '/rewards', label: 'Rewards', show: (has) => has('rewards.read') || has('rewards.manage') },
    ],
  },
  {
    label: 'Safeguarding',
    items: [
      { to: '/safeguarding/raise', label: 'Raise a safeguarding concern', show: (has) => has('safeguarding.raise') },
      { to: '/safeguarding', label: 'Safeguarding concerns', show: (has) => has('safeguarding.read') },
      { to: '/admin/audit', label: 'Safeguarding audit trail', show: (has) => has('audit.safeguarding.read') && !has('audit.read') },
      { to: '/admin/retention', label: 'Safeguarding records retention', show: (has) => has('retention.sealed') && !has('retention.records') },
    ],
  },
  {
    label: 'Reports',
    items: [
      { to: '/analytics', label: 'Behaviour analysis', show: (has) => has('analytics.read') },
      { to: '/analytics/exclusions', label: 'Exclusions', show: (has) => has('analytics.read') },
      { to: '/reports', label: 'Weekly report', show: (has) => has('reports.aggregate.read') },
      { to: '/reports/governors', label: "Governors' report", show: (has) => has('reports.aggregate.read') },
      { to: '/reports/definitions', label: 'How figures are counted', show: (has) => has('behaviour.read') || has('reports.aggregate.read') },
    ],
  },
  {
    label: 'School',
    items: [
      { to: '/calendar', label: 'School calendar', show: (has) => has('calendar.read') },
      { to: '/rota', label: 'Support team rota', show: (has) => has('rota.read'), exact: true },
      { to: '/rota/patterns', label: 'Weekly patterns', show: (has) => has('rota.read') },
      { to: '/rota/exceptions', label: 'Absences and cover', show: (has) => has('rota.read') },
      { to: '/rota/settings', label: 'Support hours and travel', show: (has) => has('rota.read') },
      { to: '/rota/today', label: 'Where am I today', show: (has) => has('behaviour.record') },
      { to: '/policy', label: 'Behaviour policy', show: (has) => has('policy.manage') },
      { to: '/admin/support-catalogue', label: 'Support intervention catalogue', show: (has) => has('intervention.catalogue.manage') },
      { to: '/communications', label: 'Letters and messages', show: (has) => has('communication.read') },
    ],
  },
  {
    label: 'Staff',
    items: [
      { to: '/training/me', label: 'My training', show: (has) => has('training.own') },
      { to: '/training/matrix', label: 'Training matrix', show: (has) => has('training.read') },
      { to: '/training/sessions', label: 'Training sessions', show: (has) => has('training.read') },
      { to: '/training/certificates', label: 'Certificates', show: (has) => has('training.read') },
      { to: '/training/courses', label: 'Training courses', show: (has) => has('training.read') },
      { to: '/training/line-management', label: 'Line management', show: (has) => has('training.read') },
      // STF-4: anyone with a staff record may have a review (or manage someone who does); the server decides what they see
      { to: '/performance-reviews', label: 'Performance reviews', show: (has) => has('training.own') || has('staff-review.oversee') },
    ],
  },
  {
    label: 'Administration',
    items: [
      { to: '/admin/sites', label: 'Sites', show: (has) => has('site.manage') },
      { to: '/admin/parent-portal', label: 'Parent portal', show: (has) => has('parent_portal.manage') },
      { to: '/visits/settings', label: 'Visit settings', show: (has) => has('visit.library.manage') || has('visit.site.manage') },
      { to: '/admin/users', label: 'Users', show: (has) => has('user.manage') },
      { to: '/admin/groups', label: 'Forms and classes', show: (has) => has('people.manage') },
      { to: '/admin/staff', label: 'Staff records', show: (has) => has('people.manage') },
      { to: '/admin/import', label: 'Import from the MIS', show: (has) => has('people.manage') },
      { to: '/admin/exclusion-contacts', label: 'Exclusion contacts', show: (has) => has('exclusion-contacts.manage') },
      { to: '/admin/letters', label: 'Letter templates', show: (has) => has('letter.template.manage') },
      { to: '/admin/plan-template', label: 'Behaviour support plan template', show: (has) => has('plan.template.manage') },
      { to: '/admin/exclusion-reasons', label: 'Exclusion reason codes', show: (has) => has('exclusion-reasons.manage') },
      { to: '/admin/audit', label: 'Audit log', show: (has) => has('audit.read') },
      { to: '/admin/retention', label: 'Records retention', show: (has) => has('retention.records') || has('retention.schedule.manage') },
    ],
  },
];

/** The groups and links a user holding `permissions` sees (a group with no link for them is left out). */
export function visibleNav(permissions: readonly string[]): NavGroup[] {
  const has = (p: string) => permissions.includes(p);
  return NAV_GROUPS
    .map((g) => ({ label: g.label, items: g.items.filter((i) => i.show(has)) }))
    .filter((g) => g.items.length > 0);
}

/** The one link to mark as the current page: the closest match (so /incidents/new is "Record an incident", /incidents/42 "Incidents"). */
export function activeLink(groups: readonly NavGroup[], pathname: string): NavItem | undefined {
  const path = pathname.replace(/\/+$/, '') || '/';
  let best: NavItem | undefined;
  for (const item of groups.flatMap((g) => g.items)) {
    const hit = path === item.to || (!item.exact && item.to !== '/' && path.startsWith(`${item.to}/`));
    if (hit && (!best || item.to.length > best.to.length)) best = item;
  }
  return best;
}
