import { describe, expect, it } from 'vitest';
import { sendBudget } from './send-budget';

describe('sendBudget', () => {
  it('sends full size to one other member and shrinks the picture as the mesh grows', () => {
    expect(sendBudget(1)).toEqual({ maxBitrate: 1_500_000, scaleResolutionDownBy: 1, maxFramerate: 30 });
    const sizes = [1, 2, 3, 4, 5].map(sendBudget);
    for (let i = 1; i < sizes.length; i++) {
      expect(sizes[i]!.scaleResolutionDownBy).toBeGreaterThanOrEqual(sizes[i - 1]!.scaleResolutionDownBy);
      expect(sizes[i]!.maxBitrate).toBeLessThanOrEqual(sizes[i - 1]!.maxBitrate);
    }
    expect(sendBudget(5)).toEqual(sendBudget(4));
  });

  it('keeps the whole uplink of a six-person call under 1.6 Mbit/s', () => {
    for (const others of [1, 2, 3, 4, 5]) expect(others * sendBudget(others).maxBitrate).toBeLessThanOrEqual(1_600_000);
  });

  it('treats an empty call like a call of two, ready for the first to come', () => {
    expect(sendBudget(0)).toEqual(sendBudget(1));
  });
});
