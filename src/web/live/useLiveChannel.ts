import { useEffect, useEffectEvent, useState } from 'react';
import type { z } from 'zod';
import type { ClientFrame } from '../../shared/live';
import { LiveChannel, type LiveStatus } from './LiveChannel';

export interface UseLiveChannelOptions<Frame> {
  readonly path: string;
  readonly schema: z.ZodType<Frame>;
  /** Sent after every open; read at that moment, so it always carries what is held then. */
  readonly greeting?: () => ClientFrame;
  /** Connects only once this is true (e.g. after the first load over HTTP). */
  readonly enabled?: boolean;
  readonly onFrame: (frame: Frame) => void;
}

/** A live channel open while the component is mounted (and enabled); returns its status. */
export function useLiveChannel<Frame>({ path, schema, greeting, enabled = true, onFrame }: UseLiveChannelOptions<Frame>): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const handleFrame = useEffectEvent(onFrame);
  const greet = useEffectEvent(() => greeting?.());

  useEffect(() => {
    if (!enabled) return;
    const read = (value: unknown) => {
      const parsed = schema.safeParse(value);
      return parsed.success ? parsed.data : null;
    };
    const channel = new LiveChannel({ path, read, greeting: () => greet() });
    const stopFrames = channel.onFrame((frame) => handleFrame(frame));
    const stopStatus = channel.onStatus(setStatus);
    channel.connect();
    return () => {
      stopFrames();
      stopStatus();
      channel.close();
    };
  }, [path, schema, enabled]);

  return status;
}
