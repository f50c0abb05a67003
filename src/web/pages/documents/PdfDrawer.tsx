import { Alert, Anchor, Button, FileInput, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconFileTypePdf } from '@tabler/icons-react';
import { useState } from 'react';
import { type DocumentTemplate, MAX_PDF_BYTES } from '../../../shared/documents';
import { FormDrawer } from '../../components/FormDrawer/FormDrawer';
import { fileSize } from '../../lib/file-size';
import { applyServerErrors } from '../../lib/form-errors';
import { type PdfDraft, useSavePdf } from './api';
import { AudienceInput } from './AudienceInput';
import { templateFileUrl } from './pdf-files';

export interface PdfDrawerProps {
  /** The PDF document to change; null to upload a new one. */
  readonly template: DocumentTemplate | null;
  readonly onClose: () => void;
}

/** A PDF that people read and acknowledge with their signature: upload it, rename it, replace it. */
export function PdfDrawer({ template, onClose }: PdfDrawerProps) {
  const save = useSavePdf(template);
  const [formError, setFormError] = useState('');
  const form = useForm<PdfDraft>({
    initialValues: { name: template?.name ?? '', audience: template?.audience ?? 'participant', file: null },
    validate: {
      name: (v) => (v.trim() ? null : 'Enter a name'),
      file: (file) => {
        if (!file) return template ? null : 'Choose a PDF file';
        if (file.size > MAX_PDF_BYTES) return 'Keep PDFs under 10 MB';
        return file.type === 'application/pdf' || file.name.toLowerCase().endsWith('.pdf') ? null : 'Choose a PDF file';
      },
    },
  });

  const submit = form.onSubmit((draft) => {
    setFormError('');
    if (!form.isDirty()) return onClose();
    save.mutate(draft, {
      onSuccess: (saved) => {
        notifications.show({ color: 'teal', title: `${saved.name} saved`, message: `Version ${saved.version} is what sessions get from now on.` });
        onClose();
      },
      onError: (error) => setFormError(applyServerErrors(form, error)),
    });
  });

  return (
    <FormDrawer opened title={template ? `Edit ${template.name}` : 'Upload a PDF'} dirty={form.isDirty()} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            People read the PDF on their page and sign to acknowledge it: consent forms, privacy notices, policies.
          </Text>
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <TextInput label="Name" withAsterisk data-autofocus placeholder="e.g. Notice of privacy practices" {...form.getInputProps('name')} />
          <AudienceInput value={form.getValues().audience} onChange={(audience) => form.setFieldValue('audience', audience)} error={form.errors.audience} />
          {template?.file && (
            <Text size="sm">
              Current file:{' '}
              <Anchor href={templateFileUrl(template.id)} target="_blank" rel="noopener noreferrer">
                {template.file.filename}
              </Anchor>{' '}
              <Text span c="dimmed" size="sm">
                ({fileSize(template.file.size)}, version {template.version})
              </Text>
            </Text>
          )}
          <FileInput
            label={template ? 'Replace with a new file' : 'PDF file'}
            description={template ? 'Optional. Sessions that already have this document keep the file they were given.' : 'Up to 10 MB.'}
            withAsterisk={!template}
            accept="application/pdf,.pdf"
            clearable
            placeholder="Choose a PDF"
            leftSection={<IconFileTypePdf size={16} aria-hidden="true" />}
            {...form.getInputProps('file')}
          />
          <Group justify="flex-end" mt="sm">
            <Button type="submit" loading={save.isPending}>
              {template ? 'Save changes' : 'Upload'}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormDrawer>
  );
}
