export const templateFileUrl = (templateId: string) => `/api/document-templates/${encodeURIComponent(templateId)}/file`;
