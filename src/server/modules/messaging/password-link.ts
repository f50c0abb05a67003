/**
 * Stands for a staff member's set-password link in stored messages. The outbox delivery mints the
 * link's token as it sends (like the join link), so the outbox never holds a usable link.
 */
export const PASSWORD_LINK = '__PASSWORD_LINK__';

export const withPasswordLink = (text: string, url: string) => text.replaceAll(PASSWORD_LINK, url);

/** How a stored message shows the link it carried. */
export const redactPasswordLink = (text: string, publicUrl: URL) =>
  text.replaceAll(PASSWORD_LINK, `${new URL('/set-password', publicUrl).toString()}?token=•••••• (private link, not stored)`);
