import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Audience, DocumentTemplate } from '../../../shared/documents';
import { api } from '../../api/client';
import { type TemplateDraft, toTemplateBody } from './template-draft';

/** Every template, retired ones included: the administrator's catalogue. */
export const useAllTemplates = () =>
  useQuery({ queryKey: ['document-templates', 'all'], queryFn: () => api<DocumentTemplate[]>('/document-templates?includeRetired=true') });

/** Any change here also changes what scheduling offers (the `document-templates` queries). */
function useTemplateMutation<Input, Output>(request: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: request, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['document-templates'] }) });
}

/** Creates a form, or saves an edited one as its next version. */
export const useSaveForm = (existing: DocumentTemplate | null) =>
  useTemplateMutation((draft: TemplateDraft) =>
    api<DocumentTemplate>(existing ? `/document-templates/${existing.id}` : '/document-templates', {
      method: existing ? 'PATCH' : 'POST',
      body: existing ? { ...toTemplateBody(draft), version: existing.version } : toTemplateBody(draft),
    }),
  );

export interface PdfDraft {
  name: string;
  audience: Audience;
  file: File | null;
}

/** Uploads a new PDF document; or saves an existing one's new file, name or audience as its next version. */
export const useSavePdf = (existing: DocumentTemplate | null) =>
  useTemplateMutation((draft: PdfDraft) => {
    if (existing && !draft.file) {
      return api<DocumentTemplate>(`/document-templates/${existing.id}`, {
        method: 'PATCH',
        body: { name: draft.name, audience: draft.audience, version: existing.version },
      });
    }
    const body = new FormData();
    // Text fields before the file: the server reads them as the file arrives.
    body.set('name', draft.name);
    body.set('audience', draft.audience);
    if (existing) body.set('version', String(existing.version));
    if (draft.file) body.set('file', draft.file, draft.file.name);
    return api<DocumentTemplate>(existing ? `/document-templates/${existing.id}/file` : '/document-templates/pdf', { method: 'POST', body });
  });

export const useSetActive = () =>
  useTemplateMutation(({ id, active }: { id: string; active: boolean }) =>
    api<DocumentTemplate>(`/document-templates/${id}/${active ? 'restore' : 'retire'}`, { method: 'POST' }),
  );

export const useDeleteTemplate = () => useTemplateMutation((id: string) => api<undefined>(`/document-templates/${id}`, { method: 'DELETE' }));
