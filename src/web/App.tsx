import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { type ComponentType, useState } from 'react';
import { createBrowserRouter, Navigate, RouterProvider } from 'react-router';
import type { Role } from '../shared/roles';
import { createQueryClient } from './api/query-client';
import { renderRoot } from './render-root';
import { PageLoading } from './shell/PageLoading';
import { cssVariablesResolver, theme } from './theme';

/**
 * The staff app (and the sign-in, set-password and setup pages); the participant's page is an
 * app of its own (`pages/portal/PortalApp.tsx`, chosen in main.tsx).
 *
 * A route whose page is downloaded when first opened: each staff page loads its own code.
 * `roles` gates the page by role.
 */
function page(load: () => Promise<ComponentType>, roles?: Role[]) {
  return {
    HydrateFallback: PageLoading,
    lazy: async () => {
      if (!roles) return { Component: await load() };
      const [Page, { RoleGate }] = await Promise.all([load(), import('./shell/RoleGate')]);
      return { Component: () => <RoleGate roles={roles}><Page /></RoleGate> };
    },
  };
}
const admin: Role[] = ['admin'];

const router = createBrowserRouter([
  { path: '/signin', ...page(() => import('./pages/sign-in/SignInPage').then((m) => m.SignInPage)) },
  { path: '/signin/verify', ...page(() => import('./pages/sign-in/SecondStepPage').then((m) => m.SecondStepPage)) },
  { path: '/signin/enrol', ...page(() => import('./pages/sign-in/EnrolStepPage').then((m) => m.EnrolStepPage)) },
  { path: '/set-password', ...page(() => import('./pages/set-password/SetPasswordPage').then((m) => m.SetPasswordPage)) },
  { path: '/setup', ...page(() => import('./pages/setup/SetupPage').then((m) => m.SetupPage)) },
  { path: '/forgot-password', ...page(() => import('./pages/forgot-password/ForgotPasswordPage').then((m) => m.ForgotPasswordPage)) },
  {
    path: '/',
    ...page(() => import('./shell/StaffShell').then((m) => m.StaffShell)),
    children: [
      { index: true, element: <Navigate to="/appointments" replace /> },
      { path: 'appointments', ...page(() => import('./pages/appointments/AppointmentsPage').then((m) => m.AppointmentsPage)) },
      { path: 'sessions/:id', ...page(() => import('./pages/session/SessionDetailsPage').then((m) => m.SessionDetailsPage)) },
      { path: 'participants', ...page(() => import('./pages/participants/ParticipantsPage').then((m) => m.ParticipantsPage)) },
      { path: 'account', ...page(() => import('./pages/account/AccountPage').then((m) => m.AccountPage)) },
      { path: 'work-hours', ...page(() => import('./pages/work-hours/WorkHoursPage').then((m) => m.WorkHoursPage)) },
      { path: 'users', ...page(() => import('./pages/users/UsersPage').then((m) => m.UsersPage), admin) },
      { path: 'services', ...page(() => import('./pages/services/ServicesPage').then((m) => m.ServicesPage), admin) },
      { path: 'documents', ...page(() => import('./pages/documents/DocumentsPage').then((m) => m.DocumentsPage), admin) },
      { path: 'documents/new', ...page(() => import('./pages/documents/FormBuilderPage').then((m) => m.FormBuilderPage), admin) },
      { path: 'documents/:id', ...page(() => import('./pages/documents/FormBuilderPage').then((m) => m.FormBuilderPage), admin) },
      { path: 'devices', ...page(() => import('./pages/devices/DevicesPage').then((m) => m.DevicesPage), admin) },
      { path: 'ehr', ...page(() => import('./pages/ehr/EhrPage').then((m) => m.EhrPage), admin) },
      { path: 'settings', ...page(() => import('./pages/settings/SettingsPage').then((m) => m.SettingsPage), admin) },
      { path: 'outbox', ...page(() => import('./pages/outbox/OutboxPage').then((m) => m.OutboxPage), admin) },
      { path: 'audit', ...page(() => import('./pages/audit/AuditPage').then((m) => m.AuditPage), admin) },
      { path: '*', ...page(() => import('./pages/not-found/NotFoundPage').then((m) => m.NotFoundPage)) },
    ],
  },
]);

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}

export const startStaffApp = () => renderRoot(<App />);
