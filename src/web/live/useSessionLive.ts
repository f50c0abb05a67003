import { useCallback, useEffect, useEffectEvent, useState, useSyncExternalStore } from 'react';
import type { ServerFrame } from '../../shared/live';
import { chatApi, type ChatScope } from './chat-api';
import { type ChatReader, ChatStore } from './ChatStore';
import { LiveChannel, type LiveStatus } from './LiveChannel';
import { readServerFrame } from './server-frame';

export interface UseSessionLiveOptions {
  /** The session changed, or this reader's access ended: reload what shows the session. */
  readonly onSessionChanged?: () => void;
}

/**
 * A page's one live channel to a session and the chat it feeds. The video call listens to the
 * same channel (`channel.onFrame`) and sends its frames on it: one socket per page, never two.
 * The chat loads over HTTP first; only then the channel connects, and says hello with the last
 * `seq` held after every (re)connect. Mount it under a `key` of the session.
 */
export function useSessionLive(scope: ChatScope, reader: ChatReader, { onSessionChanged }: UseSessionLiveOptions = {}) {
  const [store] = useState(() => new ChatStore({ scope, reader, api: chatApi(scope) }));
  const [channel] = useState(
    () => new LiveChannel<ServerFrame>({ path: store.api.livePath, read: readServerFrame, greeting: () => ({ type: 'hello', after: store.lastSeq }) }),
  );
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const status = useSyncExternalStore(
    useCallback((listener: () => void) => channel.onStatus(listener), [channel]),
    () => channel.status,
  );
  // Connect only once the history is here, so the hello asks only for what came after it.
  const [loadedOnce, setLoadedOnce] = useState(false);

  const load = useCallback(() => {
    void store.load().then((loaded) => loaded && setLoadedOnce(true));
  }, [store]);
  useEffect(() => load(), [load]);

  const sessionChanged = useEffectEvent(() => onSessionChanged?.());
  useEffect(() => {
    if (!loadedOnce) return;
    const stopFrames = channel.onFrame((frame) => (frame.type === 'session.changed' ? sessionChanged() : store.receive(frame)));
    channel.connect();
    return () => {
      stopFrames();
      channel.close();
    };
  }, [channel, store, loadedOnce]);

  useEffect(() => {
    if (status === 'ended') sessionChanged();
  }, [status]);

  // Until the first connect the channel is closed; to the reader it is still connecting.
  const connection: LiveStatus = status === 'closed' && !loadedOnce ? 'connecting' : status;
  const chat = { store, state, connection, reload: load };
  return { chat, channel };
}

export type SessionLive = ReturnType<typeof useSessionLive>;
export type Chat = SessionLive['chat'];
