import { JOIN_LINK } from '../join-link';
import type { MessageTemplate } from './template';

/** Sent when someone is scheduled into a session (booking, or added later). */
export const invitation: MessageTemplate = {
  canceled: false,
  subject: ({ organizationName, when }) => `Your session with ${organizationName}: ${when}`,
  lead: ({ organizationName, sessionTypeName }) => `${organizationName} has scheduled a ${sessionTypeName.toLowerCase()} for you.`,
  sms: ({ organizationName, when, forms }) => `${organizationName}: your session is on ${when}.${forms} Your session page: ${JOIN_LINK}`,
};
