import {
  IconAlignLeft,
  IconCalendar,
  IconCircleDot,
  IconForms,
  IconNumber,
  IconSignature,
  IconSquareCheck,
  IconToggleLeft,
  type Icon,
} from '@tabler/icons-react';
import type { FieldType } from '../../../shared/documents';

export const FIELD_TYPE_ICONS: Record<FieldType, Icon> = {
  short_text: IconForms,
  long_text: IconAlignLeft,
  yes_no: IconToggleLeft,
  single_choice: IconCircleDot,
  multiple_choice: IconSquareCheck,
  date: IconCalendar,
  number: IconNumber,
  signature: IconSignature,
};
