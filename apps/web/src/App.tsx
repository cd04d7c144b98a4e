import { Center, Loader } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { LoginPage } from './auth/LoginPage.tsx';
import { JourneyEditorPage } from './designer/JourneyEditorPage.tsx';
import { JourneysPage } from './journeys/JourneysPage.tsx';
import { Shell } from './layout/Shell.tsx';
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
  return <>{children}</>;
}

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="/*"
        element={
          <RequireSession>
            <Shell>
              <Routes>
                <Route path="/" element={<Navigate to="/journeys" replace />} />
                <Route path="/journeys" element={<JourneysPage />} />
                <Route path="/journeys/:id" element={<JourneyEditorPage />} />
                <Route path="*" element={<Navigate to="/journeys" replace />} />
              </Routes>
            </Shell>
          </RequireSession>
        }
      />
    </Routes>
  );
}
