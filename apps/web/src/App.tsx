import { Center, Loader } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { LoginPage } from './auth/LoginPage.tsx';
import { ChannelCodesPage } from './channel-codes/ChannelCodesPage.tsx';
import { CustomerPage } from './customers/CustomerPage.tsx';
import { ImportJobPage } from './imports/ImportJobPage.tsx';
import { ImportsPage } from './imports/ImportsPage.tsx';
import { CustomersPage } from './customers/CustomersPage.tsx';
import { InboxPage } from './inbox/InboxPage.tsx';
import { AcceptInvitePage } from './invite/AcceptInvitePage.tsx';
import { DashboardsPage } from './dashboards/DashboardsPage.tsx';
import { JourneyEditorPage } from './designer/JourneyEditorPage.tsx';
import { JourneysPage } from './journeys/JourneysPage.tsx';
import { Shell } from './layout/Shell.tsx';
import { SettingsPage } from './settings/SettingsPage.tsx';
import { SetupPage } from './setup/SetupPage.tsx';
import { SidebarPage } from './sidebar/SidebarPage.tsx';
import { setClockZone } from './layout/clock.ts';
import { httpStatusOf, useTRPC } from './trpc.ts';

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

export function App() {
  return (
    <SetupGate>
      <Routes>
        <Route path="/setup" element={<SetupPage />} />
        <Route path="/login" element={<LoginPage />} />
        <Route path="/invite/:token" element={<AcceptInvitePage />} />
        {/* WeCom's chat sidebar: a page of its own (no app navigation), signing in through WeCom. */}
        <Route path="/sidebar" element={<SidebarPage />} />
        <Route
          path="/*"
          element={
            <RequireSession>
              <Shell>
                <Routes>
                  <Route path="/" element={<Home />} />
                  <Route path="/inbox" element={<InboxPage />} />
                  <Route path="/dashboards" element={<DashboardsPage />} />
                  <Route path="/journeys" element={<JourneysPage />} />
                  <Route path="/journeys/:id" element={<JourneyEditorPage />} />
                  <Route path="/customers" element={<CustomersPage />} />
                  <Route path="/customers/:id" element={<CustomerPage />} />
                  <Route path="/channel-codes" element={<ChannelCodesPage />} />
                  <Route path="/imports" element={<ImportsPage />} />
                  <Route path="/imports/:id" element={<ImportJobPage />} />
                  <Route path="/settings" element={<SettingsPage />} />
                  <Route path="*" element={<Navigate to="/" replace />} />
                </Routes>
              </Shell>
            </RequireSession>
          }
        />
      </Routes>
    </SetupGate>
  );
}
