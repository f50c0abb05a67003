import { Badge } from '@mantine/core';
import type { SendState } from '../../../../shared/ehr';

const LOOK: Record<SendState, { label: string; color: string }> = {
  not_sent: { label: 'Not sent to EHR', color: 'gray' },
  queued: { label: 'EHR: queued', color: 'blue' },
  sent: { label: 'EHR: sent', color: 'teal' },
  failed: { label: 'EHR: failed', color: 'red' },
};

/** Where an item stands in the send-back to the EHR. */
export function SendStateBadge({ state }: { readonly state: SendState | undefined }) {
  if (!state) return null;
  const { label, color } = LOOK[state];
  return (
    <Badge size="xs" variant="light" color={color}>
      {label}
    </Badge>
  );
}
