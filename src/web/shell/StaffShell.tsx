import { Notifications } from '@mantine/notifications';
import '../styles/all';
import { RequireSignIn } from '../auth/RequireSignIn';
import { AppLayout } from './AppLayout';

/** The staff app's frame: signed in, with the menu and header around the page. */
export function StaffShell() {
  return (
    <RequireSignIn>
      {/* Bottom right: toasts never cover a page's actions or a drawer's title. */}
      <Notifications position="bottom-right" />
      <AppLayout />
    </RequireSignIn>
  );
}
