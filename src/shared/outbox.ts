export interface OutboxMessage {
  id: string;
  sessionId: string | null;
  participantId: string | null;
  kind: 'invitation' | 'update' | 'cancellation' | 'reminder';
  channel: 'email' | 'sms';
  to: string;
  subject: string | null;
  /** The text as sent, with the private join link redacted (it was never stored). */
  body: string;
  html: string | null;
  status: 'queued' | 'sent' | 'failed';
  transport: string | null;
  attempts: number;
  lastError: string | null;
  attachments: { filename: string; contentType: string }[];
  createdAt: string;
  sentAt: string | null;
}

export const MESSAGE_KIND_LABELS: Record<OutboxMessage['kind'], string> = {
  invitation: 'Invitation',
  update: 'Update',
  cancellation: 'Cancellation',
  reminder: 'Reminder',
};
