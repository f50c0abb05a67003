import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ServerFrame } from '../../shared/live';
import type { LiveLink } from './CallEngine';
import { useCallOnJoin } from './useCallOnJoin';

/** A live channel that records who listens to it. */
function fakeLive() {
  const frames = new Set<(frame: ServerFrame) => void>();
  const live: LiveLink = {
    status: 'open',
    send: vi.fn(() => true),
    onFrame: (listener) => {
      frames.add(listener);
      return () => void frames.delete(listener);
    },
    onStatus: () => () => {},
  };
  return { live, frames };
}

describe('useCallOnJoin', () => {
  it('has no engine and listens to nothing until loaded: the call is idle', () => {
    const { live, frames } = fakeLive();
    const { result } = renderHook(() => useCallOnJoin(live, { kind: 'participant' }));
    expect(result.current.engine).toBeNull();
    expect(result.current.state.phase).toBe('idle');
    expect(frames.size).toBe(0);
  });

  it('loads one engine, attached to the channel before load resolves, and detaches it on unmount', async () => {
    const { live, frames } = fakeLive();
    const { result, unmount } = renderHook(() => useCallOnJoin(live, { kind: 'participant' }));
    let loading!: Promise<unknown[]>;
    act(() => {
      loading = Promise.all([result.current.load(), result.current.load()]);
    });
    // Resolved by the effect that attached the engine, once React has rendered it. The engine is a
    // dynamic import: on a loaded machine it took over waitFor's default second.
    await waitFor(() => expect(result.current.engine).not.toBeNull(), { timeout: 10_000 });
    const [first, second] = await loading;
    expect(first).toBe(second);
    expect(result.current.engine).toBe(first);
    // Attached: a join sent now hears its answer.
    expect(frames.size).toBe(1);
    act(() => {
      for (const listener of frames) listener({ type: 'video.screenshot', label: 'Knee' });
    });
    expect(result.current.state.screenshot?.label).toBe('Knee');
    unmount();
    expect(frames.size).toBe(0);
  });
});
