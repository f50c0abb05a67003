import { Badge } from '@mantine/core';
import { type SessionStatus, STATUS_LABELS } from '../../../shared/session-status';

const COLORS: Record<SessionStatus, string> = { scheduled: 'blue', in_progress: 'teal', completed: 'gray', no_show: 'orange', canceled: 'red' };

export function SessionStatusBadge({ status }: { readonly status: SessionStatus }) {
  return (
    <Badge color={COLORS[status]} variant="light" size="sm">
      {STATUS_LABELS[status]}
    </Badge>
  );
}
