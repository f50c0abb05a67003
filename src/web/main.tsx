import './styles/first-load';
import { type PortalRoute, portalRoute, startPortalRequests } from './pages/portal/early-requests';

// This file stays small and imports neither React nor an app: on the participant's page it asks
// for the session while the page's code downloads (each round trip costs ~150 ms on a phone),
// and each app brings only its own code: the participant's page never loads the staff app's.
// Two statements, not one expression: Vite preloads what an import() needs for the whole expression.
const portal = portalRoute(window.location.pathname);
const started = portal ? startPortal(portal) : import('./App').then((m) => m.startStaffApp());
started.catch(() => {
  document.body.textContent = 'Carebeam could not be loaded. Check your connection, then reload the page.';
});

function startPortal(route: PortalRoute) {
  startPortalRequests(route);
  return import('./pages/portal/PortalApp').then((m) => m.startPortalApp(route));
}
