import { ATTACHMENT_TYPES, type AttachmentType } from '../../../shared/chat';

const ALLOWED = new Set<string>(ATTACHMENT_TYPES);

/** Plain text: valid UTF-8, no NUL or other control bytes but tabs and line breaks. */
function isPlainText(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

/** The type of an upload decided by its bytes, or null when it is not one we accept. */
export async function attachmentType(bytes: Uint8Array): Promise<AttachmentType | null> {
  if (bytes.byteLength === 0) return null;
  // Loaded on first use, not at start.
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) {
    const mime = detected.mime === 'image/heif' ? 'image/heic' : detected.mime;
    return ALLOWED.has(mime) ? (mime as AttachmentType) : null;
  }
  return isPlainText(bytes) ? 'text/plain' : null;
}
