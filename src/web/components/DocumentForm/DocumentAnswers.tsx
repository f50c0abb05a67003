import { Box, Image, Stack, Text } from '@mantine/core';
import { type Answers, type DocumentField, isDrawnSignature, withUnit } from '../../../shared/documents';
import { formatCalendarDate } from '../../../shared/format';
import { isEmptyAnswer } from './answers';

export interface DocumentAnswersProps {
  readonly fields: readonly DocumentField[];
  readonly answers: Answers;
  /** Who signed, for the drawn signature's alternative text. */
  readonly signerName?: string | undefined;
}

/** A completed document as text: every question with its answer, never as markup. */
export function DocumentAnswers({ fields, answers, signerName }: DocumentAnswersProps) {
  return (
    <Stack component="dl" gap="md" m={0}>
      {fields.map((field) => (
        <div key={field.id}>
          <Text component="dt" size="sm" c="dimmed">
            {field.label}
          </Text>
          <Box component="dd" m={0}>
            <Answer field={field} value={answers[field.id]} signerName={signerName} />
          </Box>
        </div>
      ))}
    </Stack>
  );
}

const optionLabel = (field: DocumentField, value: unknown) => field.options?.find((o) => o.value === value)?.label ?? String(value);
const isDate = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);

function Answer({ field, value, signerName }: { readonly field: DocumentField; readonly value: unknown; readonly signerName?: string | undefined }) {
  if (isEmptyAnswer(value)) {
    return (
      <Text c="dimmed" fs="italic">
        Not answered
      </Text>
    );
  }
  if (field.type === 'signature' && typeof value === 'string' && isDrawnSignature(value)) {
    return <Image src={value} alt={`Signature of ${signerName ?? 'the signer'}`} h={80} w="auto" fit="contain" bg="white" radius="sm" />;
  }
  return (
    <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} fs={field.type === 'signature' ? 'italic' : undefined}>
      {answerText(field, value)}
    </Text>
  );
}

/** The answer in words: Yes/No, the options' labels, a written date. */
export function answerText(field: DocumentField, value: unknown): string {
  switch (field.type) {
    case 'yes_no':
      return value === true ? 'Yes' : value === false ? 'No' : String(value);
    case 'single_choice':
      return optionLabel(field, value);
    case 'multiple_choice':
      return Array.isArray(value) ? value.map((v) => optionLabel(field, v)).join(', ') : optionLabel(field, value);
    case 'date':
      return isDate(value) ? formatCalendarDate(value, { year: 'numeric', month: 'long', day: 'numeric' }) : String(value);
    case 'number':
      return typeof value === 'number' ? withUnit(value, field.unit) : String(value);
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}
