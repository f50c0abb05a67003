import { ActionIcon, Group, Paper, Select, Stack, Switch, Text, Textarea, TextInput, Tooltip } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { FIELD_TYPE_LABELS, FIELD_TYPES, type FieldType, isChoice } from '../../../shared/documents';
import { FIELD_TYPE_ICONS } from './field-type-icons';
import { FieldLimits } from './FieldLimits';
import { OptionsEditor } from './OptionsEditor';
import { newOption, type TemplateDraft } from './template-draft';

const TYPE_DATA = FIELD_TYPES.map((type) => ({ value: type, label: FIELD_TYPE_LABELS[type] }));

export interface FieldCardProps {
  readonly form: UseFormReturnType<TemplateDraft>;
  readonly index: number;
  readonly count: number;
}

/** One question of a form: its type, wording, help, whether it must be answered, its options. */
export function FieldCard({ form, index, count }: FieldCardProps) {
  const field = form.getValues().fields[index]!;
  const path = `fields.${index}` as const;
  const name = field.label.trim() || `field ${index + 1}`;
  const TypeIcon = FIELD_TYPE_ICONS[field.type];
  const move = (to: number) => {
    form.reorderListItem('fields', { from: index, to });
    // Keep the keyboard where it was: on the same button of the moved field.
    requestAnimationFrame(() => document.getElementById(`${form.getValues().fields[to]?.key}-${to > index ? 'down' : 'up'}`)?.focus());
  };
  const changeType = (type: FieldType) => {
    form.setFieldValue(`${path}.type`, type);
    if (isChoice(type) && field.options.length === 0) form.setFieldValue(`${path}.options`, [newOption(), newOption()]);
  };

  return (
    <Paper withBorder radius="md" p="md" component="fieldset" aria-label={`Field ${index + 1}: ${name}`} style={{ margin: 0, minWidth: 0 }}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" c="dimmed" fw={600} w={20} ta="right">
              {index + 1}
            </Text>
            <Select
              aria-label={`Type of ${name}`}
              data={TYPE_DATA}
              value={field.type}
              onChange={(value) => value && changeType(value as FieldType)}
              allowDeselect={false}
              leftSection={<TypeIcon size={16} aria-hidden="true" />}
              w={190}
              comboboxProps={{ withinPortal: true }}
            />
          </Group>
          <Group gap={4} wrap="nowrap">
            <Tooltip label="Move up">
              <ActionIcon id={`${field.key}-up`} variant="subtle" color="gray" aria-label={`Move ${name} up`} disabled={index === 0} onClick={() => move(index - 1)}>
                <IconArrowUp size={16} aria-hidden="true" />
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Move down">
              <ActionIcon
                id={`${field.key}-down`}
                variant="subtle"
                color="gray"
                aria-label={`Move ${name} down`}
                disabled={index === count - 1}
                onClick={() => move(index + 1)}
              >
                <IconArrowDown size={16} aria-hidden="true" />
              </ActionIcon>
            </Tooltip>
            <Tooltip label="Remove">
              <ActionIcon variant="subtle" color="red" aria-label={`Remove ${name}`} onClick={() => form.removeListItem('fields', index)}>
                <IconTrash size={16} aria-hidden="true" />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Group>
        <TextInput id={`${field.key}-label`} label="Question" withAsterisk placeholder="What the person is asked" {...form.getInputProps(`${path}.label`)} />
        <Textarea label="Help text" placeholder="Optional: shown under the question" autosize minRows={1} maxRows={4} {...form.getInputProps(`${path}.help`)} />
        {isChoice(field.type) && <OptionsEditor form={form} fieldIndex={index} fieldLabel={field.label.trim()} />}
        <FieldLimits form={form} index={index} />
        <Switch label="Answer required" {...form.getInputProps(`${path}.required`, { type: 'checkbox' })} />
      </Stack>
    </Paper>
  );
}
