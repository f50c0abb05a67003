import { Select, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { timeZoneOptions } from '../../lib/time-zones';

export type TimeZoneSelectProps = Omit<SelectProps, 'data' | 'searchable'>;

/** A searchable IANA time-zone picker that shows each zone's current UTC offset. */
export function TimeZoneSelect({ label = 'Time zone', ...props }: TimeZoneSelectProps) {
  const data = useMemo(() => timeZoneOptions(), []);
  return (
    <Select
      label={label}
      data={data}
      searchable
      limit={50}
      nothingFoundMessage="No time zone matches"
      allowDeselect={false}
      {...props}
    />
  );
}
