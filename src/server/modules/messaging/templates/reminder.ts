import { JOIN_LINK } from '../join-link';
import type { MessageTemplate } from './template';

/** Sent at the organization's reminder offsets before the start, or when staff press "Send reminder". */
export const reminder: MessageTemplate = {
  canceled: false,
  subject: ({ organizationName, when }) => `Reminder: your session with ${organizationName}, ${when}`,
  lead: ({ organizationName }) => `This is a reminder of your upcoming session with ${organizationName}.`,
  sms: ({ organizationName, when, forms }) => `${organizationName} reminder: your session is on ${when}.${forms} ${JOIN_LINK}`,
};
