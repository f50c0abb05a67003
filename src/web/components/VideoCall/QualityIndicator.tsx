import { Group, VisuallyHidden } from '@mantine/core';
import { IconAntennaBars3, IconAntennaBars4, IconAntennaBars5 } from '@tabler/icons-react';
import type { Quality } from '../../video/quality';

const LOOK = {
  good: { Icon: IconAntennaBars5, color: 'teal.4' },
  fair: { Icon: IconAntennaBars4, color: 'yellow.4' },
  poor: { Icon: IconAntennaBars3, color: 'red.4' },
} as const;

/** Five, four or three bars (not colour alone), "Connection good", "fair" or "poor" for screen readers and on hover. */
export function QualityIndicator({ quality }: { readonly quality: Quality | null }) {
  if (!quality) return null;
  const { Icon, color } = LOOK[quality];
  return (
    <Group gap={2} wrap="nowrap" c={color} title={`Connection ${quality}`}>
      <Icon size={16} aria-hidden="true" />
      <VisuallyHidden>Connection {quality}</VisuallyHidden>
    </Group>
  );
}
