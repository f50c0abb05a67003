import { Alert, Button, Checkbox, Group, NumberInput, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { MODALITY_LABELS, type Service, type SessionType } from '../../../shared/catalog';
import { AUDIENCE_LABELS } from '../../../shared/documents';
import { useDocumentTemplates } from '../../api/queries';
import { FormDrawer } from '../../components/FormDrawer/FormDrawer';
import { applyServerErrors } from '../../lib/form-errors';
import { type ServiceDraft, useSaveService } from './api';

export interface ServiceDrawerProps {
  readonly service: Service | null;
  readonly sessionTypes: SessionType[];
  readonly onClose: () => void;
}

export function ServiceDrawer({ service, sessionTypes, onClose }: ServiceDrawerProps) {
  const save = useSaveService(service);
  const templates = useDocumentTemplates();
  const [formError, setFormError] = useState('');
  const form = useForm<ServiceDraft>({
    initialValues: {
      name: service?.name ?? '',
      description: service?.description ?? '',
      durationMinutes: service?.durationMinutes ?? 30,
      sessionTypeIds: service?.sessionTypeIds ?? [],
      documentTemplateIds: service?.documentTemplateIds ?? [],
      active: service?.active ?? true,
    },
    validate: {
      name: (v) => (v.trim() ? null : 'Enter a name'),
      durationMinutes: (v) => {
        const minutes = Number(v);
        return v !== '' && Number.isInteger(minutes) && minutes >= 5 && minutes <= 480 ? null : 'Use 5 to 480 whole minutes';
      },
      sessionTypeIds: (v) => (v.length > 0 ? null : 'Choose at least one session type'),
    },
  });

  const submit = form.onSubmit((values) => {
    setFormError('');
    save.mutate(values, { onSuccess: onClose, onError: (error) => setFormError(applyServerErrors(form, error)) });
  });

  return (
    <FormDrawer opened title={service ? `Edit ${service.name}` : 'Add service'} dirty={form.isDirty()} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {formError && (
            <Alert color="red" role="alert">
              {formError}
            </Alert>
          )}
          <TextInput label="Name" required data-autofocus {...form.getInputProps('name')} />
          <Textarea label="Description" autosize minRows={2} maxRows={6} {...form.getInputProps('description')} />
          <NumberInput
            label="Duration"
            description="Minutes, from 5 to 480. Sessions of this service last this long."
            required
            min={5}
            max={480}
            step={5}
            suffix=" min"
            allowDecimal={false}
            {...form.getInputProps('durationMinutes')}
          />
          <Checkbox.Group label="Session types" description="How this service can be delivered." required {...form.getInputProps('sessionTypeIds')}>
            <Stack gap="xs" mt="xs">
              {sessionTypes.map((type) => (
                <Checkbox key={type.id} value={type.id} label={`${type.name} (${MODALITY_LABELS[type.modality]})`} />
              ))}
            </Stack>
          </Checkbox.Group>
          <Checkbox.Group
            label="Documents"
            description="Given to every session of this service; the person scheduling can change them."
            {...form.getInputProps('documentTemplateIds')}
          >
            <Stack gap="xs" mt="xs">
              {(templates.data ?? []).map((template) => (
                <Checkbox key={template.id} value={template.id} label={`${template.name} (${AUDIENCE_LABELS[template.audience]})`} />
              ))}
              {templates.data?.length === 0 && (
                <Text size="sm" c="dimmed">
                  No documents yet: add them on the Documents page.
                </Text>
              )}
            </Stack>
          </Checkbox.Group>
          <Switch
            label="Active"
            description="Only active services can be chosen when scheduling."
            {...form.getInputProps('active', { type: 'checkbox' })}
          />
          <Group justify="flex-end" mt="sm">
            <Button type="submit" loading={save.isPending}>
              {service ? 'Save changes' : 'Add service'}
            </Button>
          </Group>
        </Stack>
      </form>
    </FormDrawer>
  );
}
