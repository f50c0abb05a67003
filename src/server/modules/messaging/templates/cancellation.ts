import type { MessageTemplate } from './template';

/** Sent when a session is canceled: no link, since there is nothing left to join. */
export const cancellation: MessageTemplate = {
  canceled: true,
  subject: ({ organizationName, when }) => `Canceled: your session with ${organizationName} on ${when}`,
  lead: ({ organizationName, reason }) =>
    `${organizationName} has canceled this session.${reason ? ` Reason: ${reason}` : ''} Please contact the clinic if you need a new time.`,
  sms: ({ organizationName, when }) => `${organizationName}: your session on ${when} was canceled. Please contact the clinic if you need a new time.`,
};
