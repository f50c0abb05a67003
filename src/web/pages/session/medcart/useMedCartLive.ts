import { useQueryClient } from '@tanstack/react-query';
import { type ServerFrame, serverFrameSchema } from '../../../../shared/live';
import { useLiveChannel } from '../../../live/useLiveChannel';
import { refreshMedCart } from './medcart-api';

/**
 * Readings, images and send states arrive while the MedCart tab is open: the session's live
 * channel says `medcart.changed` and the matching queries reload. The tab keeps its own socket
 * (no hello, so it gets no chat) for as long as it is shown; `onMedCartFrame` can also be handed
 * to any other holder of the session's channel.
 */
export function useMedCartLive(sessionId: string) {
  const queryClient = useQueryClient();
  return useLiveChannel({
    path: `/api/sessions/${sessionId}/live`,
    schema: serverFrameSchema,
    onFrame: (frame) => onMedCartFrame(frame, (change) => refreshMedCart(queryClient, sessionId, change)),
  });
}

export function onMedCartFrame(frame: ServerFrame, refresh: (change: 'reading' | 'image' | 'ehr') => void): void {
  if (frame.type === 'medcart.changed') refresh(frame.change);
}
