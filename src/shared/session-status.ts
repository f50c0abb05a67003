// No zod here: the participant's page shows the status without downloading the validators.
export const SESSION_STATUSES = ['scheduled', 'in_progress', 'completed', 'no_show', 'canceled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export const STATUS_LABELS: Record<SessionStatus, string> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  completed: 'Completed',
  no_show: 'No-show',
  canceled: 'Canceled',
};
