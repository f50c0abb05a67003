import { ActionIcon, Button, Group, Input, Stack, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconX } from '@tabler/icons-react';
import { newOption, type TemplateDraft } from './template-draft';

export interface OptionsEditorProps {
  readonly form: UseFormReturnType<TemplateDraft>;
  readonly fieldIndex: number;
  readonly fieldLabel: string;
}

/** The choices of a single- or multiple-choice field, in the order people see them. */
export function OptionsEditor({ form, fieldIndex, fieldLabel }: OptionsEditorProps) {
  const path = `fields.${fieldIndex}.options` as const;
  const options = form.getValues().fields[fieldIndex]?.options ?? [];
  const add = () => {
    form.insertListItem(path, newOption());
    // The new option's input exists after this render.
    requestAnimationFrame(() => document.getElementById(`${path}.${options.length}`)?.focus());
  };
  return (
    <Input.Wrapper label="Options" withAsterisk error={form.errors[path]}>
      <Stack gap="xs" mt={4}>
        {options.map((option, index) => (
          <Group key={option.key} gap="xs" wrap="nowrap" align="flex-start">
            <TextInput
              id={`${path}.${index}`}
              aria-label={`Option ${index + 1} of ${fieldLabel || 'this field'}`}
              placeholder={`Option ${index + 1}`}
              style={{ flex: 1 }}
              {...form.getInputProps(`${path}.${index}.label`)}
              onKeyDown={(event) => {
                // Enter adds the next option, as in any list editor; it never submits the form.
                if (event.key === 'Enter') {
                  event.preventDefault();
                  if (index === options.length - 1) add();
                  else document.getElementById(`${path}.${index + 1}`)?.focus();
                }
              }}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              aria-label={`Remove option ${index + 1}`}
              onClick={() => form.removeListItem(path, index)}
            >
              <IconX size={16} aria-hidden="true" />
            </ActionIcon>
          </Group>
        ))}
        <Button variant="subtle" size="xs" leftSection={<IconPlus size={14} aria-hidden="true" />} onClick={add} style={{ alignSelf: 'flex-start' }}>
          Add option
        </Button>
      </Stack>
    </Input.Wrapper>
  );
}
