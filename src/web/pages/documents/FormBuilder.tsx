import { Alert, Box, Button, Grid, Menu, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconPlus } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { type DocumentTemplate, FIELD_TYPE_LABELS, FIELD_TYPES, type FieldType } from '../../../shared/documents';
import { PageHeader } from '../../components/PageHeader/PageHeader';
import { UnsavedChangesPrompt } from '../../components/UnsavedChangesPrompt/UnsavedChangesPrompt';
import { applyServerErrors } from '../../lib/form-errors';
import { useSaveForm } from './api';
import { AudienceInput } from './AudienceInput';
import { FieldCard } from './FieldCard';
import { FIELD_TYPE_ICONS } from './field-type-icons';
import { FormPreview } from './FormPreview';
import { draftOf, newField, type TemplateDraft, toTemplateBody, validateDraft } from './template-draft';

const FORM_ID = 'template-form';

/** Moves the keyboard to the first input the checks marked, once it is on screen. */
const focusFirstError = () => requestAnimationFrame(() => document.querySelector<HTMLElement>(`#${FORM_ID} [aria-invalid="true"]`)?.focus());

export interface FormBuilderProps {
  /** The template to edit; null for a new form. */
  readonly template: DocumentTemplate | null;
}

/** Builds a form document question by question, with a live preview beside it. */
export function FormBuilder({ template }: FormBuilderProps) {
  const navigate = useNavigate();
  const save = useSaveForm(template);
  // A message the server gave that names no field; field problems show beside each field.
  const [serverError, setServerError] = useState('');
  const [saved, setSaved] = useState(false);
  const form = useForm<TemplateDraft>({ initialValues: draftOf(template), validate: validateDraft });
  const values = form.getValues();
  const body = useMemo(() => toTemplateBody(values), [values]);
  // The summary goes away as the person fixes the last field it points at.
  const formError = serverError || (Object.keys(form.errors).length > 0 ? 'Some fields need another look: see the messages in red.' : '');

  // Leave once the saved state has rendered, so the unsaved-changes prompt stays quiet.
  useEffect(() => {
    if (saved) void navigate('/documents');
  }, [saved, navigate]);

  const addField = (type: FieldType) => {
    const field = newField(type);
    form.insertListItem('fields', field);
    requestAnimationFrame(() => document.getElementById(`${field.key}-label`)?.focus());
  };

  const submit = form.onSubmit(
    (draft) => {
      setServerError('');
      save.mutate(draft, {
        onSuccess: (result) => {
          notifications.show({ color: 'teal', title: `${result.name} saved`, message: `Version ${result.version} is what sessions get from now on.` });
          setSaved(true);
        },
        onError: (error) => {
          setServerError(applyServerErrors(form, error));
          focusFirstError();
        },
      });
    },
    focusFirstError,
  );

  return (
    <>
      <UnsavedChangesPrompt when={form.isDirty() && !saved} />
      <PageHeader
        title={template ? `Edit ${template.name}` : 'New form'}
        description={
          template
            ? `Version ${template.version}. Saving makes version ${template.version + 1}; sessions that already have this document keep the version they were given.`
            : 'Questions for participants or hosts to answer and sign, before or during a session.'
        }
        actions={
          <>
            <Button variant="default" component={Link} to="/documents">
              Cancel
            </Button>
            <Button type="submit" form={FORM_ID} loading={save.isPending}>
              {template ? 'Save new version' : 'Save form'}
            </Button>
          </>
        }
      />
      {/* The preview is a form of its own: it sits beside this one, never inside it. */}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <form id={FORM_ID} onSubmit={submit} noValidate>
            <Stack gap="md">
              {formError && (
                <Alert color="red" role="alert">
                  {formError}
                </Alert>
              )}
              <Paper withBorder radius="md" p="md">
                <Stack gap="md">
                  <TextInput id="template-name" label="Name" withAsterisk placeholder="e.g. Intake questionnaire" {...form.getInputProps('name')} />
                  <AudienceInput value={values.audience} onChange={(audience) => form.setFieldValue('audience', audience)} error={form.errors.audience} />
                </Stack>
              </Paper>
              <Box>
                <Title order={2} size="h4">
                  Questions
                </Title>
                <Text size="sm" c="dimmed">
                  In the order people answer them.
                </Text>
              </Box>
              {form.errors.fields && (
                <Text c="red" size="sm" role="alert">
                  {form.errors.fields}
                </Text>
              )}
              {values.fields.map((field, index) => (
                <FieldCard key={field.key} form={form} index={index} count={values.fields.length} />
              ))}
              <Menu position="bottom-start" withinPortal>
                <Menu.Target>
                  <Button variant="light" leftSection={<IconPlus size={16} aria-hidden="true" />} rightSection={<IconChevronDown size={14} aria-hidden="true" />} w="fit-content">
                    Add question
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  {FIELD_TYPES.map((type) => {
                    const Icon = FIELD_TYPE_ICONS[type];
                    return (
                      <Menu.Item key={type} leftSection={<Icon size={16} aria-hidden="true" />} onClick={() => addField(type)}>
                        {FIELD_TYPE_LABELS[type]}
                      </Menu.Item>
                    );
                  })}
                </Menu.Dropdown>
              </Menu>
            </Stack>
          </form>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Box pos="sticky" top={72} mah="calc(100vh - 88px)" style={{ overflowY: 'auto' }}>
            <FormPreview fields={body.fields} audience={values.audience} />
          </Box>
        </Grid.Col>
      </Grid>
    </>
  );
}
