import { Badge, type MantineColor } from '@mantine/core';
import type { DeliveryState } from '../../../shared/sessions';

const DELIVERY: Record<DeliveryState, { label: string; color: MantineColor; title: string }> = {
  not_invited: { label: 'Not invited', color: 'gray', title: 'Nothing is sent to them (link only): copy their private link to pass it on.' },
  queued: { label: 'Queued', color: 'blue', title: 'The invitation is waiting to be sent.' },
  sent: { label: 'Sent', color: 'indigo', title: 'The invitation was sent; they have not opened their link yet.' },
  failed: { label: 'Failed', color: 'red', title: 'The invitation could not be delivered. Check their email or phone, or copy their link.' },
  opened: { label: 'Opened link', color: 'teal', title: 'They opened their private session page.' },
};

export interface DeliveryBadgeProps {
  readonly delivery: DeliveryState;
}

/** Where a participant's invitation stands, with a tooltip-like `title` that explains it. */
export function DeliveryBadge({ delivery }: DeliveryBadgeProps) {
  const { label, color, title } = DELIVERY[delivery];
  return (
    // Never truncated: the table squeezes this column before the names beside it.
    <Badge variant="light" color={color} title={title} style={{ flexShrink: 0, overflow: 'visible' }} styles={{ label: { overflow: 'visible' } }}>
      {label}
    </Badge>
  );
}
