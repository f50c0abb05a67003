import { Checkbox, Group, NumberInput, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { memo } from 'react';
import type { DocumentField } from '../../../shared/documents';
import { SignaturePad } from '../SignaturePad/SignaturePad';
import { DateAnswerInput } from './DateAnswerInput';

export interface FieldInputProps {
  readonly field: DocumentField;
  readonly value: unknown;
  readonly onAnswer: (fieldId: string, value: unknown) => void;
  readonly error?: string | undefined;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The control for one field; md size so phones do not zoom into a 14 px input. */
export const FieldInput = memo(function FieldInput({ field, value, onAnswer, error }: FieldInputProps) {
  const onChange = (next: unknown) => onAnswer(field.id, next);
  const common = { label: field.label, description: field.help, withAsterisk: field.required, error, size: 'md' } as const;
  const options = field.options ?? [];

  switch (field.type) {
    case 'short_text':
      return <TextInput {...common} value={text(value)} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'long_text':
      return <Textarea {...common} autosize minRows={3} maxRows={12} value={text(value)} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'yes_no':
      // No default: unanswered until the person chooses.
      return (
        <Radio.Group {...common} value={value === true ? 'yes' : value === false ? 'no' : null} onChange={(v) => onChange(v === 'yes')}>
          <Group gap="xl" mt={6}>
            <Radio value="yes" label="Yes" size="md" />
            <Radio value="no" label="No" size="md" />
          </Group>
        </Radio.Group>
      );
    case 'single_choice':
      return (
        <Radio.Group {...common} value={typeof value === 'string' ? value : null} onChange={onChange}>
          <Stack gap="sm" mt={6}>
            {options.map((o) => (
              <Radio key={o.value} value={o.value} label={o.label} size="md" />
            ))}
          </Stack>
        </Radio.Group>
      );
    case 'multiple_choice':
      return (
        <Checkbox.Group {...common} value={Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []} onChange={onChange}>
          <Stack gap="sm" mt={6}>
            {options.map((o) => (
              <Checkbox key={o.value} value={o.value} label={o.label} size="md" />
            ))}
          </Stack>
        </Checkbox.Group>
      );
    case 'date':
      return <DateAnswerInput label={field.label} help={field.help} required={field.required} limit={field.dateLimit} value={text(value)} onChange={onChange} error={error} />;
    case 'number':
      // Never clamped: a number outside the range stays as typed and its message says why.
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' || typeof value === 'string' ? value : ''}
          onChange={onChange}
          inputMode="decimal"
          min={field.min}
          max={field.max}
          step={field.step}
          clampBehavior="none"
          rightSection={field.unit ? <Text c="dimmed">{field.unit}</Text> : undefined}
          rightSectionWidth={field.unit ? Math.max(40, 12 + field.unit.length * 9) : undefined}
          rightSectionPointerEvents="none"
          hideControls={!!field.unit}
        />
      );
    case 'signature':
      return <SignaturePad label={field.label} description={field.help} required={field.required} error={error} value={text(value)} onChange={onChange} />;
  }
});
