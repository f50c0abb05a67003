import { useQueryClient } from '@tanstack/react-query';
import type { PortalView } from '../../../shared/portal';
import { useSessionLive } from '../../live/useSessionLive';
import { useCallOnJoin } from '../../video/useCallOnJoin';
import { PORTAL_KEY } from './api';
import { ChatSection } from './ChatSection';
import { DocumentsSection } from './DocumentsSection';
import { isUpcoming } from './session-text';
import { VideoSection } from './VideoSection';

/** The video call (video sessions), the documents to complete, and the chat with the clinic. */
export function PortalSections({ view }: { readonly view: PortalView }) {
  if (view.session.status === 'canceled') return <DocumentsSection canceled />;
  return <LiveSections key={view.session.id} view={view} />;
}

/** The call and the chat share the page's one live channel. */
function LiveSections({ view }: { readonly view: PortalView }) {
  const { session, participant } = view;
  const queryClient = useQueryClient();
  const { chat, channel } = useSessionLive(
    { kind: 'participant' },
    { kind: 'participant', id: participant.id },
    { onSessionChanged: () => void queryClient.invalidateQueries({ queryKey: PORTAL_KEY }) },
  );
  const call = useCallOnJoin(channel, { kind: 'participant' });
  // Kept after the session ends while the call says so ("The session has ended").
  const showVideo = session.sessionType.modality === 'video' && (isUpcoming(session) || call.state.phase !== 'idle');

  return (
    <>
      {showVideo && <VideoSection view={view} call={call} />}
      <DocumentsSection canceled={false} />
      <ChatSection view={view} chat={chat} />
    </>
  );
}
