import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { createPasswordLink } from '../auth';
import type { Invitee } from '../users';
import { loadOrganizationLogoSize } from './context';
import { logoImgTag } from './email-logo';
import { insertStaffMessage } from './outbox-repo';
import { renderStaffEmail } from './templates/staff-account';

/**
 * Emails a staff member a new link to choose their password (`invite`, 72 h) or a new one
 * (`reset`, 30 min), in the caller's transaction; their earlier links stop working. The stored
 * message holds a placeholder: the link's token is minted as it is sent (jobs/outbox-delivery.ts).
 */
export async function sendPasswordLink(db: Kysely<Database>, recipient: Invitee, purpose: 'invite' | 'reset', now: Date): Promise<void> {
  const link = await createPasswordLink(db, { purpose, organizationId: recipient.organizationId, userId: recipient.id }, now);
  const kind = purpose === 'invite' ? 'staff_invitation' : 'password_reset';
  const logo = logoImgTag(await loadOrganizationLogoSize(db, recipient.organizationId), recipient.organizationName);
  const email = renderStaffEmail(kind, { organizationName: recipient.organizationName, logo, recipientName: recipient.name, timeZone: recipient.timeZone, expiresAt: link.expiresAt });
  await insertStaffMessage(db, {
    organizationId: recipient.organizationId,
    kind,
    recipient: recipient.email,
    subject: email.subject,
    text: email.text,
    html: email.html,
    passwordLinkId: link.id,
    at: now,
  });
}
