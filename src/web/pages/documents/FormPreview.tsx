import { Paper, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { memo, useMemo } from 'react';
import type { Audience, DocumentField } from '../../../shared/documents';
import { DocumentForm } from '../../components/DocumentForm/DocumentForm';

export interface FormPreviewProps {
  readonly fields: DocumentField[];
  readonly audience: Audience;
}

/** The form as the participant or host will see it, live; its checks run, nothing is sent. */
export const FormPreview = memo(function FormPreview({ fields, audience }: FormPreviewProps) {
  const shown = useMemo(
    () =>
      fields.map((f) => ({
        ...f,
        label: f.label || 'Untitled question',
        ...(f.options ? { options: f.options.filter((o) => o.label) } : {}),
      })),
    [fields],
  );
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="form-preview-title">
      <Title order={2} size="h4" id="form-preview-title">
        Preview
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        What {audience === 'host' ? 'the host' : 'each participant'} will see. Try it: the checks run, nothing is sent.
      </Text>
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          Add a question to see it here.
        </Text>
      ) : (
        <DocumentForm
          fields={shown}
          submitLabel="Check my answers"
          onSubmit={async () => {
            notifications.show({ color: 'teal', title: 'These answers pass every check', message: 'This is a preview: nothing was sent or saved.' });
          }}
        />
      )}
    </Paper>
  );
});
