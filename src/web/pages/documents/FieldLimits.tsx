import { Group, NumberInput, Select, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { DATE_LIMIT_LABELS, DATE_LIMITS } from '../../../shared/documents';
import type { TemplateDraft } from './template-draft';

export interface FieldLimitsProps {
  readonly form: UseFormReturnType<TemplateDraft>;
  readonly index: number;
}

const DATE_LIMIT_DATA = [{ value: '', label: 'Any date' }, ...DATE_LIMITS.map((limit) => ({ value: limit, label: DATE_LIMIT_LABELS[limit] }))];

/** What a number or date answer may be: a number's range, steps and unit; a date's side of today. */
export function FieldLimits({ form, index }: FieldLimitsProps) {
  const path = `fields.${index}` as const;
  const field = form.getValues().fields[index]!;
  if (field.type === 'date') {
    return (
      <Select
        label="Allowed dates"
        description="A date of birth is today or earlier."
        data={DATE_LIMIT_DATA}
        allowDeselect={false}
        w={{ base: '100%', xs: 260 }}
        comboboxProps={{ withinPortal: true }}
        {...form.getInputProps(`${path}.dateLimit`)}
      />
    );
  }
  if (field.type !== 'number') return null;
  // Never clamped while typing: the template is checked as a whole when saved.
  const number = { clampBehavior: 'none', w: { base: '100%', xs: 110 }, placeholder: 'None' } as const;
  return (
    <Group gap="sm" align="flex-start">
      <NumberInput label="Smallest" {...number} {...form.getInputProps(`${path}.min`)} />
      <NumberInput label="Largest" {...number} {...form.getInputProps(`${path}.max`)} />
      <NumberInput label="Step" {...number} min={0} {...form.getInputProps(`${path}.step`)} />
      <TextInput label="Unit" placeholder="e.g. kg" w={{ base: '100%', xs: 110 }} {...form.getInputProps(`${path}.unit`)} />
    </Group>
  );
}
