import { MAX_LOGO_BYTES, type OrganizationLogo } from '../../shared/logo';
import { api } from './client';

/** Uploads (or replaces) the signed-in administrator's organization logo. */
export function uploadLogo(file: File): Promise<OrganizationLogo> {
  // Checked here only to answer at once; the server decides by the file's content.
  if (file.size > MAX_LOGO_BYTES) return Promise.reject(new Error('This image is larger than 512 KB.'));
  const form = new FormData();
  form.set('file', file);
  return api<OrganizationLogo>('/organization/logo', { method: 'PUT', body: form });
}
