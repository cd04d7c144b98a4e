import { Center, Loader } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ComponentType } from 'react';
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { LoginPage } from './auth/LoginPage.tsx';
import { InboxPage } from './inbox/InboxPage.tsx';
import { AcceptInvitePage } from './invite/AcceptInvitePage.tsx';
import { PageCrash } from './layout/PageCrash.tsx';
import { Shell } from './layout/Shell.tsx';
import { SetupPage } from './setup/SetupPage.tsx';
import { setClockZone } from './layout/clock.ts';
import { httpStatusOf, useTRPC } from './trpc.ts';

// The pages a first visit does not need load when opened, each in chunks of its own: a rep opening the inbox on
// a phone no longer downloads the journey designer (React Flow, elkjs), the charts or the import wizard. The
// inbox, sign-in, setup and the shell stay in the entry. A chunk that fails to load (a deploy replaced the files
// while the tab was open, or the connection dropped) rejects the import; React.lazy throws that while rendering,
// and the page's PageCrash boundary (in the Shell, keyed by route) shows its notice, whose reload button fixes it.
// (React.lazy keeps the rejection: the notice's retry shows it again, reloading the page loads the chunk anew.)
const lazyPage = (load: () => Promise<ComponentType>) => lazy(() => load().then((page) => ({ default: page })));

const ChannelCodesPage = lazyPage(() => import('./channel-codes/ChannelCodesPage.tsx').then((m) => m.ChannelCodesPage));
const CustomerPage = lazyPage(() => import('./customers/CustomerPage.tsx').then((m) => m.CustomerPage));
const CustomersPage = lazyPage(() => import('./customers/CustomersPage.tsx').then((m) => m.CustomersPage));
const DashboardsPage = lazyPage(() => import('./dashboards/DashboardsPage.tsx').then((m) => m.DashboardsPage));
const ImportJobPage = lazyPage(() => import('./imports/ImportJobPage.tsx').then((m) => m.ImportJobPage));
const ImportsPage = lazyPage(() => import('./imports/ImportsPage.tsx').then((m) => m.ImportsPage));
const JourneyEditorPage = lazyPage(() => import('./designer/JourneyEditorPage.tsx').then((m) => m.JourneyEditorPage));
const JourneysPage = lazyPage(() => import('./journeys/JourneysPage.tsx').then((m) => m.JourneysPage));
const SettingsPage = lazyPage(() => import('./settings/SettingsPage.tsx').then((m) => m.SettingsPage));
const SidebarPage = lazyPage(() => import('./sidebar/SidebarPage.tsx').then((m) => m.SidebarPage));

/** While a page's code loads: a spinner in the middle of the page's area, never an empty screen. */
function PageLoading() {
  return (
    <Center h="calc(100dvh - var(--app-shell-header-height, 0px))" data-testid="page-loading">
      <Loader />
    </Center>
  );
}

/** Signed-in area: anyone without a session goes to the login page and comes back afterwards. */
function RequireSession({ children }: { children: React.ReactNode }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  const location = useLocation();
  if (me.isPending) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  if (me.isError && httpStatusOf(me.error) === 401) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  // Every time below is read on this person's clock, set before any page renders.
  setClockZone(me.data?.timeZone);
  return <>{children}</>;
}

/**
 * An install without a workspace has nobody to sign in: every page leads to the setup page, and the
 * setup page leads home (or to sign-in) once the install is set up.
 */
function SetupGate({ children }: { children: React.ReactNode }) {
  const trpc = useTRPC();
  const status = useQuery(trpc.setup.status.queryOptions());
  const location = useLocation();
  if (status.isPending) {
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  }
  const onSetup = location.pathname === '/setup';
  if (status.data?.needsSetup && !onSetup) return <Navigate to="/setup" replace />;
  // Set up already: home, which is the sign-in page for anyone not signed in.
  if (status.data && !status.data.needsSetup && onSetup) return <Navigate to="/" replace />;
  return <>{children}</>;
}

/** Each role's home: sales reps work from the inbox, ops and admins from the journeys list. */
function Home() {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  if (me.isPending) return null;
  return <Navigate to={me.data?.user.role === 'sales' ? '/inbox' : '/journeys'} replace />;
}

/**
 * Pages for ops managers (journeys, dashboards, channel codes): a sales rep opening one by its address goes
 * to their inbox, told why, rather than to a page whose every call is refused.
 */
function ManagersOnly({ children }: { children: React.ReactNode }) {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions());
  if (me.isPending) return null;
  if (me.data?.user.role === 'sales') return <Navigate to="/inbox" replace state={{ notice: 'ops-only' }} />;
  return <>{children}</>;
}

export function App() {
  return (
    <SetupGate>
      <Routes>
        <Route path="/setup" element={<SetupPage />} />
        <Route path="/login" element={<LoginPage />} />
        <Route path="/invite/:token" element={<AcceptInvitePage />} />
        {/* WeCom's chat sidebar: a page of its own (no app navigation), signing in through WeCom. */}
        <Route
          path="/sidebar"
          element={
            <PageCrash>
              <Suspense fallback={<PageLoading />}>
                <SidebarPage />
              </Suspense>
            </PageCrash>
          }
        />
        <Route
          path="/*"
          element={
            <RequireSession>
              <Shell>
                {/* Inside the Shell's PageCrash: a page whose code fails to load shows its notice, the navigation stays. */}
                <Suspense fallback={<PageLoading />}>
                  <Routes>
                    <Route path="/" element={<Home />} />
                    <Route path="/inbox" element={<InboxPage />} />
                    <Route path="/dashboards" element={<ManagersOnly><DashboardsPage /></ManagersOnly>} />
                    <Route path="/journeys" element={<ManagersOnly><JourneysPage /></ManagersOnly>} />
                    <Route path="/journeys/:id" element={<ManagersOnly><JourneyEditorPage /></ManagersOnly>} />
                    <Route path="/customers" element={<CustomersPage />} />
                    <Route path="/customers/:id" element={<CustomerPage />} />
                    <Route path="/channel-codes" element={<ManagersOnly><ChannelCodesPage /></ManagersOnly>} />
                    <Route path="/imports" element={<ImportsPage />} />
                    <Route path="/imports/:id" element={<ImportJobPage />} />
                    <Route path="/settings" element={<SettingsPage />} />
                    <Route path="*" element={<Navigate to="/" replace />} />
                  </Routes>
                </Suspense>
              </Shell>
            </RequireSession>
          }
        />
      </Routes>
    </SetupGate>
  );
}
