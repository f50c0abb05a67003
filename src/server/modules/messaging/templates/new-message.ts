import { JOIN_LINK } from '../join-link';
import type { MessageTemplate } from './template';

/**
 * Sent when a chat message waits for a participant who is not on their page (at most one per
 * quarter of an hour). It never carries the message: email and SMS are no place for health data.
 */
export const newMessage: MessageTemplate = {
  canceled: false,
  subject: ({ organizationName }) => `New message from ${organizationName}`,
  lead: ({ organizationName }) => `${organizationName} sent you a message about your session. Open your session page to read it.`,
  sms: ({ organizationName }) => `${organizationName}: you have a new message about your session. Read it on your session page: ${JOIN_LINK}`,
};
