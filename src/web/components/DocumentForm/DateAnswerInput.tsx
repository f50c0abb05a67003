import { DateInput } from '@mantine/dates';
import dayjs from 'dayjs';
import { useState } from 'react';
import { type DateLimit } from '../../../shared/documents';
import { formatCalendarDate } from '../../../shared/format';
import { dayMonthOrder, localMonthNames, parseTypedDate } from '../../../shared/typed-date';

export interface DateAnswerInputProps {
  readonly label: string;
  readonly help?: string | undefined;
  readonly required: boolean;
  readonly limit?: DateLimit | undefined;
  /** `YYYY-MM-DD`, or '' when unanswered. */
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error?: string | undefined;
}

const LOCALE = typeof navigator === 'undefined' ? undefined : navigator.language;
const ORDER = dayMonthOrder(LOCALE);
const MONTH_NAMES = localMonthNames(LOCALE);
const EXAMPLE = ORDER === 'MD' ? '3/5/1985 or March 5, 1985' : '5/3/1985 or 5 March 1985';
/** A date of birth is usually decades back: the calendar opens on years, about thirty back. */
const YEARS_BACK = 30;

/**
 * A date typed (in the person's locale's order) or picked. What was understood is said under the
 * field; what cannot be read is said too, never silently dropped. Limited days are greyed out in
 * the calendar, and a typed one gets its message at once.
 */
export function DateAnswerInput({ label, help, required, limit, value, onChange, error }: DateAnswerInputProps) {
  const [unreadable, setUnreadable] = useState('');
  const today = dayjs().format('YYYY-MM-DD');
  const parse = (text: string) => parseTypedDate(text, { order: ORDER, today, ahead: limit === 'future', monthNames: MONTH_NAMES });
  const understood = value ? `Understood as ${formatCalendarDate(value, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' })}` : '';
  const description = [help, understood || `Type it (e.g. ${EXAMPLE}) or pick it`].filter(Boolean).join(' · ');

  return (
    <DateInput
      label={label}
      description={description}
      withAsterisk={required}
      size="md"
      placeholder={EXAMPLE}
      valueFormat="MMMM D, YYYY"
      clearable={!required}
      value={value || null}
      onChange={(next) => {
        setUnreadable('');
        onChange(next ?? '');
      }}
      dateParser={parse}
      onBlur={(event) => {
        const typed = event.currentTarget.value.trim();
        if (typed && !parse(typed)) {
          setUnreadable(`“${typed}” is not a date we can read: type it like ${EXAMPLE}`);
          onChange('');
        }
      }}
      error={unreadable || error}
      excludeDate={(day) => (limit === 'past' ? day > today : limit === 'future' ? day < today : false)}
      defaultLevel={limit === 'past' && !value ? 'decade' : 'month'}
      defaultDate={limit === 'past' && !value ? dayjs().subtract(YEARS_BACK, 'year').format('YYYY-MM-DD') : undefined}
    />
  );
}
