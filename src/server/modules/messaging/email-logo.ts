import { escapeHtml } from './templates/email-html';

/**
 * The organization's logo in an email: an inline part (Content-ID) the HTML points at, so mail
 * clients that block remote images still show it. The stored HTML holds only the `<img>`; the
 * outbox delivery attaches the logo's bytes when it sends (withEmailLogo).
 */
export const LOGO_CID = 'organization-logo@carebeam';
const LOGO_IMG = new RegExp(`<img [^>]*src="cid:${LOGO_CID}"[^>]*>`);
/** Shown this tall at most (and at most 200 px wide), keeping its proportions. */
const MAX_HEIGHT = 48;
const MAX_WIDTH = 200;

/** The `<img>` for an organization's logo of this size, or '' when it has none. */
export function logoImgTag(logo: { width: number; height: number } | null, organizationName: string): string {
  if (!logo) return '';
  const scale = Math.min(1, MAX_HEIGHT / logo.height, MAX_WIDTH / logo.width);
  const width = Math.max(1, Math.round(logo.width * scale));
  const height = Math.max(1, Math.round(logo.height * scale));
  return `<img src="cid:${LOGO_CID}" alt="${escapeHtml(organizationName)}" width="${width}" height="${height}" style="display:block;margin:0 0 8px;border:0">`;
}

export interface InlinePart {
  cid: string;
  filename: string;
  contentType: string;
  content: Uint8Array;
}

/**
 * The HTML as sent and its inline logo part: the organization's current logo when the HTML shows
 * one, or the HTML without the `<img>` when the logo was removed after the message was written.
 */
export async function withEmailLogo(html: string, loadLogo: () => Promise<{ contentType: string; bytes: Uint8Array } | null>): Promise<{ html: string; inline: InlinePart[] }> {
  if (!LOGO_IMG.test(html)) return { html, inline: [] };
  const logo = await loadLogo();
  if (!logo) return { html: html.replace(LOGO_IMG, ''), inline: [] };
  return { html, inline: [{ cid: LOGO_CID, filename: 'logo', contentType: logo.contentType, content: logo.bytes }] };
}
