import { MantineProvider } from '@mantine/core';
import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { createQueryClient } from '../../api/query-client';
import { renderRoot } from '../../render-root';
import { cssVariablesResolver, theme } from '../../theme';
import { PORTAL_VIEW_KEY } from './api';
import { type PortalRoute, takeEarlyViewAnswer, takeExchangedEarly } from './early-requests';
import { JoinPage } from './JoinPage';
import { PortalPage } from './PortalPage';

/**
 * The participant's page as an app of its own: two addresses, no router (the staff app's router
 * was a tenth of this page's first download) and none of the staff app's code.
 */
export function PortalApp({ route, queryClient }: { readonly route: PortalRoute; readonly queryClient: QueryClient }) {
  const [page, setPage] = useState(route);
  // The token leaves the address bar and the history: `/join/<token>` is replaced, not left behind.
  const joined = () => {
    window.history.replaceState(null, '', '/portal');
    setPage({ page: 'portal' });
  };
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      <QueryClientProvider client={queryClient}>
        {page.page === 'join' ? <JoinPage token={page.token} onJoined={joined} /> : <PortalPage />}
      </QueryClientProvider>
    </MantineProvider>
  );
}

/**
 * Starts the page with what main.tsx's early requests already brought: on a slow phone the first
 * render then shows the session, not a loader followed by a second render.
 */
export function startPortalApp(route: PortalRoute) {
  const queryClient = createQueryClient();
  const joined = route.page === 'join' && takeExchangedEarly(route.token);
  if (joined) window.history.replaceState(null, '', '/portal');
  const view = takeEarlyViewAnswer();
  if (view) queryClient.setQueryData(PORTAL_VIEW_KEY, view);
  renderRoot(<PortalApp route={joined ? { page: 'portal' } : route} queryClient={queryClient} />);
}
