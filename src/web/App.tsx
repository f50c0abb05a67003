import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import type { Role } from '../shared/roles';
import { RequireSignIn } from './auth/RequireSignIn';
import { hasRole, useCurrentUser } from './auth/session';
import { AppointmentsPage } from './pages/appointments/AppointmentsPage';
import { DocumentsPage } from './pages/documents/DocumentsPage';
import { FormBuilderPage } from './pages/documents/FormBuilderPage';
import { NotFoundPage } from './pages/not-found/NotFoundPage';
import { OutboxPage } from './pages/outbox/OutboxPage';
import { ParticipantsPage } from './pages/participants/ParticipantsPage';
import { JoinPage } from './pages/portal/JoinPage';
import { PortalPage } from './pages/portal/PortalPage';
import { ServicesPage } from './pages/services/ServicesPage';
import { SessionDetailsPage } from './pages/session/SessionDetailsPage';
import { SettingsPage } from './pages/settings/SettingsPage';
import { SignInPage } from './pages/sign-in/SignInPage';
import { UsersPage } from './pages/users/UsersPage';
import { WorkHoursPage } from './pages/work-hours/WorkHoursPage';
import { AppLayout } from './shell/AppLayout';
import { cssVariablesResolver, theme } from './theme';

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 15_000, retry: 1, refetchOnWindowFocus: true },
    },
  });
}

/** A page that only some roles may open; others see a calm "no access" page. */
function RoleGate({ roles, children }: { readonly roles: Role[]; readonly children: ReactNode }) {
  const me = useCurrentUser();
  return hasRole(me, ...roles) ? children : <NotFoundPage reason="forbidden" />;
}

const admin = (page: ReactNode) => <RoleGate roles={['admin']}>{page}</RoleGate>;

const router = createBrowserRouter([
  { path: '/signin', element: <SignInPage /> },
  { path: '/join/:token', element: <JoinPage /> },
  { path: '/portal', element: <PortalPage /> },
  {
    path: '/',
    element: (
      <RequireSignIn>
        <AppLayout />
      </RequireSignIn>
    ),
    children: [
      { index: true, element: <Navigate to="/appointments" replace /> },
      { path: 'appointments', element: <AppointmentsPage /> },
      { path: 'sessions/:id', element: <SessionDetailsPage /> },
      { path: 'participants', element: <ParticipantsPage /> },
      { path: 'work-hours', element: <WorkHoursPage /> },
      { path: 'users', element: admin(<UsersPage />) },
      { path: 'services', element: admin(<ServicesPage />) },
      { path: 'documents', element: admin(<DocumentsPage />) },
      { path: 'documents/new', element: admin(<FormBuilderPage />) },
      { path: 'documents/:id', element: admin(<FormBuilderPage />) },
      { path: 'settings', element: admin(<SettingsPage />) },
      { path: 'outbox', element: admin(<OutboxPage />) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      {/* Bottom right: toasts never cover a page's actions or a drawer's title. */}
      <Notifications position="bottom-right" />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
