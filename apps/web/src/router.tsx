/**
 * Code-based routes. Sign-in loads with the first bundle; the signed-in frame (AppLayout) and every page are separate
 * chunks, loaded once someone is signed in (lib/lazyRoute.ts), so a phone that has not signed in downloads only the
 * sign-in page. Pages that show labels from @haven/contracts pull in its schema library, so none of them may be
 * imported eagerly from here. A new page: `component: lazyRouteComponent(() => import('./features/x/XPage'), 'XPage')`
 * with lazyRouteComponent from ./lib/lazyRoute (docs/architecture.md, "Code splitting and the first load").
 */
import { parseNewMeetingSearch } from './features/casework/meetingSearch';
import { lazy, Suspense } from 'react';
import { createRootRoute, createRoute, createRouter, Navigate, Outlet } from '@tanstack/react-router';
import { lazyRouteComponent, prefetchWhenSignedIn } from './lib/lazyRoute';
import { queryClient } from './lib/queryClient';
import { pupilListQuery } from './features/pupils/pupils.api';
import { meQuery } from './features/auth/auth.api';
import { ErrorAlert } from './components/ErrorAlert';
import { Loading } from './components/Loading';
import { markNavigated, Page } from './components/Page';
import { NotFoundPage } from './components/StatusPages';
import { AuthGate } from './features/auth/AuthGate';
import { parseAuditSearch } from './features/audit/auditSearch';
import { parsePupilSearch } from './features/pupils/pupilSearch';
import { parsePlanSearch } from './features/plans/planSearch';
import { parsePortalSearch } from './features/parent/portalSearch';
import { parseUserSearch } from './features/admin/userSearch';
import { parseIncidentListSearch, parseNewIncidentSearch, parseReviewQueueSearch } from './features/incidents/incidentSearch';
import { parsePolicySearch } from './features/policy/policySearch';
import { parseQuickLogSearch } from './features/quicklog/quicklogSearch';
import { parseInboxSearch, parseRaiseSearch } from './features/safeguarding/safeguardingSearch';
import { parseIssueSearch } from './features/suspensions/suspensionSearch';
import { parseOverdueSearch } from './features/plans-use/overdueSearch';

/**
 * The signed-in frame (navigation, bell, call for help): its own chunk, never downloaded by the sign-in page. With a
 * session it starts downloading at once, beside /me and the page's chunk, not after /me has answered.
 */
const loadAppLayout = () => import('./components/AppLayout');
prefetchWhenSignedIn(loadAppLayout);
/**
 * With a session, /me goes out as the app starts, beside the frame's and the page's chunks: AuthGate would otherwise
 * ask only once the router had loaded the page's chunks, one more round trip before the page can draw.
 */
prefetchWhenSignedIn(() => queryClient.prefetchQuery(meQuery));
const AppLayout = lazy(() => loadAppLayout().then((m) => ({ default: m.AppLayout })));
const rootRoute = createRootRoute({
  component: () => (
    <AuthGate>
      <Suspense fallback={<Loading label="Loading Haven…" />}>
        <AppLayout>
          <Outlet />
        </AppLayout>
      </Suspense>
    </AuthGate>
  ),
  notFoundComponent: NotFoundPage,
});

const homeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/',
  component: lazyRouteComponent(() => import('./features/home/HomePage'), 'HomePage'),
});
const signInRoute = createRoute({ getParentRoute: () => rootRoute, path: '/sign-in', component: () => <Navigate to="/" replace /> });

const pupilsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/pupils',
  validateSearch: parsePupilSearch,
  loaderDeps: ({ search }) => search,
  loader: ({ deps }) => prefetchWhenSignedIn(() => queryClient.prefetchQuery(pupilListQuery(deps))),
  component: lazyRouteComponent(() => import('./features/pupils/PupilListPage'), 'PupilListPage'),
});
const addPupilRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/pupils/new',
  component: lazyRouteComponent(() => import('./features/pupils/AddPupilPage'), 'AddPupilPage'),
});
const pupilRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/pupils/$pupilId',
  component: lazyRouteComponent(() => import('./features/pupils/PupilProfilePage'), 'PupilProfilePage'),
});
const pupilRiskAssessmentsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/pupils/$pupilId/risk-assessments',
  component: lazyRouteComponent(() => import('./features/risk-assessments/RiskAssessmentsPage'), 'RiskAssessmentsPage'),
});
const pupilPlansRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/pupils/$pupilId/plans',
  component: lazyRouteComponent(() => import('./features/plans/PupilPlansPage'), 'PupilPlansPage'),
});
const planRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/pupils/$pupilId/plans/$planId',
  validateSearch: parsePlanSearch,
  component: lazyRouteComponent(() => import('./features/plans/PlanPage'), 'PlanPage'),
});
const planTemplateRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/plan-template',
  component: lazyRouteComponent(() => import('./features/plans/PlanTemplatePage'), 'PlanTemplatePage'),
});
const overdueReviewsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/plans/overdue-reviews',
  validateSearch: parseOverdueSearch,
  component: lazyRouteComponent(() => import('./features/plans-use/OverdueReviewsPage'), 'OverdueReviewsPage'),
});
const myChildrenRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/my-children',
  component: lazyRouteComponent(() => import('./features/parent/MyChildrenPage'), 'MyChildrenPage'),
});
const parentPortalRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/parent',
  validateSearch: parsePortalSearch,
  component: lazyRouteComponent(() => import('./features/parent/ParentPortalPage'), 'ParentPortalPage'),
});
const parentPlanRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/parent/children/$pupilId/plans/$planId',
  component: lazyRouteComponent(() => import('./features/parent/ParentPlanPage'), 'ParentPlanPage'),
});
const parentEmailRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/parent/email',
  component: lazyRouteComponent(() => import('./features/parent/ParentEmailPage'), 'ParentEmailPage'),
});
const parentPortalSettingsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/parent-portal',
  component: lazyRouteComponent(() => import('./features/parent/ParentPortalSettingsPage'), 'ParentPortalSettingsPage'),
});
const sharedWithMeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/shared-with-me',
  component: lazyRouteComponent(() => import('./features/agency/SharedWithMePage'), 'SharedWithMePage'),
});
const sitesRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/sites',
  component: lazyRouteComponent(() => import('./features/admin/SitesPage'), 'SitesPage'),
});
const usersRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/users',
  validateSearch: parseUserSearch,
  component: lazyRouteComponent(() => import('./features/admin/UsersPage'), 'UsersPage'),
});
const importRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/import',
  component: lazyRouteComponent(() => import('./features/imports/ImportPage'), 'ImportPage'),
});
const groupsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/admin/groups', component: lazyRouteComponent(() => import('./features/admin/GroupsPage'), 'GroupsPage') });
const staffRecordsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/admin/staff', component: lazyRouteComponent(() => import('./features/admin/StaffRecordsPage'), 'StaffRecordsPage') });
const supportListRoute = createRoute({ getParentRoute: () => rootRoute, path: '/support-interventions', component: lazyRouteComponent(() => import('./features/support/SupportInterventionsPage'), 'SupportInterventionsPage') });
const supportOneRoute = createRoute({ getParentRoute: () => rootRoute, path: '/support-interventions/$interventionId', component: lazyRouteComponent(() => import('./features/support/SupportInterventionPage'), 'SupportInterventionPage') });
const supportCatalogueRoute = createRoute({ getParentRoute: () => rootRoute, path: '/admin/support-catalogue', component: lazyRouteComponent(() => import('./features/support/SupportCataloguePage'), 'SupportCataloguePage') });
const letterTemplatesRoute = createRoute({ getParentRoute: () => rootRoute, path: '/admin/letters', component: lazyRouteComponent(() => import('./features/letters/LetterTemplatesPage'), 'LetterTemplatesPage') });
const commsLogRoute = createRoute({ getParentRoute: () => rootRoute, path: '/communications', component: lazyRouteComponent(() => import('./features/letters/CommsLogPage'), 'CommsLogPage') });
const trainingMatrixRoute = createRoute({ getParentRoute: () => rootRoute, path: '/training/matrix', component: lazyRouteComponent(() => import('./features/training/TrainingMatrixPage'), 'TrainingMatrixPage') });
const trainingSessionsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/training/sessions', component: lazyRouteComponent(() => import('./features/training/TrainingSessionsPage'), 'TrainingSessionsPage') });
const trainingSessionRoute = createRoute({ getParentRoute: () => rootRoute, path: '/training/sessions/$sessionId', component: lazyRouteComponent(() => import('./features/training/TrainingSessionPage'), 'TrainingSessionPage') });
const trainingCertificatesRoute = createRoute({ getParentRoute: () => rootRoute, path: '/training/certificates', component: lazyRouteComponent(() => import('./features/training/CertificatesPage'), 'CertificatesPage') });
const trainingCoursesRoute = createRoute({ getParentRoute: () => rootRoute, path: '/training/courses', component: lazyRouteComponent(() => import('./features/training/CoursesPage'), 'CoursesPage') });
const myTrainingRoute = createRoute({ getParentRoute: () => rootRoute, path: '/training/me', component: lazyRouteComponent(() => import('./features/training/MyTrainingPage'), 'MyTrainingPage') });
const lineManagementRoute = createRoute({ getParentRoute: () => rootRoute, path: '/training/line-management', component: lazyRouteComponent(() => import('./features/training/LineManagementPage'), 'LineManagementPage') });
const exclusionContactsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/admin/exclusion-contacts', component: lazyRouteComponent(() => import('./features/admin/ExclusionContactsPage'), 'ExclusionContactsPage') });
const performanceReviewsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/performance-reviews', component: lazyRouteComponent(() => import('./features/staff-reviews/ReviewsPage'), 'ReviewsPage') });
const performanceReviewRoute = createRoute({ getParentRoute: () => rootRoute, path: '/performance-reviews/$id', component: lazyRouteComponent(() => import('./features/staff-reviews/ReviewPage'), 'ReviewPage') });
const auditRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/admin/audit',
  validateSearch: parseAuditSearch,
  component: lazyRouteComponent(() => import('./features/audit/AuditPage'), 'AuditPage'),
});
const retentionRoute = createRoute({ getParentRoute: () => rootRoute, path: '/admin/retention', component: lazyRouteComponent(() => import('./features/retention/RetentionPage'), 'RetentionPage') });
const tokensRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/api-tokens',
  component: lazyRouteComponent(() => import('./features/tokens/ApiTokensPage'), 'ApiTokensPage'),
});

const incidentsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/incidents', validateSearch: parseIncidentListSearch, component: lazyRouteComponent(() => import('./features/incidents/IncidentListPage'), 'IncidentListPage') });
const newIncidentRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/incidents/new',
  validateSearch: parseNewIncidentSearch,
  loaderDeps: ({ search }) => search,
  loader: ({ deps }) => prefetchWhenSignedIn(() => import('./features/incidents/incidentForm.prefetch').then((m) => m.prefetchNewIncident(queryClient, deps))),
  component: lazyRouteComponent(() => import('./features/incidents/IncidentFormPage'), 'NewIncidentPage'),
});
const incidentRoute = createRoute({ getParentRoute: () => rootRoute, path: '/incidents/$incidentId', component: lazyRouteComponent(() => import('./features/incidents/IncidentViewPage'), 'IncidentViewPage') });
const editIncidentRoute = createRoute({ getParentRoute: () => rootRoute, path: '/incidents/$incidentId/edit', component: lazyRouteComponent(() => import('./features/incidents/IncidentFormPage'), 'EditIncidentPage') });
const reviewQueueRoute = createRoute({ getParentRoute: () => rootRoute, path: '/review-queue', validateSearch: parseReviewQueueSearch, component: lazyRouteComponent(() => import('./features/incidents/ReviewQueuePage'), 'ReviewQueuePage') });
const policyRoute = createRoute({ getParentRoute: () => rootRoute, path: '/policy', validateSearch: parsePolicySearch, component: lazyRouteComponent(() => import('./features/policy/PolicyPage'), 'PolicyPage') });

const quickLogRoute = createRoute({ getParentRoute: () => rootRoute, path: '/quick-log', validateSearch: parseQuickLogSearch, component: lazyRouteComponent(() => import('./features/quicklog/QuickLogPage'), 'QuickLogPage') });
const notificationsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/notifications', component: lazyRouteComponent(() => import('./features/notifications/NotificationsPage'), 'NotificationsPage') });
const tasksRoute = createRoute({ getParentRoute: () => rootRoute, path: '/tasks', component: lazyRouteComponent(() => import('./features/notifications/TasksPage'), 'TasksPage') });
const safeguardingRoute = createRoute({ getParentRoute: () => rootRoute, path: '/safeguarding', validateSearch: parseInboxSearch, component: lazyRouteComponent(() => import('./features/safeguarding/InboxPage'), 'InboxPage') });
const raiseConcernRoute = createRoute({ getParentRoute: () => rootRoute, path: '/safeguarding/raise', validateSearch: parseRaiseSearch, component: lazyRouteComponent(() => import('./features/safeguarding/RaiseConcernPage'), 'RaiseConcernPage') });
const concernRoute = createRoute({ getParentRoute: () => rootRoute, path: '/safeguarding/$concernId', component: lazyRouteComponent(() => import('./features/safeguarding/ConcernPage'), 'ConcernPage') });
const cpTransfersOfPupilRoute = createRoute({ getParentRoute: () => rootRoute, path: '/safeguarding/pupils/$pupilId/transfer', component: lazyRouteComponent(() => import('./features/cp-transfer/PupilTransfersPage'), 'PupilTransfersPage') });
const cpTransferRoute = createRoute({ getParentRoute: () => rootRoute, path: '/cp-transfers/$transferId', component: lazyRouteComponent(() => import('./features/cp-transfer/TransferPage'), 'TransferPage') });
const sealedChronologyRoute = createRoute({ getParentRoute: () => rootRoute, path: '/safeguarding/pupils/$pupilId', component: lazyRouteComponent(() => import('./features/safeguarding/ChronologyPage'), 'ChronologyPage') });
const analyticsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/analytics',
  loader: () => prefetchWhenSignedIn(() => import('./features/analytics/analytics.prefetch').then((m) => m.prefetchAnalytics(queryClient))),
  component: lazyRouteComponent(() => import('./features/analytics/AnalyticsPage'), 'AnalyticsPage'),
});
const onCallRoute = createRoute({ getParentRoute: () => rootRoute, path: '/on-call', component: lazyRouteComponent(() => import('./features/oncall/OnCallPage'), 'OnCallPage') });
const suspensionsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/suspensions', component: lazyRouteComponent(() => import('./features/suspensions/SuspensionsPage'), 'SuspensionsPage') });
const issueSuspensionRoute = createRoute({ getParentRoute: () => rootRoute, path: '/suspensions/new', validateSearch: parseIssueSearch, component: lazyRouteComponent(() => import('./features/suspensions/IssueSuspensionPage'), 'IssueSuspensionPage') });
const suspensionRoute = createRoute({ getParentRoute: () => rootRoute, path: '/suspensions/$suspensionId', component: lazyRouteComponent(() => import('./features/suspensions/SuspensionPage'), 'SuspensionPage') });
const deadlinesRoute = createRoute({ getParentRoute: () => rootRoute, path: '/deadlines', component: lazyRouteComponent(() => import('./features/suspensions/DeadlinesPage'), 'DeadlinesPage') });
const exclusionReasonsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/admin/exclusion-reasons', component: lazyRouteComponent(() => import('./features/suspensions/ExclusionReasonsPage'), 'ExclusionReasonsPage') });
const detentionsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/detentions', component: lazyRouteComponent(() => import('./features/sanctions/DetentionsPage'), 'DetentionsPage') });
const detentionRoute = createRoute({ getParentRoute: () => rootRoute, path: '/detentions/$sessionId', component: lazyRouteComponent(() => import('./features/sanctions/DetentionSessionPage'), 'DetentionSessionPage') });
const rotaRoute = createRoute({ getParentRoute: () => rootRoute, path: '/rota', component: lazyRouteComponent(() => import('./features/rota/RotaPage'), 'RotaPage') });
const rotaSettingsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/rota/settings', component: lazyRouteComponent(() => import('./features/rota/RotaSettingsPage'), 'RotaSettingsPage') });
const rotaPatternsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/rota/patterns', component: lazyRouteComponent(() => import('./features/rota/RotaPatternsPage'), 'RotaPatternsPage') });
const rotaExceptionsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/rota/exceptions', component: lazyRouteComponent(() => import('./features/rota/RotaExceptionsPage'), 'RotaExceptionsPage') });
const rotaTodayRoute = createRoute({ getParentRoute: () => rootRoute, path: '/rota/today', component: lazyRouteComponent(() => import('./features/rota/RotaTodayPage'), 'RotaTodayPage') });
const isolationsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/isolation', component: lazyRouteComponent(() => import('./features/sanctions/IsolationsPage'), 'IsolationsPage') });
const rewardsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/rewards', component: lazyRouteComponent(() => import('./features/sanctions/RewardsPage'), 'RewardsPage') });
const calendarRoute = createRoute({ getParentRoute: () => rootRoute, path: '/calendar', component: lazyRouteComponent(() => import('./features/calendar/CalendarPage'), 'CalendarPage') });
const exclusionsAnalyticsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/analytics/exclusions', component: lazyRouteComponent(() => import('./features/governance/ExclusionsPage'), 'ExclusionsPage') });
const governorsReportRoute = createRoute({ getParentRoute: () => rootRoute, path: '/reports/governors', component: lazyRouteComponent(() => import('./features/governance/GovernorsReportPage'), 'GovernorsReportPage') });

const reportsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/reports', component: lazyRouteComponent(() => import('./features/reports/WeeklyReportPage'), 'WeeklyReportPage') });
const reportSubscriptionsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/reports/subscriptions', component: lazyRouteComponent(() => import('./features/reports/SubscriptionsPage'), 'SubscriptionsPage') });
const definitionsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/reports/definitions', component: lazyRouteComponent(() => import('./features/reports/DefinitionsPage'), 'DefinitionsPage') });

const meetingsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/meetings', component: lazyRouteComponent(() => import('./features/casework/MeetingsPage'), 'MeetingsPage') });
const newMeetingRoute = createRoute({ getParentRoute: () => rootRoute, path: '/meetings/new', validateSearch: parseNewMeetingSearch, component: lazyRouteComponent(() => import('./features/casework/NewMeetingPage'), 'NewMeetingPage') });
const meetingRoute = createRoute({ getParentRoute: () => rootRoute, path: '/meetings/$id', component: lazyRouteComponent(() => import('./features/casework/MeetingPage'), 'MeetingPage') });
const subjectAccessListRoute = createRoute({ getParentRoute: () => rootRoute, path: '/subject-access', component: lazyRouteComponent(() => import('./features/subject-access/SubjectAccessListPage'), 'SubjectAccessListPage') });
const subjectAccessRoute = createRoute({ getParentRoute: () => rootRoute, path: '/subject-access/$id', component: lazyRouteComponent(() => import('./features/subject-access/SubjectAccessPage'), 'SubjectAccessPage') });
const referralsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/referrals', component: lazyRouteComponent(() => import('./features/casework/ReferralsPage'), 'ReferralsPage') });
const referralRoute = createRoute({ getParentRoute: () => rootRoute, path: '/referrals/$id', component: lazyRouteComponent(() => import('./features/casework/ReferralsPage'), 'ReferralPage') });
const agenciesRoute = createRoute({ getParentRoute: () => rootRoute, path: '/agencies', component: lazyRouteComponent(() => import('./features/casework/AgenciesPage'), 'AgenciesPage') });
const visitsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/visits', component: lazyRouteComponent(() => import('./features/visits/VisitsPage'), 'VisitsPage') });
const visitSettingsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/visits/settings', component: lazyRouteComponent(() => import('./features/visits/VisitSettingsPage'), 'VisitSettingsPage') });
const visitRoute = createRoute({ getParentRoute: () => rootRoute, path: '/visits/$visitId', component: lazyRouteComponent(() => import('./features/visits/VisitPage'), 'VisitPage') });
const visitDaySheetRoute = createRoute({ getParentRoute: () => rootRoute, path: '/visits/$visitId/day-sheet', component: lazyRouteComponent(() => import('./features/visits/DaySheetPage'), 'DaySheetPage') });
const parentVisitsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/parent/visits', component: lazyRouteComponent(() => import('./features/visits/ParentVisitsPage'), 'ParentVisitsPage') });
const routeTree = rootRoute.addChildren([
  visitsRoute, visitSettingsRoute, visitRoute, visitDaySheetRoute, parentVisitsRoute,
  homeRoute, signInRoute, pupilsRoute, addPupilRoute, pupilRoute, pupilPlansRoute, planRoute, planTemplateRoute, myChildrenRoute, parentPortalRoute, parentPlanRoute, parentEmailRoute, parentPortalSettingsRoute, sharedWithMeRoute, sitesRoute, usersRoute, importRoute, auditRoute, retentionRoute, tokensRoute,
  groupsRoute, staffRecordsRoute, exclusionContactsRoute, letterTemplatesRoute, commsLogRoute, trainingMatrixRoute, trainingSessionsRoute, trainingSessionRoute, trainingCertificatesRoute, trainingCoursesRoute, myTrainingRoute, lineManagementRoute, supportListRoute, supportOneRoute, supportCatalogueRoute, meetingsRoute, newMeetingRoute, meetingRoute, referralsRoute, referralRoute, subjectAccessListRoute, subjectAccessRoute, agenciesRoute, pupilRiskAssessmentsRoute, overdueReviewsRoute,
  incidentsRoute, newIncidentRoute, incidentRoute, editIncidentRoute, reviewQueueRoute, policyRoute,
  quickLogRoute, notificationsRoute, tasksRoute,
  safeguardingRoute, raiseConcernRoute, concernRoute, sealedChronologyRoute, cpTransfersOfPupilRoute, cpTransferRoute, onCallRoute,
  suspensionsRoute, issueSuspensionRoute, suspensionRoute, deadlinesRoute, exclusionReasonsRoute,
  detentionsRoute, detentionRoute, isolationsRoute, rewardsRoute, calendarRoute, rotaRoute, rotaPatternsRoute, rotaSettingsRoute, rotaExceptionsRoute, rotaTodayRoute,
  reportsRoute, reportSubscriptionsRoute, definitionsRoute,
  analyticsRoute, exclusionsAnalyticsRoute, governorsReportRoute, performanceReviewsRoute, performanceReviewRoute,
]);

function RouteError({ error }: { error: unknown }) {
  const chunkFailed = error instanceof Error && /dynamically imported module|Importing a module script failed/i.test(error.message);
  return (
    <Page title="Something went wrong">
      <ErrorAlert
        error={chunkFailed ? new Error('Haven has been updated or the connection dropped. Reload the page to continue.') : error}
        onRetry={() => window.location.reload()}
      />
    </Page>
  );
}

export const router = createRouter({
  routeTree,
  defaultPreload: 'intent',
  defaultPreloadStaleTime: 0,
  defaultPendingComponent: () => <Loading />,
  defaultErrorComponent: RouteError,
  defaultNotFoundComponent: NotFoundPage,
  scrollRestoration: true,
});

/**
 * With a session, the page's chunks and its loader's request go out as the app starts, beside /me and the frame's
 * chunk: the router's own load starts only after React's first commit, which on a phone is a few hundred ms later.
 */
prefetchWhenSignedIn(() => router.preloadRoute({ href: `${window.location.pathname}${window.location.search}` } as Parameters<typeof router.preloadRoute>[0]));

router.subscribe('onBeforeNavigate', (e) => {
  if (e.fromLocation && e.pathChanged) markNavigated();
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
