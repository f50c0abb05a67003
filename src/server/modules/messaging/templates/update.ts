import { JOIN_LINK } from '../join-link';
import type { MessageTemplate } from './template';

/** Sent when a session's time, host, service or type changes. */
export const update: MessageTemplate = {
  canceled: false,
  subject: ({ organizationName, when }) => `Updated: your session with ${organizationName}, now ${when}`,
  lead: ({ organizationName }) => `${organizationName} has changed your session. Here are the new details.`,
  sms: ({ organizationName, when, forms }) => `${organizationName}: your session has changed, now ${when}.${forms} ${JOIN_LINK}`,
};
