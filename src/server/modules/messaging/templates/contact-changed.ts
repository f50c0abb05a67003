import type { MessageTemplate } from './template';

/**
 * Sent to a participant's former email address or phone when staff change it, for each upcoming
 * session: if the change was not theirs, they know whom to call. It carries no link (their earlier
 * links were revoked; new ones went to the new address), and its calendar file removes the event.
 */
export const contactChanged: MessageTemplate = {
  canceled: true,
  subject: ({ organizationName }) => `Your contact details changed at ${organizationName}`,
  lead: ({ organizationName }) =>
    `${organizationName} changed where messages about this session go, so they no longer come to this address, and earlier links to your session page stopped working. If you did not ask for this, please contact ${organizationName}.`,
  sms: ({ organizationName, when }) =>
    `${organizationName}: messages about your session on ${when} now go to another address, and earlier links stopped working. If you did not ask for this, please contact ${organizationName}.`,
};
