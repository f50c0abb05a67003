import { Select, type SelectProps } from '@mantine/core';
import { useMemo, useState } from 'react';
import { timeZoneOption, timeZoneOptions } from '../../lib/time-zones';
import { useOptionsOnFocus } from '../../lib/useOptionsOnFocus';

export type TimeZoneSelectProps = Omit<SelectProps, 'data' | 'searchable'>;

/** A searchable IANA time-zone picker that shows each zone's current UTC offset. */
export function TimeZoneSelect({ label = 'Time zone', onFocus, ...props }: TimeZoneSelectProps) {
  // Labelling ~400 zones with their offsets (an Intl formatter each) took longer than the rest of
  // a staff page's first render: until the picker is first focused (before a key or click can
  // reach its list) it holds the chosen zone alone.
  const [listed, setListed] = useState(false);
  const chosen = props.value ?? props.defaultValue;
  const optionsOnFocus = useOptionsOnFocus((event) => {
    setListed(true);
    onFocus?.(event);
  });
  const data = useMemo(() => (listed ? timeZoneOptions() : chosen ? [timeZoneOption(chosen)] : []), [listed, chosen]);
  return (
    <Select
      label={label}
      data={data}
      searchable
      limit={50}
      nothingFoundMessage="No time zone matches"
      allowDeselect={false}
      {...optionsOnFocus}
      {...props}
    />
  );
}
