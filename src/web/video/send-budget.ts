/**
 * What each outgoing video may cost in a mesh. Every member encodes one stream per other member,
 * so a four-person call encodes three pictures on each device; at full size that saturates a
 * phone or a 2-core laptop and the pictures freeze for everyone. The budget shrinks the picture,
 * the frame rate and the bitrate as the call grows, keeping the uplink near 1.5 Mbit/s in all.
 */
export interface SendBudget {
  /** bit/s for one outgoing video. */
  readonly maxBitrate: number;
  /** 1 sends the camera's size; 2 sends half its width and height. */
  readonly scaleResolutionDownBy: number;
  readonly maxFramerate: number;
}

const BUDGETS: readonly SendBudget[] = [
  { maxBitrate: 1_500_000, scaleResolutionDownBy: 1, maxFramerate: 30 }, // one other: 720p
  { maxBitrate: 750_000, scaleResolutionDownBy: 1.5, maxFramerate: 30 }, // two: 480p
  { maxBitrate: 450_000, scaleResolutionDownBy: 2, maxFramerate: 24 }, // three: 360p
  { maxBitrate: 300_000, scaleResolutionDownBy: 3, maxFramerate: 20 }, // four or five: 240p
];

/** The budget for each outgoing video when `others` members receive it. */
export function sendBudget(others: number): SendBudget {
  return BUDGETS[Math.min(Math.max(others, 1), BUDGETS.length) - 1]!;
}
