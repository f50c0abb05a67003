import { useState } from 'react';
import { staffFrameSchema } from '../../shared/live';
import { useLiveChannel } from './useLiveChannel';

export interface StaffChannel {
  /** Unread chat messages per session id, once something new arrived. */
  readonly unread: ReadonlyMap<string, number>;
  /** How many wait to be let into each session's call. */
  readonly waiting: ReadonlyMap<string, number>;
}

/** What the staff member's own channel (`/api/live`) pushes about their sessions while the page is open. */
export function useStaffChannel(): StaffChannel {
  const [channel, setChannel] = useState<StaffChannel>(() => ({ unread: new Map(), waiting: new Map() }));
  useLiveChannel({
    path: '/api/live',
    schema: staffFrameSchema,
    onFrame: (frame) => {
      if (frame.type === 'unread') setChannel((c) => ({ ...c, unread: new Map(c.unread).set(frame.sessionId, frame.unread) }));
      if (frame.type === 'waiting') setChannel((c) => ({ ...c, waiting: new Map(c.waiting).set(frame.sessionId, frame.waiting) }));
    },
  });
  return channel;
}
